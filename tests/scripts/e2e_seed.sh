#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End to end on real stores: the seed review indexed and queried through the
# CLI, re-indexing idempotent, bad files reported and skipped, JSON outputs
# valid against schemas/. Usage: e2e_seed.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
DB=$T/db
source "$(dirname "$0")/lib/checks.sh"
VALIDATE="/usr/bin/python3 $ROOT/tests/scripts/validate_json.py"
REVIEW=doi:10.3760/cma.j.cn371439-20250225-00007

# Parse: the golden counts and a valid document.
"$CKB" parse "$ROOT/corpus/her2-ultralow-review.txt" --format json >"$T/parse.json"
check "parse exits 0" "[[ $? -eq 0 ]]"
check "parse schema" "$VALIDATE $ROOT/schemas/parse.schema.json $T/parse.json"
check "parse counts 26+15" "[[ \$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[\"documents\"][0]; print(len(d[\"references\"]), len(d[\"related\"]))' $T/parse.json) == '26 15' ]]"

# A folder with the seed and three bad files.
mkdir -p "$T/in"
cp "$ROOT/corpus/her2-ultralow-review.txt" "$T/in/"
: >"$T/in/empty.txt"
head -c 4096 /dev/urandom >"$T/in/binary.txt"
printf 'x\0y\0z' >>"$T/in/binary.txt"
echo "secret" >"$T/in/unreadable.txt"
chmod 000 "$T/in/unreadable.txt"
"$CKB" index "$T/in" --db "$DB" 2>"$T/index.err"
rc=$?
if [[ $(id -u) -eq 0 ]]; then
  # root reads mode-000 files; make one unreadable another way (a link
  # inside a folder is not followed, so a FIFO).
  rm -f "$T/in/unreadable.txt"
  mkfifo "$T/in/unreadable.txt"
  rm -rf "$DB"
  "$CKB" index "$T/in" --db "$DB" 2>"$T/index.err"
  rc=$?
fi
check "index with bad files exits 65 or 66 (got $rc)" "[[ $rc -eq 65 || $rc -eq 66 ]]"
for f in empty.txt binary.txt unreadable.txt; do
  check "one-line error naming $f" "[[ \$(grep -c '$f' $T/index.err) -eq 1 ]]"
done
"$CKB" stats --db "$DB" --format json >"$T/stats1.json"
check "stats schema" "$VALIDATE $ROOT/schemas/stats.schema.json $T/stats1.json"
check "seed indexed (42 works)" "grep -q '\"works\": 42' $T/stats1.json"

# Refs: 26 + 15 with work ids.
"$CKB" refs "$REVIEW" --db "$DB" --format json >"$T/refs.json"
check "refs schema" "$VALIDATE $ROOT/schemas/refs.schema.json $T/refs.json"
check "refs 26+15" "[[ \$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d[\"references\"]), len(d[\"related\"]))' $T/refs.json) == '26 15' ]]"

