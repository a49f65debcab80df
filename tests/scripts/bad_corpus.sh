#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Indexes every file of tests/corpus/bad/ alone into a fresh knowledge base and
# checks what MANIFEST.tsv promises: the exit code, one message line per problem
# naming the file, no signal or sanitizer report, at most 2 s of CPU time (wall
# time is only capped at 30 s, as the machine may be busy) and 256 MiB above
# baseline under a 2 GiB address-space limit, and the store left empty (or, for
# files that are accepted, non-empty) with `ckb check` passing. Then the large
# cases made at test time, a FIFO, and the whole folder mixed with the seed.
# Usage: bad_corpus.sh <ckb> <repo root>
#   CKB_BAD_TIME_LIMIT  CPU seconds per file (default 2; 20 when CKB_SANITIZED=1)
#   CKB_SANITIZED=1     the binary is built with AddressSanitizer (`make test-asan`
#                       sets it): ASan reserves terabytes of shadow address space,
#                       so no address-space limit, and its quarantine and shadow
#                       memory allow 1 GiB above the baseline instead of 256 MiB
#   CKB_BAD_ONLY        a grep pattern: only files whose name matches
#   CKB_BAD_NO_HUGE=1   skip the large test-time cases
set -uo pipefail
CKB=$(realpath "$1")
ROOT=$(realpath "$2")
BAD=$ROOT/tests/corpus/bad
SANITIZED=${CKB_SANITIZED:-0}
if [[ $SANITIZED == 1 ]]; then LIMIT=${CKB_BAD_TIME_LIMIT:-20}; else LIMIT=${CKB_BAD_TIME_LIMIT:-2}; fi
RSS_BUDGET_KB=262144
WALL=30
[[ $SANITIZED == 1 ]] && WALL=120
[[ $SANITIZED == 1 ]] && RSS_BUDGET_KB=1048576
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

TIME=()
if [[ -x /usr/bin/time ]]; then TIME=(/usr/bin/time -f "%M %U %S" -o "$T/rss"); fi
LIMITER=()
if command -v prlimit >/dev/null && [[ $SANITIZED != 1 ]]; then LIMITER=(prlimit --as=2147483648 --); fi

# Counts of a knowledge base as one line "documents works citations trials gen".
counts() {
  "$CKB" stats --db "$1" --format json 2>/dev/null | /usr/bin/python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
    print(d["documents"], d["works"], d["citations"], d["trials"], d["index_documents"], d["generation"])
except Exception:
    print("unreadable")'
}

# Baseline: a knowledge base into which nothing was indexed, and the RSS of
# a run that indexes nothing.
"${TIME[@]}" "$CKB" index "$T/does-not-exist" --db "$T/base" --progress never >/dev/null 2>&1
BASE_RSS=$( [[ -s $T/rss ]] && tail -1 "$T/rss" | awk '{print $1}' || echo 0)
EMPTY=$(counts "$T/base")
[[ $EMPTY == unreadable ]] && { echo "FAIL: cannot read an empty knowledge base's stats" >&2; exit 1; }

declare -A CAT_N CAT_OK
MAX_MS=0
MAX_MS_FILE=
MAX_RSS=0
MAX_RSS_FILE=
LOCATED=0
WITH_MSG=0

