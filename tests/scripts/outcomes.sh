#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Trial results stored with a work: a PubMed record with results in its
# abstract is indexed, `ckb show` prints each item with its sentence and the
# JSON record carries the outcomes object with offsets into the abstract.
# Usage: outcomes.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
source "$(dirname "$0")/lib/checks.sh"

cat >"$T/trial.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<PubmedArticleSet>
  <PubmedArticle>
    <MedlineCitation Status="MEDLINE" Owner="NLM">
      <PMID Version="1">99000001</PMID>
      <Article PubModel="Print">
        <Journal><JournalIssue><Volume>1</Volume><PubDate><Year>2024</Year></PubDate></JournalIssue>
          <Title>Test journal of oncology</Title></Journal>
        <ArticleTitle>Drug A versus drug B in advanced gastric cancer: a randomised phase 3 trial.</ArticleTitle>
        <Abstract><AbstractText>A total of 412 patients were randomly assigned to drug A (n = 206) or drug B (n = 206). Median progression-free survival was 7.2 months (95% CI 6.1-8.3) versus 5.1 months (hazard ratio 0.72; 95% CI 0.60-0.86; P &lt; .001). The objective response rate was 42% with drug A and 28% with drug B. Grade 3 neutropenia occurred in 31% of patients.</AbstractText></Abstract>
        <Language>eng</Language>
      </Article>
    </MedlineCitation>
  </PubmedArticle>
</PubmedArticleSet>
XML

"$CKB" index "$T/trial.xml" --db "$T/db" -q 2>"$T/index.err"
check "indexed" "[[ -d $T/db ]]"
"$CKB" show pmid:99000001 --db "$T/db" >"$T/show.txt"
check "show exit 0" "[[ $? -eq 0 ]]"
check "show prints the effect" "grep -q 'effect      HR 0.72 (95% CI 0.6 to 0.86) P<.001 \[PFS\]' $T/show.txt"
check "show prints the sentence" "grep -q 'abstract: \"Median progression-free survival was 7.2 months' $T/show.txt"
check "show prints the median" "grep -q 'median      7.2 months (CI 6.1 to 8.3) \[PFS\]' $T/show.txt"
check "show prints n_total" "grep -q 'n_total     412' $T/show.txt"
check "no adverse-event rate" "! grep -q 'rate        31%' $T/show.txt"
"$CKB" show pmid:99000001 --db "$T/db" --format json >"$T/show.json"
if $PY - "$T/show.json" <<'PYEOF'; then ok; else bad "outcomes json"; fi
import json, sys
doc = json.load(open(sys.argv[1]))
w = doc[0] if isinstance(doc, list) else doc
o = w["outcomes"]
e = o["effects"][0]
assert (e["measure"], e["value"], e["ci_low"], e["ci_high"], e["ci_level"], e["p"]) == \
    ("HR", 0.72, 0.6, 0.86, 95, "P<.001"), e
text = w["abstract"].encode()
off = e["offsets"]
assert text[off["begin"]:off["end"]].decode().startswith("hazard ratio 0.72"), off
assert [m["value"] for m in o["medians"]] == [7.2, 5.1], o["medians"]
assert [r["value"] for r in o["rates"]] == [42, 28], o["rates"]
assert o["n_total"] == 412 and [a["n"] for a in o["arms"]] == [206, 206], o
PYEOF

# The review table's results columns, in every format.
COLS=citation,hr,median_pfs,median_os,orr,arms,n_total,outcomes
echo pmid:99000001 | "$CKB" table - --db "$T/db" --columns $COLS --format json >"$T/table.json"
check "table json exit 0" "[[ $? -eq 0 ]]"
if $PY - "$T/table.json" <<'PYEOF'; then ok; else bad "table json cells"; fi
import json, sys
row = json.load(open(sys.argv[1]))[0]
assert row["hr"] == ["HR 0.72 (95% CI 0.6\u20130.86) P<.001 PFS"], row["hr"]
assert row["median_pfs"] == ["7.2 months (6.1\u20138.3)", "5.1 months"], row["median_pfs"]
assert row["median_os"] == [], row["median_os"]
assert row["orr"] == ["42%", "28%"], row["orr"]
assert row["arms"] == ["drug A (n=206)", "drug B (n=206)"], row["arms"]
assert row["n_total"] == 412, row
o = row["outcomes"]
assert set(o) == {"effects", "medians", "rates", "n_total", "arms"}, o.keys()
e = o["effects"][0]
for k in ("measure", "value", "ci_low", "ci_high", "ci_level", "p", "endpoint", "arm", "comparator", "subgroup"):
    assert k in e, k
