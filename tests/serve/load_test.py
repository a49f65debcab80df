#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Load on `ckb serve`: rounds of 200 concurrent requests (search, works,
trials, table, stats) on 127.0.0.1 while `ckb index` commits generated pages
in many batches. Every request must be answered 200 with valid JSON whose
hits carry their records; the server must end up at the writer's last
generation. Prints latency percentiles (docs/PERFORMANCE.md).
BASE generated pages (another seed) are indexed before the server starts, so
that the figures can be taken at several sizes of the knowledge base.
Usage: load_test.py CKB REPO_ROOT WORKDIR [PAGES=600] [ROUNDS=3] [BASE=0]"""
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse

from serve_util import Checks, Server, cli_json, index

ckb, root, work = sys.argv[1:4]
pages = int(sys.argv[4]) if len(sys.argv) > 4 else 600
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 3
base = int(sys.argv[6]) if len(sys.argv) > 6 else 0
CONCURRENT = 200
db = os.path.join(work, "db")
t = Checks()
index(ckb, db, os.path.join(root, "corpus"))
if base:
    pre = os.path.join(work, "base")
    # Page numbers past the writer's, so that its pages are new works.
    subprocess.run(["bash", os.path.join(root, "tests/reliability/gen_pages.sh"), pre, str(base), "11", "100000"],
                   check=True, stdout=subprocess.DEVNULL)
    index(ckb, db, pre)
gen = os.path.join(work, "in")
subprocess.run(["bash", os.path.join(root, "tests/reliability/gen_pages.sh"), gen, str(pages), "3"], check=True,
               stdout=subprocess.DEVNULL)
s = Server(ckb, db, threads=8)
q = urllib.parse.quote
PATHS = ["/api/search?q=" + q("HER2-low") + "&facets=1", "/api/search?q=breast&limit=50", "/api/search?q=trastuzumab&sort=date",
         "/api/search?q=" + q("乳腺癌"), "/api/works/" + q("doi:10.1056/NEJMoa2203690"), "/api/trials",
         "/api/trials/NCT03734029", "/api/stats", "/api/table?q=HER2&limit=50", "/api/works/" + q("doi:10.1056/NEJMoa2203690") + "/refs"]


def one(i, results):
    path = PATHS[i % len(PATHS)]
    t0 = time.monotonic()
    try:
        st, _, body = s.request(path, timeout=60)
        j = json.loads(body)
        ok = st == 200
        if ok and "hits" in j:
            ok = all(h["id"].startswith("W") and h["title"] for h in j["hits"])
        # A failure names the server's message (an error's JSON).
        why = "" if ok else (j.get("error", {}).get("message", "") if isinstance(j, dict) else "")
        results[i] = (ok, time.monotonic() - t0, st, path, why)
    except Exception as e:  # noqa: BLE001 - any failure is a failed request
        results[i] = (False, time.monotonic() - t0, repr(e), path)


def burst():
    results = [None] * CONCURRENT
    threads = [threading.Thread(target=one, args=(i, results)) for i in range(CONCURRENT)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return results


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p / 100 * len(v)))] * 1000


# The same bursts with no writer: the peer of the figures under a commit.
idle = []
for _ in range(rounds):
    for res in burst():
        t.check("idle request answered", res[0], res)
        idle.append(res[1])

writer = subprocess.Popen([ckb, "index", gen, "--db", db, "--batch", "20", "--live-index", "-q"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ, CKB_MIN_FREE_MB="16"))
latencies, failures, gens, answered = [], [], set(), 0
start = time.monotonic()
r = 0
while r < rounds or writer.poll() is None:
    if r >= 50:
        break  # bounded: the writer is expected to finish well before
    for res in burst():
        answered += 1
        latencies.append(res[1])
        if not res[0]:
            failures.append(res)
    gens.add(s.json("/api/stats")[2]["generation"])
    r += 1
elapsed = time.monotonic() - start
wrc = writer.wait(timeout=600)
werr = writer.stderr.read().decode()
t.check("writer finished", wrc == 0, werr)
t.check("all requests answered 200", not failures, failures[:5])
t.check("generations seen while serving", len(gens) >= 2, sorted(gens))
final = s.json("/api/stats")[2]
t.check("server at the writer's generation", final == cli_json(ckb, db, "stats", "--format", "json"), final)
t.check("clean stop", s.stop() == 0, s.stderr)
works = final["works"]
print("load (%d works at the end): %d rounds of %d concurrent requests (%d answered) while ckb index committed %d generations; %.1f s; "
      "latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f; without the writer (%d requests) p50 %.1f p99 %.1f; "
      "p99 ratio %.2f" % (works, r, CONCURRENT, answered, final["generation"] - min(gens), elapsed, pct(latencies, 50),
                          pct(latencies, 90), pct(latencies, 99), max(latencies) * 1000, len(idle), pct(idle, 50),
                          pct(idle, 99), pct(latencies, 99) / pct(idle, 99)))
sys.exit(t.done("serve load"))
