#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the malformed-input corpus tests/corpus/bad/ and its MANIFEST.tsv
# deterministically (fixed seed, standard library only). With --huge DIR it
# instead writes the large cases (100 MB lines, 1 MB fields, 10^5-deep XML)
# that are too big to commit, with their own MANIFEST.tsv, into DIR.
#
# Truncation sources are real files from ../shared/corpus (see the PROVENANCE.md
# of each folder there) and corpus/her2-ultralow-review.txt; when the shared
# corpus is absent the small hand-written samples below are used instead.
#
# MANIFEST.tsv columns: file, format, category, expected exit code when the
# file is indexed alone, expected store effect (unchanged = the knowledge base
# stays empty; changed = records are committed), description.

import argparse
import bz2
import gzip
import io
import json
import os
import random
import shutil
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bad_corpus_more  # noqa: E402

SEED = 20261129
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "corpus")

# --- hand-written valid samples, one per format (invented content) ---------

SAMPLE_MEDLINE = """PMID- 90000001
OWN - NLM
STAT- MEDLINE
DP  - 2022 Jun
TI  - Antibody-drug conjugate therapy in HER2-low metastatic breast cancer: a
      randomized trial.
AB  - Background: patients with HER2-low disease were randomly assigned to the
      conjugate or to chemotherapy of the physician's choice (NCT09000001).
FAU - Example, Ann
AU  - Example A
JT  - Journal of Example Oncology
TA  - J Ex Oncol
VI  - 12
IP  - 3
PG  - 101-110
LID - 10.9999/jeo.2022.001 [doi]
PT  - Randomized Controlled Trial

PMID- 90000002
OWN - NLM
DP  - 2021
TI  - Endocrine therapy and CDK4/6 inhibition in hormone receptor positive
      breast cancer.
AU  - Sample B
JT  - Example Reviews
PT  - Review

PMID- 90000003
TI  - Trastuzumab in early breast cancer: long-term follow-up.
AU  - Placeholder C
DP  - 2020
"""

SAMPLE_BIBTEX = """@string{jeo = "Journal of Example Oncology"}

@article{example2022adc,
  author  = {Example, Ann and Sample, Bert},
  title   = {Antibody-drug conjugate therapy in {HER2}-low metastatic breast cancer},
  journal = jeo,
  year    = 2022,
  volume  = {12},
  number  = {3},
  pages   = {101--110},
  doi     = {10.9999/jeo.2022.001},
  note    = {NCT09000001}
}

@inproceedings{sample2021cdk,
  author    = "Sample, Bert",
  title     = "Endocrine therapy and {CDK4/6} inhibition",
  booktitle = "Proceedings of an Example Meeting",
  year      = "2021"
}

@misc{placeholder2020,
  title = {Trastuzumab in early breast cancer: long-term follow-up},
  year  = {2020}
}
"""

SAMPLE_JSONL = "\n".join(json.dumps(r) for r in [
    {"id": "PMID90000001", "pmid": "90000001", "nct": "NCT09000001", "source": "pubmed",
     "title": "Antibody-drug conjugate therapy in HER2-low metastatic breast cancer",
     "abstract": "Patients with HER2-low disease were randomly assigned.",
     "journal": "J Ex Oncol", "year": 2022, "authors": ["Example A", "Sample B"]},
    {"id": "PMID90000002", "pmid": "90000002", "source": "pubmed",
     "title": "Endocrine therapy and CDK4/6 inhibition in breast cancer", "year": 2021},
    {"id": "NCT09000001", "nct": "NCT09000001", "source": "ctgov",
     "title": "A randomized study of an antibody-drug conjugate", "abstract": "Phase 3."},
]) + "\n"

SAMPLE_RIS = """TY  - JOUR
TI  - Antibody-drug conjugate therapy in HER2-low metastatic breast cancer
AU  - Example, Ann
AU  - Sample, Bert
JO  - Journal of Example Oncology
PY  - 2022
VL  - 12
IS  - 3
SP  - 101
EP  - 110
DO  - 10.9999/jeo.2022.001
AB  - Patients with HER2-low disease were randomly assigned (NCT09000001).
ER  - 

TY  - JOUR
TI  - Endocrine therapy and CDK4/6 inhibition in breast cancer
AU  - Sample, Bert
PY  - 2021
ER  - 
"""

SAMPLE_CTGOV_JSON = json.dumps({
    "protocolSection": {
        "identificationModule": {"nctId": "NCT09000001",
                                 "briefTitle": "A Study of an Antibody-Drug Conjugate",
                                 "officialTitle": "A Randomized Phase 3 Study in HER2-low Breast Cancer"},
        "statusModule": {"overallStatus": "COMPLETED", "startDateStruct": {"date": "2018-12-27"}},
        "conditionsModule": {"conditions": ["Breast Cancer"]},
        "designModule": {"phases": ["PHASE3"], "enrollmentInfo": {"count": 557}},
        "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "trastuzumab deruxtecan"}]},
    },
    "hasResults": False,
}, indent=2) + "\n"

SAMPLE_CTGOV_XML = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study rank="1">
  <id_info><nct_id>NCT09000001</nct_id></id_info>
  <brief_title>A Study of an Antibody-Drug Conjugate</brief_title>
  <official_title>A Randomized Phase 3 Study in HER2-low Breast Cancer</official_title>
  <overall_status>Completed</overall_status>
  <phase>Phase 3</phase>
  <enrollment type="Actual">557</enrollment>
  <condition>Breast Cancer</condition>
  <intervention><intervention_type>Drug</intervention_type><intervention_name>trastuzumab deruxtecan</intervention_name></intervention>
