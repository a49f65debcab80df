#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `ckb parse` prints records as the parser finds them: the JSON it writes
# piece by piece must be the document a whole-file dump would be, for one
# file (pretty), several files (one line each), compressed files, archives
# with several members, inputs with bad records and inputs that fail.
# Usage: parse_stream.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$(dirname "$0")/lib/checks.sh"
VALIDATE="/usr/bin/python3 $ROOT/tests/scripts/validate_json.py"
PY=/usr/bin/python3
# Prints how many JSON values $1 holds, one after another (pretty or not),
# and fails when anything else is in it.
count_values() {
  $PY - "$1" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
dec = json.JSONDecoder()
pos, n = 0, 0
while True:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos == len(text):
        break
    _, pos = dec.raw_decode(text, pos)
    n += 1
print(n)
EOF
}
# field FILE EXPR: evaluates EXPR on the first JSON value of FILE (as d).
field() {
  $PY -c "import json,sys; d=json.JSONDecoder().raw_decode(open(sys.argv[1]).read().lstrip())[0]; print($2)" "$1"
}

PUBMED=$ROOT/corpus/pubmed-her2-sample.xml
CTGOV=$ROOT/corpus/ctgov-NCT04752059.json
RIS=$ROOT/corpus/her2-library.ris

# One file: one pretty object, valid against the schema, with every record.
"$CKB" parse "$PUBMED" >"$T/one.json"
check "parse of one file exits 0" "[[ $? -eq 0 ]]"
check "one value" "[[ \$(count_values $T/one.json) == 1 ]]"
check "schema" "$VALIDATE $ROOT/schemas/parse.schema.json $T/one.json"
n_pubmed=$(grep -c '<PubmedArticle>' "$PUBMED")
check "every PubMed record printed ($n_pubmed)" "[[ \$(field $T/one.json 'len(d[\"documents\"])') == $n_pubmed ]]"
check "pretty printed" "[[ \$(wc -l <$T/one.json) -gt 10 ]]"
check "key order" "[[ \$(field $T/one.json 'list(d.keys())') == \"['source', 'format', 'documents', 'trials', 'diagnostics']\" ]]"

# The same records compressed: the same documents.
gzip -c "$PUBMED" >"$T/sample.xml.gz"
"$CKB" parse "$T/sample.xml.gz" >"$T/gz.json"
check "compressed file exits 0" "[[ $? -eq 0 ]]"
titles='[(x["pmid"], x["title"]) for x in d["documents"]]'
field "$T/one.json" "$titles" >"$T/one.titles"
field "$T/gz.json" "$titles" >"$T/gz.titles"
check "compressed file: same documents" "[[ -s $T/one.titles ]] && grep -q trastuzumab $T/one.titles && cmp -s $T/one.titles $T/gz.titles"

# A trial registration: trials, no documents lost.
"$CKB" parse "$CTGOV" >"$T/trial.json"
check "trial file exits 0" "[[ $? -eq 0 ]]"
check "trial listed" "[[ \$(field $T/trial.json 'd[\"trials\"][0][\"nct\"]') == NCT04752059 ]]"

# Several files: one compact line each.
"$CKB" parse "$PUBMED" "$CTGOV" "$RIS" >"$T/many.jsonl"
check "several files exit 0" "[[ $? -eq 0 ]]"
check "one line per file" "[[ \$(wc -l <$T/many.jsonl) -eq 3 && \$(count_values $T/many.jsonl) == 3 ]]"
check "each line valid" "$PY -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' $T/many.jsonl"

# An archive: one value per member, named archive:member.
mkdir -p "$T/pack"
cp "$PUBMED" "$RIS" "$T/pack/"
tar -C "$T/pack" -czf "$T/pack.tar.gz" .
"$CKB" parse "$T/pack.tar.gz" >"$T/pack.json"
check "archive exits 0" "[[ $? -eq 0 ]]"
check "one value per member" "[[ \$(count_values $T/pack.json) == 2 ]]"
check "members named" "grep -q 'pack.tar.gz:.*her2-library.ris' $T/pack.json"

# Bad records: reported on stderr with the line, kept in "diagnostics",
# the good records still printed, exit 65.
{
  printf 'TY  - JOUR\nTI  - A good first record about trastuzumab\nPY  - 2020\nER  - \n'
  printf 'TY  - JOUR\nPY  - 2021\nER  - \n'
  printf 'TY  - JOUR\nTI  - A good third record\nPY  - 2022\nER  - \n'
} >"$T/mixed.ris"
"$CKB" parse "$T/mixed.ris" >"$T/mixed.json" 2>"$T/mixed.err"
rc=$?
check "bad record exits 65 (got $rc)" "[[ $rc -eq 65 ]]"
check "good records printed" "[[ \$(field $T/mixed.json 'len(d[\"documents\"])') == 2 ]]"
check "diagnostic kept" "[[ \$(field $T/mixed.json 'len(d[\"diagnostics\"])') -ge 1 ]]"
check "diagnostic names file and line" "grep -q 'mixed.ris:[0-9]' $T/mixed.err"

# An input that fails as a whole prints nothing; the other files still do.
"$CKB" parse "$ROOT/tests/corpus/bad/archive-zip-empty.zip" "$RIS" >"$T/fail.jsonl" 2>"$T/fail.err"
rc=$?
check "failed input exits 65 (got $rc)" "[[ $rc -eq 65 ]]"
check "only the good file printed" "[[ \$(count_values $T/fail.jsonl) == 1 ]] && grep -q her2-library.ris $T/fail.jsonl"
check "failure named" "grep -q 'archive-zip-empty.zip' $T/fail.err"
"$CKB" parse "$T/missing.xml" >/dev/null 2>&1
rc=$?
check "missing file exits 66 (got $rc)" "[[ $rc -eq 66 ]]"

# Text: a heading per input and the counts at the end.
"$CKB" parse "$PUBMED" --format text >"$T/one.txt"
check "text heading" "head -1 $T/one.txt | grep -q '(pubmed)'"
check "text counts" "tail -1 $T/one.txt | grep -q \"$n_pubmed documents, 0 trials, 0 diagnostics\""

# Reference strings from standard input: one JSON line each.
printf '%s\n' 'Modi S, Jacot W, Yamashita T, et al. Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer. N Engl J Med. 2022;387(1):9-20.' \
  'Cortes J, Kim SB, Chung WP, et al. Trastuzumab deruxtecan versus trastuzumab emtansine for breast cancer. N Engl J Med. 2022;386(12):1143-1154.' |
  "$CKB" parse --as citations - >"$T/refs.jsonl"
check "citations exit 0" "[[ ${PIPESTATUS[1]} -eq 0 ]]"
check "one line per reference" "[[ \$(wc -l <$T/refs.jsonl) -eq 2 ]]"
check "reference fields" "[[ \$(head -1 $T/refs.jsonl | $PY -c 'import json,sys; print(json.load(sys.stdin)[\"year\"])') == 2022 ]]"

echo "$PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
