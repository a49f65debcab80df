#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Review tables, evidence maps, trials and citation export on the seed
# review, checked through the CLI and real consumers (bibutils, pandoc,
# the CSL-JSON schema), plus an export/re-import round trip.
# Usage: tables_export.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=$T/db
PY=/usr/bin/python3
source "$(dirname "$0")/lib/checks.sh"
REVIEW=doi:10.3760/cma.j.cn371439-20250225-00007

"$CKB" index "$ROOT/corpus/her2-ultralow-review.txt" --db "$DB" -q 2>/dev/null
check "seed indexed" "[[ -d $DB ]]"

# The review's reference list as a table: 26 rows in order, cells filled.
"$CKB" table --cited-by $REVIEW --db "$DB" --format json \
  --columns ref,citation,title,design,phase,n,drugs,biomarkers,trials >"$T/table.json"
check "table json exit 0" "[[ $? -eq 0 ]]"
if $PY - "$T/table.json" <<'PYEOF'; then ok; else bad "seed table cells"; fi
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 26, len(rows)
assert [r["ref"] for r in rows] == list(range(1, 27)), [r["ref"] for r in rows]
def row(n): return rows[n - 1]
assert row(2)["citation"] == "Modi et al., 2022", row(2)
assert "trastuzumab deruxtecan" in row(2)["drugs"]
assert "HER2-low" in row(2)["biomarkers"]
assert row(3)["phase"] == ["2"] and "single-arm" in row(3)["design"], row(3)
assert row(4)["trials"] == ["NCT03248492 (DESTINY-Breast01)"], row(4)
assert row(5)["citation"].startswith("朱军") and row(5)["title"] == "HER2低表达乳腺癌的靶向治疗研究进展", row(5)
assert row(15)["phase"] == ["1b"], row(15)
assert row(18)["trials"] == ["NCT05633979"] and "valemetostat" in row(18)["drugs"], row(18)
assert set(row(18)["biomarkers"]) >= {"HER2-low", "HER2-ultralow", "HER2-null"}, row(18)
assert row(19)["trials"] == ["NCT05824325 (GALAXY)"], row(19)
assert row(20)["n"] == 1363, row(20)
PYEOF

