#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The merge curve: `ckb index` over N sources that all contribute to the same
# works, for N = 100 ... 3,200. Three inputs per N, made from the seed review
# corpus/her2-ultralow-review.txt (41 numbered references):
#   copies-paren  N copies named as a browser saves them: "review (1).txt" ...
#   copies-seq    N copies named copy-0000.txt ...
#   distinct      N reviews with their own DOI and title, citing the same
#                 references, named "review (1).txt" ...
# Prints, per input and N, the median wall time of the runs and its ratio to
# the time at N/2 (linear merging gives about 2 per doubling).
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/merge_curve.sh [options]
  --ns LIST      values of N (default "100 200 400 800 1600 3200")
  --kinds LIST   inputs (default "copies-paren copies-seq distinct")
  --runs R       runs per point, the median is printed (default 1)
  --ckb PATH     the ckb executable (default build/ckb under the repository root)
  --work DIR     scratch directory (default ${TMPDIR:-/tmp}/ckb-merge-curve)
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NS="100 200 400 800 1600 3200"
KINDS="copies-paren copies-seq distinct"
RUNS=1
CKB=$ROOT/build/ckb
WORK=${TMPDIR:-/tmp}/ckb-merge-curve
while (($#)); do
  case $1 in
    --ns) NS=$2; shift 2 ;;
    --kinds) KINDS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --ckb) CKB=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
SEED=$ROOT/corpus/her2-ultralow-review.txt
[[ -x $CKB ]] || { echo "no ckb at $CKB (build it, or pass --ckb)" >&2; exit 2; }
mkdir -p "$WORK"

# make_inputs KIND N DIR
make_inputs() {
  local kind=$1 n=$2 dir=$3 i
  rm -rf "$dir"
  mkdir -p "$dir"
  for ((i = 1; i <= n; i++)); do
    case $kind in
      copies-paren) cp "$SEED" "$dir/review ($i).txt" ;;
      copies-seq) cp "$SEED" "$dir/$(printf 'copy-%04d.txt' $((i - 1)))" ;;
      distinct)
        # Its own DOI (line 2) and title (the citation line of the page).
        sed -e "2s|doi: 10.3760/cma.j.cn371439-20250225-00007|doi: 10.5555/ckb.merge.$i|" \
            -e "12s|Research progress of HER2 ultra-low expression breast cancer|Review number $i of HER2 ultra-low expression breast cancer|" \
            "$SEED" >"$dir/review ($i).txt" ;;
      *) echo "unknown input kind $kind" >&2; exit 2 ;;
    esac
  done
}

# time_index DIR: wall seconds of one `ckb index` into a new knowledge base.
time_index() {
  local dir=$1 kb=$WORK/kb start end
  rm -rf "$kb"
  start=$(date +%s.%N)
  "$CKB" --db "$kb" --quiet index "$dir" >/dev/null 2>"$WORK/index.err" || {
    cat "$WORK/index.err" >&2
    exit 1
  }
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.3f", $2 - $1}'
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '| input | N | seconds | ratio to N/2 | ms per source |\n|---|---:|---:|---:|---:|\n'
for kind in $KINDS; do
  prev=""
  for n in $NS; do
    dir=$WORK/in-$kind-$n
    make_inputs "$kind" "$n" "$dir"
    t=$(for ((r = 0; r < RUNS; r++)); do time_index "$dir"; echo; done | median)
    ratio=$([[ -n $prev ]] && awk -v a="$t" -v b="$prev" 'BEGIN {printf "%.2f", a / b}' || echo "-")
    per=$(awk -v a="$t" -v n="$n" 'BEGIN {printf "%.2f", 1000 * a / n}')
    printf '| %s | %d | %.3f | %s | %s |\n' "$kind" "$n" "$t" "$ratio" "$per"
    prev=$t
    rm -rf "$dir"
  done
done
rm -rf "$WORK/kb"
