#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Query latency only, on the knowledge bases kept by `bench/run.sh --keep N`:
# the query batch of bench/run.sh (WORK/queries.txt) run R times per engine,
# the engines alternating within each round, so that every engine sees the
# same machine load. Prints the medians over the rounds of each run's p50,
# p95 and p99 (microseconds) and the ratios of ckb to the peers; ckb runs
# without snippets (as a pipeline reads JSON lines) and, as ckb_snippets,
# with --snippets. With
# --ckb-base PATH, a second ckb binary runs on the same knowledge base as
# engine "ckb_base" (before/after comparisons of one change). Each peer
# joins when its knowledge base was kept (WORK/db-peer_*); the Lucene peer
# warms its JIT for 10 s before each timed batch, as in bench/run.sh.
#
# Usage: bench/query_rounds.sh [--build DIR] [--work DIR] [--rounds R] [--ckb-base PATH] N
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${CKB_BUILD_DIR:-$ROOT/build}
WORK=""
ROUNDS=6
BASE=""
N=""
while (($#)); do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --ckb-base) BASE=$2; shift 2 ;;
    -h|--help) sed -n '3,13p' "$0"; exit 0 ;;
    -*) echo "query_rounds.sh: unknown option $1" >&2; exit 2 ;;
    *) N=$1; shift ;;
  esac
done
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { sed -n '13p' "$0" >&2; exit 2; }
WORK=${WORK:-${TMPDIR:-/tmp}/ckb-bench-$N}
QUERIES=$WORK/queries.txt
for f in "$QUERIES" "$WORK/db-ckb"; do
  [[ -e $f ]] || { echo "query_rounds.sh: $f missing: run bench/run.sh --keep $N first" >&2; exit 1; }
done

# ckb, and each peer whose knowledge base was kept.
# ckb_snippets: the same batch with a snippet per hit (--snippets).
engines=(ckb ckb_snippets)
[[ -n $BASE ]] && engines+=(ckb_base)
dbs=("$WORK/db-ckb")
[[ -d $WORK/db-peer_xapian ]] && { engines+=(peer_xapian); dbs+=("$WORK/db-peer_xapian"); }
[[ -f $WORK/db-peer_sqlite/fts.sqlite ]] && { engines+=(peer_sqlite); dbs+=("$WORK/db-peer_sqlite"); }
if [[ -d $WORK/db-peer_lucene && -x $BUILD/bench/peer_lucene ]]; then
  engines+=(peer_lucene)
  dbs+=("$WORK/db-peer_lucene")
fi
echo "query_rounds.sh: ${engines[*]}, $ROUNDS rounds" >&2
run_engine() {
  case $1 in
    ckb) "$BUILD/ckb" search --batch "$QUERIES" --format jsonl --db "$WORK/db-ckb" --limit 10 ;;
    ckb_snippets) "$BUILD/ckb" search --batch "$QUERIES" --format jsonl --db "$WORK/db-ckb" --limit 10 --snippets ;;
    ckb_base) "$BASE" search --batch "$QUERIES" --format jsonl --db "$WORK/db-ckb" --limit 10 ;;
    peer_xapian) "$BUILD/bench/peer_xapian" search --db "$WORK/db-peer_xapian" "$QUERIES" --limit 10 ;;
    peer_sqlite) "$BUILD/bench/peer_sqlite" search --db "$WORK/db-peer_sqlite/fts.sqlite" "$QUERIES" --limit 10 ;;
    peer_lucene) "$BUILD/bench/peer_lucene" search --db "$WORK/db-peer_lucene" "$QUERIES" --limit 10 ;;
  esac
}

# Reads every file once so that the first round does not pay for the disk.
find "${dbs[@]}" -type f -exec cat {} + >/dev/null

table=$(mktemp)
trap 'rm -f "$table" "$table.out"' EXIT
for ((r = 1; r <= ROUNDS; r++)); do
  for e in "${engines[@]}"; do
    run_engine "$e" >"$table.out" 2>/dev/null || { echo "query_rounds.sh: $e failed" >&2; exit 1; }
    read -r p50 p95 p99 _ < <(python3 "$ROOT/bench/latency.py" "$table.out")
    echo "$e $p50 $p95 $p99" >>"$table"
  done
done

python3 - "$table" "$N" "$ROUNDS" "$(wc -l <"$QUERIES")" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    e, *v = line.split()
    rows.setdefault(e, []).append([float(x) for x in v])
med = {e: [statistics.median(r[i] for r in runs) for i in range(3)] for e, runs in rows.items()}
print(f"## Query latency rounds: {sys.argv[2]} documents, {sys.argv[4]} queries, {sys.argv[3]} rounds\n")
print("| engine | p50 µs | p95 µs | p99 µs | p99 of each round |")
print("|---|---:|---:|---:|---|")
for e, m in med.items():
    each = " ".join(f"{r[2]:.0f}" for r in rows[e])
    print(f"| {e} | {m[0]:,.0f} | {m[1]:,.0f} | {m[2]:,.0f} | {each} |")
print("\n| ratio | p50 | p95 | p99 |\n|---|---:|---:|---:|")
for a in [e for e in med if e.startswith("ckb")]:
    for b in [e for e in med if e.startswith("peer") or (a == "ckb" and e == "ckb_base")]:
        print(f"| {a}/{b} | " + " | ".join(f"{med[a][i] / med[b][i]:.2f}" for i in range(3)) + " |")
EOF
