#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Query latency by kind of query: free text, fielded, faceted and PubMed
# syntax (bench/query_kinds.tsv), in one process per engine and kind, on the
# first N records of the benchmark corpus. ckb runs each query as written
# (faceted ones with --facets: exact counts over the whole result set); the
# plain Xapian and SQLite FTS5 peers run the same need as plain words.
# Prints a Markdown table of p50 and p99 per kind and engine.
#
# Usage: bench/latency_kinds.sh [--build DIR] [--work DIR] [--repeat R] N
# The knowledge bases of `bench/run.sh --keep N` are reused (WORK/db-ckb,
# WORK/db-peer_xapian, WORK/db-peer_sqlite); missing ones are built first.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${CKB_BUILD_DIR:-$ROOT/build}
WORK=""
REPEAT=3
N=""
while (($#)); do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    -h|--help) sed -n '3,13p' "$0"; exit 0 ;;
    -*) echo "latency_kinds.sh: unknown option $1" >&2; exit 2 ;;
    *) N=$1; shift ;;
  esac
done
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { sed -n '11,13p' "$0" >&2; exit 2; }
WORK=${WORK:-${TMPDIR:-/tmp}/ckb-bench-$N}
CKB=$BUILD/ckb
mkdir -p "$WORK"
CORPUS=$WORK/corpus-$N.jsonl
ZST=${CKB_BENCH_CORPUS:-$ROOT/../shared/corpus/bench-abstracts/corpus_real.jsonl.zst}
if [[ ! -s $CORPUS ]]; then
  [[ $N -le 108672 ]] || { echo "latency_kinds.sh: run bench/run.sh --keep $N first (synthetic scale-up)" >&2; exit 1; }
  zstdcat "$ZST" | head -n "$N" >"$CORPUS"
fi

if [[ ! -f $WORK/db-ckb/index.current ]]; then
  echo "latency_kinds.sh: indexing ckb" >&2
  "$CKB" index "$CORPUS" --db "$WORK/db-ckb" -q --progress never
fi
# The database argument of each peer, as bench/run.sh lays them out.
declare -A peer_db=([peer_xapian]=$WORK/db-peer_xapian [peer_sqlite]=$WORK/db-peer_sqlite/fts.sqlite)
for peer in peer_xapian peer_sqlite; do
  if [[ ! -e ${peer_db[$peer]} ]]; then
    echo "latency_kinds.sh: indexing $peer" >&2
    mkdir -p "$WORK/db-$peer"
    "$BUILD/bench/$peer" index --db "${peer_db[$peer]}" "$CORPUS" >/dev/null
  fi
done

kinds=(free fielded faceted pubmed)
declare -A result
for kind in "${kinds[@]}"; do
  ckbq=$WORK/kind-$kind-ckb.txt
  peerq=$WORK/kind-$kind-peer.txt
  : >"$ckbq"
  : >"$peerq"
  for ((r = 0; r < REPEAT; r++)); do
    grep -v '^#' "$ROOT/bench/query_kinds.tsv" | awk -F'\t' -v k="$kind" '$1 == k { print $2 }' >>"$ckbq"
    grep -v '^#' "$ROOT/bench/query_kinds.tsv" | awk -F'\t' -v k="$kind" '$1 == k { print $3 }' >>"$peerq"
  done
  extra=()
  [[ $kind == faceted ]] && extra=(--facets)
  "$CKB" search --batch "$ckbq" --db "$WORK/db-ckb" --format jsonl --limit 10 "${extra[@]}" \
    >"$WORK/kind-$kind-ckb.out" 2>/dev/null || true
  result[$kind,ckb]=$(python3 "$ROOT/bench/latency.py" "$WORK/kind-$kind-ckb.out")
  for peer in peer_xapian peer_sqlite; do
    "$BUILD/bench/$peer" search --db "${peer_db[$peer]}" "$peerq" --limit 10 \
      >"$WORK/kind-$kind-$peer.out" 2>&1 || true
    result[$kind,$peer]=$(python3 "$ROOT/bench/latency.py" "$WORK/kind-$kind-$peer.out")
  done
done

nq=$(grep -v '^#' "$ROOT/bench/query_kinds.tsv" | awk -F'\t' '$1 == "free"' | wc -l)
echo "## Query latency by kind: $N documents"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) CPUs; $nq queries per kind, each run $REPEAT times in one process per engine and kind; top 10 with stored data; microseconds."
echo
echo "| kind | ckb p50 | ckb p99 | peer_xapian p50 | peer_xapian p99 | peer_sqlite p50 | peer_sqlite p99 | ckb/xapian p99 | ckb/sqlite p99 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for kind in "${kinds[@]}"; do
  read -r c50 _ c99 _ <<<"${result[$kind,ckb]:-- - - -}"
  read -r x50 _ x99 _ <<<"${result[$kind,peer_xapian]:-- - - -}"
  read -r s50 _ s99 _ <<<"${result[$kind,peer_sqlite]:-- - - -}"
  rx=$(python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$c99" "$x99" 2>/dev/null || echo -)
  rs=$(python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$c99" "$s99" 2>/dev/null || echo -)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$c50" "$c99" "$x50" "$x99" "$s50" "$s99" "$rx" "$rs"
done
