#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renders open-access JATS articles into saved-page HTML in the layouts of
journal sites (PMC, Springer/BMC, MDPI, Elsevier, Wiley, Frontiers, Chinese
journal engines) and writes the expected output beside each page.

Usage: make_pages.py CORPUS_DIR OUT_DIR
CORPUS_DIR is the shared corpus (jats-pmc-samples/, jats-elife-samples/).
Each page keeps the abstract, the first body paragraphs and the whole
reference list; <shape>.gold.json holds the article fields and, per
reference, the fields tagged in the JATS.  Python 3 standard library only.
"""
import html
import json
import re
import sys
import xml.etree.ElementTree as ET

ARTICLES = {
    "pmc": "jats-pmc-samples/pntd.0002065.nxml",
    "springer": "jats-pmc-samples/1471-2180-11-174.nxml",
    "mdpi": "jats-pmc-samples/ehp-116-1694.nxml",
    "elsevier": "jats-pmc-samples/mds526.nxml",
    "wiley": "jats-pmc-samples/pone.0046493.nxml",
    "frontiers": "jats-elife-samples/elife05031.xml",
    "magtech": "jats-elife-samples/elife06003.xml",
}
XLINK = "{http://www.w3.org/1999/xlink}href"


def text(e):
    return re.sub(r"\s+", " ", "".join(e.itertext())).strip() if e is not None else ""


def local(tag):
    return tag.split("}")[-1]


def find(e, name):
    for c in e.iter():
        if local(c.tag) == name:
            return c
    return None


def child(e, name):
    for c in e:
        if local(c.tag) == name:
            return c
    return None


def person(n):
    return text(child(n, "surname")), text(child(n, "given-names"))


def read_ref(ref):
    cit = None
    for name in ("element-citation", "mixed-citation", "citation"):
        cit = child(ref, name)
        if cit is not None:
            break
    if cit is None:
        return None
    r = {"type": cit.get("publication-type", ""), "authors": [], "etal": False}
    holder = cit
    for g in cit:
        if local(g.tag) == "person-group" and g.get("person-group-type", "author") == "author":
            holder = g
            break
    for c in holder:
        if local(c.tag) == "name":
            r["authors"].append(person(c))
        elif local(c.tag) == "collab":
            r["authors"].append((text(c), ""))
        elif local(c.tag) == "etal":
            r["etal"] = True
    r["title"] = text(child(cit, "article-title")) or text(child(cit, "chapter-title"))
    r["source"] = text(child(cit, "source"))
    r["year"] = (re.findall(r"\d{4}", text(child(cit, "year"))) or [""])[0]
    r["volume"] = text(child(cit, "volume"))
    r["issue"] = text(child(cit, "issue"))
    r["fpage"] = text(child(cit, "fpage")) or text(child(cit, "elocation-id"))
    r["lpage"] = text(child(cit, "lpage"))
    r["doi"] = r["pmid"] = ""
    for p in cit.iter():
        if local(p.tag) == "pub-id":
            r[p.get("pub-id-type", "")] = text(p)
    r["raw"] = text(cit)
    if not r["title"] and r["type"] != "journal":  # a book's or report's source is its title
        r["title"], r["source"] = r["source"], ""
    if not r["doi"]:
        m = re.search(r"10\.\d{4,9}/\S+[^\s.,;]", r["raw"])
        r["doi"] = m.group(0) if m else ""
    return r


def read_article(path):
    root = ET.parse(path).getroot()
    meta = find(root, "article-meta")
    a = {"title": text(find(meta, "article-title")), "authors": [], "refs": []}
    for c in meta.iter():
        if local(c.tag) == "contrib" and c.get("contrib-type") == "author":
            n = child(c, "name")
            if n is not None:
                a["authors"].append(person(n))
    for i in meta.iter():
        if local(i.tag) == "article-id":
            a[i.get("pub-id-type")] = text(i)
    jm = find(root, "journal-meta")
    a["journal"] = text(find(jm, "journal-title")) or text(find(jm, "journal-id"))
    a["year"] = ""
    for d in meta.iter():
        if local(d.tag) == "pub-date" and not a["year"]:
            a["year"] = text(child(d, "year"))
    for k in ("volume", "issue", "fpage"):
        a[k] = text(child(meta, k))
    a["abstract"] = " ".join(text(p) for p in find(meta, "abstract").iter() if local(p.tag) == "p")
    body = find(root, "body")
    a["sections"] = []
    for sec in [s for s in body if local(s.tag) == "sec"][:2]:
        paras = [text(p) for p in sec.iter() if local(p.tag) == "p"][:2]
        a["sections"].append((text(child(sec, "title")), paras))
    back = find(root, "back")
    for ref in back.iter():
        if local(ref.tag) == "ref":
            r = read_ref(ref)
            if r:
                a["refs"].append(r)
    return a


E = html.escape


def names(r, fmt, sep=", ", last=None, limit=6):
    people = [fmt(s, g) for s, g in r["authors"]]
    etal = r["etal"] or len(people) > limit
    people = people[:limit]
    if last and len(people) > 1 and not etal:
        return sep.join(people[:-1]) + last + people[-1]
    return sep.join(people) + (", et al." if etal else "")


def vanc(s, g):
    return f"{s} {g}".strip()


def initials(g):
    return " ".join(p[0] + "." for p in re.split(r"[\s.-]+", g) if p) if g else ""


def pages(r, dash="-"):
    return r["fpage"] + (dash + r["lpage"] if r["lpage"] else "")


def vancouver(r):  # PMC and Springer/BMC print NLM style.
    out = names(r, vanc) + ". " if r["authors"] else ""
    if r["title"]:
        out += r["title"].rstrip(".") + ". "
    if r["source"]:
        out += r["source"] + ". "
    out += r["year"]
    if r["volume"]:
        out += ";" + r["volume"] + (f"({r['issue']})" if r["issue"] else "")
    if r["fpage"]:
        out += ":" + pages(r)
    return out.strip() + "."


def mdpi(r):
    out = names(r, lambda s, g: f"{s}, {initials(g)}", "; ") + " " if r["authors"] else ""
    if r["title"]:
        out += E(r["title"].rstrip(".")) + ". "
    if r["source"]:
        out += f"<em>{E(r['source'])}</em> "
    out += f"<b>{r['year']}</b>"
    if r["volume"]:
        out += f", <em>{E(r['volume'])}</em>"
    if r["fpage"]:
        out += ", " + E(pages(r, "–"))
    return out + "."


def elsevier(r):
    who = names(r, lambda s, g: f"{initials(g)} {s}".strip())
    host = E(r["source"])
    if r["volume"]:
        host += f", {E(r['volume'])}"
    host += f" ({r['year']})"
    if r["fpage"]:
        host += f", pp. {E(pages(r))}"
    return (f'<div class="contribution">{E(who)}<strong class="title">{E(r["title"])}</strong></div>'
            f'<div class="host">{host}</div>')


def wiley(r):
    people = [f'<span class="author">{E(s)}, {E(initials(g))}</span>' for s, g in r["authors"][:6]]
    out = ", ".join(people) + (", et al." if r["etal"] or len(r["authors"]) > 6 else "")
    out += f' (<span class="pubYear">{r["year"]}</span>). '
    if r["title"]:
        out += f'<span class="articleTitle">{E(r["title"].rstrip("."))}</span>. '
    if r["source"]:
        out += f'<i>{E(r["source"])}</i>'
    if r["volume"]:
        out += f', <span class="vol">{E(r["volume"])}</span>'
    if r["fpage"]:
        out += f', <span class="pageFirst">{E(r["fpage"])}</span>'
        if r["lpage"]:
            out += f'–<span class="pageLast">{E(r["lpage"])}</span>'
    return out + "."


def frontiers(r):
    out = names(r, lambda s, g: f"{s}, {initials(g)}", ", ", ", and ") + " " if r["authors"] else ""
    out += f"({r['year']}). "
    if r["title"]:
        out += E(r["title"].rstrip(".")) + ". "
    if r["source"]:
        out += f"<i>{E(r['source'])}</i> "
    if r["volume"]:
        out += E(r["volume"]) + ", "
    if r["fpage"]:
        out += E(pages(r, "–"))
    out = out.rstrip(", ") + "."
    if r["doi"]:
        out += " doi: " + E(r["doi"])
    return out


def gbt(r):
    who = ", ".join(f"{s.upper()} {g.replace('.', '')}".strip() for s, g in r["authors"][:3])
    if r["etal"] or len(r["authors"]) > 3:
        who += ", et al"
    out = (who + ". " if who else "") + E(r["title"].rstrip(".")) + "[J]. "
    out += E(r["source"]) + ", " + r["year"]
    if r["volume"]:
        out += ", " + E(r["volume"]) + (f"({E(r['issue'])})" if r["issue"] else "")
    if r["fpage"]:
        out += ": " + E(pages(r))
    out += "."
    if r["doi"]:
        out += " DOI: " + E(r["doi"]) + "."
    return out


def printed(style, r, escaped=True):
    "The reference in `style`, or as tagged when JATS gives no fields to style."
    if r["title"] or r["source"] or r["authors"]:
        return style(r)
    return E(r["raw"]) if escaped else r["raw"]


def links(r, labels=("DOI", "PubMed", "Google Scholar"), fmt="[{}]"):
    parts = []
    if r["doi"]:
        parts.append(fmt.format(f'<a href="https://doi.org/{E(r["doi"])}">{labels[0]}</a>'))
    if r["pmid"]:
        parts.append(fmt.format(f'<a href="https://pubmed.ncbi.nlm.nih.gov/{r["pmid"]}/">{labels[1]}</a>'))
    parts.append(fmt.format(f'<a href="https://scholar.google.com/scholar_lookup?title=x">{labels[2]}</a>'))
    return " ".join(parts)


def highwire(a, dc=False):
    m = [("citation_title", a["title"])]
    m += [("citation_author", f"{s}, {g}") for s, g in a["authors"]]
    m += [("citation_journal_title", a["journal"]), ("citation_publication_date", a["year"]),
          ("citation_volume", a["volume"]), ("citation_issue", a["issue"]),
          ("citation_firstpage", a["fpage"]), ("citation_doi", a.get("doi", ""))]
    if a.get("pmid"):
        m.append(("citation_pmid", a["pmid"]))
    if dc:
        m += [("DC.title", a["title"]), ("DC.identifier", "doi:" + a.get("doi", ""))]
    return "".join(f'<meta name="{k}" content="{E(v)}">\n' for k, v in m if v)


def dublin_core(a):
    m = [("dc.title", a["title"])] + [("dc.creator", f"{g} {s}") for s, g in a["authors"]]
    m += [("dc.identifier", "doi:" + a.get("doi", "")), ("dc.source", a["journal"]),
          ("dc.date", a["year"] + "-01-01")]
    return "".join(f'<meta name="{k}" content="{E(v)}">\n' for k, v in m if v)


def json_ld(a):
    d = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": a["title"],
         "author": [{"@type": "Person", "givenName": g, "familyName": s} for s, g in a["authors"]],
         "datePublished": a["year"], "sameAs": "https://doi.org/" + a.get("doi", ""),
         "isPartOf": {"@type": "Periodical", "name": a["journal"]}}
    return '<script type="application/ld+json">' + json.dumps(d, ensure_ascii=False) + "</script>\n"


FURNITURE = ('<header class="site-header"><nav><a href="/">Home</a> <a href="/journals">Journals</a>'
             '</nav></header>\n<script>var dataLayer = [{"references": "[1] x"}];</script>\n'
             '<style>.ref { color: red }</style>\n')
FOOTER = ('<aside class="related"><h3>Related articles</h3><ol><li>Other paper. J Other. 2020;1:1.</li>'
          '</ol></aside>\n<footer><p>Cookie settings</p></footer>\n')


def body(a, abstract_cls="abstract"):
    out = f'<h1>{E(a["title"])}</h1>\n<section class="{abstract_cls}" id="abstract1"><h2>Abstract</h2>'
    out += f'<p>{E(a["abstract"])}</p></section>\n'
    for title, paras in a["sections"]:
        out += f"<section><h2>{E(title)}</h2>" + "".join(f"<p>{E(p)}</p>" for p in paras) + "</section>\n"
    return out


def page(head, main):
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n" + head +
            "</head><body>\n" + FURNITURE + "<main><article>\n" + main + "</article></main>\n" +
            FOOTER + "</body></html>\n")


def render(shape, a):
    refs = a["refs"]
    if shape == "pmc":
        items = "".join(f'<li id="B{i}"><span class="label">{i}.</span><cite>{E(printed(vancouver, r, False))}</cite> '
                        f'{links(r)}</li>\n' for i, r in enumerate(refs, 1))
        lst = f'<section class="ref-list" id="ref-list1"><h2>References</h2><ul class="ref-list">\n{items}</ul></section>'
        return page(highwire(a), body(a) + lst)
    if shape == "springer":
        items = "".join(
            f'<li class="c-article-references__item" data-counter="{i}."><p class="c-article-references__text" '
            f'id="ref-CR{i}">{E(printed(vancouver, r, False))}</p><p class="c-article-references__links">'
            f'{links(r, ("Article", "PubMed", "Google Scholar"), "{}")}</p></li>\n' for i, r in enumerate(refs, 1))
        lst = (f'<section aria-labelledby="Bib1"><h2 id="Bib1">References</h2><ol class="c-article-references">\n'
               f'{items}</ol></section>')
        return page(highwire(a, dc=True), body(a, "c-article-section") + lst)
    if shape == "mdpi":
        items = "".join(f'<li id="B{i}-ehp" class="html-x" data-content="{i}.">{printed(mdpi, r)} '
                        f'{links(r, ("CrossRef", "PubMed", "Google Scholar"))}</li>\n' for i, r in enumerate(refs, 1))
        lst = f'<section id="html-references_list"><h2>References</h2><ol class="html-xxx">\n{items}</ol></section>'
        return page(highwire(a), body(a, "html-abstract") + lst)
    if shape == "elsevier":
        items = "".join(f'<dt class="label"><a href="#bbib{i}">{i}</a></dt><dd class="reference" id="rf{i}">'
                        f'{printed(elsevier, r)}<div class="ReferenceLinks">{links(r, ("Crossref", "View in Scopus", "Google Scholar"), "{}")}'
                        f'</div></dd>\n' for i, r in enumerate(refs, 1))
        lst = (f'<section class="bibliography" id="bibliography"><h2>References</h2><dl class="references">\n'
               f'{items}</dl></section>')
        return page(json_ld(a), body(a, "abstract author") + lst)
    if shape == "wiley":
        items = "".join(f'<li data-bib-id="bib{i}">{printed(wiley, r)}<div class="extra-links getFTR">'
                        f'{links(r, ("Crossref", "PubMed", "Web of Science®"), "{}")}</div></li>\n'
                        for i, r in enumerate(refs, 1))
        lst = (f'<section class="article-section article-section__references" id="references-section">'
               f'<h2>References</h2><ul class="rlist separator">\n{items}</ul></section>')
        return page(dublin_core(a), body(a, "article-section__abstract") + lst)
    if shape == "frontiers":
        items = "".join(f'<div class="References"><p class="ReferencesCopy1">{printed(frontiers, r)}</p>'
                        f'<p class="ReferencesCopy2">{links(r, ("CrossRef Full Text", "PubMed Abstract", "Google Scholar"), "{}")}</p></div>\n'
                        for r in refs)
        return page(highwire(a), body(a, "JournalAbstract") + "<h2>References</h2>\n" + items)
    if shape == "magtech":
        rows = "".join(f'<tr><td valign="top" class="td1">[{i}]</td><td class="td2">{printed(gbt, r)}</td></tr>\n'
                       for i, r in enumerate(refs, 1))
        lst = f'<div id="ReferenceList"><h2>参考文献</h2><table class="reference-tab">\n{rows}</table></div>'
        return page(highwire(a), body(a) + lst)
    raise ValueError(shape)


def gold(a):
    def fam(s, g):
        return s
    return {
        "title": a["title"], "authors": [fam(*p) for p in a["authors"]], "doi": a.get("doi", "").lower(),
        "journal": a["journal"], "year": int(a["year"]) if a["year"] else 0, "abstract": a["abstract"][:200],
        "references": [{"first_author": r["authors"][0][0] if r["authors"] else "", "title": r["title"],
                        "journal": r["source"] if r["title"] != r["source"] else "", "year": r["year"],
                        "volume": r["volume"], "first_page": r["fpage"], "doi": r["doi"].lower(),
                        "pmid": r["pmid"]} for r in a["refs"]],
    }


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    for shape, rel in ARTICLES.items():
        a = read_article(f"{corpus}/{rel}")
        with open(f"{out}/{shape}.html", "w", encoding="utf-8") as f:
            f.write(render(shape, a))
        with open(f"{out}/{shape}.gold.json", "w", encoding="utf-8") as f:
            json.dump(gold(a) | {"source": rel}, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
