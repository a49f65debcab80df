#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Index shards: `ckb index --shard K/3` splits 1,285 real records into three
# knowledge bases without loss or overlap, and `ckb search --shards` over the
# three (local directories, and remote ones served on loopback by
# `ckb serve-shard`, i.e. xapian-tcpsrv) ranks the same works in the same
# order, with the same scores, as one knowledge base holding everything.
# Usage: shards.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv missing (xapian-tools): skipped"; exit 77; }
T=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$T"
}
trap cleanup EXIT
PY=/usr/bin/python3
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

zcat "$ROOT/tests/data/search/bench-subset.jsonl.gz" >"$T/corpus.jsonl"
"$CKB" index "$T/corpus.jsonl" --db "$T/all" -q --progress never
for k in 0 1 2; do
  "$CKB" index "$T/corpus.jsonl" --db "$T/s$k" --shard "$k/3" -q --progress never
done
[[ -d $T/s2 ]] && ok || bad "shards indexed"
"$CKB" index "$T/corpus.jsonl" --db "$T/bad" --shard 3/3 -q 2>/dev/null
[[ $? -eq 2 ]] && ok || bad "--shard 3/3 is a usage error"

# Every work in exactly one shard.
if $PY - "$CKB" "$T" <<'PYEOF'; then ok; else bad "shards partition the works"; fi
import json, subprocess, sys
ckb, t = sys.argv[1], sys.argv[2]
def stats(db):
    return json.loads(subprocess.run([ckb, "stats", "--format", "json", "--db", db],
                                     check=True, capture_output=True, text=True).stdout)
