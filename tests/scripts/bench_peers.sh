#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The benchmark peers (bench/peer_xapian, bench/peer_sqlite and, when a JDK
# and liblucene8-java were there at configure time, bench/peer_lucene) must
# index the same records and find the same documents, or their figures in
# docs/PERFORMANCE.md compare different work. On 300 records of the benchmark
# corpus plus one malformed line, each peer must report 300 indexed and 1 bad,
# answer a query file with one latency line per query and the percentile
# summary, and count, for single words, exactly the records whose title or
# abstract holds the word (or its plural).
# Usage: bench_peers.sh <ckb> <repo root>; exits 77 (skipped) without peers
# or without the shared benchmark corpus.
set -uo pipefail
CKB=$1
ROOT=$2
BENCH=$(dirname "$CKB")/bench
CORPUS_ZST=$ROOT/../shared/corpus/bench-abstracts/corpus_real.jsonl.zst
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

peers=()
for p in peer_xapian peer_sqlite peer_lucene; do
  [[ -x $BENCH/$p ]] && peers+=("$p")
done
if ((${#peers[@]} == 0)); then
  echo "bench_peers: no peer built in $BENCH (CKB_BUILD_BENCH=OFF): skipped"
  exit 77
fi
if [[ ! -f $CORPUS_ZST ]] || ! command -v zstdcat >/dev/null; then
  echo "bench_peers: $CORPUS_ZST or zstdcat missing: skipped"
  exit 77
fi
[[ -x $BENCH/peer_lucene ]] || echo "bench_peers: peer_lucene not built (no JDK or liblucene8-java); checking ${peers[*]}"

{ zstdcat "$CORPUS_ZST" 2>/dev/null || true; } | head -n 300 >"$T/in.jsonl"
echo '{"id": "broken", "title": "no closing brace"' >>"$T/in.jsonl"
WORDS=(placebo melanoma bevacizumab pembrolizumab nivolumab sepsis insulin trastuzumab metformin)
printf '%s\n' "${WORDS[@]}" >"$T/queries.txt"

# Expected counts: records whose title or abstract holds the word, or the
# word plus "s", as a whole token (letters and digits around it end it).
/usr/bin/python3 - "$T/in.jsonl" "${WORDS[@]}" >"$T/expected.txt" <<'EOF'
import json, re, sys
recs = []
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    recs.append((r.get("title") or "") + " \n " + (r.get("abstract") or ""))
for w in sys.argv[2:]:
    pat = re.compile(r"(?<![^\W_])" + re.escape(w) + r"s?(?![^\W_])", re.I)
    print(w, sum(1 for t in recs if pat.search(t)))
EOF
nonzero=$(awk '$2 > 0' "$T/expected.txt" | wc -l)
if ((nonzero >= 5)); then ok; else bad "only $nonzero of the query words occur in the 300 records"; fi

for p in "${peers[@]}"; do
  db=$T/db-$p
  mkdir -p "$db"
  target=$db
  [[ $p == peer_sqlite ]] && target=$db/fts.sqlite
  if ! "$BENCH/$p" index --db "$target" "$T/in.jsonl" >"$T/$p.index" 2>"$T/$p.index.err"; then
    bad "$p index failed: $(tail -2 "$T/$p.index.err")"
    continue
  fi
  if grep -q '^# indexed=300 bad=1 ' "$T/$p.index"; then ok; else bad "$p index summary: $(cat "$T/$p.index")"; fi

  args=()
  [[ $p == peer_lucene ]] && args=(--warmup-s 0)
  # With a limit above every match count, each peer's hit count is its match
  # count (SQLite FTS5 counts the rows it returned, the others their totals).
  if ! "$BENCH/$p" search --db "$target" "$T/queries.txt" --limit 1000 "${args[@]}" >"$T/$p.search" 2>"$T/$p.search.err"; then
    bad "$p search failed: $(tail -2 "$T/$p.search.err")"
    continue
  fi
  if grep -Eq "^# queries=${#WORDS[@]} p50_us=[0-9.]+ p95_us=[0-9.]+ p99_us=[0-9.]+ " "$T/$p.search"; then
    ok
  else
    bad "$p search summary missing: $(tail -1 "$T/$p.search")"
  fi
  if read -r p50 _ < <(/usr/bin/python3 "$ROOT/bench/latency.py" "$T/$p.search") && [[ -n $p50 ]]; then
    ok
  else
    bad "bench/latency.py cannot read $p's output"
  fi
  # Per query: "latency<TAB>hits<TAB>query".
  while read -r w want; do
    got=$(awk -F'\t' -v w="$w" '$3 == w { print $2 }' "$T/$p.search")
    if [[ $got == "$want" ]]; then ok; else bad "$p: '$w' matched ${got:-nothing}, the records hold it in $want"; fi
  done <"$T/expected.txt"
done

echo "bench_peers: ${peers[*]}: $PASS passed, $FAIL failed"
((FAIL == 0))
