#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped lexicons as a user meets them, with no environment variables:
# search fields resolve every synonym a shipped vocabulary knows (a
# development code, a gene alias, a disease abbreviation) and a disease
# takes in its Disease Ontology subtypes.
# Usage: knowledge_search.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset CKB_LEXICONS
PASS=0
FAIL=0
count() { "$CKB" --db "$T/db" -q search --count "$1" 2>/dev/null; }
expect() {  # query, expected count
  local got
  got=$(count "$1")
  if [[ "$got" == "$2" ]]; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); echo "FAIL: $1: $got results, expected $2" >&2; fi
}
cat > "$T/docs.jsonl" <<'J'
{"id": "k1", "title": "Osimertinib in untreated EGFR-mutated non-small cell lung cancer", "abstract": ""}
{"id": "k2", "title": "Crizotinib in ROS1-positive lung adenocarcinoma", "abstract": ""}
{"id": "k3", "title": "Trastuzumab with chemotherapy in HER2-positive gastric cancer", "abstract": ""}
{"id": "k4", "title": "Pembrolizumab in MSI-high colorectal cancer", "abstract": ""}
{"id": "k5", "title": "Venetoclax and azacitidine in acute myeloid leukemia", "abstract": ""}
{"id": "k6", "title": "The cat sat on the mat", "abstract": ""}
{"id": "k7", "title": "Osimertinib in EGFR L858R or exon 19 deletion lung cancer", "abstract": "Patients with PD-L1 TPS ≥50% were a subgroup."}
{"id": "k8", "title": "Sotorasib in KRAS G12C-mutated colorectal cancer", "abstract": "KRAS wild-type tumours were excluded; dMMR and MSS were recorded."}
{"id": "k9", "title": "Pembrolizumab by PD-L1 expression", "abstract": "PD-L1 tumour proportion score of at least 50% or 1% to 49%."}
J
"$CKB" --db "$T/db" -q index "$T/docs.jsonl" || { echo "FAIL: index" >&2; exit 1; }
expect drug:AZD9291 2          # a code from the registry-mined codes
expect drug:osimertinib 2
expect drug:MK-3475 2
expect drug:Keytruda 2         # a brand of the curated lexicon
expect gene:HER2 1             # NCBI alias of ERBB2
expect gene:ERBB2 1
expect gene:ROS1 1
expect disease:NSCLC 2         # NSCLC and its subtype lung adenocarcinoma
expect 'disease:"lung cancer"' 3
expect disease:leukemia 1      # acute myeloid leukemia is a leukemia
expect 'disease:"gastric cancer"' 1
expect gene:CAT 0              # "cat" is not the gene
expect biomarker:EGFR-L858R 1  # an alteration stated after the gene
expect biomarker:EGFR-exon19del 1
expect biomarker:EGFR-mutation 2   # "EGFR-mutated" and the named variants
expect biomarker:KRAS-G12C 1
expect biomarker:KRAS-wild-type 1
expect 'biomarker:PD-L1>=50%' 2    # "TPS ≥50%", "score of at least 50%"
expect biomarker:PD-L1-1-49% 1
expect biomarker:MSI-high 1
expect biomarker:MSI-stable 1
expect biomarker:MMR-deficient 1
echo "$PASS passed, $FAIL failed"
((FAIL == 0))
