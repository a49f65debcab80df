#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The JSON API of `ckb serve` through real HTTP on 127.0.0.1: every route
answers what the matching command prints with --format json; bad requests
get a clean 4xx with a JSON error; a token is enforced; a commit by
`ckb index` while the server runs is seen by the next request; a rebuild of
the index is answered through; a missing index is a 503 with Retry-After.
Usage: api_test.py CKB REPO_ROOT WORKDIR"""
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse

from serve_util import Checks, Server, cli, cli_json, index

ckb, root, work = sys.argv[1], sys.argv[2], sys.argv[3]
db = os.path.join(work, "db")
corpus = os.path.join(root, "corpus")
REVIEW = "doi:10.3760/cma.j.cn371439-20250225-00007"
DB04 = "doi:10.1056/NEJMoa2203690"
t = Checks()
q = urllib.parse.quote

index(ckb, db, *[os.path.join(corpus, f) for f in ("her2-ultralow-review.txt", "destiny-breast04.pubmed.xml",
                                                   "her2-library.ris", "pubmed-her2-sample.xml")])
s = Server(ckb, db)


def same(name, path, *args):
    status, headers, got = s.json(path)
    want = cli_json(ckb, db, *args)
    t.check(name + " status", status == 200, (status, got))
    t.check(name + " type", headers.get("content-type", "").startswith("application/json"), headers)
    t.check(name + " equals ckb " + " ".join(args), got == want, (json.dumps(got)[:300], json.dumps(want)[:300]))
    return got


# Every route against its command.
same("stats", "/api/stats", "stats", "--format", "json")
r = same("search", "/api/search?q=HER2-low&limit=5", "search", "HER2-low", "--limit", "5", "--format", "json")
t.check("search finds DESTINY-Breast04", any(h["doi"] == "10.1056/nejmoa2203690" for h in r["hits"]), r["hits"])
same("search facets", "/api/search?q=" + q("HER2-low trastuzumab") + "&facets=1&sort=date&offset=1&limit=3",
     "search", "HER2-low trastuzumab", "--facets", "--sort", "date", "--offset", "1", "--limit", "3", "--format", "json")
ph = same("search phase facet", "/api/search?q=" + q("trastuzumab deruxtecan") + "&facets=1", "search",
          "trastuzumab deruxtecan", "--facets", "--format", "json")
t.check("phase facet counts", ph["facets"]["phase"] and all(n > 0 for n in ph["facets"]["phase"].values()), ph["facets"])
same("search filter", "/api/search?q=breast&drug=T-DXd&biomarker=HER2-ultralow", "search", "breast", "--drug", "T-DXd",
     "--biomarker", "HER2-ultralow", "--format", "json")
# Snippets as `--snippets` gives them: asked for by the page, left out otherwise.
sn = same("search snippets", "/api/search?q=HER2-low&limit=5&snippets=1", "search", "HER2-low", "--limit", "5", "--snippets",
          "--format", "json")
t.check("snippets with highlights", sn["hits"] and all("snippet" in h and "highlights" in h for h in sn["hits"]) and
        any(h["highlights"] for h in sn["hits"]), sn["hits"][:1])
t.check("no snippets unless asked", all("snippet" not in h for h in r["hits"]), r["hits"][:1])
same("search chinese", "/api/search?q=" + q("乳腺癌") + "&limit=3", "search", "乳腺癌", "--limit", "3", "--format", "json")
w = same("work by doi", "/api/works/" + q(DB04), "show", DB04, "--format", "json")
same("work by bare doi", "/api/works/10.1056/NEJMoa2203690", "show", DB04, "--format", "json")
same("work by pmid", "/api/works/pmid:35665782", "show", "pmid:35665782", "--format", "json")
same("work by id", "/api/works/" + w["id"], "show", w["id"], "--format", "json")
same("refs", "/api/works/" + q(REVIEW) + "/refs", "refs", REVIEW, "--format", "json")
st, _, citing = s.json("/api/works/" + w["id"] + "/citing")
t.check("citing", st == 200 and len(citing["citing"]) == w["cited_by_count"], citing)
same("trials", "/api/trials", "trials", "--format", "json")
same("trials filter", "/api/trials?drug=T-DXd&biomarker=HER2-low", "trials", "--drug", "T-DXd", "--biomarker", "HER2-low",
     "--format", "json")
same("trial", "/api/trials/NCT03734029", "trial", "NCT03734029", "--format", "json")
same("trial by acronym", "/api/trials/DESTINY-Breast04", "trial", "DESTINY-Breast04", "--format", "json")
same("table", "/api/table?cited_by=" + q(REVIEW) + "&columns=ref,citation,drugs,biomarkers,trials", "table", "--cited-by",
     REVIEW, "--columns", "ref,citation,drugs,biomarkers,trials", "--format", "json")
same("table query", "/api/table?q=HER2-low", "table", "HER2-low", "--format", "json")
same("map", "/api/map?q=HER2&rows=biomarker&cols=drug", "map", "HER2", "--rows", "biomarker", "--cols", "drug", "--format", "json")
same("entities", "/api/entities?type=drug", "entities", "--type", "drug", "--format", "json")
for fmt in ("csv", "md", "tsv"):
    st, h, body = s.request("/api/table?cited_by=" + q(REVIEW) + "&format=" + fmt)
    want = cli(ckb, db, "table", "--cited-by", REVIEW, "--format", fmt)
    t.check("table " + fmt, st == 200 and body == want, (st, body[:200], want[:200]))
    t.check("table %s attachment" % fmt, h.get("content-disposition") == 'attachment; filename="ckb-table.%s"' % fmt, h)
st, h, body = s.request("/api/map?q=HER2&format=html")
t.check("map html", st == 200 and h["content-type"].startswith("text/html") and b"<table" in body, (st, h))
st, _, cols = s.json("/api/columns")
t.check("columns", st == 200 and any(c["key"] == "citation" and c["default"] for c in cols["columns"]), cols)

# The page and its files, compiled in.
for path, kind in (("/", "text/html"), ("/?q=HER2-low", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css")):
    st, h, body = s.request(path)
    t.check("page " + path, st == 200 and h["content-type"].startswith(kind) and len(body) > 500, (st, h))
st, h, _ = s.request("/", method="HEAD")
t.check("HEAD /", st == 200, st)


def error(name, path, status, method="GET", raw=False, **kw):
    st, h, body = s.request(path, method=method, **kw)
    try:
        j = json.loads(body)
    except ValueError:
        j = None
    t.check(name + " status", st == status, (st, body[:300]))
    t.check(name + " JSON error", j is not None and j["error"]["status"] == status and j["error"]["message"], body[:300])
    return j


# Bad requests: each a clean 4xx with a JSON body.
j = error("query syntax", "/api/search?q=" + q('title:"unclosed'), 400)
t.check("query error offset", j and "offset" in j["error"], j)
j = error("query parenthesis", "/api/search?q=" + q("(HER2 AND"), 400)
# Strict PubMed tags: the parser's message and position, as `ckb search` gives them.
for bad in ("HER2[xx]", "trastuzumab[tiab] AND 2020[edat]", "HER2[tiab] AND 2020/13/01[dp]"):
    j = error("bad tag " + bad, "/api/search?q=" + q(bad), 400)
    r = subprocess.run([ckb, "search", "--batch", "-", "--db", db], input=bad + "\n", capture_output=True, text=True)
    want = json.loads(r.stdout.splitlines()[0]) if r.stdout else {}
    t.check("bad tag %s as the CLI" % bad, r.returncode == 2 and j and j["error"]["message"] == want.get("error") and
            j["error"]["offset"] == want.get("error_offset"), (j, want))
    r = subprocess.run([ckb, "search", bad, "--db", db], capture_output=True, text=True)
    t.check("bad tag %s caret as the CLI" % bad, j and ("ckb: " + j["error"]["detail"]) in r.stderr, (j, r.stderr))
    st, _, body = s.request("/api/table?q=" + q(bad))
    t.check("bad tag %s in a table" % bad, st == 400 and b"query error at column" in body, (st, body[:300]))
lj = same("lenient tag", "/api/search?q=" + q("HER2[xx]") + "&lenient=1", "search", "HER2[xx]", "--lenient", "--format", "json")
t.check("lenient warns", lj["warnings"] and lj["total"] > 0, lj.get("warnings"))
t.check("search totals", all(k in lj for k in ("total_exact", "total_lower", "total_upper")), list(lj))
error("empty query", "/api/search?q=", 400)
error("huge query", "/api/search?q=" + "a" * 5000, 400)
error("query past the URI limit", "/api/search?q=" + "a" * 20000, 414)
error("malformed UTF-8", "/api/search?q=%FF%FEHER2", 400)
error("malformed UTF-8 overlong", "/api/search?q=%C0%AF", 400)
error("malformed UTF-8 in path", "/api/works/%FF%FF", 400)
error("path traversal", "/../../etc/passwd", 400)
error("path traversal encoded", "/%2e%2e/%2e%2e/etc/passwd", 400)
error("path traversal in api", "/api/works/../../../etc/passwd", 400)
error("unknown route", "/api/nothing", 404)
error("unknown file", "/etc/passwd", 404)
error("unknown work", "/api/works/doi:10.9999/none", 404)
error("unknown trial", "/api/trials/NCT99999999", 404)
error("page too big", "/api/search?q=HER2&limit=1000", 400)
error("bad limit", "/api/search?q=HER2&limit=-1", 400)
error("bad sort", "/api/search?q=HER2&sort=random", 400)
error("bad table format", "/api/table?q=HER2&format=xls", 400)
error("bad column", "/api/table?q=HER2&columns=nope", 400)
error("bad map dimension", "/api/map?q=HER2&rows=colour", 400)
error("table without selection", "/api/table", 400)
error("POST", "/api/search?q=HER2", 405, method="POST", body=b"{}")
error("body too large", "/api/search?q=HER2", 405, method="PUT", body=b"x" * 100000)

# A commit while the server runs is seen by the next request.
before = s.json("/api/stats")[2]
index(ckb, db, os.path.join(corpus, "ctgov-NCT04752059.json"))
after = s.json("/api/stats")[2]
t.check("new generation seen", after["generation"] == before["generation"] + 1 and after == cli_json(ckb, db, "stats", "--format", "json"),
        (before, after))
st, _, tr = s.json("/api/trials/NCT04752059")
t.check("new trial served", st == 200 and tr["nct"] == "NCT04752059", (st, tr))

# `ckb rebuild-index` while the server answers: every request gets 200, or a
# 503 with Retry-After and a JSON error while the old index is swapped out;
# never a 500 or a half answer. Afterwards the answers are the CLI's again.
SEARCH = "/api/search?q=" + q("HER2-low") + "&limit=5"
answers, stop = [], threading.Event()


def poll():
    while not stop.is_set():
        for path in (SEARCH, "/api/stats", "/api/works/" + q(DB04)):
            st, h, body = s.request(path)
            try:
                j = json.loads(body)
            except ValueError:
                j = None
            answers.append((st, h.get("retry-after"), j, path))


pollers = [threading.Thread(target=poll) for _ in range(4)]
for th in pollers:
    th.start()
rb = subprocess.run([ckb, "rebuild-index", "--db", db], capture_output=True, text=True,
                    env=dict(os.environ, CKB_MIN_FREE_MB="16"))
time.sleep(0.3)
stop.set()
for th in pollers:
    th.join()
t.check("rebuild-index while serving", rb.returncode == 0, rb.stderr)
print("rebuild: %d requests, %d answered 503" % (len(answers), sum(a[0] == 503 for a in answers)))
t.check("requests during the rebuild", len(answers) >= 12, len(answers))
bad = [a for a in answers if not (a[0] == 200 and a[2] is not None and "error" not in a[2]) and
       not (a[0] == 503 and a[1] == "1" and a[2] and a[2]["error"]["status"] == 503)]
t.check("during the rebuild: 200 or 503 with Retry-After", not bad, bad[:3])
t.check("during the rebuild: hits with their records",
        all(all(h["title"] for h in a[2]["hits"]) for a in answers if a[0] == 200 and a[3] == SEARCH), "")
same("search after the rebuild", SEARCH, "search", "HER2-low", "--limit", "5", "--format", "json")
same("stats after the rebuild", "/api/stats", "stats", "--format", "json")

# The index directory missing (a knowledge base half copied or restored):
# 503 with Retry-After, and answers again once it is back.
with open(os.path.join(db, "index.current")) as f:
    current = os.path.join(db, f.read().strip())
os.rename(current, current + ".away")
j = error("index missing", SEARCH, 503)
st, h, _ = s.request("/api/stats")
t.check("index missing: Retry-After", h.get("retry-after") == "1", h)
os.rename(current + ".away", current)
same("index back", SEARCH, "search", "HER2-low", "--limit", "5", "--format", "json")
t.check("clean stop", s.stop() == 0, s.stderr)

# A token on every request.
tok = os.path.join(work, "token")
with open(tok, "w") as f:
    f.write("0123456789abcdef0123\n")
s = Server(ckb, db, "--token", tok)
error("no token", "/api/stats", 401)
error("wrong token", "/api/stats", 401, headers={"Authorization": "Bearer 0123456789abcdef0124"})
error("no token for the page", "/", 401)
st, _, _ = s.request("/api/stats", headers={"Authorization": "Bearer 0123456789abcdef0123"})
t.check("bearer token", st == 200, st)
st, h, _ = s.request("/?token=0123456789abcdef0123")
t.check("page sets the token cookie", st == 200 and "ckb_token=0123456789abcdef0123" in h.get("set-cookie", ""), h)
st, _, _ = s.request("/api/stats", headers={"Cookie": "ckb_token=0123456789abcdef0123"})
t.check("cookie token", st == 200, st)
t.check("clean stop with token", s.stop() == 0, s.stderr)

# No knowledge base, an address that cannot be bound.
r = subprocess.run([ckb, "serve", "--db", os.path.join(work, "none"), "--port", "0"], capture_output=True, text=True, timeout=30)
t.check("no knowledge base exits 66", r.returncode == 66 and "ckb:" in r.stderr, (r.returncode, r.stderr))
r = subprocess.run([ckb, "serve", "--db", db, "--host", "203.0.113.1", "--port", "0"], capture_output=True, text=True, timeout=30)
t.check("unbindable address exits 2", r.returncode == 2 and "cannot listen" in r.stderr, (r.returncode, r.stderr))
sys.exit(t.done("serve api"))
