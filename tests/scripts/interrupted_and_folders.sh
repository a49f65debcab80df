#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What a user sees after an interrupted run and with folders as people keep
# them: an index behind the records is reported as a lag (check exits 0 with
# a `lag` line, readers say so once on stderr, stats shows it) and `ckb index`
# without paths or `ckb check --repair` brings it level; a real mismatch
# fails check (70) and --repair fixes it; symbolic links, hidden and
# temporary files, .ckbignore, files reached twice, files that vanish or
# change while read; a JSON Lines record over the size limit.
# Usage: interrupted_and_folders.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap '[[ -n ${KEEP:-} ]] || rm -rf "$T"' EXIT
export CKB_MIN_FREE_MB=16
source "$(dirname "$0")/lib/checks.sh"
GEN=$ROOT/tests/reliability/gen_pages.sh

# An interrupted deferred run: every batch committed, killed in the catch-up.
"$GEN" "$T/in" 60 7 0
CKB_FAULT=mid-index:1 "$CKB" index "$T/in" --db "$T/db" --batch 10 -q 2>/dev/null
check "the run is killed in its catch-up" "[[ $? -eq 137 ]]"
cp -r "$T/db" "$T/db2"
"$CKB" check --db "$T/db" >"$T/check.out" 2>"$T/check.err"
check "check exits 0 for a lag (got $?)" "[[ $? -eq 0 ]]"
check "check prints a lag line" "grep -q '^lag  generation: records [0-9]*, index 0: the index is [0-9]* generations behind' $T/check.out"
check "check counts works waiting" "grep -q 'waiting for the index to catch up' $T/check.out"
check "check has no FAIL line" "! grep -q '^FAIL' $T/check.out"
"$CKB" search 'title:trastuzumab' --db "$T/db" >/dev/null 2>"$T/search.err"
check "search says once that the index is behind" "[[ \$(grep -c 'search index is behind the records' $T/search.err) -eq 1 ]]"
check "search names what brings it level" "grep -q 'ckb check --repair' $T/search.err"
"$CKB" stats --db "$T/db" >"$T/stats.out" 2>/dev/null
check "stats shows the lag" "grep -q '^index  *behind by [0-9]* generation' $T/stats.out"
"$CKB" stats --db "$T/db" --format json 2>/dev/null | tr -d ' \n' >"$T/stats.json"
check "stats json: index_behind" "grep -q '\"index_behind\":true' $T/stats.json"
"$CKB" index --db "$T/db" 2>"$T/catchup.err"
check "ckb index without paths exits 0 (got $?)" "[[ $? -eq 0 ]]"
check "it says the index was brought level" "grep -q 'brought level from generation 0 to [0-9]' $T/catchup.err"
"$CKB" check --db "$T/db" >"$T/check2.out" 2>&1
check "check after the catch-up: ok, no lag" "[[ $? -eq 0 ]] && ! grep -q '^lag' $T/check2.out"
"$CKB" search 'title:trastuzumab' --db "$T/db" >/dev/null 2>"$T/search2.err"
check "no notice once level" "! grep -q 'behind' $T/search2.err"
"$CKB" check --repair --db "$T/db2" >"$T/repair.out" 2>"$T/repair.err"
check "check --repair exits 0 (got $?)" "[[ $? -eq 0 ]]"
check "check --repair caught up from the outbox" "grep -q 'repair: index brought level from generation 0 to [0-9]' $T/repair.err"
check "check --repair then checks: ok" "grep -q '^ok   generation: records [0-9]*, index [0-9]' $T/repair.out"

