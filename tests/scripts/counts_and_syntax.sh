#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Numbers a reviewer copies, on real stores built from corpus/: exact counts
# (--count, --ids, export, table agree), caps stated on stderr, the index
# summary and `ckb stats` in the same words, the dedup report, PubMed tags
# that are refused rather than dropped, and suggestions for typos.
# Usage: counts_and_syntax.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=$T/db
source "$(dirname "$0")/lib/checks.sh"
PY=/usr/bin/python3

"$CKB" index "$ROOT/corpus" --db "$DB" 2>"$T/index.err"
check "index exits 0" "[[ $? -eq 0 ]]"
# The summary's totals are the numbers `ckb stats` prints, in its words.
summary=$(grep '^ckb: knowledge base: ' "$T/index.err" | sed 's/^ckb: knowledge base: //')
stats=$("$CKB" stats --db "$DB" --format json | $PY -c 'import json,sys; d=json.load(sys.stdin); print("%d documents, %d works, %d citations, %d trials" % (d["documents"], d["works"], d["citations"], d["trials"]))')
check "index summary = stats ($summary | $stats)" "[[ -n \"$summary\" && \"$summary\" == \"$stats\" ]]"

# --count is exact and agrees with --ids into a pipe (every match) and the export.
for q in HER2 trastuzumab 'breast cancer[tiab]' 'drug:T-DXd'; do
  n=$("$CKB" search "$q" --db "$DB" --count)
  ids=$("$CKB" search "$q" --db "$DB" --ids 2>"$T/ids.err" | wc -l)
  ris=$("$CKB" export "$q" --db "$DB" --format ris -q 2>/dev/null | grep -c '^TY  - ')
  json=$("$CKB" search "$q" --db "$DB" --format json --limit 1 | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["total"] if d["total_exact"] else -1)')
  check "$q: --count $n = --ids $ids = export $ris" "[[ $n -gt 2 && $n -eq $ids && $n -eq $ris ]]"
  check "$q: no cap message into a pipe" "[[ ! -s $T/ids.err ]]"
  check "$q: json total exact or said to be an estimate ($json)" "[[ $json -eq $n || $json -eq -1 ]]"
done
n=$("$CKB" search HER2 --db "$DB" --count)
"$CKB" search HER2 --db "$DB" --ids --limit 2 >"$T/two" 2>"$T/two.err"
check "--limit 2 writes 2" "[[ \$(wc -l <$T/two) -eq 2 ]]"
check "--limit states what it left out" "grep -q \"^ckb: 2 of $n written; --limit to change\" $T/two.err"
"$CKB" table HER2 --db "$DB" --format tsv --limit 3 >"$T/t3" 2>"$T/t3.err"
check "table --limit 3 states the cap" "grep -q \"^ckb: 3 of $n written\" $T/t3.err"
rows=$("$CKB" table HER2 --db "$DB" --format tsv --no-header | wc -l)
check "table into a pipe has every match ($rows of $n)" "[[ $rows -eq $n ]]"
"$CKB" export HER2 --db "$DB" --format csljson -q >"$T/csl.json"
check "csljson export is one array of every match" "[[ \$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' $T/csl.json) -eq $n ]]"
"$CKB" export nosuchwordanywhere --db "$DB" --format csljson -q >"$T/none.json"
check "an empty csljson export is []" "[[ \$(cat $T/none.json) == '[]' ]]"

# Text output: exact, or "about N (between L and U)".
head=$("$CKB" search HER2 --db "$DB" --limit 1 | head -1)
check "text count exact or an estimate with bounds: $head" "[[ \"$head\" =~ ^([0-9]+|about\ [0-9]+\ \(between\ [0-9]+\ and\ [0-9]+\))\ result ]]"

# Unknown and unusable tags are errors with a caret; --lenient warns.
"$CKB" search 'HER2[xx]' --db "$DB" >/dev/null 2>"$T/xx.err"
check "unknown tag exits 2" "[[ $? -eq 2 ]]"
check "unknown tag names the tag" "grep -q 'unknown field tag \[xx\]' $T/xx.err && grep -q '\^' $T/xx.err"
"$CKB" search 'HER2[xx]' --db "$DB" --lenient >/dev/null 2>"$T/xxl.err"
check "--lenient warns" "grep -q 'warning: .*\[xx\]' $T/xxl.err"
"$CKB" search 'HER2 drgu:trastuzumab' --db "$DB" >/dev/null 2>"$T/fld.err"
check "unknown field name exits 2, listing the fields" "[[ $? -eq 2 ]] && grep -q \"unknown field 'drgu:'; ckb reads .*drug:\" $T/fld.err"
"$CKB" search 'HER2 drgu:trastuzumab' --db "$DB" --lenient >/dev/null 2>"$T/fldl.err"
check "--lenient searches an unknown field as text" "[[ $? -ne 2 ]] && grep -q \"unknown field 'drgu:'\" $T/fldl.err"
"$CKB" search 'breast cancer: a review' --db "$DB" >/dev/null 2>"$T/colon.err"
check "a word ending in a colon is text" "[[ $? -ne 2 ]]"
"$CKB" search 'trastuzumab[tiab] AND 2020[edat]' --db "$DB" >/dev/null 2>"$T/edat.err"
check "[edat] refused, saying why" "[[ $? -eq 2 ]] && grep -q 'Entrez dates are not kept' $T/edat.err"
"$CKB" table 'HER2[xx]' --db "$DB" >/dev/null 2>"$T/txx.err"
check "table refuses an unknown tag too" "[[ $? -eq 2 ]]"
# A PubMed date range pasted from the advanced search is a range, not dropped.
a=$("$CKB" search 'HER2[tiab] AND ("2020/01/01"[Date - Publication] : "2024/12/31"[Date - Publication])' --db "$DB" --count)
b=$("$CKB" search 'HER2[tiab] AND 2020:2024[dp]' --db "$DB" --count)
c=$("$CKB" search 'HER2[tiab] AND (2020/01/01[dp] : 2024/12/31[dp])' --db "$DB" --count)
check "PubMed date range forms agree ($a $b $c)" "[[ $a -gt 0 && $a -eq $b && $a -eq $c ]]"

# Dedup report: every record is counted once, as a work or as a duplicate.
"$CKB" stats --db "$DB" --sources --format json >"$T/src.json"
check "sources report adds up" "$PY - $T/src.json <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d['records'] == sum(s['records'] for s in d['sources']), d
assert d['records'] == d['works'] + d['duplicates'], d
assert d['duplicates'] == sum(d['duplicates_by_key'].values()), d
assert d['duplicates'] >= 1 and len(d['sources']) >= 5, d
PYEOF"
"$CKB" stats --db "$DB" --sources >"$T/src.txt"
check "sources report in text" "grep -q '^duplicate records merged' $T/src.txt && grep -q 'works after merging' $T/src.txt"

# Typos get the nearest name.
"$CKB" serach HER2 --db "$DB" >/dev/null 2>"$T/typo.err"
check "mistyped command exits 2" "[[ $? -eq 2 ]]"
check "mistyped command suggests search" "grep -q \"did you mean 'search'\" $T/typo.err"
"$CKB" search HER2 --limt 3 --db "$DB" >/dev/null 2>"$T/opt.err"
check "mistyped option suggests --limit" "grep -q 'did you mean --limit' $T/opt.err"

echo "counts_and_syntax: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
