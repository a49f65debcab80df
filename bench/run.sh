#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Indexing and query benchmark of ckb against three reference peers (plain
# Xapian, SQLite FTS5, Lucene 8) on the first N abstracts of the benchmark
# corpus.
# Prints a Markdown table of medians and ratios and writes bench/out/results-N.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options] N

Indexes the first N records of the benchmark corpus (scaled up with
make_synthetic.py when N exceeds the real 108,672) with each engine, then
measures index time (docs/s, MiB/s, docs per CPU-second), peak RSS, on-disk size, query latency
(p50/p95/p99 over bench/queries.txt in one process; for ckb without and with snippets) and the wall time of one
fresh search process (median of 10). Every figure is the median of the runs.

options:
  --runs R        repetitions per engine (default 3; env RUNS)
  --engines LIST  space- or comma-separated subset of: ckb peer_xapian peer_sqlite
                  peer_lucene (default: all four; peer_lucene is built only when
                  a JDK and liblucene8-java are installed, as `make bench` does)
  --build DIR     build directory holding ckb and bench/peer_* (default: build-bench,
                  else build, under the repository root; env CKB_BUILD_DIR)
  --ckb PATH      the ckb executable (default DIR/ckb; env CKB_BIN)
  --work DIR      scratch directory (default ${TMPDIR:-/tmp}/ckb-bench-N; env CKB_BENCH_WORK)
  --qrepeat Q     run the query list Q times in the batch (default 3)
  --keep          keep databases after the run
env: CKB_BENCH_CORPUS (zstd JSONL), CKB_BENCH_SYNTH (make_synthetic.py),
     CKB_INDEX_ARGS (extra arguments for `ckb index`, e.g. "--format jsonl").
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
ENGINES="ckb peer_xapian peer_sqlite peer_lucene"
BUILD=${CKB_BUILD_DIR:-}
CKB=${CKB_BIN:-}
WORK=${CKB_BENCH_WORK:-}
QREPEAT=3
KEEP=0
CORPUS_ZST=${CKB_BENCH_CORPUS:-$ROOT/../shared/corpus/bench-abstracts/corpus_real.jsonl.zst}
[[ -f $CORPUS_ZST ]] || CORPUS_ZST=/work/shared/corpus/bench-abstracts/corpus_real.jsonl.zst
SYNTH=${CKB_BENCH_SYNTH:-$(dirname "$CORPUS_ZST")/../../bench/make_synthetic.py}
REAL_DOCS=108672
COLD_QUERY="trastuzumab deruxtecan"
COLD_RUNS=10

N=""
while (($#)); do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --engines) ENGINES=${2//,/ }; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --ckb) CKB=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --qrepeat) QREPEAT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) N=$1; shift ;;
  esac
done
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { usage >&2; exit 2; }

if [[ -z $BUILD ]]; then
  for d in "$ROOT/build-bench" "$ROOT/build"; do
    if [[ -x $d/bench/peer_xapian ]]; then BUILD=$d; break; fi
  done
  BUILD=${BUILD:-$ROOT/build}
fi
CKB=${CKB:-$BUILD/ckb}
WORK=${WORK:-${TMPDIR:-/tmp}/ckb-bench-$N}
OUT_DIR=$ROOT/bench/out
mkdir -p "$WORK" "$OUT_DIR"

for tool in zstdcat python3 du; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing (scripts/install-deps)" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time missing (package 'time')" >&2; exit 1; }

# Engines that cannot run are dropped with a note, so peers can be measured
# before ckb exists (and the reverse).
ACTIVE=()
for e in $ENGINES; do
  case $e in
    ckb)
      if [[ ! -x $CKB ]]; then
        echo "run.sh: $CKB not found; ckb skipped" >&2; continue
      fi ;;
    peer_xapian|peer_sqlite|peer_lucene)
      if [[ ! -x $BUILD/bench/$e ]]; then
        echo "run.sh: $BUILD/bench/$e not found; $e skipped" >&2; continue
      fi ;;
    *) echo "run.sh: unknown engine $e" >&2; exit 2 ;;
  esac
  ACTIVE+=("$e")