# Trials: both NCT numbers, cited by the review and by the reference works.
"$CKB" trials --db "$DB" --format json >"$T/trials.json"
check "trials schema" "$VALIDATE $ROOT/schemas/trials.schema.json $T/trials.json"
REVIEW_ID=$("$CKB" show "$REVIEW" --db "$DB" --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for nct in NCT05633979 NCT05824325; do
  check "$nct cited by the review and its reference work" "/usr/bin/python3 -c '
import json,sys
t=[x for x in json.load(open(sys.argv[1]))[\"trials\"] if x[\"nct\"]==sys.argv[2]]
assert t and sys.argv[3] in t[0][\"cited_by\"] and len(t[0][\"cited_by\"])>=2
' $T/trials.json $nct $REVIEW_ID"
done

# Search: Chinese query, JSON schema, exit 1 when nothing matches.
"$CKB" search 乳腺癌HER2检测 --db "$DB" --format json >"$T/zh.json"
check "Chinese query exit 0" "[[ $? -eq 0 ]]"
check "search schema" "$VALIDATE $ROOT/schemas/search.schema.json $T/zh.json"
check "Chinese title found" "grep -q '乳腺癌HER2检测指南' $T/zh.json"
# Compound words and phrases inside a field (field terms carry no positions):
# the five reference titles with "HER2 low" / "HER2-low", however written.
for q in 'title:HER2-low' 'title:"HER2-low"' 'title:"HER2 low"' 'HER2-low[ti]'; do
  n=$("$CKB" search "$q" --db "$DB" --ids --limit 50 | wc -l)
  check "$q finds the 5 titles (got $n)" "[[ $n -eq 5 ]]"
done
"$CKB" search 'title:"乳腺癌"' --db "$DB" --format json >"$T/zh2.json"
check "Chinese phrase in a field" "grep -q '乳腺癌HER2检测指南' $T/zh2.json"
"$CKB" search zzzyxq --db "$DB" >/dev/null
check "no match exits 1" "[[ $? -eq 1 ]]"
"$CKB" search 'title:(' --db "$DB" >/dev/null 2>&1
rc=$?
check "malformed query exits 2 (got $rc)" "[[ $rc -eq 2 ]]"

# Re-indexing the same folder changes no count.
"$CKB" index "$T/in" --db "$DB" 2>/dev/null
"$CKB" stats --db "$DB" --format json >"$T/stats2.json"
check "counts unchanged after re-index" "diff <(grep -v generation $T/stats1.json) <(grep -v generation $T/stats2.json) >/dev/null"
check "re-index of unchanged files commits nothing" "[[ \$(grep '\"generation\"' $T/stats1.json) == \$(grep '\"generation\"' $T/stats2.json) ]]"
"$CKB" check --deep --db "$DB" >/dev/null
check "check --deep passes" "[[ $? -eq 0 ]]"

# One paper from three sources: its PubMed XML record, a RIS library and the
# review's reference list give one work that lists all three, with the trial
# of the PubMed record's DataBankList.
DB3="$T/db3"
"$CKB" index "$ROOT/corpus/destiny-breast04.pubmed.xml" "$ROOT/corpus/her2-library.ris" \
  "$ROOT/corpus/her2-ultralow-review.txt" --db "$DB3" -q 2>/dev/null
"$CKB" show doi:10.1056/NEJMoa2203690 --db "$DB3" --format json >"$T/db04.json"
check "one work lists the three sources" "/usr/bin/python3 -c '
import json,os,sys
d=json.load(open(sys.argv[1]))
names=sorted(os.path.basename(s) for s in d[\"sources\"])
assert names==[\"destiny-breast04.pubmed.xml\",\"her2-library.ris\",\"her2-ultralow-review.txt\"], names
assert d[\"pmid\"]==\"35665782\" and \"NCT03734029\" in d[\"trials\"] and d[\"cited_by_count\"]>=1
' $T/db04.json"
n=$("$CKB" search 'doi:10.1056/NEJMoa2203690' --db "$DB3" --ids | wc -l)
check "the DOI finds one work (got $n)" "[[ $n -eq 1 ]]"

# The progress line (`--progress always`, as on a terminal): the totals from
# the first draw, messages on lines of their own, the line cleared at the end.
mkdir -p "$T/prog"
cp "$ROOT/corpus/destiny-breast04.pubmed.xml" "$ROOT/corpus/her2-library.ris" "$T/prog/"
: >"$T/prog/empty.txt"
bytes=$(cat "$T/prog/"* | wc -c)
mb=$(/usr/bin/python3 -c "print('%.1f' % ($bytes / 1e6))")
"$CKB" index "$T/prog" --db "$T/progdb" --progress always 2>"$T/prog.err"
rc=$?
check "progress exits 65 for the empty file (got $rc)" "[[ $rc -eq 65 ]]"
head -c 200 "$T/prog.err" >"$T/prog.head"
check "progress line with the totals first" \
  "grep -qaF \"\$(printf '\r\033[K')indexing: 0 of 3 files, 0.0 of $mb MB, 0 records\" '$T/prog.head'"
check "the message on its own line" "grep -qaF \"\$(printf '\r\033[K')$T/prog/empty.txt: empty file\" '$T/prog.err'"
check "the summary after a cleared line" "grep -qaF \"\$(printf '\r\033[K')ckb: 3 files seen\" '$T/prog.err'"
"$CKB" index "$T/prog" --db "$T/progdb2" 2>"$T/noprog.err"
check "no progress line when stderr is not a terminal" "! grep -qa 'indexing:' '$T/noprog.err'"

echo "$PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