</clinical_study>
"""

SAMPLE_JATS = """<?xml version="1.0" encoding="UTF-8"?>
<article article-type="research-article">
  <front>
    <journal-meta><journal-title-group><journal-title>Journal of Example Oncology</journal-title></journal-title-group></journal-meta>
    <article-meta>
      <article-id pub-id-type="doi">10.9999/jeo.2022.001</article-id>
      <title-group><article-title>Antibody-drug conjugate therapy in HER2-low breast cancer</article-title></title-group>
      <contrib-group><contrib contrib-type="author"><name><surname>Example</surname><given-names>Ann</given-names></name></contrib></contrib-group>
      <pub-date><year>2022</year></pub-date>
      <abstract><p>Patients with HER2-low disease were randomly assigned (NCT09000001).</p></abstract>
    </article-meta>
  </front>
  <body><sec><title>Methods</title><p>Randomized, open label.</p></sec></body>
  <back><ref-list><ref id="r1"><mixed-citation>Sample B. Endocrine therapy. Example Reviews. 2021;3:1-9.</mixed-citation></ref></ref-list></back>
</article>
"""

SAMPLE_PUBMED = """<?xml version="1.0" encoding="UTF-8"?>
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">90000001</PMID>
<Article PubModel="Print"><Journal><JournalIssue><Volume>12</Volume><PubDate><Year>2022</Year></PubDate></JournalIssue><Title>Journal of Example Oncology</Title></Journal>
<ArticleTitle>Antibody-drug conjugate therapy in HER2-low breast cancer.</ArticleTitle>
<Abstract><AbstractText>Patients with HER2-low disease were randomly assigned.</AbstractText></Abstract>
<AuthorList><Author><LastName>Example</LastName><Initials>A</Initials></Author></AuthorList>
</Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
"""


def read_seed_page():
    with open(os.path.join(REPO, "corpus", "her2-ultralow-review.txt"), "rb") as f:
        return f.read()


def shared(rel, fallback):
    """Bytes of a shared-corpus file, or the fallback sample when absent."""
    path = os.path.join(SHARED, rel)
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return f.read(), "shared/corpus/" + rel
    return fallback.encode(), "hand-written sample"


# format name -> (extension, sample bytes, description of the sample)
def formats():
    page = read_seed_page()
    jats, jats_src = shared("jats-elife-samples/elife07586.xml", SAMPLE_JATS)
    pubmed, pubmed_src = shared("medline-xml/pubmed-29768149.xml", SAMPLE_PUBMED)
    ctx, ctx_src = shared("ctgov-legacy-xml/aact-fixtures/NCT03133988.xml", SAMPLE_CTGOV_XML)
    ctj, ctj_src = shared("ctgov-api-v2-json/NCT00465816.json", SAMPLE_CTGOV_JSON)
    ris, ris_src = shared("ris-exports-asreview/ovid_zotero.ris", SAMPLE_RIS)
    return {
        "page": (".txt", page, "corpus/her2-ultralow-review.txt"),
        "jats": (".nxml", jats, jats_src),
        "pubmed": (".xml", pubmed, pubmed_src),
        "ctgov-xml": (".xml", ctx, ctx_src),
        "ctgov-json": (".json", ctj, ctj_src),
        "jsonl": (".jsonl", SAMPLE_JSONL.encode(), "hand-written sample"),
        "medline": (".nbib", SAMPLE_MEDLINE.encode(), "hand-written sample"),
        "ris": (".ris", ris, ris_src),
        "bibtex": (".bib", SAMPLE_BIBTEX.encode(), "hand-written sample"),
    }


XML_FORMATS = ("jats", "pubmed", "ctgov-xml")
XML_ROOT = {"jats": "article", "pubmed": "PubmedArticleSet", "ctgov-xml": "clinical_study"}


class Corpus:
    def __init__(self, out):
        self.out = out
        self.rows = []
        self.rng = random.Random(SEED)

    def add(self, name, fmt, category, code, store, desc, data):
        path = os.path.join(self.out, name)
        with open(path, "wb") as f:
            f.write(data)
        self.rows.append((name, fmt, category, str(code), store, desc))

    def manifest(self):
        with open(os.path.join(self.out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
            f.write("file\tformat\tcategory\texpected_exit\tstore\tdescription\n")
            for r in sorted(self.rows):
                f.write("\t".join(r) + "\n")


def insert_at(data, pos, blob):
    return data[:pos] + blob + data[pos:]


def text_field_offset(fmt, data):
    """An offset inside real text content of the sample (past any prolog)."""
    markers = {"page": b"\n\n", "jats": b"<article-title>", "pubmed": b"<ArticleTitle>",
               "ctgov-xml": b"<brief_title>", "ctgov-json": b'"briefTitle": "',
               "jsonl": b'"title": "', "medline": b"TI  - ", "ris": b"TI  - ", "bibtex": b"title"}
    m = markers[fmt]
    i = data.find(m)
    if i < 0:
        return len(data) // 2
    i += len(m)
    if fmt == "bibtex":
        i = data.find(b"{", i) + 1
    return i + 3


def common_cases(c, fmts):
    wrong = {
        # content that no format claims, under each format's extension
        "page": b'{"studies": [1, 2, 3], "note": "json under .txt"}\n',
        "jats": b'{"article": {"title": "json under .nxml"}}\n',
        "pubmed": b"id,title,year\n1,csv under .xml,2020\n2,another,2021\n",
        "ctgov-xml": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n",
        "ctgov-json": b"<?xml version=\"1.0\"?><clinical_study><brief_title>xml under .json</brief_title></clinical_study>\n",
        "jsonl": b"id;title;year\n1;semicolon-separated values under .jsonl;2020\n",
        "medline": b"<html><body><p>html under .nbib</p></body></html>\n",
        "ris": b"{\"id\": 1, \"title\": \"json under .ris\"}\n",
        "bibtex": b"key,title,year\nk1,comma-separated values under .bib,2020\n",
    }
    csv = b"id,title,year\n1,not a supported format,2020\n" * 20
    for fmt, (ext, sample, src) in fmts.items():
        p = fmt + "-"
        c.add(p + "empty" + ext, fmt, "empty", 65, "unchanged", "zero bytes", b"")
        c.add(p + "whitespace" + ext, fmt, "whitespace", 65, "unchanged", "spaces, tabs and newlines only",
              b" \t\n\r\n   \n\t\t\n" * 8)
        c.add(p + "bom-only" + ext, fmt, "bom", 65, "unchanged", "a UTF-8 byte order mark only", b"\xef\xbb\xbf")
        c.add(p + "bom-whitespace" + ext, fmt, "bom", 65, "unchanged", "BOM then whitespace",
              b"\xef\xbb\xbf\n  \n")
        c.add(p + "binary" + ext, fmt, "binary", 65, "unchanged", "16 KiB of random bytes",
              bytes(c.rng.getrandbits(8) for _ in range(16384)))
        c.add(p + "binary-nonul" + ext, fmt, "binary", 65, "unchanged",
              "8 KiB of random bytes without NUL (not valid UTF-8)",
              bytes(c.rng.randrange(1, 256) for _ in range(8192)))
        c.add(p + "wrong-format" + ext, fmt, "wrong-format", 65, "unchanged",
              "content of an unsupported format under this extension", wrong[fmt])
        c.add(p + "gzip-posing" + ext, fmt, "gzip-posing", 65, "unchanged",
              "gzip-compressed CSV under this extension", gzip.compress(csv, mtime=0))
        c.add(p + "gzip-truncated" + ext, fmt, "gzip-posing", 65, "unchanged",
              "gzip of a valid sample, cut in half", gzip.compress(sample, mtime=0)[: max(20, len(gzip.compress(sample, mtime=0)) // 2)])
        off = min(len(sample) // 3, 2000)
        c.add(p + "nul-head" + ext, fmt, "nul", 65, "unchanged", "valid sample with NUL bytes in the first 4 KiB",
              insert_at(sample, off, b"\x00\x00abc\x00"))
        pos = text_field_offset(fmt, sample) if len(sample) < 8192 else len(sample) - 300
        # past the first 4 KiB a NUL is a control character in a record: the
        # tagged-text formats repair and report it; the others refuse the input
        nt = (65, "changed") if pos > 4096 and fmt in ("medline", "ris", "bibtex") else (65, "unchanged")
        c.add(p + "nul-tail" + ext, fmt, "nul", nt[0], nt[1], "valid sample with a NUL byte near the end",
              insert_at(sample, pos, b"\x00"))
        t = text_field_offset(fmt, sample)
        # Tagged-text formats repair bad bytes in a record and report it (65,
        # records indexed); page text, XML and JSON refuse the whole input.
        rs = (65, "changed") if fmt in ("medline", "ris", "bibtex") else (65, "unchanged")
        c.add(p + "utf8-overlong" + ext, fmt, "utf8", rs[0], rs[1], "overlong UTF-8 encoding of '/' in a text field",
              insert_at(sample, t, b"\xc0\xaf\xe0\x80\xaf"))
        c.add(p + "utf8-surrogate" + ext, fmt, "utf8", rs[0], rs[1], "a lone UTF-16 surrogate encoded as UTF-8 (CESU)",
              insert_at(sample, t, b"\xed\xa0\x80"))
        c.add(p + "utf8-invalid" + ext, fmt, "utf8", rs[0], rs[1], "0xFF and a truncated multi-byte sequence",
              insert_at(sample, t, b"\xff\xfe\xe2\x82"))
        # UTF-16 is decoded and read: the XML samples are cut at 4,000
        # characters, so refused; the page's cut entry is reported.
        u16 = (65, "unchanged") if fmt in ("jats", "pubmed", "ctgov-xml") else (65, "changed") if fmt == "page" \
            else (0, "changed")
        c.add(p + "utf16le-nobom" + ext, fmt, "utf16", u16[0], u16[1],
              "the sample's first 4,000 characters as UTF-16LE without BOM (decoded and read)",
              sample[:4000].decode("utf-8", "replace").encode("utf-16-le"))
        c.add(p + "utf16be-nobom" + ext, fmt, "utf16", u16[0], u16[1],
              "the sample's first 4,000 characters as UTF-16BE without BOM (decoded and read)",
              sample[:4000].decode("utf-8", "replace").encode("utf-16-be"))
        cc = (65, "changed") if fmt == "page" else rs
        c.add(p + "control-chars" + ext, fmt, "control", cc[0], cc[1],
              "C0 control characters (ESC, BEL, VT, 0x01) in a text field",
              insert_at(sample, t, b"\x1b[31m\x07\x0b\x01\x08"))


def truncations(c, fmts, per_format=6):
    for fmt, (ext, sample, src) in fmts.items():
        rng = random.Random(SEED + hash_name(fmt))
        n = len(sample)
        cuts = sorted({rng.randrange(max(2, n // 50), n - 2) for _ in range(per_format)})
        for k, cut in enumerate(cuts):
            data = sample[:cut]
            code, store = expected_truncation(fmt, data, sample)
            c.add("%s-truncated-%d%s" % (fmt, k + 1, ext), fmt, "truncated", code, store,
                  "%s cut at byte %d of %d" % (src, cut, n), data)


def hash_name(s):
    h = 0
    for ch in s.encode():
        h = (h * 131 + ch) % 1000003
    return h


def expected_truncation(fmt, data, sample):
    """Expected exit code and store effect of a prefix of a valid sample."""
    if fmt in XML_FORMATS or fmt == "ctgov-json":
        return 65, "unchanged"  # one document, no longer well-formed
    if fmt == "jsonl":
        complete = data.count(b"\n")
        if data.endswith(b"\n"):
            return 0, "changed"
        return 65, ("changed" if complete > 0 else "unchanged")
    if fmt == "ris":
        # the RIS reader accepts a last record without ER (lenient by design)
        return 0, "changed"
    if fmt == "bibtex":
        return 65, ("changed" if data.count(b"\n}\n") > 0 else "unchanged")
    if fmt == "page":
        # the seed's reference table rows end with '|': a cut row is reported,
        # the rows before it are indexed
        return 65, "changed"
    # MEDLINE has no end marker: what is there is indexed
    return 0, "changed"


def xml_cases(c):
    for fmt in XML_FORMATS:
        root = XML_ROOT[fmt]
        ext = ".nxml" if fmt == "jats" else ".xml"
        p = fmt + "-xml-"
        inner = {"jats": "<front><article-meta><title-group><article-title>%s</article-title></title-group></article-meta></front>",
                 "pubmed": "<PubmedArticle><MedlineCitation><PMID>90000001</PMID><Article><ArticleTitle>%s</ArticleTitle></Article></MedlineCitation></PubmedArticle>",
                 "ctgov-xml": "<id_info><nct_id>NCT09000001</nct_id></id_info><brief_title>%s</brief_title>"}[fmt]

        def doc(dtd, body):
            return ('<?xml version="1.0"?>\n%s<%s>%s</%s>\n' % (dtd, root, inner % body, root)).encode()

        laughs = "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10))
        c.add(p + "billion-laughs" + ext, fmt, "xml-entity", 65, "unchanged", "nested entity expansion (10^9 'lol')",
              doc('<!DOCTYPE %s [<!ENTITY l0 "lol">%s]>\n' % (root, laughs), "&l9;"))
        big = "A" * 20000
        c.add(p + "quadratic-blowup" + ext, fmt, "xml-entity", 65, "unchanged", "a 20 KB entity referenced 4000 times",
              doc('<!DOCTYPE %s [<!ENTITY a "%s">]>\n' % (root, big), "&a;" * 4000))
        c.add(p + "xxe-file" + ext, fmt, "xml-xxe", 65, "unchanged", "external entity file:///etc/passwd",
              doc('<!DOCTYPE %s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' % root, "&x;"))
        c.add(p + "xxe-http" + ext, fmt, "xml-xxe", 65, "unchanged", "external entity over http (must not be fetched)",
              doc('<!DOCTYPE %s [<!ENTITY x SYSTEM "http://127.0.0.1:9/secret">]>\n' % root, "&x;"))
        c.add(p + "parameter-entity" + ext, fmt, "xml-entity", 65, "unchanged", "parameter entity pulling an external DTD",
              doc('<!DOCTYPE %s [<!ENTITY %% p SYSTEM "http://127.0.0.1:9/p.dtd"> %%p;]>\n' % root, "&x;"))
        c.add(p + "external-dtd-entity" + ext, fmt, "xml-dtd", 0, "changed",
              "an external DTD over http and an entity only it could define: the DTD is not fetched, "
              "the entity is dropped, the rest is indexed",
              doc('<!DOCTYPE %s SYSTEM "http://127.0.0.1:9/evil.dtd">\n' % root, "External DTD &evil; title"))
        c.add(p + "external-dtd-file" + ext, fmt, "xml-dtd", 0, "changed",
              "an external DTD on file:///etc/passwd and an entity only it could define: not read, "
              "the entity is dropped, the rest is indexed",
              doc('<!DOCTYPE %s SYSTEM "file:///etc/passwd">\n' % root, "External DTD &evil; title"))
        c.add(p + "depth-300" + ext, fmt, "xml-depth", 65, "unchanged", "elements nested 300 deep",
              doc("", "<i>" * 300 + "deep" + "</i>" * 300))
        c.add(p + "depth-10000" + ext, fmt, "xml-depth", 65, "unchanged", "elements nested 10^4 deep",
              doc("", "<i>" * 10000 + "</i>" * 10000))
        c.add(p + "undefined-entity" + ext, fmt, "xml-entity", 65, "unchanged", "an undefined named entity (&nbsp;)",
              doc("", "a&nbsp;b"))
        c.add(p + "mismatched-tags" + ext, fmt, "xml-syntax", 65, "unchanged", "mismatched end tag",
              ('<?xml version="1.0"?>\n<%s><a><b>text</a></b></%s>\n' % (root, root)).encode())
        c.add(p + "doctype-no-root" + ext, fmt, "xml-syntax", 65, "unchanged", "a DOCTYPE and no root element",
              ('<?xml version="1.0"?>\n<!DOCTYPE %s PUBLIC "-//X//DTD X//EN" "x.dtd">\n' % root).encode())
        c.add(p + "two-roots" + ext, fmt, "xml-syntax", 65, "unchanged", "two root elements",
              doc("", "x") + ("<%s/>\n" % root).encode())
        c.add(p + "unclosed-cdata" + ext, fmt, "xml-syntax", 65, "unchanged", "an unterminated CDATA section",
              ('<?xml version="1.0"?>\n<%s><![CDATA[ never closed\n' % root).encode())
        c.add(p + "bad-encoding-decl" + ext, fmt, "xml-encoding", 65, "unchanged",
              "declares an unknown encoding",
              doc("", "x").replace(b'version="1.0"', b'version="1.0" encoding="X-NO-SUCH-CHARSET"'))
        c.add(p + "latin1-declared-utf8" + ext, fmt, "xml-encoding", 65, "unchanged",
              "declared UTF-8 but Latin-1 bytes in the text",
              doc("", "caf\xe9 na\xefve").replace("caf\xe9 na\xefve".encode(), b"caf\xe9 na\xefve"))
        attrs = " ".join('a%d="%d"' % (i, i) for i in range(5000))
        c.add(p + "many-attributes" + ext, fmt, "xml-size", 65, "unchanged", "5000 attributes on one element, no content",
              ('<?xml version="1.0"?>\n<%s %s></%s>\n' % (root, attrs, root)).encode())
        c.add(p + "xinclude" + ext, fmt, "xml-xxe", 65, "unchanged", "an XInclude of /etc/passwd and nothing else",
              ('<?xml version="1.0"?>\n<%s xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></%s>\n'
               % (root, root)).encode())


def json_cases(c):
    nested = "[" * 100000 + "]" * 100000

    def study(ident=None, extra=None, nct="NCT09000002", title="A Study of Something"):
        ident = ident if ident is not None else {"nctId": nct, "briefTitle": title}
        s = {"protocolSection": {"identificationModule": ident}}
        if extra:
            s["protocolSection"].update(extra)
        return s

    for fmt, ext in (("ctgov-json", ".json"), ("jsonl", ".jsonl")):
        p = fmt + "-json-"

        def enc(obj):
            return (json.dumps(obj) + "\n").encode()

        def rec(nct="NCT09000002", **kw):
            if fmt == "jsonl":
                r = {"id": nct, "nct": nct, "source": "ctgov", "title": "A Study of Something"}
                r.update(kw)
                return r
            return study(nct=nct, extra=kw or None)

        c.add(p + "depth-100000" + ext, fmt, "json-depth", 65, "unchanged", "arrays nested 10^5 deep",
              (nested + "\n").encode())
        c.add(p + "depth-object" + ext, fmt, "json-depth", 65, "unchanged", "objects nested 20000 deep",
              ('{"a":' * 20000 + "1" + "}" * 20000 + "\n").encode())
        digits = "9" * 10000
        if fmt == "jsonl":
            body = '{"id": "x1", "title": "Long number", "year": %s}\n' % digits
            code, store = 65, "unchanged"
        else:
            body = json.dumps(study()).replace('"identificationModule"',
                                               '"designModule": {"enrollmentInfo": {"count": %s}}, "identificationModule"' % digits) + "\n"
            code, store = 65, "unchanged"  # out of range for the JSON parser: the study is refused
        c.add(p + "number-10000-digits" + ext, fmt, "json-number", code, store,
              "a 10^4-digit number in a numeric field", body.encode())
        c.add(p + "nan" + ext, fmt, "json-syntax", 65, "unchanged", "NaN and Infinity literals (not JSON)",
              b'{"id": "x", "title": "t", "year": NaN, "score": Infinity}\n')
        c.add(p + "trailing-comma" + ext, fmt, "json-syntax", 65, "unchanged", "a trailing comma",
              b'{"id": "x", "title": "t",}\n')
        c.add(p + "single-quotes" + ext, fmt, "json-syntax", 65, "unchanged", "single-quoted strings",
              b"{'id': 'x', 'title': 't'}\n")
        c.add(p + "comments" + ext, fmt, "json-syntax", 65, "unchanged", "JavaScript comments",
              b'// comment\n{"id": "x" /* c */, "title": "t"}\n')
        c.add(p + "top-level-string" + ext, fmt, "json-type", 65, "unchanged", "a bare string",
              b'"just a string"\n')
        c.add(p + "top-level-number" + ext, fmt, "json-type", 65, "unchanged", "a bare number", b"42\n")
        c.add(p + "array-of-numbers" + ext, fmt, "json-type", 65, "unchanged", "an array of numbers",
              b"[1, 2, 3]\n")
        c.add(p + "empty-object" + ext, fmt, "json-missing", 65, "unchanged", "an empty object", b"{}\n")
        c.add(p + "null" + ext, fmt, "json-type", 65, "unchanged", "null", b"null\n")
        if fmt == "ctgov-json":
            c.add(p + "missing-nct" + ext, fmt, "json-missing", 65, "unchanged", "a study without nctId",
                  enc(study(ident={"briefTitle": "No identifier"})))
            c.add(p + "missing-protocol" + ext, fmt, "json-missing", 65, "unchanged", "a study without protocolSection",
                  enc({"hasResults": False, "derivedSection": {}}))
            c.add(p + "wrong-types" + ext, fmt, "json-type", 65, "unchanged",
                  "nctId a number, modules arrays, conditions a string",
                  enc({"protocolSection": {"identificationModule": {"nctId": 12345678, "briefTitle": ["x"]},
                                           "conditionsModule": {"conditions": "Breast Cancer"},
                                           "designModule": [1, 2]}}))
            c.add(p + "bad-nct" + ext, fmt, "json-id", 65, "unchanged", "an nctId that is not NCT + 8 digits",
                  enc(study(nct="NCT-not-an-id/../../x")))
            c.add(p + "long-nct" + ext, fmt, "json-id", 65, "unchanged", "a 10 KB nctId",
                  enc(study(nct="NCT" + "1" * 10000)))
            c.add(p + "enrollment-overflow" + ext, fmt, "json-number", 0, "changed",
                  "enrollment 2^64+1 and -5 (not stored as a count)",
                  enc(study(nct="NCT09000003", extra=dict(designModule={"enrollmentInfo": {"count": 18446744073709551617}}))))
            c.add(p + "enrollment-uint64" + ext, fmt, "json-number", 0, "changed",
                  "enrollment 2^64-1 (must not wrap to a negative count)",
                  enc(study(nct="NCT09000004", extra=dict(designModule={"enrollmentInfo": {"count": 18446744073709551615}}))))
            c.add(p + "enrollment-negative" + ext, fmt, "json-number", 0, "changed", "enrollment -5",
                  enc(study(nct="NCT09000005", extra=dict(designModule={"enrollmentInfo": {"count": -5}}))))
            c.add(p + "bad-dates" + ext, fmt, "json-date", 0, "changed", "dates 2020-13-45, 'soon' and 99999-01",
                  enc(study(nct="NCT09000006", extra=dict(statusModule={"startDateStruct": {"date": "2020-13-45"},
                                                             "completionDateStruct": {"date": "soon"},
                                                             "primaryCompletionDateStruct": {"date": "99999-01"}}))))
            dup = ('{"protocolSection": {"identificationModule": {"nctId": "NCT09000007", '
                   '"nctId": "NCT09000008", "briefTitle": "Duplicate keys"}}}\n')
            c.add(p + "duplicate-keys" + ext, fmt, "json-duplicate", 0, "changed",
                  "the nctId key twice with different values (the last one wins)", dup.encode())
            c.add(p + "studies-not-array" + ext, fmt, "json-type", 65, "unchanged", 'a page whose "studies" is an object',
                  b'{"studies": {"a": 1}, "nextPageToken": "x"}\n')
        else:
            c.add(p + "missing-id" + ext, fmt, "json-missing", 65, "unchanged", "records with no title and no identifier",
                  b'{"abstract": "nothing to identify"}\n{"year": 2020}\n')
            c.add(p + "wrong-types" + ext, fmt, "json-type", 65, "unchanged",
                  "title an object, authors a number, pmid an array, nothing usable",
                  b'{"title": {"x": 1}, "authors": 7, "pmid": [1], "nct": false}\n')
            c.add(p + "bad-nct" + ext, fmt, "json-id", 65, "unchanged", "a trial record whose nct is not an NCT id",
                  enc({"id": "T1", "kind": "trial", "nct": "NCT-../../x", "title": ""}))
            c.add(p + "long-nct" + ext, fmt, "json-id", 65, "unchanged", "a 10 KB nct id and no title",
                  enc({"id": "T2", "kind": "trial", "nct": "NCT" + "1" * 10000}))
            c.add(p + "duplicate-keys" + ext, fmt, "json-duplicate", 0, "changed",
                  "the title key twice (the last one wins)",
                  b'{"id": "D1", "title": "First title", "title": "Second title", "year": 2020}\n')
            c.add(p + "bad-line-among-good" + ext, fmt, "json-syntax", 65, "changed",
                  "two good records around one broken line (the good ones are indexed)",
                  (json.dumps({"id": "G1", "title": "A good record about breast cancer"}) + "\n{broken\n" +
                   json.dumps({"id": "G2", "title": "Another good record"}) + "\n").encode())
            c.add(p + "crlf-bom" + ext, fmt, "json-syntax", 0, "changed", "BOM and CRLF line ends (accepted)",
                  b"\xef\xbb\xbf" + (json.dumps({"id": "C1", "title": "CRLF record"}) + "\r\n").encode())


def text_cases(c):
    # RIS, MEDLINE and BibTeX specific breakage.
    c.add("ris-no-er.ris", "ris", "ris-syntax", 0, "changed", "a record without ER (accepted: the reader is lenient)",
          b"TY  - JOUR\nTI  - No end\n")
    c.add("ris-no-ty.ris", "ris", "ris-syntax", 65, "unchanged", "tags without a TY line",
          b"TI  - No type\nAU  - Someone\nER  - \n")
    c.add("ris-only-er.ris", "ris", "ris-syntax", 65, "unchanged", "ER lines only", b"ER  - \n" * 50)
    c.add("ris-bad-tags.ris", "ris", "ris-syntax", 65, "unchanged", "lines that look like tags but are not",
          b"TY  - JOUR\nXX  -\n  -  - \n\x01\x02  - x\nER  - \n")
    c.add("medline-no-pmid.nbib", "medline", "medline-syntax", 65, "unchanged", "records without PMID or title",
          b"OWN - NLM\nSTAT- MEDLINE\n\nOWN - NLM\n")
    c.add("medline-continuation-only.nbib", "medline", "medline-syntax", 65, "unchanged",
          "continuation lines with no tag", b"      continued\n      again\n" * 20)
    c.add("bibtex-unclosed.bib", "bibtex", "bibtex-syntax", 65, "unchanged", "an entry whose brace is never closed",
          b"@article{key,\n title = {Never closed\n")
    c.add("bibtex-deep-braces.bib", "bibtex", "bibtex-syntax", 65, "unchanged", "braces nested 10^5 deep, unclosed",
          b"@article{key, title = " + b"{" * 100000 + b"\n")
    c.add("bibtex-deep-braces-closed.bib", "bibtex", "bibtex-depth", 0, "changed",
          "a title with braces nested 5000 deep (closed)",
          b"@article{key, title = {" + b"{" * 5000 + b"Deep" + b"}" * 5000 + b"}, year = 2020}\n")
    c.add("bibtex-string-loop.bib", "bibtex", "bibtex-macro", 65, "unchanged", "@string macros that refer to each other",
          b'@string{a = b # b}\n@string{b = a # a}\n@article{k, title = a}\n')
    c.add("bibtex-string-expansion.bib", "bibtex", "bibtex-macro", 65, "changed",
          "@string doubling 40 times (10^12 bytes if expanded), then a good entry",
          b"@string{s0 = \"ab\"}\n" + b"".join(b"@string{s%d = s%d # s%d}\n" % (i, i - 1, i - 1) for i in range(1, 41))
          + b"@article{k, title = s40}\n@article{good, title = {A good entry}, year = 2020}\n")
    c.add("bibtex-no-key.bib", "bibtex", "bibtex-syntax", 65, "unchanged", "entries without keys or fields",
          b"@article{}\n@book{,}\n@{x}\n")
    c.add("page-no-title.txt", "page", "page-structure", 65, "unchanged", "lines of punctuation only",
          b"-----\n=====\n.....\n" * 30)
    c.add("page-references-only.txt", "page", "page-structure", 65, "unchanged",
          "a references heading and numbered lines with no title (not recognised as a page)",
          b"References\n1. Example A. A title. J Ex. 2020;1:1-2.\n2. Sample B. Another. J Ex. 2021;2:3-4.\n")


def archive_cases(c, fmts):
    ris = fmts["ris"][1]
    page = fmts["page"][1]
    c.add("archive-gz-garbage.gz", "archive", "archive", 65, "unchanged", "a .gz holding random bytes",
          gzip.compress(bytes(c.rng.getrandbits(8) for _ in range(4096)), mtime=0))
    gz = gzip.compress(ris, mtime=0)
    c.add("archive-gz-truncated.ris.gz", "archive", "archive", 65, "unchanged", "a gzip of RIS cut in the middle",
          gz[: len(gz) // 2])
    c.add("archive-gz-empty.txt.gz", "archive", "archive", 65, "unchanged", "a gzip of nothing", gzip.compress(b"", mtime=0))
    c.add("archive-gz-bomb.txt.gz", "archive", "archive", 65, "unchanged",
          "100 MB of NUL bytes gzip-compressed",
          gzip_zeros(100 << 20))
    c.add("archive-gz-nested.txt.gz.gz", "archive", "archive", 65, "unchanged", "gzip inside gzip inside gzip",
          gzip.compress(gzip.compress(gzip.compress(b"x" * 1000, mtime=0), mtime=0), mtime=0))
    c.add("archive-bz2-garbage.bz2", "archive", "archive", 65, "unchanged", "BZh magic then garbage",
          b"BZh91AY&SY" + bytes(c.rng.getrandbits(8) for _ in range(512)))
    c.add("archive-bz2-posing.xml", "archive", "archive", 65, "unchanged", "bzip2 of CSV under .xml",
          bz2.compress(b"a,b\n1,2\n" * 100))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        pass
    c.add("archive-zip-empty.zip", "archive", "archive", 65, "unchanged", "a zip with no members", buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zinfo("../../../../tmp/ckb-zip-slip.txt"), b"not a page\n")
        z.writestr(zinfo("/etc/ckb-absolute.txt"), b"\x00\x01\x02")
    c.add("archive-zip-traversal.zip", "archive", "archive", 65, "unchanged",
          "members named ../../../../tmp/... and /etc/... holding junk (nothing is written out)", buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zinfo("good.txt"), page)
    data = buf.getvalue()
    c.add("archive-zip-truncated.zip", "archive", "archive", 65, "unchanged", "a zip cut before its central directory",
          data[: len(data) * 2 // 3])
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        info = tarfile.TarInfo("link.txt")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        t.addfile(info)
        info = tarfile.TarInfo("dev")
        info.type = tarfile.CHRTYPE
        t.addfile(info)
    c.add("archive-tar-links.tar", "archive", "archive", 65, "unchanged", "a tar of a symlink to /etc/passwd and a device",
          buf.getvalue())
    c.add("archive-tar-garbage.tar", "archive", "archive", 65, "unchanged", "512-byte header blocks of garbage",
          bytes(c.rng.getrandbits(8) for _ in range(2048)))


def zinfo(name):
    """A zip member with a fixed time stamp (for byte-identical output)."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def gzip_zeros(n):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=9) as g:
        chunk = b"\x00" * (1 << 20)
        for _ in range(n >> 20):
            g.write(chunk)
    return out.getvalue()


