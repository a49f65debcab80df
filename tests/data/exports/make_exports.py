#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the vendor-layout export samples of this folder from real records
of the shared corpus (ris-exports-asreview, ASReview test data, Apache-2.0):

  scopus.csv          Scopus CSV      <- scopus.ris (6 records)
  pubmed.csv          PubMed CSV      <- pubmed.xml (10 records)
  wos_savedrecs.txt   WoS tab-delim.  <- web_of_science.txt (10 records)
  lens.csv            Lens CSV        <- _baseline.ris (first 8 records)
  zotero.json         CSL-JSON        <- pubmed.xml (10 records)
  wos_plain.txt       WoS plain text  <- web_of_science.txt (10 records)
  endnote.xml         EndNote XML     <- pubmed.xml (10 records)

README.md says where each column layout was checked. Usage:
make_exports.py CORPUS_DIR OUT_DIR. Python 3 standard library only;
deterministic.
"""
import csv
import io
import sys
import json
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

SCOPUS = ["Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "Volume", "Issue",
          "Art. No.", "Page start", "Page end", "Page count", "Cited by", "DOI", "Link", "Affiliations",
          "Authors with affiliations", "Abstract", "Author Keywords", "Index Keywords", "References",
          "Correspondence Address", "Editors", "Publisher", "ISSN", "ISBN", "CODEN", "PubMed ID",
          "Language of Original Document", "Abbreviated Source Title", "Document Type", "Publication Stage",
          "Open Access", "Source", "EID"]
PUBMED = ["PMID", "Title", "Authors", "Citation", "First Author", "Journal/Book", "Publication Year", "Create Date",
          "PMCID", "NIHMS ID", "DOI"]
WOS = ["PT", "AU", "BA", "BE", "GP", "AF", "BF", "CA", "TI", "SO", "SE", "BS", "LA", "DT", "CT", "CY", "CL", "SP",
       "HO", "DE", "ID", "AB", "C1", "C3", "RP", "EM", "RI", "OI", "FU", "FP", "FX", "CR", "NR", "TC", "Z9", "U1",
       "U2", "PU", "PI", "PA", "SN", "EI", "BN", "J9", "JI", "PD", "PY", "VL", "IS", "PN", "SU", "SI", "MA", "BP",
       "EP", "AR", "DI", "DL", "D2", "EA", "PG", "WC", "WE", "SC", "GA", "PM", "OA", "HC", "HP", "DA", "UT"]
LENS = ["Lens ID", "Title", "Date Published", "Publication Year", "Publication Type", "Source Title", "Author/s",
        "Abstract", "Volume", "Issue Number", "Start Page", "End Page", "Fields of Study", "Keywords", "MeSH Terms",
        "External URL", "PMID", "DOI", "PMCID", "Citing Works Count"]


def ris_records(path):
    rec, tag = [], None
    for line in open(path, encoding="utf-8-sig"):
        line = line.rstrip("\r\n")
        if line.startswith("ER  -"):
            yield rec
            rec = []
        elif len(line) >= 5 and line[2:5] == "  -":
            rec.append([line[:2], line[6:]])
        elif rec and line.strip():
            rec[-1][1] += "\n" + line
    if rec:
        yield rec


def first(rec, tag):
    return next((v for t, v in rec if t == tag), "")


def every(rec, tag):
    return [v for t, v in rec if t == tag]


def write_csv(path, header, rows, delimiter=",", quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n" if delimiter == "," else "\n",
                   quotechar='"' if quoting != csv.QUOTE_NONE else None, escapechar=None)
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def initials(given):
    return "".join(p[0] + "." for p in given.replace("-", " ").replace(".", " ").split())


def scopus(corpus):
    rows = []
    for i, rec in enumerate(ris_records(f"{corpus}/scopus.ris")):
        names = [a.split(", ", 1) for a in every(rec, "AU")]
        rows.append({
            "Authors": "; ".join(f"{f} {g}" for f, g in names),
            "Author full names": "; ".join(f"{f}, {g} ({57000000000 + 17 * i + j})" for j, (f, g) in
                                           enumerate(names)),
            "Title": first(rec, "TI"), "Year": first(rec, "PY"), "Source title": first(rec, "T2"),
            "Volume": first(rec, "VL"), "Issue": first(rec, "IS"), "Art. No.": first(rec, "C7"),
            "Page start": first(rec, "SP"), "Page end": first(rec, "EP"), "DOI": first(rec, "DO"),
            "Link": first(rec, "UR"), "Abstract": first(rec, "AB") or "[No abstract available]",
            "Author Keywords": "; ".join(every(rec, "KW")), "Publisher": first(rec, "PB"),
            "ISSN": first(rec, "SN").split(" ")[0], "Language of Original Document": first(rec, "LA"),
            "Abbreviated Source Title": first(rec, "J2"), "Document Type": first(rec, "M3"),
            "Publication Stage": "Final", "Source": "Scopus",
            "EID": "2-s2.0-" + str(85070000000 + i),
        })
    return rows


def text(e):
    return "".join(e.itertext()).strip() if e is not None else ""


def pubmed(corpus):
    rows = []
    root = ET.parse(f"{corpus}/pubmed.xml").getroot()
    for art in root.iter("PubmedArticle"):
        mc = art.find("MedlineCitation")
        a = mc.find("Article")
        j = a.find("Journal")
        ji = j.find("JournalIssue")
        authors = [f'{text(x.find("LastName"))} {text(x.find("Initials"))}'.strip() for x in a.iter("Author")
                   if x.find("LastName") is not None]
        ta = text(mc.find("MedlineJournalInfo/MedlineTA")) or text(j.find("ISOAbbreviation"))
        year = text(ji.find("PubDate/Year")) or text(ji.find("PubDate/MedlineDate"))[:4]
        date = " ".join(x for x in (year, text(ji.find("PubDate/Month")), text(ji.find("PubDate/Day"))) if x)
        vol, iss, pg = text(ji.find("Volume")), text(ji.find("Issue")), text(a.find("Pagination/MedlinePgn"))
        cit = f"{ta}. {date}"
        if vol or iss or pg:
            cit += ";" + vol + (f"({iss})" if iss else "") + (f":{pg}" if pg else "")
        ids = {i.get("IdType"): text(i) for i in art.iter("ArticleId")}
        doi = ids.get("doi") or next((text(e) for e in a.iter("ELocationID") if e.get("EIdType") == "doi"), "")
        if doi:
            cit += f". doi: {doi}"
        cit += "."
        created = mc.find("DateCompleted") or mc.find("DateRevised")
        rows.append({
            "PMID": text(mc.find("PMID")), "Title": text(a.find("ArticleTitle")),
            "Authors": ", ".join(authors) + ("." if authors else ""), "Citation": cit,
            "First Author": authors[0] if authors else "", "Journal/Book": ta, "Publication Year": year,
            "Create Date": "/".join(text(created.find(k)) for k in ("Year", "Month", "Day")) if created is not None
            else "",
            "PMCID": ids.get("pmc", ""), "NIHMS ID": "", "DOI": doi,
        })
    return rows


def wos(corpus):
    rows = []
    for rec in ris_records(f"{corpus}/web_of_science.txt"):
        rows.append({
            "PT": "J", "AU": "; ".join(every(rec, "AU")), "TI": first(rec, "TI"), "SO": first(rec, "T2"),
            "LA": first(rec, "LA"), "DT": "Article", "DE": "; ".join(every(rec, "KW")),
            "AB": first(rec, "AB").replace("\n", " "), "PU": first(rec, "PU"), "SN": first(rec, "SN"),
            "J9": first(rec, "J9"), "JI": first(rec, "JI"), "PD": first(rec, "DA"), "PY": first(rec, "PY"),
            "VL": first(rec, "VL"), "IS": first(rec, "IS"), "BP": first(rec, "SP"), "EP": first(rec, "EP"),
            "DI": first(rec, "DO"), "UT": first(rec, "AN"),
        })
    return rows


def lens(corpus):
    rows = []
    for rec in list(ris_records(f"{corpus}/_baseline.ris"))[:8]:
        links = every(rec, "L2")
        pmid = next((l.rstrip("/").rsplit("/", 1)[1] for l in links if "pubmed" in l), "")
        pmcid = next((l.rsplit("/", 1)[1] for l in links if "/PMC" in l), "")
        rows.append({
            "Lens ID": first(rec, "ID"), "Title": first(rec, "TI"), "Date Published": first(rec, "DA").replace("/", "-"),
            "Publication Year": first(rec, "PY"), "Publication Type": "journal article",
            "Source Title": first(rec, "JF"), "Author/s": "; ".join(every(rec, "AU")), "Abstract": first(rec, "AB"),
            "Volume": first(rec, "VL"), "Issue Number": first(rec, "IS"), "Start Page": first(rec, "SP"),
            "End Page": first(rec, "EP"), "External URL": first(rec, "UR"), "PMID": pmid, "DOI": first(rec, "DO"),
            "PMCID": pmcid,
        })
    return rows


def pubmed_items(corpus):
    """The fields of each PubmedArticle of pubmed.xml."""
    out = []
    for art in ET.parse(f"{corpus}/pubmed.xml").getroot().iter("PubmedArticle"):
        mc = art.find("MedlineCitation")
        a = mc.find("Article")
        ji = a.find("Journal/JournalIssue")
        ids = {i.get("IdType"): text(i) for i in art.iter("ArticleId")}
        doi = ids.get("doi") or next((text(e) for e in a.iter("ELocationID") if e.get("EIdType") == "doi"), "")
        out.append({
            "pmid": text(mc.find("PMID")), "title": text(a.find("ArticleTitle")),
            "authors": [(text(x.find("LastName")), text(x.find("ForeName"))) for x in a.iter("Author")
                        if x.find("LastName") is not None],
            "journal": text(a.find("Journal/Title")), "abbrev": text(a.find("Journal/ISOAbbreviation")),
            "year": text(ji.find("PubDate/Year")) or text(ji.find("PubDate/MedlineDate"))[:4],
            "month": text(ji.find("PubDate/Month")), "volume": text(ji.find("Volume")),
            "issue": text(ji.find("Issue")), "pages": text(a.find("Pagination/MedlinePgn")), "doi": doi,
            "pmcid": ids.get("pmc", ""), "abstract": " ".join(text(x) for x in a.iter("AbstractText")),
            "keywords": [text(k) for k in mc.iter("Keyword")], "lang": text(a.find("Language")),
        })
    return out


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def csl(items):
    out = []
    for i, f in enumerate(items):
        item = {"id": f"pmid{f['pmid']}", "type": "article-journal", "title": f["title"],
                "author": [{"family": l, "given": g} for l, g in f["authors"]],
                "container-title": f["journal"], "container-title-short": f["abbrev"], "PMID": f["pmid"]}
        parts = [int(f["year"])] + ([MONTHS.index(f["month"][:3]) + 1] if f["month"][:3] in MONTHS else [])
        item["issued"] = {"date-parts": [parts]}
        for key, field in (("volume", "volume"), ("issue", "issue"), ("page", "pages"), ("DOI", "doi"),
                           ("PMCID", "pmcid"), ("abstract", "abstract"), ("language", "lang")):
            if f[field]:
                item[key] = f[field]
        if f["keywords"]:
            item["keyword"] = ", ".join(f["keywords"])
        out.append(item)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def styled(tag, value):
    return f'<{tag}><style face="normal" font="default" size="100%">{escape(value)}</style></{tag}>'


def endnote(items):
    recs = []
    for i, f in enumerate(items):
        authors = "".join(styled("author", f"{l}, {g}") for l, g in f["authors"])
        parts = [f'<record><database name="cysts.enl" path="cysts.enl">cysts.enl</database>',
                 f'<rec-number>{i + 1}</rec-number>', '<ref-type name="Journal Article">17</ref-type>',
                 f'<contributors><authors>{authors}</authors></contributors>',
                 f'<titles>{styled("title", f["title"])}{styled("secondary-title", f["journal"])}'
                 f'{styled("alt-title", f["abbrev"])}</titles>',
                 f'<periodical>{styled("full-title", f["journal"])}{styled("abbr-1", f["abbrev"])}</periodical>']
        for tag, field in (("pages", "pages"), ("volume", "volume"), ("number", "issue")):
            if f[field]:
                parts.append(styled(tag, f[field]))
        if f["keywords"]:
            parts.append("<keywords>" + "".join(styled("keyword", k) for k in f["keywords"]) + "</keywords>")
        month = f"<pub-dates>{styled('date', f['month'])}</pub-dates>" if f["month"] else ""
        parts.append(f"<dates>{styled('year', f['year'])}{month}</dates>")
        for tag, field in (("accession-num", "pmid"), ("electronic-resource-num", "doi"), ("custom2", "pmcid"),
                           ("abstract", "abstract")):
            if f[field]:
                parts.append(styled(tag, f[field]))
        parts.append(styled("remote-database-name", "PubMed"))
        parts.append(styled("remote-database-provider", "NLM"))
        parts.append(styled("language", f["lang"]))
        recs.append("".join(parts) + "</record>")
    # EndNote writes the whole export on one line; two records per line here keep record lines apart.
    body = "\n".join("".join(recs[i:i + 2]) for i in range(0, len(recs), 2))
    return f'<?xml version="1.0" encoding="UTF-8" ?><xml><records>\n{body}\n</records></xml>\n'


def wos_plain(rows):
    """The tab-delimited rows again in the plain-text layout: FN/VR header, one
    tag per field, list values on 3-space continuation lines, ER, EF."""
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for r in rows:
        for tag in WOS:
            v = r.get(tag, "")
            if not v:
                continue
            vals = v.split("; ") if tag in ("AU", "AF", "CR") else [v]
            lines.append(f"{tag} {vals[0]}")
            lines.extend(f"   {x}" for x in vals[1:])
        lines.extend(["ER", ""])
    lines.append("EF")
    return "\ufeff" + "\n".join(lines) + "\n"


def main():
    corpus, out = sys.argv[1] + "/ris-exports-asreview", sys.argv[2]
    write_csv(f"{out}/scopus.csv", SCOPUS, scopus(corpus), quoting=csv.QUOTE_ALL)
    write_csv(f"{out}/pubmed.csv", PUBMED, pubmed(corpus))
    write_csv(f"{out}/wos_savedrecs.txt", WOS, wos(corpus), delimiter="\t", quoting=csv.QUOTE_NONE)
    write_csv(f"{out}/lens.csv", LENS, lens(corpus))
    with open(f"{out}/wos_plain.txt", "w", encoding="utf-8") as f:
        f.write(wos_plain(wos(corpus)))
    items = pubmed_items(corpus)
    with open(f"{out}/zotero.json", "w", encoding="utf-8") as f:
        f.write(csl(items))
    with open(f"{out}/endnote.xml", "w", encoding="utf-8") as f:
        f.write(endnote(items))


if __name__ == "__main__":
    main()
