#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target of a fuzz build for the given number of seconds,
# starting from fuzz/seeds/<target>, fuzz/regressions/<target> and the folders
# fuzz/seed_dirs names for it, and prints the executions per target. New inputs go to <build>/fuzz-corpus/<target>;
# crashes, leaks and timeouts are kept in fuzz/crashes/<target>/.
# Usage: fuzz/run.sh <build-dir> <seconds> [target...]
#   FUZZ_JOBS  targets run at once (default 1)
set -uo pipefail
BUILD=$(realpath "$1")
SECONDS_PER=${2:-60}
shift 2 || true
HERE=$(cd "$(dirname "$0")" && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$HERE/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

targets=("$@")
if ((${#targets[@]} == 0)); then
  for b in "$BUILD"/fuzz/fuzz_*; do [[ -x $b ]] && targets+=("$(basename "$b" | sed 's/^fuzz_//')"); done
fi
if ((${#targets[@]} == 0)); then
  echo "run.sh: no fuzz_* executables in $BUILD/fuzz (configure with -DCKB_BUILD_FUZZ=ON)" >&2
  exit 2
fi

LOGS=$BUILD/fuzz-logs
mkdir -p "$LOGS"
run_target() {
  local t=$1 bin=$BUILD/fuzz/fuzz_$1
  local corpus=$BUILD/fuzz-corpus/$t crashes=$HERE/crashes/$t
  mkdir -p "$corpus" "$crashes"
  local dirs=("$corpus")
  [[ -d $HERE/seeds/$t ]] && dirs+=("$HERE/seeds/$t")
  [[ -d $HERE/regressions/$t ]] && dirs+=("$HERE/regressions/$t")
  local name dir
  while read -r name dir; do
    [[ $name == "$t" && -d $HERE/../$dir ]] && dirs+=("$(cd "$HERE/../$dir" && pwd)")
  done < <(grep -v '^#' "$HERE/seed_dirs")
  local dict=()
  case $t in
    jats|pubmed|ctgov_xml) dict=(-dict="$HERE/dict/xml.dict") ;;
    ctgov_json|jsonl|record) dict=(-dict="$HERE/dict/json.dict") ;;
    query) dict=(-dict="$HERE/dict/query.dict") ;;
  esac
  "$bin" -max_total_time="$SECONDS_PER" -max_len=1048576 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" "${dirs[@]}" >"$LOGS/$t.log" 2>&1
  echo $? >"$LOGS/$t.rc"
}

running=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if ((running >= ${FUZZ_JOBS:-1})); then wait -n; running=$((running - 1)); fi
done
wait

status=0
printf '%-12s %12s %10s %8s %8s %s\n' target executions exec/s cov crashes log
for t in "${targets[@]}"; do
  log=$LOGS/$t.log
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | awk '{print $2}')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | awk '{print $2}')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  n=$(find "$HERE/crashes/$t" -type f 2>/dev/null | wc -l)
  rc=$(cat "$LOGS/$t.rc")
  printf '%-12s %12s %10s %8s %8s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$n" "$log"
  if [[ $rc != 0 ]] || ((n > 0)); then
    status=1
    grep -m3 -E 'ERROR: |runtime error|SUMMARY' "$log" | sed "s/^/  $t: /"
  fi
done
echo "seconds per target: $SECONDS_PER"
exit $status