full = stats(t + "/all")
parts = [stats(f"{t}/s{k}") for k in range(3)]
assert sum(p["works"] for p in parts) == full["works"], (full["works"], [p["works"] for p in parts])
assert all(p["works"] > full["works"] // 6 for p in parts), [p["works"] for p in parts]
assert sum(p["documents"] for p in parts) == full["documents"]
PYEOF

# Snippets: in text output by default, in JSON and batches only with --snippets.
"$CKB" search trastuzumab --db "$T/all" --format json --limit 3 >"$T/nosnip.json"
$PY -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["hits"] and not any("snippet" in h for h in j["hits"]), j' "$T/nosnip.json" \
  && ok || bad "JSON without --snippets has no snippets"
"$CKB" search trastuzumab --db "$T/all" --format json --limit 3 --snippets >"$T/withsnip.json"
$PY -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["hits"] and all(h["highlights"] for h in j["hits"]), j' "$T/withsnip.json" \
  && ok || bad "JSON with --snippets has highlighted snippets"
"$CKB" search trastuzumab --db "$T/all" --limit 3 --color never >"$T/text.txt"
grep -qi '\[trastuzumab\]' "$T/text.txt" && ok || bad "text output shows snippets"
"$CKB" search trastuzumab --db "$T/all" --limit 3 --color never --no-snippets >"$T/text-nosnip.txt"
! grep -qi '\[trastuzumab\]' "$T/text-nosnip.txt" && ok || bad "--no-snippets leaves them out"

# The queries of the benchmark and a few fielded ones. Wildcards are left
# out: Xapian weights a wildcard's expansion (OP_SYNONYM) with each shard's
# own statistics, so its scores differ from one database's
# (docs/PERFORMANCE.md, "Past one machine").
{
  grep -v -e '^#' -e '^[[:space:]]*$' "$ROOT/bench/queries.txt"
  printf '%s\n' 'drug:trastuzumab' 'biomarker:HER2-low breast' 'title:cancer year:2015..2020'
} >"$T/queries.txt"
run() {  # out-file, then ckb search arguments
  local out=$1
  shift
  "$CKB" search --batch "$T/queries.txt" --format jsonl --limit 10 "$@" >"$out" 2>"$out.err"
  local rc=$?
  [[ $rc -le 1 ]] || { echo "search $* failed ($rc):" >&2; tail -3 "$out.err" >&2; }
}
same() {  # name, expected, got
  if $PY - "$2" "$3" <<'PYEOF'; then ok; else bad "$1"; fi
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == len(b) and len(a) > 50, (len(a), len(b))
hits = 0
for x, y in zip(a, b):
    ids_x = [h["id"] for h in x["hits"]]
    ids_y = [h["id"] for h in y["hits"]]
    assert ids_x == ids_y, (x["query"], ids_x, ids_y)
    for hx, hy in zip(x["hits"], y["hits"]):
        assert abs(hx["score"] - hy["score"]) <= 1e-9 * max(1.0, abs(hx["score"])), (x["query"], hx, hy)
        assert hx["title"] == hy["title"], (hx, hy)
    hits += len(ids_x)
assert hits > 200, hits
PYEOF
}
run "$T/one.jsonl" --db "$T/all"
run "$T/local.jsonl" --db "$T/s0" --shards "$T/s0,$T/s1,$T/s2"
same "three local shards rank as one knowledge base" "$T/one.jsonl" "$T/local.jsonl"

# The three shards' indexes merged by xapian-compact, searched as one
# bare Xapian database beside the full record store.
if command -v xapian-compact >/dev/null; then
  xapian-compact "$T/s0/$(cat "$T/s0/index.current")" "$T/s1/$(cat "$T/s1/index.current")" \
    "$T/s2/$(cat "$T/s2/index.current")" "$T/merged" >/dev/null
  run "$T/merged.jsonl" --db "$T/all" --shards "$T/merged"
  same "shards merged by xapian-compact rank as one knowledge base" "$T/one.jsonl" "$T/merged.jsonl"
fi

# Three remote shards on loopback, each served by `ckb serve-shard`.
free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
listening() { $PY -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$1" 2>/dev/null; }
SPECS=()
for k in 0 1 2; do
  for attempt in 1 2 3; do
    port=$(free_port)
    # In a session of its own: xapian-tcpsrv ends its whole process group
    # when it is terminated, which would otherwise include this script.
    setsid "$CKB" serve-shard --db "$T/s$k" --port "$port" -q >"$T/serve$k.log" 2>&1 &
    pid=$!
    up=0
    for _ in $(seq 100); do
      if listening "$port"; then up=1; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if ((up)); then PIDS+=("$pid"); SPECS+=("127.0.0.1:$port"); break; fi
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
done
if [[ ${#SPECS[@]} -eq 3 ]]; then
  ok
  REMOTE=$(IFS=,; echo "${SPECS[*]}")
  run "$T/remote.jsonl" --db "$T/all" --shards "$REMOTE"
  same "three remote shards rank as one knowledge base" "$T/one.jsonl" "$T/remote.jsonl"
  run "$T/mixed.jsonl" --db "$T/s1" --shards "${SPECS[0]},$T/s1,${SPECS[2]}"
  # Records of works in remote shards are not at hand here: ids and ranks
  # still agree, titles are missing, and each such hit is reported.
  if $PY - "$T/one.jsonl" "$T/mixed.jsonl" <<'PYEOF'; then ok; else bad "mixed shards: ids and warnings"; fi
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
warned = 0
for x, y in zip(a, b):
    assert [h["id"] for h in x["hits"]] == [h["id"] for h in y["hits"]], (x["query"], x["hits"], y["hits"])
    warned += sum("no record store" in w for w in y.get("warnings", []))
assert warned > 0
PYEOF
  # Snippets over remote shards, and a text search.
  "$CKB" search 'trastuzumab' --db "$T/all" --shards "$REMOTE" --format json --snippets --limit 3 >"$T/snip.json"
  $PY -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["hits"] and all("\u0000" not in h["snippet"] and h["highlights"] for h in j["hits"]), j' "$T/snip.json" \
    && ok || bad "snippets over remote shards"
  # A shard that is not there: a clear error, exit 2 or above.
  "$CKB" search 'cancer' --db "$T/all" --shards "127.0.0.1:$(free_port)" >/dev/null 2>"$T/down.err"
  rc=$?
  [[ $rc -ge 2 ]] && grep -q "index shard 127.0.0.1" "$T/down.err" && ok || bad "unreachable shard reported (rc $rc: $(cat "$T/down.err"))"
else
  bad "three shard servers started (${#SPECS[@]}): $(cat "$T"/serve*.log)"
fi

echo "shards: $PASS passed, $FAIL failed"
((FAIL == 0))
