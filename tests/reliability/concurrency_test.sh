#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Readers during indexing: 4 processes loop `ckb search` and `ckb trials`
# while one writer indexes generated pages in many commits. Passes when no
# reader fails or is killed by a signal and every search hit carries its
# record (id and title), and `ckb check --deep` passes at the end.
# Usage: concurrency_test.sh CKB [PAGES=4000] [BATCH=200]
set -uo pipefail
ckb=$(readlink -f "$1")
pages=${2:-4000}
batch=${3:-200}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ckb-conc.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/db
export CKB_MIN_FREE_MB=${CKB_MIN_FREE_MB:-16}
"$here/gen_pages.sh" "$work/in" "$pages" 3
mkdir -p "$work/first"
cp "$work/in/p000000.txt" "$work/first/"
"$ckb" index "$work/first" --db "$db" -q || { echo "FAIL: first index"; exit 1; }

reader() {
  local n=$1 out rc i=0 bad=0 queries=(breast trastuzumab "title:cohort" "olaparib OR letrozole" survival)
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    if ((n % 2 == 0 || i % 3 != 0)); then
      out=$("$ckb" search "${queries[$((i % 5))]}" --db "$db" --format jsonl --limit 50 2>"$work/r$n.err")
      rc=$?
      if [ $rc -gt 1 ]; then
        echo "reader $n: search exit $rc: $(cat "$work/r$n.err")" >>"$work/errors"
        bad=$((bad + 1))
      fi
      # Every hit line must carry the record's id and title.
      while IFS= read -r line; do
        case $line in
        *'"type":"hit"'*)
          [[ $line == *'"id":"W'* && $line == *'"title":"'* ]] || {
            echo "reader $n: hit without record: $line" >>"$work/errors"
            bad=$((bad + 1))
          }
          ;;
        esac
      done <<<"$out"
    else
      "$ckb" trials --db "$db" --format json >/dev/null 2>"$work/r$n.err"
      rc=$?
      if [ $rc -gt 1 ]; then
        echo "reader $n: trials exit $rc: $(cat "$work/r$n.err")" >>"$work/errors"
        bad=$((bad + 1))
      fi
    fi
  done
  echo "$i" >"$work/count$n"
}

start=$(date +%s)
for n in 1 2 3 4; do reader "$n" & done
t0=$(date +%s%N)
"$ckb" index "$work/in" --db "$db" --batch "$batch" --progress never -q
wrc=$?
secs=$(((($(date +%s%N) - t0) / 1000000)))
touch "$work/stop"
wait
failures=0
[ $wrc -eq 0 ] || { echo "FAIL: writer exit $wrc"; failures=$((failures + 1)); }
if [ -s "$work/errors" ]; then
  echo "FAIL: reader errors:"
  head -20 "$work/errors"
  failures=$((failures + $(wc -l <"$work/errors")))
fi
out=$("$ckb" check --deep --db "$db" 2>&1) || { echo "FAIL: check --deep: $out"; failures=$((failures + 1)); }
stats=$("$ckb" stats --db "$db" --format json | tr -d ' \n')
works=$(sed -n 's/.*"works":\([0-9]*\).*/\1/p' <<<"$stats")
gen=$(sed -n 's/.*"generation":\([0-9]*\).*/\1/p' <<<"$stats")
reads=$(($(cat "$work/count1") + $(cat "$work/count2") + $(cat "$work/count3") + $(cat "$work/count4")))
echo "concurrency: $pages pages -> $works works in $gen generations, writer ${secs} ms;" \
  "$reads reader commands; $failures failures; $(($(date +%s) - start)) s"
[ "$failures" -eq 0 ]
