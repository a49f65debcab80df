#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders open-access JATS articles (corpus/jats-*) to PDF through HTML and
# headless Chromium, in one- and two-column layouts with numbered or
# author-year reference lists, and writes the expected metadata and reference
# fields beside each PDF as JSON (the gold of tests/readers/pdf_test.cc and
# eval/eval_pdf.py). Python standard library only.
#
#   make_pdf_articles.py OUT_DIR JATS_FILE... [--layouts one,two,ay] [--body-paragraphs N]
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def text_of(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip() if el is not None else ""


def strip_ns(root):
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    return root


def article_meta(root):
    meta = root.find(".//article-meta")
    out = {"title": text_of(meta.find("title-group/article-title")), "authors": [], "doi": "", "year": None}
    for c in meta.findall(".//contrib[@contrib-type='author']"):
        s, g = c.find("name/surname"), c.find("name/given-names")
        if s is not None:
            out["authors"].append((text_of(s) + " " + text_of(g)).strip())
    for aid in meta.findall("article-id"):
        if aid.get("pub-id-type") == "doi":
            out["doi"] = text_of(aid).lower()
    for pd in meta.findall("pub-date"):
        y = pd.find("year")
        if y is not None and text_of(y).isdigit():
            out["year"] = int(text_of(y))
            break
    out["journal"] = text_of(root.find(".//journal-meta//journal-title"))
    ab = meta.find("abstract")
    out["abstract"] = " ".join(text_of(p) for p in ab.iter("p")) if ab is not None else ""
    return out


def reference_fields(ref):
    cit = None
    for tag in ("element-citation", "mixed-citation", "citation"):
        cit = ref.find(tag)
        if cit is not None:
            break
    if cit is None:
        return None
    names = []
    for n in cit.iter("name"):
        s, g = n.find("surname"), n.find("given-names")
        if s is not None:
            names.append((text_of(s), re.sub(r"[^A-Z]", "", text_of(g)) if g is not None else ""))
    f = {
        "authors": names,
        "title": text_of(cit.find("article-title")) or text_of(cit.find("source")),
        "journal": text_of(cit.find("source")) if cit.find("article-title") is not None else "",
        "year": text_of(cit.find("year"))[:4],
        "volume": text_of(cit.find("volume")),
        "fpage": text_of(cit.find("fpage")),
        "lpage": text_of(cit.find("lpage")),
        "doi": "",
    }
    for pid in cit.findall("pub-id"):
        if pid.get("pub-id-type") == "doi":
            f["doi"] = text_of(pid).lower()
    if not names or not f["title"] or not f["year"].isdigit():
        return None
    return f


def render_ref(f, style):
    pages = f["fpage"] + ("-" + f["lpage"] if f["lpage"] else "")
    title = f["title"].rstrip(".")
    if style == "ay":
        au = ", ".join(f"{s}, {'. '.join(g)}." if g else s for s, g in f["authors"][:6])
        s = f"{au} ({f['year']}). {title}."
        if f["journal"]:
            s += f" {f['journal']}"
            if f["volume"]:
                s += f", {f['volume']}"
            if pages:
                s += f", {pages}"
            s += "."
    else:
        au = ", ".join(f"{s} {g}".strip() for s, g in f["authors"][:6])
        if len(f["authors"]) > 6:
            au += ", et al"
        s = f"{au}. {title}."
        if f["journal"]:
            s += f" {f['journal']}."
        s += f" {f['year']}"
        if f["volume"]:
            s += f";{f['volume']}"
        if pages:
            s += f":{pages}"
        s += "."
    if f["doi"]:
        s += f" doi:{f['doi']}"
    return s


CSS = """
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 8pt 0; }
.authors { font-size: 11pt; margin-bottom: 4pt; }
.journal { font-size: 9pt; margin-bottom: 10pt; }
h2 { font-size: 12pt; margin: 10pt 0 4pt 0; }
p { margin: 0 0 5pt 0; text-align: justify; hyphens: auto; }
.cols { column-count: COLS; column-gap: 24pt; }
ol.refs { padding-left: 22pt; margin: 0; }
ol.refs li { margin-bottom: 3pt; }
.ay p { padding-left: 18pt; text-indent: -18pt; text-align: left; }
"""


def article_html(root, style, cols, body_paragraphs):
    m = article_meta(root)
    refs = [f for f in (reference_fields(r) for r in root.iter("ref")) if f]
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(m['title'])}</title>"]
    out.append("<style>" + CSS.replace("COLS", str(cols)) + "</style></head><body>")
    out.append(f"<h1>{html.escape(m['title'])}</h1>")
    out.append(f"<div class='authors'>{html.escape(', '.join(m['authors']))}</div>")
    out.append(f"<div class='journal'>{html.escape(m['journal'])} ({m['year']}). "
               f"doi:{html.escape(m['doi'])}</div>")
    out.append("<div class='cols'>")
    out.append(f"<h2>Abstract</h2><p>{html.escape(m['abstract'])}</p>")
    body = root.find(".//body")
    n = 0
    for sec in body.findall("sec") if body is not None else []:
        if n >= body_paragraphs:
            break
        out.append(f"<h2>{html.escape(text_of(sec.find('title')))}</h2>")
        for p in sec.iter("p"):
            if n >= body_paragraphs:
                break
            out.append(f"<p>{html.escape(text_of(p))}</p>")
            n += 1
    out.append("<h2>References</h2>")
    if style == "ay":
        refs.sort(key=lambda f: (f["authors"][0][0].lower(), f["year"]))
        out.append("<div class='ay'>" + "".join(f"<p>{html.escape(render_ref(f, 'ay'))}</p>" for f in refs) + "</div>")
    else:
        out.append("<ol class='refs'>" + "".join(f"<li>{html.escape(render_ref(f, 'num'))}</li>" for f in refs) + "</ol>")
    out.append("</div></body></html>")
    m["references"] = [
        {"authors": [s for s, _ in f["authors"]], "title": f["title"], "journal": f["journal"],
         "year": int(f["year"]), "volume": f["volume"], "doi": f["doi"]}
        for f in refs
    ]
    return "\n".join(out), m


def to_pdf(html_path, pdf_path):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf_path}", "file://" + os.path.abspath(html_path)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def main(argv):
    layouts = ["one", "two", "ay"]
    body_paragraphs = 6
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--layouts":
            layouts = argv[i + 1].split(",")
            i += 2
        elif argv[i] == "--body-paragraphs":
            body_paragraphs = int(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) < 2:
        sys.stderr.write(__doc__ or "usage: make_pdf_articles.py OUT_DIR JATS_FILE...\n")
        return 2
    out_dir = args[0]
    os.makedirs(out_dir, exist_ok=True)
    for path in args[1:]:
        root = strip_ns(ET.parse(path).getroot())
        stem = re.sub(r"\.(n?xml)$", "", os.path.basename(path))
        for layout in layouts:
            style = "ay" if layout == "ay" else "num"
            cols = 1 if layout == "one" else 2
            doc, gold = article_html(root, style, cols, body_paragraphs)
            if not gold["references"]:
                continue
            base = os.path.join(out_dir, f"{stem}-{layout}")
            with open(base + ".html", "w", encoding="utf-8") as fh:
                fh.write(doc)
            to_pdf(base + ".html", base + ".pdf")
            os.remove(base + ".html")
            gold["layout"] = layout
            with open(base + ".json", "w", encoding="utf-8") as fh:
                json.dump(gold, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