def semantic_cases(c):
    def study(nct, title, drug):
        return (json.dumps({"protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": title},
            "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": drug}]}}}) + "\n").encode()

    c.add("semantic-dup-nct-a.json", "ctgov-json", "semantic-duplicate", 0, "changed",
          "NCT09000010 with one title (pair with -b)", study("NCT09000010", "First registration title", "drug a"))
    c.add("semantic-dup-nct-b.json", "ctgov-json", "semantic-duplicate", 0, "changed",
          "NCT09000010 with a conflicting title (pair with -a)", study("NCT09000010", "Conflicting title", "drug b"))
    c.add("semantic-dup-nct-c.xml", "ctgov-xml", "semantic-duplicate", 0, "changed",
          "NCT09000010 again, as legacy XML",
          SAMPLE_CTGOV_XML.replace("NCT09000001", "NCT09000010").encode())
    c.add("semantic-dup-nct-within.jsonl", "jsonl", "semantic-duplicate", 0, "changed",
          "the same NCT id on two lines of one file with different titles",
          (json.dumps({"id": "NCT09000011", "nct": "NCT09000011", "kind": "trial", "title": "One"}) + "\n" +
           json.dumps({"id": "NCT09000011", "nct": "NCT09000011", "kind": "trial", "title": "Two"}) + "\n").encode())
    c.add("semantic-long-drug.json", "ctgov-json", "semantic-long-field", 0, "changed",
          "a 64 KB intervention name without spaces (longer than any index term)",
          study("NCT09000012", "Long drug", "x" * 65536))
    c.add("semantic-long-title-word.jsonl", "jsonl", "semantic-long-field", 0, "changed",
          "a title that is one 64 KB word",
          (json.dumps({"id": "W1", "title": "y" * 65536}) + "\n").encode())
    c.add("semantic-long-doi.jsonl", "jsonl", "semantic-long-field", 0, "changed",
          "a 20 KB DOI and PMID",
          (json.dumps({"id": "W2", "title": "Long identifiers", "doi": "10.1/" + "z" * 20000,
                       "pmid": "1" * 20000}) + "\n").encode())
    c.add("semantic-many-authors.ris", "ris", "semantic-long-field", 0, "changed", "one record with 5000 authors",
          b"TY  - JOUR\nTI  - Many authors\n" + b"".join(b"AU  - Author%d, A.\n" % i for i in range(5000)) + b"ER  - \n")


