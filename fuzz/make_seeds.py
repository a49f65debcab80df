#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Fills fuzz/seeds/<target>/ with small real inputs from ../shared/corpus (see
# the PROVENANCE.md of each folder there), plus records converted from the
# PubMed XML samples into MEDLINE, BibTeX and JSON Lines. Targets whose seeds
# are the repository's own test data (page, html) name those folders in
# fuzz/seed_dirs instead. Standard library only; deterministic; each target
# stays under 5 MB.

import glob
import gzip
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "corpus")
MAX_FILE = 128 * 1024
MAX_TARGET = 5 * 1024 * 1024


class Seeds:
    def __init__(self, target, max_total=MAX_TARGET):
        self.max_total = max_total
        self.dir = os.path.join(HERE, "seeds", target)
        if os.path.isdir(self.dir):
            shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        self.total = 0
        self.n = 0

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > MAX_FILE or self.total + len(data) > self.max_total:
            return
        name = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80]
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data)
        self.total += len(data)
        self.n += 1

    def add_files(self, pattern, limit=1000):
        for path in sorted(glob.glob(os.path.join(SHARED, pattern)))[:limit]:
            with open(path, "rb") as f:
                data = f.read()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
                path = path[:-3]
            self.add(os.path.basename(path), data)


def text(e):
    return "".join(e.itertext()).strip() if e is not None else ""


def pubmed_records():
    """(element, xml bytes) for PubmedArticle records of the shared samples."""
    out = []
    for rel in ("medline-xml/pubmed-29768149.xml", "medline-xml/test_current_medline.xml.gz",
                "medline-xml/medline16n0902.xml.gz", "ris-exports-asreview/pubmed.xml"):
        path = os.path.join(SHARED, rel)
        if not os.path.isfile(path):
            continue
        data = open(path, "rb").read()
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        data = re.sub(rb"<!DOCTYPE[^>]*>", b"", data)
        root = ET.fromstring(data)
        arts = list(root.iter("PubmedArticle"))
        if not arts:  # older MedlineCitationSet files: wrap each citation
            for mc in root.iter("MedlineCitation"):
                art = ET.Element("PubmedArticle")
                art.append(mc)
                arts.append(art)
        for art in arts:
            out.append(art)
            if len(out) >= 120:
                return out
    return out


def fields(art):
    mc = art.find("MedlineCitation")
    a = mc.find("Article") if mc is not None else None
    f = {"pmid": text(mc.find("PMID")) if mc is not None else "",
         "title": text(a.find("ArticleTitle")) if a is not None else "",
         "abstract": " ".join(text(x) for x in a.iter("AbstractText")) if a is not None else "",
         "journal": text(a.find("Journal/Title")) if a is not None else "",
         "year": text(a.find("Journal/JournalIssue/PubDate/Year")) if a is not None else "",
         "authors": []}
    if a is not None:
        for au in a.iter("Author"):
            last, ini = text(au.find("LastName")), text(au.find("Initials"))
            if last:
                f["authors"].append((last, ini))
    for aid in art.iter("ArticleId"):
        if aid.get("IdType") == "doi":
            f["doi"] = text(aid)
    return f


def medline(f):
    lines = ["PMID- " + f["pmid"], "DP  - " + f["year"], "TI  - " + f["title"]]
    if f["abstract"]:
        lines.append("AB  - " + f["abstract"])
    for last, ini in f["authors"]:
        lines.append("AU  - %s %s" % (last, ini))
    if f["journal"]:
        lines.append("JT  - " + f["journal"])
    if f.get("doi"):
        lines.append("LID - %s [doi]" % f["doi"])
    return "\n".join(lines) + "\n\n"


def bibtex(f):
    authors = " and ".join("%s, %s" % a for a in f["authors"])
    body = ",\n".join("  %s = {%s}" % (k, v.replace("{", "").replace("}", "")) for k, v in
                      (("author", authors), ("title", f["title"]), ("journal", f["journal"]),
                       ("year", f["year"]), ("doi", f.get("doi", "")), ("abstract", f["abstract"])) if v)
    return "@article{pmid%s,\n%s\n}\n\n" % (f["pmid"], body)


def jsonl(f):
    rec = {"id": "PMID" + f["pmid"], "pmid": f["pmid"], "source": "pubmed", "title": f["title"],
           "abstract": f["abstract"], "journal": f["journal"], "year": f["year"],
           "authors": ["%s %s" % a for a in f["authors"]], "doi": f.get("doi")}
    return json.dumps(rec, ensure_ascii=False) + "\n"


def record(f, i):
    """A stored work record's shape (kb/record.cc): the members a search hit
    reads among nested ones it skips."""
    rec = {"id": "W%016x" % (i * 2654435761), "type": "journal-article", "title": f["title"],
           "authors": ["%s %s" % a for a in f["authors"]], "journal": f["journal"], "year": int(f["year"]) if
           f["year"].isdigit() else None, "doi": f.get("doi"), "pmid": f["pmid"], "abstract": f["abstract"],
           "entities": [{"field": "title", "start": 0, "end": 4, "text": f["title"][:4], "type": "drug",
                         "id": "drug:x", "name": "x", "attrs": {"state": "low"}}],
           "provenance": {"title": ["pubmed", "ris \"quoted\" [1]"]}, "sections": [], "cited_as": [f["title"]]}
    return json.dumps(rec, ensure_ascii=(i % 2 == 0), separators=(",", ":"))