done
((${#ACTIVE[@]})) || { echo "run.sh: no engine to run" >&2; exit 1; }

# ---- inputs ---------------------------------------------------------------
CORPUS=$WORK/corpus-$N.jsonl
if [[ ! -s $CORPUS || $(wc -l <"$CORPUS") -ne $N ]]; then
  echo "run.sh: preparing $N records in $CORPUS" >&2
  if ((N <= REAL_DOCS)); then
    { zstdcat "$CORPUS_ZST" || true; } | head -n "$N" >"$CORPUS.tmp"
  else
    { zstdcat "$CORPUS_ZST" || true; } | python3 "$SYNTH" "$N" >"$CORPUS.tmp"
  fi
  [[ $(wc -l <"$CORPUS.tmp") -eq $N ]] || { echo "run.sh: corpus has fewer than $N records" >&2; exit 1; }
  mv "$CORPUS.tmp" "$CORPUS"
fi
CORPUS_BYTES=$(stat -c %s "$CORPUS")

QUERIES=$WORK/queries.txt
: >"$QUERIES"
for ((i = 0; i < QREPEAT; i++)); do grep -v -e '^#' -e '^[[:space:]]*$' "$ROOT/bench/queries.txt" >>"$QUERIES"; done
NQUERIES=$(wc -l <"$QUERIES")
COLD_FILE=$WORK/cold-query.txt
printf '%s\n' "$COLD_QUERY" >"$COLD_FILE"

RAW=$WORK/raw.tsv
printf 'run\tengine\tmetric\tvalue\n' >"$RAW"
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RAW"; }

# Wall clock in microseconds without starting a process (bash's
# EPOCHREALTIME): timing with a `date` process on each side also counted
# the end of the first and the start of the second, about a millisecond
# added to each single-query process.
now_us() { NOW_US=${EPOCHREALTIME//[!0-9]/}; }
# Runs a command under /usr/bin/time -v; sets RC (its exit status), SECS
# (wall), CPU_SECS (user + system, less sensitive to other load on the
# machine) and RSS_KB.
timed() {
  local tv=$WORK/time.txt t0 t1
  now_us
  t0=$NOW_US
  RC=0
  /usr/bin/time -v -o "$tv" "$@" || RC=$?
  now_us
  t1=$NOW_US
  SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tv")
  CPU_SECS=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.3f", s }' "$tv")
}
du_kb() { du -sk "$@" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
median_of() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- per-engine commands --------------------------------------------------
db_of() { echo "$WORK/db-$1"; }
# Sets CMD to the indexing command of engine $1.
index_cmd() {
  local db
  db=$(db_of "$1")
  case $1 in
    ckb)
      CMD=("$CKB" index "$CORPUS" --db "$db")
      if [[ -n ${CKB_INDEX_ARGS:-} ]]; then
        read -r -a extra <<<"$CKB_INDEX_ARGS"
        CMD+=("${extra[@]}")
      fi ;;
    peer_xapian) CMD=("$BUILD/bench/peer_xapian" index --db "$db" "$CORPUS") ;;
    peer_sqlite) CMD=("$BUILD/bench/peer_sqlite" index --db "$db/fts.sqlite" "$CORPUS") ;;
    peer_lucene) CMD=("$BUILD/bench/peer_lucene" index --db "$db" "$CORPUS") ;;
  esac
}
# Sets CMD to a query batch of engine $1 over query file $2, in one process.
batch_cmd() {
  local db
  db=$(db_of "$1")
  case $1 in
    ckb) CMD=("$CKB" search --batch "$2" --format jsonl --db "$db" --limit 10) ;;
    peer_xapian) CMD=("$BUILD/bench/peer_xapian" search --db "$db" "$2" --limit 10) ;;
    peer_sqlite) CMD=("$BUILD/bench/peer_sqlite" search --db "$db/fts.sqlite" "$2" --limit 10) ;;
    # The JVM runs the list untimed for 10 s first, so that its latencies are
    # those of compiled code, as the C++ engines' are.
    peer_lucene) CMD=("$BUILD/bench/peer_lucene" search --db "$db" "$2" --limit 10) ;;
  esac
}
# Sets CMD to one fresh process answering the single cold query.
once_cmd() {
  case $1 in
    ckb) CMD=("$CKB" search "$COLD_QUERY" --db "$(db_of ckb)" --limit 10 --format json) ;;
    peer_lucene) batch_cmd "$1" "$COLD_FILE"; CMD+=(--warmup-s 0) ;;
    *) batch_cmd "$1" "$COLD_FILE" ;;
  esac
}