def huge_cases(c):
    """Large inputs generated at test time (not committed)."""
    line = b"x" * (100 << 20)
    c.add("page-line-100mb.txt", "page", "huge", 65, "unchanged", "a title then one 100 MB line (not recognised as a page)",
          b"A title\n\n" + line + b"\n")
    c.add("jats-text-12mb.nxml", "jats", "huge", 0, "changed", "a 12 MB text node in the abstract",
          SAMPLE_JATS.replace("Patients with", "Patients " + "w " * (6 << 20) + "with").encode())
    c.add("jats-xml-depth-100000.nxml", "jats", "xml-depth", 65, "unchanged", "elements nested 10^5 deep",
          b'<?xml version="1.0"?><article>' + b"<i>" * 100000 + b"</i>" * 100000 + b"</article>")
    c.add("pubmed-xml-depth-1000000.xml", "pubmed", "xml-depth", 65, "unchanged", "elements nested 10^6 deep",
          b'<?xml version="1.0"?><PubmedArticleSet>' + b"<i>" * 1000000 + b"</i>" * 1000000 + b"</PubmedArticleSet>")
    c.add("ctgov-json-nct-1mb.json", "ctgov-json", "json-id", 65, "unchanged", "a 1 MB nctId",
          (json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT" + "7" * (1 << 20)}}}) + "\n").encode())
    c.add("ctgov-json-drug-1mb.json", "ctgov-json", "semantic-long-field", 0, "changed", "a 1 MB intervention name",
          (json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT09000020", "briefTitle": "t"},
                                           "armsInterventionsModule": {"interventions": [
                                               {"type": "DRUG", "name": "trastuzumab " * (1 << 17)}]}}}) + "\n").encode())
    c.add("jsonl-line-70mb.jsonl", "jsonl", "huge", 65, "unchanged", "one 70 MB line (over the record cap)",
          b'{"id": "H1", "title": "' + b"a" * (70 << 20) + b'"}\n')
    c.add("ris-field-1mb.ris", "ris", "semantic-long-field", 0, "changed", "a 1 MB abstract line",
          b"TY  - JOUR\nTI  - Long abstract\nAB  - " + b"word " * (1 << 18) + b"\nER  - \n")


def main():
    ap = argparse.ArgumentParser(description="Generates the malformed-input corpus.")
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "corpus", "bad"))
    ap.add_argument("--huge", metavar="DIR", help="write the large test-time cases into DIR instead")
    a = ap.parse_args()
    out = a.huge or a.out
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    c = Corpus(out)
    if a.huge:
        huge_cases(c)
        bad_corpus_more.more_huge_cases(c)
    else:
        fmts = formats()
        common_cases(c, fmts)
        truncations(c, fmts)
        xml_cases(c)
        json_cases(c)
        text_cases(c)
        archive_cases(c, fmts)
        semantic_cases(c)
        bad_corpus_more.more_cases(c, fmts)
    c.manifest()
    total = sum(os.path.getsize(os.path.join(out, r[0])) for r in c.rows)
    print("%d files, %d bytes in %s" % (len(c.rows), total, out), file=sys.stderr)


if __name__ == "__main__":
    main()