# run_one <file> <format> <category> <expected exit> <store> <time limit>
run_one() {
  local f=$1 fmt=$2 cat=$3 want=$4 store=$5 limit=$6
  local name db err rc ms rss lines failed=0
  name=$(basename "$f")
  db=$T/db
  err=$T/err
  rm -rf "$db" "$T/rss"
  local t0 t1
  t0=$(date +%s%N)
  "${TIME[@]}" timeout "$WALL" "${LIMITER[@]}" "$CKB" index "$f" --db "$db" --progress never >/dev/null 2>"$err"
  rc=$?
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  local cpu_ms=$ms
  rss=0
  if [[ -s $T/rss ]]; then
    read -r rss cpu_ms < <(tail -1 "$T/rss" | awk '{printf "%d %d\n", $1, ($2 + $3) * 1000}')
  fi
  [[ $rss =~ ^[0-9]+$ ]] || rss=0
  # /usr/bin/time appends "Command terminated by signal N" / "exited with non-zero status".
  if ((rc == 124)); then bad "$name: hung (killed after 30 s)"; failed=1; fi
  if ((rc > 128 && rc != 124)); then bad "$name: killed by signal $((rc - 128))"; failed=1; fi
  if grep -qE 'Sanitizer|runtime error:|terminate called|Assertion .* failed' "$err"; then
    bad "$name: sanitizer/abort report: $(grep -m1 -E 'Sanitizer|runtime error:|terminate called|Assertion' "$err")"
    failed=1
  fi
  # A user's input is never an "internal error" (exit 70 is kept for ckb's own faults).
  if grep -q 'internal error' "$err" || ((rc == 70)); then
    bad "$name: reported as ckb's own fault: $(grep -m1 'internal error' "$err" | cut -c1-200)"
    failed=1
  fi
  if [[ $rc != "$want" ]]; then
    bad "$name ($cat): exit $rc, expected $want: $(grep -v '^ckb: [0-9]* files seen' "$err" | head -2 | cut -c1-200)"
    failed=1
  fi
  if ((cpu_ms > limit * 1000)); then bad "$name: took $cpu_ms ms of CPU (limit ${limit} s; wall $ms ms)"; failed=1; fi
  if ((rss > 0 && BASE_RSS > 0 && rss - BASE_RSS > RSS_BUDGET_KB)); then
    bad "$name: peak RSS $((rss / 1024)) MiB, baseline $((BASE_RSS / 1024)) MiB"
    failed=1
  fi
  ((cpu_ms > MAX_MS)) && { MAX_MS=$cpu_ms; MAX_MS_FILE=$name; }
  ((rss > MAX_RSS)) && { MAX_RSS=$rss; MAX_RSS_FILE=$name; }
  # Messages: every line but the summary names the file on one line.
  grep -v -e '^ckb: [0-9]* files seen' -e '^ckb: knowledge base: ' "$err" >"$T/msgs"
  lines=$(wc -l <"$T/msgs")
  if [[ $want != 0 ]]; then
    if ((lines == 0)); then bad "$name: exit $rc without a message"; failed=1; fi
    if grep -vqF "$f" "$T/msgs"; then
      bad "$name: message line not naming the file: $(grep -vF "$f" "$T/msgs" | head -1 | cut -c1-200)"
      failed=1
    fi
    if ((lines > 0)); then
      WITH_MSG=$((WITH_MSG + 1))
      # file:line:, "record N", "line N", "offset N", "byte N"
      if grep -qE "^$(printf '%s' "$f" | sed 's/[][\.*^$/]/\\&/g')(:[0-9]+|:.*(record|line|offset|byte|position) [0-9]+)" "$T/msgs"; then
        LOCATED=$((LOCATED + 1))
      fi
    fi
  fi
  local now
  now=$(counts "$db")
  case $store in
    unchanged)
      if [[ $now != "$EMPTY" ]]; then bad "$name: store changed ($now, empty is $EMPTY)"; failed=1; fi ;;
    changed)
      read -r _ works _ trials _ _ <<<"$now"
      if [[ $now == unreadable ]] || ((works + trials == 0)); then
        bad "$name: nothing committed ($now)"
        failed=1
      fi ;;
  esac
  if [[ -d $db ]] && ! "$CKB" check --db "$db" >"$T/check" 2>&1; then
    bad "$name: ckb check failed: $(tail -1 "$T/check")"
    failed=1
  fi
  CAT_N[$cat]=$((${CAT_N[$cat]:-0} + 1))
  if ((failed == 0)); then
    PASS=$((PASS + 1))
    CAT_OK[$cat]=$((${CAT_OK[$cat]:-0} + 1))
  fi
}

# run_manifest <dir> <time limit>
run_manifest() {
  local dir=$1 limit=$2
  while IFS=$'\t' read -r file fmt cat want store _; do
    [[ $file == file ]] && continue
    if [[ -n ${CKB_BAD_ONLY:-} ]] && ! grep -qE "$CKB_BAD_ONLY" <<<"$file"; then continue; fi
    run_one "$dir/$file" "$fmt" "$cat" "$want" "$store" "$limit"
  done <"$dir/MANIFEST.tsv"
}

N_FILES=$(($(wc -l <"$BAD/MANIFEST.tsv") - 1))
run_manifest "$BAD" "$LIMIT"