# A real mismatch: the index of another knowledge base put in place.
"$GEN" "$T/other" 5 9 500
"$CKB" index "$T/other" --db "$T/odb" -q
idx=$(cat "$T/db2/index.current")
rm -rf "$T/db2/$idx"
cp -r "$T/odb/$(cat "$T/odb/index.current")" "$T/db2/$idx"
"$CKB" check --db "$T/db2" >"$T/bad.out" 2>"$T/bad.err"
rc=$?
check "check of a foreign index exits 70 (got $rc)" "[[ $rc -eq 70 ]]"
check "check names the fix" "grep -q 'ckb check --repair\|ckb rebuild-index' $T/bad.out $T/bad.err"
"$CKB" check --repair --db "$T/db2" >"$T/repair2.out" 2>"$T/repair2.err"
check "check --repair rebuilds a foreign index (got $?)" "[[ $? -eq 0 ]] && grep -q 'rebuilt' $T/repair2.err"

# Folders: a loop link, a link to a file elsewhere, hidden and temporary
# files, a page's asset folder, a .ckbignore.
F=$T/folder
"$GEN" "$F" 4 3 100
"$GEN" "$T/elsewhere" 1 3 200
mkdir -p "$F/sub" "$F/.git" "$F/page_files" "$F/drafts"
ln -s .. "$F/sub/loop"
ln -s "$T/elsewhere/p000200.txt" "$F/linked.txt"
ln -s "$F/p000100.txt" "$F/again.txt"
cp "$F/p000101.txt" "$F/.hidden.txt"
cp "$F/p000101.txt" "$F/~\$lock.txt"
cp "$F/p000101.txt" "$F/p000101.txt~"
cp "$F/p000101.txt" "$F/.git/HEAD"
printf '<html><body>x</body></html>' >"$F/page.html"
cp "$F/p000102.txt" "$F/page_files/asset.txt"
cp "$F/p000102.txt" "$F/drafts/d.txt"
printf 'drafts/\np000103.txt\n' >"$F/.ckbignore"
"$CKB" index "$F" --db "$T/fdb" 2>"$T/f.err"
rc=$?
summary=$(grep 'files seen' "$T/f.err")
# page.html is read (and reported as a format not recognised until an HTML reader exists).
check "loop not followed; 4 files seen (got: $summary)" "[[ '$summary' == 'ckb: 4 files seen: '* ]]"
check "summary counts hidden/temporary" "grep -q '5 hidden or temporary' <<<'$summary'"
check "summary counts .ckbignore" "grep -q '2 by .ckbignore' <<<'$summary'"
check "summary counts links not followed" "grep -q '3 symbolic links not followed' <<<'$summary'"
check "no 'Too many levels of symbolic links'" "! grep -q 'Too many levels' $T/f.err"
"$CKB" index -L "$F" --db "$T/fdb2" 2>"$T/f2.err"
summary=$(grep 'files seen' "$T/f2.err")
check "-L: the linked file is indexed, the repeated one once (got: $summary)" "[[ '$summary' == 'ckb: 5 files seen: '* ]] && grep -q '1 reached again' <<<'$summary'"
check "-L: the loop is reported on one line" "[[ \$(grep -c 'symbolic link loop' $T/f2.err) -eq 1 ]]"
"$CKB" index --hidden "$F" --db "$T/fdb3" 2>"$T/f3.err"
summary=$(grep 'files seen' "$T/f3.err")
check "--hidden reads hidden and temporary files (got: $summary)" "[[ '$summary' == 'ckb: 9 files seen: '* ]]"
"$CKB" index "$F/sub/loop" --db "$T/fdb4" -q 2>"$T/f4.err"
docs=$("$CKB" stats --db "$T/fdb4" --format json | tr -d ' \n' | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')
check "a link named on the command line is followed (3 documents, got $docs)" "[[ '$docs' == 3 ]]"

# A file that vanishes between listing and reading; one that changes while read.
V=$T/vanish
"$GEN" "$V" 3 5 300
CKB_TEST_REMOVE_AFTER_LISTING=p000301.txt "$CKB" index "$V" --db "$T/vdb" 2>"$T/v.err"
rc=$?
check "a vanished file: exit 65 (got $rc)" "[[ $rc -eq 65 ]]"
check "one message naming it" "[[ \$(grep -c 'p000301.txt: vanished' $T/v.err) -eq 1 ]]"
check "the rest indexed" "grep -q '^ckb: 3 files seen: 2 indexed' $T/v.err"
C=$T/change
"$GEN" "$C" 2 5 400
CKB_TEST_APPEND_AFTER_HASH=1 "$CKB" index "$C" --db "$T/cdb" 2>"$T/c.err"
rc=$?
check "a file changed while read: exit 65 (got $rc)" "[[ $rc -eq 65 ]]"
check "one message per changed file" "[[ \$(grep -c 'changed while being read' $T/c.err) -eq 2 ]]"
"$CKB" index "$C" --db "$T/cdb" 2>"$T/c2.err"
check "indexed on the next run once quiet (got $?)" "[[ $? -eq 0 ]] && grep -q '2 indexed' $T/c2.err"

# A JSON Lines record over the limit: the limit and how to raise it.
/usr/bin/python3 - "$T/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"title": "A record of twenty megabytes", "abstract": "x " * (10 << 20)}) + "\n")
    f.write(json.dumps({"title": "A small record", "doi": "10.5555/small"}) + "\n")
PY
"$CKB" index "$T/big.jsonl" --db "$T/jdb" 2>"$T/j.err"
rc=$?
check "an over-limit record: exit 65 (got $rc)" "[[ $rc -eq 65 ]]"
check "the message names line, size, limit and the variable" "grep -q 'big.jsonl:1: record of [0-9.]* MB is over the 16 MiB limit .*CKB_MAX_RECORD_MB' $T/j.err"
check "not called 'not JSON Lines'" "! grep -q 'not JSON Lines' $T/j.err"
check "the next record is indexed" "grep -q '1 documents' $T/j.err"
CKB_MAX_RECORD_MB=64 "$CKB" index "$T/big.jsonl" --db "$T/jdb2" -q 2>"$T/j2.err"
check "CKB_MAX_RECORD_MB=64 reads it (got $?)" "[[ $? -eq 0 ]]"

# A file deleted from an indexed folder: the next run counts it and keeps its
# records; with --prune its records go, and the rest stay.
P=$T/prune
"$GEN" "$P" 4 11 700
"$CKB" index "$P" --db "$T/pdb" -q 2>/dev/null
works() { "$CKB" stats --db "$T/pdb" --format json 2>/dev/null | tr -d ' \n' | sed -n 's/.*"works":\([0-9]*\).*/\1/p'; }
has() { "$CKB" search "doi:10.5555/ckbgen.$1" --db "$T/pdb" --count 2>/dev/null; }
before=$(works)
rm "$P/p000701.txt"
"$CKB" index "$P" --db "$T/pdb" 2>"$T/prune1.err"
check "a gone file is counted and kept" "grep -q '1 file(s) indexed before are gone' $T/prune1.err && grep -q 'index --prune' $T/prune1.err"
check "its work is still there without --prune (got $(has 701))" "[[ \$(has 701) -eq 1 ]]"
"$CKB" index "$P" --db "$T/pdb" --prune 2>"$T/prune2.err"
check "--prune removes it" "grep -q '1 file(s) indexed before are gone from the folder(s); their records were removed' $T/prune2.err"
check "its work is gone (got $(has 701))" "[[ \$(has 701) -eq 0 ]]"
check "the other files' works stay" "[[ \$(has 700) -eq 1 && \$(has 702) -eq 1 && \$(has 703) -eq 1 ]]"
after=$(works)
check "fewer works after --prune ($before -> $after)" "[[ $after -lt $before ]]"
"$CKB" check --db "$T/pdb" >"$T/prune_check.out" 2>&1
check "check passes after --prune" "[[ $? -eq 0 ]]"
"$CKB" index "$P" --db "$T/pdb" 2>"$T/prune3.err"
check "nothing more gone" "! grep -q 'indexed before are gone' $T/prune3.err"

echo "interrupted_and_folders: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