def reference_strings():
    refs = []
    path = os.path.join(SHARED, "anystyle-refs", "core.xml")
    if os.path.isfile(path):
        for seq in ET.parse(path).getroot().iter("sequence"):
            refs.append(" ".join(t.strip() for t in seq.itertext() if t.strip()))
    seed = open(os.path.join(REPO, "corpus", "her2-ultralow-review.txt"), encoding="utf-8").read()
    for line in seed.splitlines():
        m = re.match(r"^\s*\[?\d+[\].]\s*(.*\d{4}.*)$", line)
        if m:
            refs.append(m.group(1))
    return refs


QUERIES = [
    "her2", "HER2-low breast cancer", "title:trastuzumab AND year:2020..2023", "drug:T-DXd",
    "biomarker:HER2-low OR biomarker:HER2-ultralow", "trial:NCT03734029", "trial:DESTINY-Breast04",
    "\"antibody drug conjugate\" NEAR/3 survival", "au:modi", "tiab:(deruxtecan NOT placebo)",
    "cites:doi:10.1056/NEJMoa2203690", "her*", "mesh:\"Breast Neoplasms\"", "design:rct phase:3",
    "year:..2019", "((((((a))))))", "a OR b AND NOT c XOR d", "\"unterminated", "title:", "-x +y",
    "乳腺癌 HER2 低表达", "ref:\"Modi S\"", "journal:lancet", "keyword:ihc", "drug:",
]


def main():
    cit = Seeds("citations")
    refs = reference_strings()
    for i in range(0, min(len(refs), 400), 20):
        cit.add("refs-%03d.txt" % i, "\n".join(refs[i:i + 20]) + "\n")
    rs = Seeds("refstring")
    for i, r in enumerate(refs[:300]):
        rs.add("ref-%03d" % i, r)
    ent = Seeds("entities")
    arts = [fields(a) for a in pubmed_records()]
    for i, f in enumerate(arts[:80]):
        ent.add("abstract-%03d" % i, f["title"] + "\n" + f["abstract"])
    seed_text = open(os.path.join(REPO, "corpus", "her2-ultralow-review.txt"), encoding="utf-8").read()
    for i, para in enumerate([p for p in seed_text.split("\n\n") if len(p) > 40][:40]):
        ent.add("seed-para-%02d" % i, para)
    q = Seeds("query")
    for i, s in enumerate(QUERIES):
        q.add("q%02d" % i, "\x05" + s)
    jats = Seeds("jats", 1536 * 1024)
    jats.add_files("jats-elife-samples/*.xml")
    jats.add_files("jats-pmc-samples/*.nxml")
    pub = Seeds("pubmed")
    pub.add_files("medline-xml/pubmed-29768149.xml")
    pub.add_files("ris-exports-asreview/pubmed.xml")
    for i, art in enumerate(pubmed_records()[:40]):
        pub.add("record-%02d.xml" % i, b"<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" +
                ET.tostring(art, encoding="utf-8") + b"\n</PubmedArticleSet>\n")
    med = Seeds("medline")
    ris = Seeds("ris")
    bib = Seeds("bibtex")
    jl = Seeds("jsonl")
    for i in range(0, len(arts), 6):
        chunk = arts[i:i + 6]
        med.add("records-%03d.nbib" % i, "".join(medline(f) for f in chunk))
        bib.add("records-%03d.bib" % i, "".join(bibtex(f) for f in chunk))
        jl.add("records-%03d.jsonl" % i, "".join(jsonl(f) for f in chunk))
    ris.add_files("ris-exports-asreview/*.ris")
    ris.add_files("ris-exports-asreview/*.txt")
    cj = Seeds("ctgov_json")
    cj.add_files("ctgov-api-v2-json/*.json")
    for p in sorted(glob.glob(os.path.join(SHARED, "ctgov-api-v2-json", "NCT*.json")))[:8]:
        d = json.load(open(p))
        jl.add("study-" + os.path.basename(p) + "l", json.dumps(d) + "\n")
    rec = Seeds("record")
    for i, f in enumerate(arts[:40]):
        rec.add("work-%02d.json" % i, record(f, i))
    csv_seeds = Seeds("csv")
    csv_seeds.add_files("ris-exports-asreview/*.csv")
    cx = Seeds("ctgov_xml", 1536 * 1024)
    cx.add_files("ctgov-legacy-xml/aact-fixtures/*.xml")
    cx.add_files("ctgov-legacy-xml/trec2022-sample/*.xml")
    for s in (cit, rs, ent, q, jats, pub, med, ris, bib, jl, cj, rec, cx, csv_seeds):
        print("%-12s %4d files %8d bytes" % (os.path.basename(s.dir), s.n, s.total), file=sys.stderr)


if __name__ == "__main__":
    main()