# Latency percentiles (microseconds) from a batch output. Peers print a
# "# ... p50_us=" summary; for ckb every JSONL line's latency field is read.
# Prints "p50 p95 p99 source" or nothing when no per-query latency is present.
latencies() {
  python3 "$ROOT/bench/latency.py" "$1"
}

# ---- measurements ---------------------------------------------------------
echo "run.sh: N=$N runs=$RUNS engines=${ACTIVE[*]} queries=$NQUERIES work=$WORK" >&2
for ((run = 1; run <= RUNS; run++)); do
  # The engine order rotates from run to run so that no engine always runs
  # first (cold page cache) or last.
  order=()
  for ((i = 0; i < ${#ACTIVE[@]}; i++)); do order+=("${ACTIVE[(i + run - 1) % ${#ACTIVE[@]}]}"); done
  for e in "${order[@]}"; do
    db=$(db_of "$e")
    rm -rf "$db" "$db.compact"
    mkdir -p "$db"
    if [[ $e == ckb ]]; then rmdir "$db"; fi  # ckb creates its own directory
    index_cmd "$e"
    echo "run.sh: [$run/$RUNS] $e: indexing" >&2
    timed "${CMD[@]}" >"$WORK/index-$e.log" 2>&1
    # ckb exits 65 when some records were malformed and the rest indexed.
    if [[ $RC -eq 65 && $e == ckb ]]; then
      echo "run.sh: $e reported malformed records (see $WORK/index-$e.log)" >&2
    elif [[ $RC -ne 0 ]]; then
      echo "run.sh: $e index failed with status $RC (see $WORK/index-$e.log)" >&2
      tail -5 "$WORK/index-$e.log" >&2
      continue
    fi
    record "$run" "$e" index_s "$SECS"
    record "$run" "$e" docs_per_s "$(awk -v n="$N" -v s="$SECS" 'BEGIN { printf "%.1f", n / s }')"
    record "$run" "$e" docs_per_cpu_s "$(awk -v n="$N" -v s="$CPU_SECS" 'BEGIN { printf "%.1f", n / s }')"
    record "$run" "$e" mb_per_s "$(awk -v b="$CORPUS_BYTES" -v s="$SECS" 'BEGIN { printf "%.2f", b / 1048576 / s }')"
    record "$run" "$e" index_rss_mb "$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')"
    record "$run" "$e" disk_mb "$(awk -v k="$(du_kb "$db")" 'BEGIN { printf "%.1f", k / 1024 }')"
    if [[ $e == ckb ]]; then
      # What ckb says it holds, to catch records it skipped or merged.
      if "$CKB" stats --format json --db "$db" >"$WORK/stats-ckb.json" 2>/dev/null; then
        for k in documents index_documents works; do
          v=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' \
                "$WORK/stats-ckb.json" "$k")
          [[ -n $v ]] && record "$run" "$e" "stats_$k" "$v"
        done
      fi
      shopt -s nullglob
      xparts=("$db"/xapian "$db"/xapian.*)
      shopt -u nullglob
      record "$run" "$e" xapian_mb "$(awk -v k="$(du_kb "${xparts[@]}")" 'BEGIN { printf "%.1f", k / 1024 }')"
      record "$run" "$e" rocksdb_mb "$(awk -v k="$(du_kb "$db/rocksdb")" 'BEGIN { printf "%.1f", k / 1024 }')"
    fi
    if [[ $e == peer_xapian ]] && command -v xapian-compact >/dev/null; then
      xapian-compact "$db" "$db.compact" >/dev/null
      record "$run" "$e" compact_mb "$(awk -v k="$(du_kb "$db.compact")" 'BEGIN { printf "%.1f", k / 1024 }')"
      rm -rf "$db.compact"
    fi

    echo "run.sh: [$run/$RUNS] $e: query batch" >&2
    bout=$WORK/batch-$e.out
    batch_cmd "$e" "$QUERIES"
    timed "${CMD[@]}" >"$bout" 2>"$WORK/batch-$e.log"
    # Status 1 is "nothing matched" for ckb, not a failure.
    if [[ $RC -eq 0 || $RC -eq 1 ]]; then
      record "$run" "$e" batch_s "$SECS"
      record "$run" "$e" search_rss_mb "$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')"
      if read -r p50 p95 p99 _ < <(latencies "$bout"); then
        record "$run" "$e" p50_us "$p50"
        record "$run" "$e" p95_us "$p95"
        record "$run" "$e" p99_us "$p99"
      else
        # No per-query latency in the output: the batch mean stands in.
        record "$run" "$e" mean_us "$(awk -v s="$SECS" -v n="$NQUERIES" 'BEGIN { printf "%.1f", s * 1e6 / n }')"
      fi
    else
      echo "run.sh: $e query batch failed with status $RC (see $WORK/batch-$e.log)" >&2
      tail -3 "$WORK/batch-$e.log" >&2
    fi
    if [[ $e == ckb ]]; then
      # The same batch with a snippet per hit, as the text output shows
      # them; reported as separate columns.
      echo "run.sh: [$run/$RUNS] $e: query batch with snippets" >&2
      batch_cmd "$e" "$QUERIES"
      timed "${CMD[@]}" --snippets >"$WORK/batch-$e-snippets.out" 2>"$WORK/batch-$e-snippets.log"
      if [[ $RC -eq 0 || $RC -eq 1 ]] && read -r p50 p95 p99 _ < <(latencies "$WORK/batch-$e-snippets.out"); then
        record "$run" "$e" p50_snip_us "$p50"
        record "$run" "$e" p95_snip_us "$p95"
        record "$run" "$e" p99_snip_us "$p99"
      fi
    fi

    echo "run.sh: [$run/$RUNS] $e: $COLD_RUNS single-query processes" >&2
    colds=()
    once_cmd "$e"
    for ((c = 0; c < COLD_RUNS; c++)); do
      now_us
      t0=$NOW_US
      rc=0
      "${CMD[@]}" >/dev/null 2>&1 || rc=$?
      if ((rc > 1)); then
        echo "run.sh: $e single query failed with status $rc" >&2
        colds=()
        break
      fi
      now_us
      t1=$NOW_US
      colds+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e3 }')")
    done
    if ((${#colds[@]})); then
      record "$run" "$e" cold_ms "$(printf '%s\n' "${colds[@]}" | median_of)"
    fi
  done
done

if ((KEEP == 0)); then
  for e in "${ACTIVE[@]}"; do rm -rf "$(db_of "$e")"; done
fi

# ---- report ---------------------------------------------------------------
RESULT=$OUT_DIR/results-$N.md
python3 "$ROOT/bench/report.py" --raw "$RAW" --docs "$N" --bytes "$CORPUS_BYTES" --runs "$RUNS" \
  --queries "$NQUERIES" --cold-query "$COLD_QUERY" --cold-runs "$COLD_RUNS" \
  --ckb-version "$( [[ -x $CKB ]] && "$CKB" --version 2>/dev/null | head -1 || echo n/a)" \
  --commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo n/a)" | tee "$RESULT"
echo "run.sh: wrote $RESULT (raw figures: $RAW)" >&2
