#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The page of `ckb serve` in headless Chromium, driven through its DevTools
protocol: search /?q=HER2-low and see the DESTINY-Breast04 paper, click a
facet, open the work, download the review table as CSV, the evidence map,
Chinese text and a phone-sized screen. A screenshot of each page is saved.
Usage: browser_test.py CKB REPO_ROOT WORKDIR OUTDIR   (exit 77: no Chromium)"""
import base64
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

from serve_util import Checks, Server, cli, index, wait_for

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)
if not CHROMIUM:
    print("SKIP: Chromium is not installed (scripts/install-deps installs it)")
    sys.exit(77)
import websocket  # python3-websocket; present wherever install-deps installed Chromium

ckb, root, work, out = sys.argv[1:5]
os.makedirs(out, exist_ok=True)
db = os.path.join(work, "db")
corpus = os.path.join(root, "corpus")
REVIEW = "doi:10.3760/cma.j.cn371439-20250225-00007"
DB04_TITLE = "Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer"
t = Checks()
index(ckb, db, *[os.path.join(corpus, f) for f in ("her2-ultralow-review.txt", "destiny-breast04.pubmed.xml",
                                                   "her2-library.ris", "pubmed-her2-sample.xml", "ctgov-NCT04752059.json")])
s = Server(ckb, db)
base = "http://127.0.0.1:%d" % s.port
downloads = os.path.join(work, "downloads")
os.makedirs(downloads)
profile = os.path.join(work, "profile")
browser = subprocess.Popen([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-extensions", "--disable-background-networking", "--disable-sync",
                            "--disable-component-update", "--no-default-browser-check", "--user-data-dir=" + profile,
                            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                            "--window-size=1280,900", "about:blank"],
                           stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "chromium.log"), "w"))
port_file = os.path.join(profile, "DevToolsActivePort")
if not wait_for(lambda: os.path.exists(port_file) and len(open(port_file).read().split()) >= 2, 60):
    print("FAIL: Chromium did not start: " + open(os.path.join(work, "chromium.log")).read()[-2000:])
    browser.kill()
    sys.exit(1)
dt_port, dt_path = open(port_file).read().split()[:2]
ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (dt_port, dt_path), timeout=60, suppress_origin=True)
next_id = [0]
events = []


def send(method, session=None, **p):
    next_id[0] += 1
    msg = {"id": next_id[0], "method": method, "params": p}
    if session:
        msg["sessionId"] = session
    ws.send(json.dumps(msg))
    while True:
        m = json.loads(ws.recv())
        if m.get("id") == next_id[0]:
            if "error" in m:
                raise RuntimeError("%s: %s" % (method, m["error"]))
            return m.get("result", {})
        events.append(m)


target = send("Target.createTarget", url="about:blank")["targetId"]
sid = send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
send("Page.enable", sid)
send("Browser.setDownloadBehavior", behavior="allow", downloadPath=downloads, eventsEnabled=True)


def js(expr):
    try:
        r = send("Runtime.evaluate", sid, expression=expr, returnByValue=True, awaitPromise=True)
    except RuntimeError:
        return None  # the page navigated away during the evaluation
    return r.get("result", {}).get("value")


def ready():
    # The view is built (data-ready) and every pending chip request settled.
    return wait_for(lambda: js("document.body && document.body.getAttribute('data-ready') === '1' && "
                               "document.querySelectorAll('.hit .chips.pending').length === 0"), 30)


def goto(path):
    js("document.body && document.body.removeAttribute('data-ready')")
    send("Page.navigate", sid, url=base + path)
    return ready()


def shot(name):
    data = send("Page.captureScreenshot", sid, format="png", captureBeyondViewport=True)["data"]
    with open(os.path.join(out, name + ".png"), "wb") as f:
        f.write(base64.b64decode(data))


def click(selector):
    """A real mouse click at the middle of the element (scrolled into view)."""
    box = js("(() => { const e = document.querySelector(%s); if (!e) return null; e.scrollIntoView({block: 'center'});"
             " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()" % json.dumps(selector))
    if not box:
        return False
    js("document.body.removeAttribute('data-ready')")
    for kind in ("mousePressed", "mouseReleased"):
        send("Input.dispatchMouseEvent", sid, type=kind, x=box[0], y=box[1], button="left", clickCount=1)
    return True


try:
    # Search: the DESTINY-Breast04 paper among the results, highlighted.
    t.check("search page ready", goto("/?q=HER2-low"))
    titles = js("Array.from(document.querySelectorAll('.hit h2 a')).map(a => a.textContent)") or []
    t.check("DESTINY-Breast04 paper among the results", DB04_TITLE in titles, titles)
    t.check("highlighted snippets", (js("document.querySelectorAll('.hit mark').length") or 0) > 0)
    t.check("entity chips", (js("document.querySelectorAll('.hit .chip.drug').length") or 0) > 0 and
            (js("document.querySelectorAll('.hit .chip.biomarker').length") or 0) > 0)
    t.check("query kept in the box", js("document.getElementById('q').value") == "HER2-low")
    t.check("every input labelled", js("Array.from(document.querySelectorAll('input:not([type=hidden]), select'))"
                                       ".every(i => document.querySelector('label[for=\"' + i.id + '\"]'))"))
    total = js("document.getElementById('total').textContent")
    shot("1-search")

    # A facet narrows the search (a real click on the first drug facet).
    facet = js("document.querySelector('#facets a[data-facet=drug]').getAttribute('data-value')")
    t.check("facet clicked", click("#facets a[data-facet=drug]") and ready())
    href = js("location.href")
    t.check("facet in the URL", "drug%3A" in href or "drug:" in urllib.parse.unquote(href), href)
    n_after = js("document.querySelectorAll('.hit').length")
    t.check("facet results", n_after and js("document.getElementById('total').textContent") != total, (total, n_after))
    shot("2-facet")

    # The phase facet: trial phases as written, a click adds phase:VALUE.
    t.check("phase facet page ready", goto("/?q=" + urllib.parse.quote("trastuzumab deruxtecan")))
    phase = js("(document.querySelector('#facets a[data-facet=phase]') || {}).textContent")
    t.check("phase facet shown", bool(phase), phase)
    t.check("phase facet clicked", click("#facets a[data-facet=phase]") and ready())
    href = urllib.parse.unquote(js("location.href") or "")
    t.check("phase in the URL", "phase:" in href and (js("document.querySelectorAll('.hit').length") or 0) > 0, href)

    # Open the work: fields with sources, trials, references of the page.
    goto("/?q=HER2-low")
    t.check("work opened", click("a[href='/?work=%s']" % js(
        "Array.from(document.querySelectorAll('.hit')).find(h => h.querySelector('h2').textContent === %s).dataset.id"
        % json.dumps(DB04_TITLE))) and ready())
    t.check("work title", js("document.querySelector('h1').textContent") == DB04_TITLE)
    t.check("work trial link", js("!!document.querySelector('a[href=\"/?trial=NCT03734029\"]')"))
    wait_for(lambda: js("document.querySelectorAll('#citing li').length") > 0, 10)
    t.check("work cited by the review", (js("document.querySelectorAll('#citing li').length") or 0) >= 1)
    t.check("work sources", "destiny-breast04.pubmed.xml" in (js("document.body.textContent") or ""))
    shot("3-work")

    t.check("trial page", click("a[href='/?trial=NCT03734029']") and ready())
    t.check("trial acronym", "DESTINY-Breast04" in (js("document.querySelector('h1').textContent") or ""))
    shot("4-trial")

    # The review's reference table (Chinese titles) and its CSV download.
    t.check("table page", goto("/?view=table&cited_by=" + urllib.parse.quote(REVIEW)))
    rows = js("document.querySelectorAll('#review-table tbody tr').length")
    t.check("table rows", rows == 26, rows)
    t.check("table Chinese", "HER2低表达乳腺癌的靶向治疗研究进展" in (js("document.body.textContent") or ""))
    shot("5-table")
    click("#download-csv")
    csv = os.path.join(downloads, "ckb-table.csv")
    t.check("CSV downloaded", wait_for(lambda: os.path.exists(csv) and os.path.getsize(csv) > 0, 30), os.listdir(downloads))
    if os.path.exists(csv):
        want = cli(ckb, db, "table", "--cited-by", REVIEW, "--format", "csv")
        t.check("CSV equals ckb table --format csv", open(csv, "rb").read() == want)
        shutil.copy(csv, os.path.join(out, "ckb-table.csv"))

    # The column picker: untick all but two columns and show the table again.
    js("document.querySelectorAll('.picker input').forEach(i => i.checked = ['col-ref', 'col-title'].includes(i.id))")
    t.check("columns picked", click("#table-form button[type=submit]") and ready())
    t.check("picked columns shown", js("Array.from(document.querySelectorAll('#review-table th')).map(th => th.textContent)")
            == ["Ref", "Title"], js("Array.from(document.querySelectorAll('#review-table th')).map(th => th.textContent)"))

    t.check("map page", goto("/?view=map&q=HER2"))
    t.check("heat map cells", (js("document.querySelectorAll('#heatmap td.heat').length") or 0) > 4)
    shot("6-map")

    t.check("Chinese search", goto("/?q=" + urllib.parse.quote("乳腺癌")))
    t.check("Chinese title shown", "乳腺癌HER2检测指南" in (js("document.body.textContent") or ""))
    shot("7-chinese")

    t.check("bad query page", goto("/?q=" + urllib.parse.quote('title:"open')))
    t.check("bad query message", (js("document.querySelector('.error') && document.querySelector('.error').textContent") or "") != "")
    shot("8-error")

    # A phone-sized screen.
    send("Emulation.setDeviceMetricsOverride", sid, width=390, height=844, deviceScaleFactor=2, mobile=True)
    t.check("phone search", goto("/?q=HER2-low"))
    width = js("document.documentElement.scrollWidth")
    t.check("no sideways scrolling on a phone", width is not None and width <= 390, width)
    shot("9-phone")
finally:
    try:
        send("Browser.close")
    except Exception:
        pass
    ws.close()
    try:
        browser.wait(timeout=20)
    except subprocess.TimeoutExpired:
        browser.kill()
        browser.wait()
    t.check("clean server stop", s.stop() == 0, getattr(s, "stderr", ""))
print("screenshots in " + out)
sys.exit(t.done("serve browser"))
