#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Scores `ckb parse` on PDFs made by make_pdf_articles.py against the JATS
# gold written beside them: article title, DOI, year, abstract start, and
# the reference list (recall, precision, F1; fields of matched entries).
#
#   eval_pdf.py CKB DIR [--min-f1 X] [--min-fields X]
# Exit 1 when a bound is given and missed.
import json
import os
import re
import subprocess
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def tokens(s):
    return set(norm(s).split())


def similar(a, b):
    ta, tb = tokens(a), tokens(b)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


def first_surname(authors):
    if not authors:
        return ""
    a = norm(authors[0]).split()
    return a[0] if a else ""


def matches(gold, got):
    g_au = norm(gold["authors"][0]).split()[0] if gold["authors"] else ""
    au = norm(" ".join(got.get("authors") or [])[:80])
    return got.get("year") == gold["year"] and g_au and g_au in au.split() and similar(gold["title"], got.get("title") or got.get("raw", ""))


FIELDS = ["first_author", "title", "year", "journal", "volume", "doi"]


def field_ok(field, gold, got):
    if field == "first_author":
        return norm(gold["authors"][0]).split()[0] in norm(" ".join((got.get("authors") or [])[:1])).split()
    if field == "title":
        return norm(gold["title"]) == norm(got.get("title"))
    if field == "year":
        return gold["year"] == got.get("year")
    if field == "journal":
        return norm(gold["journal"]) == norm(got.get("journal"))
    if field == "volume":
        return norm(gold["volume"]) == norm(got.get("volume"))
    if field == "doi":
        return gold["doi"].lower() == (got.get("doi") or "").lower()
    return False


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: eval_pdf.py CKB DIR [--min-f1 X] [--min-fields X]\n")
        return 2
    ckb, folder = argv[0], argv[1]
    bounds = {argv[i]: float(argv[i + 1]) for i in range(2, len(argv) - 1, 2)}
    totals = {"gold": 0, "got": 0, "matched": 0}
    fields = {f: [0, 0] for f in FIELDS}
    doc_fields = {f: [0, 0] for f in ["title", "authors", "journal", "doi", "year", "abstract"]}
    per_layout = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".pdf") or not os.path.exists(os.path.join(folder, name[:-4] + ".json")):
            continue
        gold = json.load(open(os.path.join(folder, name[:-4] + ".json"), encoding="utf-8"))
        run = subprocess.run([ckb, "parse", "--no-entities", os.path.join(folder, name)],
                             capture_output=True, text=True)
        out = json.loads(run.stdout) if run.stdout.strip().startswith("{") else {"documents": []}
        docs = out.get("documents") or [{}]
        doc = docs[0]
        refs = doc.get("references") or []
        checks = {
            "title": norm(doc.get("title")) == norm(gold["title"]),
            "authors": [norm(a) for a in doc.get("authors") or []] == [norm(a) for a in gold["authors"]],
            "journal": norm(doc.get("journal")) == norm(gold.get("journal")),
            "doi": (doc.get("doi") or "") == gold["doi"],
            "year": doc.get("year") == gold["year"],
            "abstract": norm(doc.get("abstract"))[:60] == norm(gold["abstract"])[:60],
        }
        for k, ok in checks.items():
            doc_fields[k][0] += ok
            doc_fields[k][1] += 1
        used = set()
        matched = 0
        for g in gold["references"]:
            for i, r in enumerate(refs):
                if i not in used and matches(g, r):
                    used.add(i)
                    matched += 1
                    for f in FIELDS:
                        if f == "journal" and not g["journal"]:
                            continue
                        if f in ("volume", "doi") and not g[f]:
                            continue
                        fields[f][0] += field_ok(f, g, r)
                        fields[f][1] += 1
                    break
        lay = per_layout.setdefault(gold["layout"], {"gold": 0, "got": 0, "matched": 0})
        for t in (totals, lay):
            t["gold"] += len(gold["references"])
            t["got"] += len(refs)
            t["matched"] += matched
        print(f"{name}: refs {matched}/{len(gold['references'])} matched, {len(refs)} found; "
              + " ".join(f"{k}={'ok' if v else 'WRONG'}" for k, v in checks.items()))

    def prf(t):
        r = t["matched"] / t["gold"] if t["gold"] else 0
        p = t["matched"] / t["got"] if t["got"] else 0
        return r, p, (2 * p * r / (p + r) if p + r else 0)

    r, p, f1 = prf(totals)
    print(f"references: recall {r:.3f} precision {p:.3f} F1 {f1:.3f} ({totals['matched']}/{totals['gold']} gold, {totals['got']} found)")
    for lay, t in sorted(per_layout.items()):
        lr, lp, lf = prf(t)
        print(f"  layout {lay}: recall {lr:.3f} precision {lp:.3f} F1 {lf:.3f}")
    right = sum(v[0] for v in fields.values())
    total = sum(v[1] for v in fields.values())
    print("reference fields: " + " ".join(f"{k} {v[0] / v[1]:.3f}" for k, v in fields.items() if v[1])
          + f" all {right / total if total else 0:.3f}")
    print("article fields: " + " ".join(f"{k} {v[0]}/{v[1]}" for k, v in doc_fields.items()))
    failed = False
    if "--min-f1" in bounds and f1 < bounds["--min-f1"]:
        print(f"reference F1 {f1:.3f} below {bounds['--min-f1']}")
        failed = True
    if "--min-fields" in bounds and total and right / total < bounds["--min-fields"]:
        print(f"reference field accuracy {right / total:.3f} below {bounds['--min-fields']}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