# Text formats: CSV has one header and 26 records; Markdown and HTML escape.
"$CKB" table --cited-by $REVIEW --db "$DB" --format csv --bom >"$T/table.csv"
check "csv: BOM, header + 26 records" "$PY -c '
import csv,sys
data=open(sys.argv[1],encoding=\"utf-8\").read()
assert data.startswith(\"\ufeff\")
rows=list(csv.reader(data[1:].splitlines()))
assert rows[0]==[\"citation\",\"title\",\"design\",\"phase\",\"n\",\"drugs\",\"biomarkers\",\"trials\"], rows[0]
assert len(rows)==27, len(rows)
' $T/table.csv"
"$CKB" table --cited-by $REVIEW --db "$DB" --format tsv >"$T/table.tsv"
check "tsv: 27 lines" "[[ \$(wc -l <$T/table.tsv) -eq 27 ]]"
"$CKB" table --cited-by $REVIEW --db "$DB" --format md >"$T/table.md"
check "md: header rule and 26 rows" "[[ \$(grep -c '^| ' $T/table.md) -eq 28 ]]"
"$CKB" table --cited-by $REVIEW --db "$DB" --format html >"$T/table.html"
check "html: page, escaped, timeline svg" "grep -q '<!DOCTYPE html>' $T/table.html && grep -q '<svg' $T/table.html && grep -q 'Trastuzumab deruxtecan' $T/table.html"
COLUMNS=60 "$CKB" table --cited-by $REVIEW --db "$DB" --format table --width 60 >"$T/table.txt"
check "terminal table fits 60 columns" "$PY -c '
import sys,unicodedata
for l in open(sys.argv[1],encoding=\"utf-8\"):
    w=sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in l.rstrip(\"\n\"))
    assert w<=60,(w,l)
' $T/table.txt"
"$CKB" table --cited-by $REVIEW --db "$DB" --format csv --group-by drug --columns ref,title >"$T/group.csv"
check "group-by drug: first column is the group" "head -1 $T/group.csv | grep -q '^drug,ref,title' && grep -q '^valemetostat,18,' $T/group.csv"
"$CKB" refs $REVIEW --db "$DB" --format json | $PY -c 'import json,sys; [print(r["work_id"]) for r in json.load(sys.stdin)["references"][:3]]' >"$T/ids.txt"
"$CKB" table - --db "$DB" --format tsv --columns title <"$T/ids.txt" >"$T/stdin.tsv"
check "table - reads ids from stdin" "[[ \$(wc -l <$T/stdin.tsv) -eq 4 ]] && grep -q 'Global cancer statistics' $T/stdin.tsv"

# Evidence map.
"$CKB" map --rows biomarker --cols drug --cited-by $REVIEW --db "$DB" --format csv >"$T/map.csv"
check "map csv counts" "grep -q '^HER2-low,3,1,3' $T/map.csv && head -1 $T/map.csv | grep -q '^biomarker,trastuzumab deruxtecan,valemetostat,works'"
"$CKB" map --rows biomarker --cols drug --cited-by $REVIEW --db "$DB" --format html >"$T/map.html"
check "map html: details and anchors" "grep -q '<details><summary>3 (1)</summary>' $T/map.html && grep -q 'href=\"#w2\"' $T/map.html && grep -q 'id=\"w2\"' $T/map.html && grep -q '<svg' $T/map.html"

# Trials.
"$CKB" trials --db "$DB" --drug T-DXd --format json >"$T/trials.json"
check "trials --drug T-DXd (synonym)" "grep -q NCT05633979 $T/trials.json && ! grep -q NCT05824325 $T/trials.json"
"$CKB" trials --db "$DB" --biomarker HER2-ultralow --format tsv >"$T/trials.tsv"
check "trials --biomarker HER2-ultralow" "grep -q NCT05824325 $T/trials.tsv && grep -q NCT05633979 $T/trials.tsv"
"$CKB" trials --db "$DB" --phase Ib --format tsv | grep -q NCT05633979
check "trials --phase Ib" "[[ $? -eq 0 ]]"

# A phase 2/3 trial is a phase 3 trial (and a phase 2 one); --phase 2/3 is exact.
LX=$ROOT/../shared/corpus/ctgov-legacy-xml/aact-fixtures
if [[ -d $LX ]]; then
  "$CKB" index "$LX" --db "$T/lx" -q 2>/dev/null
  p3=$("$CKB" trials --db "$T/lx" --phase 3 --format tsv --no-header | wc -l)
  p23=$("$CKB" trials --db "$T/lx" --phase 2/3 --format tsv --no-header | wc -l)
  "$CKB" trials --db "$T/lx" --phase 3 --format tsv >"$T/lx3.tsv"
  check "--phase 3 includes the phase 2/3 trial NCT01534533" "grep -q NCT01534533 $T/lx3.tsv"
  "$CKB" trials --db "$T/lx" --phase 2 --format tsv >"$T/lx2.tsv"
  check "--phase 2 includes it too" "grep -q NCT01534533 $T/lx2.tsv"
  check "--phase 2/3 is exact ($p23 of $p3)" "[[ $p23 -ge 1 && $p23 -lt $p3 ]]"
fi
"$CKB" trial GALAXY --db "$DB" --format json >"$T/trial.json"
check "trial by acronym: roles cites and mentions" "grep -q '\"role\": \"cites\"' $T/trial.json && grep -q '\"role\": \"mentions\"' $T/trial.json"

# Export in four formats, read by real consumers.
for f in ris bibtex csljson nbib; do
  "$CKB" export --cited-by $REVIEW --db "$DB" --format $f -q >"$T/refs.$f"
  check "export $f exit 0" "[[ $? -eq 0 && -s $T/refs.$f ]]"
done
cp "$T/refs.csljson" "$T/refs.json"
cp "$T/refs.bibtex" "$T/refs.bib"
check "nbib trial id" "grep -q '^SI  - ClinicalTrials.gov/NCT05633979' $T/refs.nbib"
check "ris trial id" "grep -q '^N1  - ClinicalTrials.gov: NCT05633979' $T/refs.ris"
check "ris Chinese title" "grep -q '^TI  - 乳腺癌HER2检测指南(2024版)' $T/refs.ris"
check "CSL-JSON valid against schemas/csl-data.json" "$PY -c '
import json,sys,jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
' $T/refs.json $ROOT/schemas/csl-data.json"
if command -v ris2xml >/dev/null && command -v bib2xml >/dev/null; then
  check "ris2xml reads 26 references" "[[ \$(ris2xml $T/refs.ris 2>/dev/null | grep -c '<mods ') -eq 26 ]]"
  check "bib2xml reads 26 references" "[[ \$(bib2xml $T/refs.bib 2>/dev/null | grep -c '<mods ') -eq 26 ]]"
else
  echo "skip: bibutils not installed (scripts/install-deps)" >&2
fi
if command -v pandoc >/dev/null; then
  printf -- '---\nnocite: "@*"\n---\n' >"$T/doc.md"
  for b in refs.json refs.bib; do
    pandoc --citeproc --bibliography="$T/$b" -t plain --wrap=none "$T/doc.md" >"$T/render.$b.txt" 2>"$T/render.err"
    check "pandoc renders $b" "$PY -c '
import sys
out=open(sys.argv[1],encoding=\"utf-8\").read().lower()
for t in [\"trastuzumab deruxtecan in previously treated her2-low advanced breast cancer\",
          \"global cancer statistics 2022\", \"乳腺癌her2检测指南\", \"different targeted antibody-drug conjugates\"]:
    assert t in out, t
assert out.count(\"\\n\\n\")>=25
' $T/render.$b.txt"
  done
else
  echo "skip: pandoc not installed (scripts/install-deps)" >&2
fi

# Round trip: each export re-indexed into a fresh base gives the same works
# with the same fields. MEDLINE records need a PMID (PubMed's own id), so the
# MEDLINE reader skips the exported works that have none; the .nbib round trip
# covers the works with a PMID.
for f in ris bibtex nbib; do
  ext=$f; [[ $f == bibtex ]] && ext=bib
  cp "$T/refs.$f" "$T/rt.$ext"
  "$CKB" index "$T/rt.$ext" --db "$T/db-$f" -q 2>"$T/rt-$f.err"
  "$CKB" search year:1000..3000 --db "$T/db-$f" --ids --limit 1000 | "$CKB" export - --db "$T/db-$f" --format csljson -q >"$T/rt-$f.json" 2>>"$T/rt-$f.err"
  check "round trip $f: same works, same fields" "$PY - $T/refs.json $T/rt-$f.json $f <<'PYEOF'
import json, sys
# Works are matched by DOI, else by title and year: a fresh base may give a
# work without DOI another id (BibTeX entry keys become source ids).
def key(x):
    return x.get('DOI') or (x.get('title'), x.get('issued', {}).get('date-parts', [[None]])[0][0])
a = {key(x): x for x in json.load(open(sys.argv[1]))}
if sys.argv[3] == 'nbib':
    a = {k: x for k, x in a.items() if x.get('PMID')}
    assert a, 'no work with a PMID'
b = {key(x): x for x in json.load(open(sys.argv[2]))}
missing = sorted(map(str, set(a) - set(b)))
assert not missing, ('works lost', missing)
fields = ['title', 'container-title', 'volume', 'issue', 'page', 'DOI', 'PMID', 'author', 'note', 'URL', 'language']
bad = []
for k, x in a.items():
    y = b[k]
    for f in fields:
        if x.get(f) != y.get(f):
            bad.append((k, f, x.get(f), y.get(f)))
    if x.get('issued', {}).get('date-parts', [[None]])[0][0] != y.get('issued', {}).get('date-parts', [[None]])[0][0]:
        bad.append((k, 'year'))
assert not bad, bad[:5]
PYEOF"
done

echo "$PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