assert "offsets" not in e
PYEOF
for f in table md csv tsv html; do
  echo pmid:99000001 | "$CKB" table - --db "$T/db" --columns $COLS --format $f >"$T/table.$f"
  check "table $f exit 0" "[[ $? -eq 0 ]]"
  check "table $f has the hazard ratio" "grep -q 'HR 0.72' $T/table.$f"
  check "table $f has the summary" "grep -q 'ORR 42%, 28%; n=412' $T/table.$f"
done

# The forest plot of the table's hazard ratios in the HTML page.
check "html forest plot" "grep -q '<figure class=\"forest\">' $T/table.html && grep -q 'Hazard ratios for PFS' $T/table.html"

# Search by a reported effect.
"$CKB" search 'hr:pfs<0.8' --db "$T/db" --ids >"$T/hr1.txt"
check "hr:pfs<0.8 finds the work" "[[ \$(wc -l <$T/hr1.txt) -eq 1 ]]"
"$CKB" search 'hr:pfs<=0.72 AND gastric' --db "$T/db" --ids >"$T/hr2.txt"
check "hr:pfs<=0.72 is inclusive" "[[ \$(wc -l <$T/hr2.txt) -eq 1 ]]"
"$CKB" search 'hr:pfs<0.72' --db "$T/db" --ids >"$T/hr3.txt"
check "hr:pfs<0.72 is strict" "[[ $? -eq 1 && ! -s $T/hr3.txt ]]"
"$CKB" search 'hr:os<0.9' --db "$T/db" --ids >"$T/hr4.txt"
check "no OS hazard ratio" "[[ $? -eq 1 && ! -s $T/hr4.txt ]]"
"$CKB" search 'hr:any>0.7' --db "$T/db" --ids >"$T/hr5.txt"
check "hr:any>0.7" "[[ \$(wc -l <$T/hr5.txt) -eq 1 ]]"
"$CKB" search 'hr:os<abc' --db "$T/db" --ids >/dev/null 2>"$T/hr6.err"
check "malformed filter exit 2" "[[ $? -eq 2 ]] && grep -q 'hr:ENDPOINT<VALUE' $T/hr6.err"

# Results a registration posts: `ckb trial` prints the arms, planned outcomes
# and posted results; the registration's work carries them as outcomes.
CT=$ROOT/../shared/corpus/ctgov-api-v2-json/NCT02552212.json
if [[ -f $CT ]]; then
  "$CKB" index "$CT" --db "$T/reg" -q 2>/dev/null
  "$CKB" trial NCT02552212 --db "$T/reg" >"$T/trial.txt" 2>&1
  check "trial shows arms" "grep -q 'arm: *EXPERIMENTAL: Certolizumab Pegol 200 mg Q2W' $T/trial.txt"
  check "trial shows planned outcomes" "grep -q 'outcome: *primary: Percentage of Subjects' $T/trial.txt"
  check "trial shows posted results" "grep -q 'posted results (30 outcome measures)' $T/trial.txt"
  check "trial shows an analysis" "grep -q 'analysis: Odds Ratio (OR) 15.231 (95% CI 7.336 to 31.623) p <0.001' $T/trial.txt"
  "$CKB" table NCT02552212 --db "$T/reg" --columns citation,outcomes --format json >"$T/reg.json" 2>/dev/null
  check "registry results in the table" "grep -q '\"value\": 15.231' $T/reg.json && grep -q '\"source\": \"registry\"' $T/reg.json"
  "$CKB" show NCT02552212 --db "$T/reg" --format json >"$T/reg_show.json" 2>/dev/null
  check "trial JSON has results" "$PY -c 'import json,sys; d=json.load(open(\"$T/reg_show.json\")); d=d[0] if isinstance(d,list) else d; sys.exit(0 if len(d[\"results\"])==30 and len(d[\"arms\"])==2 else 1)'"
fi

echo "outcomes: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