if [[ ${CKB_BAD_NO_HUGE:-0} != 1 && -z ${CKB_BAD_ONLY:-} ]]; then
  /usr/bin/python3 "$ROOT/scripts/make_bad_corpus.py" --huge "$T/huge" 2>/dev/null
  run_manifest "$T/huge" "$((LIMIT * 3))"
  rm -rf "$T/huge"
  # A FIFO must not block the indexer.
  mkfifo "$T/fifo.txt"
  run_one "$T/fifo.txt" page special-file 66 unchanged "$LIMIT"
  ln -s "$T/loop.txt" "$T/loop.txt"
  run_one "$T/loop.txt" page special-file 66 unchanged "$LIMIT"
  ln -s "$T/nowhere.txt" "$T/dangling.txt"
  run_one "$T/dangling.txt" page special-file 66 unchanged "$LIMIT"
  # A file name that is not valid UTF-8, holding a good page.
  odd=$T/$'\xff\xfe-page.txt'
  cp "$ROOT/corpus/her2-ultralow-review.txt" "$odd"
  run_one "$odd" page special-file 0 changed "$LIMIT"
  rm -f "$odd"
  if [[ $(id -u) -ne 0 ]]; then
    cp "$ROOT/corpus/her2-ultralow-review.txt" "$T/unreadable.txt"
    chmod 000 "$T/unreadable.txt"
    run_one "$T/unreadable.txt" page special-file 66 unchanged "$LIMIT"
  fi
fi

# The whole folder with the seed review mixed in: the seed is committed, the
# bad files are listed, exit 65.
if [[ -z ${CKB_BAD_ONLY:-} ]]; then
  mkdir -p "$T/mixed"
  cp "$BAD"/* "$T/mixed/"
  rm -f "$T/mixed/MANIFEST.tsv"
  cp "$ROOT/corpus/her2-ultralow-review.txt" "$T/mixed/"
  rm -rf "$T/db"
  t0=$(date +%s%N)
  timeout 300 "${LIMITER[@]}" "$CKB" index "$T/mixed" --db "$T/db" --progress never >/dev/null 2>"$T/err"
  rc=$?
  MIXED_MS=$((($(date +%s%N) - t0) / 1000000))
  read -r _ works _ trials _ _ <<<"$(counts "$T/db")"
  if [[ $rc == 65 ]]; then PASS=$((PASS + 1)); else bad "mixed batch: exit $rc, expected 65"; fi
  if ((works > 0)); then PASS=$((PASS + 1)); else bad "mixed batch: no works committed"; fi
  if "$CKB" check --db "$T/db" >/dev/null 2>&1; then PASS=$((PASS + 1)); else bad "mixed batch: ckb check failed"; fi
  if "$CKB" show doi:10.3760/cma.j.cn371439-20250225-00007 --db "$T/db" >/dev/null 2>&1; then
    PASS=$((PASS + 1))
  else
    bad "mixed batch: the seed review is not in the store"
  fi
  listed=0
  while IFS=$'\t' read -r file _ _ want _ _; do
    [[ $file == file || $want == 0 ]] && continue
    grep -qF "$T/mixed/$file" "$T/err" && listed=$((listed + 1))
  done <"$BAD/MANIFEST.tsv"
  n_bad=$(awk -F'\t' 'NR > 1 && $4 != 0' "$BAD/MANIFEST.tsv" | wc -l)
  if ((listed == n_bad)); then PASS=$((PASS + 1)); else bad "mixed batch: $listed of $n_bad bad files named on stderr"; fi
  echo "mixed batch: exit $rc, $works works, $trials trials, $listed/$n_bad bad files named, $MIXED_MS ms"
fi

echo "per category (passed/files):"
for c in $(printf '%s\n' "${!CAT_N[@]}" | sort); do
  printf '  %-22s %3d/%d\n' "$c" "${CAT_OK[$c]:-0}" "${CAT_N[$c]}"
done
echo "manifest files: $N_FILES; messages with a location: $LOCATED of $WITH_MSG"
echo "most CPU: $MAX_MS ms ($MAX_MS_FILE); largest peak RSS: $((MAX_RSS / 1024)) MiB ($MAX_RSS_FILE), baseline $((BASE_RSS / 1024)) MiB"
echo "bad_corpus: $PASS passed, $FAIL failed"
((FAIL == 0))
