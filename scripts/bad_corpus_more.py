# SPDX-License-Identifier: GPL-3.0-or-later
# More cases for scripts/make_bad_corpus.py: inputs of the formats whose
# readers are not in ckb yet (PDF, HTML, CSV, EndNote XML), nested archives
# and zip bombs, content under the wrong extension, mixed encodings. Every
# case here is broken in a way that leaves no usable record, whatever reader
# claims it, unless the row says "changed". Until a reader for a format
# exists, its files are "unrecognised input format" (exit 65); a reader must
# give its own one-line message for each and keep the expectations below.

import gzip
import io
import tarfile
import zipfile
import zlib


def _zip(members, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, data)
    return buf.getvalue()


def _targz(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            t.addfile(info, io.BytesIO(data))
    return gzip.compress(buf.getvalue(), mtime=0)


def _zeros_deflated(n):
    z = zlib.compressobj(9)
    chunk = b"\x00" * (1 << 20)
    out = [z.compress(chunk) for _ in range(n >> 20)]
    out.append(z.flush())
    return b"".join(out)


def _zip_of_deflated_zeros(name, n):
    """A zip whose one member is n NUL bytes, written without holding them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as w:
            chunk = b"\x00" * (1 << 20)
            for _ in range(n >> 20):
                w.write(chunk)
    return buf.getvalue()


def _pdf(objects, trailer=b"<< /Root 1 0 R >>"):
    """A PDF with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n" + trailer.replace(b"<<", b"<< /Size %d" % (len(objects) + 1), 1)
    out += b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF_TEXT = _pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length 80 >>\nstream\nBT /F1 12 Tf 72 720 Td (Trastuzumab deruxtecan in HER2-low breast cancer) Tj ET\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
])

PDF_EMPTY_PAGE = _pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
])

HTML_ARTICLE = (
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Trastuzumab deruxtecan in HER2-low breast cancer</title>"
    "<meta name=\"citation_title\" content=\"Trastuzumab deruxtecan in HER2-low breast cancer\">"
    "<meta name=\"citation_doi\" content=\"10.5555/ckbbad.html.1\"></head>\n<body><article>"
    "<h1>Trastuzumab deruxtecan in HER2-low breast cancer</h1><p>Background. " + "Patients with HER2-low disease. " * 40 +
    "</p><h2>References</h2><ol><li>Modi S, et al. N Engl J Med 2022;387:9-20.</li></ol></article></body></html>\n"
).encode()

ENDNOTE_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def pdf_cases(c):
    c.add("pdf-truncated.pdf", "pdf", "reader-pdf", 65, "unchanged", "a PDF cut inside its page content, before the xref",
          PDF_TEXT[: len(PDF_TEXT) * 2 // 3])
    c.add("pdf-header-only.pdf", "pdf", "reader-pdf", 65, "unchanged", "%PDF header and %%EOF, nothing between",
          b"%PDF-1.4\n%%EOF\n")
    c.add("pdf-no-text.pdf", "pdf", "reader-pdf", 65, "unchanged", "a valid PDF of one empty page (a scan without text)",
          PDF_EMPTY_PAGE)
    c.add("pdf-encrypted.pdf", "pdf", "reader-pdf", 65, "unchanged", "a PDF whose trailer names an /Encrypt dictionary",
          _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
                b"<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>"],
               b"<< /Root 1 0 R /Encrypt 3 0 R >>"))
    c.add("pdf-bad-xref.pdf", "pdf", "reader-pdf", 65, "unchanged", "every xref offset and startxref wrong",
          PDF_TEXT.replace(b"startxref\n", b"startxref\n9").replace(b" 00000 n", b" 99999 n"))
    c.add("pdf-deep-arrays.pdf", "pdf", "reader-pdf", 65, "unchanged", "an object of arrays nested 10^5 deep",
          _pdf([b"<< /Type /Catalog /X " + b"[" * 100000 + b"]" * 100000 + b" >>"]))
    c.add("pdf-flate-bomb.pdf", "pdf", "reader-pdf", 65, "unchanged",
          "a page content stream that inflates to 128 MB of NUL bytes",
          _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
                b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(_zeros_deflated(128 << 20)) +
                _zeros_deflated(128 << 20) + b"\nendstream"]))
    c.add("pdf-garbage-after-header.pdf", "pdf", "reader-pdf", 65, "unchanged", "%PDF-1.5 then random bytes",
          b"%PDF-1.5\n" + bytes(c.rng.getrandbits(8) for _ in range(4096)))


def html_cases(c):
    c.add("html-truncated-tag.html", "html", "reader-html", 65, "unchanged",
          "an article page cut inside its <head>, before any text", HTML_ARTICLE[:120])
    c.add("html-script-only.html", "html", "reader-html", 65, "unchanged", "a page that is only scripts and styles",
          b"<!DOCTYPE html><html><head><style>p{}</style><script>var x='<p>not text</p>';</script></head>"
          b"<body><script>document.write('x')</script></body></html>\n")
    c.add("html-div-depth-10000.html", "html", "reader-html", 65, "unchanged", "<div> nested 10^4 deep, no text",
          b"<html><body>" + b"<div>" * 10000 + b"</div>" * 10000 + b"</body></html>\n")
    c.add("html-unclosed-comment.html", "html", "reader-html", 65, "unchanged", "a comment opened in <head> and never closed",
          b"<html><head><!-- " + HTML_ARTICLE + b"\n")
    c.add("html-utf16-no-bom.html", "html", "reader-html", 0, "changed",
          "the article page as UTF-16LE without BOM (decoded and read)",
          HTML_ARTICLE.decode().encode("utf-16-le"))
    c.add("html-mixed-charset.html", "html", "reader-html", 65, "unchanged",
          "declares Shift_JIS, holds Latin-1 and UTF-8 bytes and no article",
          b"<html><head><meta charset=\"Shift_JIS\"><title>caf\xe9 \xc3\xa9</title></head><body>\xff\xfe</body></html>\n")
    c.add("html-entity-flood.html", "html", "reader-html", 65, "unchanged", "2*10^4 numeric entities and nothing else",
          b"<html><body>" + b"&#0;&#xD800;&#x110000;&amp" * 5000 + b"</body></html>\n")
    c.add("html-assets-only.htm", "html", "reader-html", 65, "unchanged", "a saved page's frame: images and an iframe only",
          b"<html><body><img src=\"page_files/a.png\"><iframe src=\"page_files/b.html\"></iframe></body></html>\n")


def csv_cases(c):
    head = b"Title,Authors,Year,DOI,PMID\n"
    c.add("csv-unclosed-quote.csv", "csv", "reader-csv", 65, "unchanged", "a quoted field opened and never closed",
          head + b"\"Trastuzumab deruxtecan in HER2-low breast cancer,Modi S,2022,10.5555/ckbbad.csv.1,1\n" * 3)
    c.add("csv-header-only.csv", "csv", "reader-csv", 65, "unchanged", "a header row and nothing else", head)
    c.add("csv-ragged.csv", "csv", "reader-csv", 65, "unchanged", "rows of 1 to 9 fields under no known header",
          b"".join(b",".join(b"v%d" % j for j in range(1 + i % 9)) + b"\n" for i in range(50)))
    c.add("csv-mixed-encoding.csv", "csv", "reader-csv", 65, "unchanged",
          "a header of unknown columns, rows in UTF-8, Latin-1 and UTF-16 fragments",
          b"Spalte,Wert\ncaf\xc3\xa9,1\ncaf\xe9,2\n" + "caf\u00e9,3\n".encode("utf-16-le") + b"\n")
    c.add("csv-semicolon-bom.csv", "csv", "reader-csv", 65, "unchanged",
          "BOM, semicolons, CRLF and empty values only",
          b"\xef\xbb\xbfTitle;Authors;Year\r\n;;\r\n;;\r\n")
    c.add("csv-wide.csv", "csv", "reader-csv", 65, "unchanged", "one row of 100,000 empty fields",
          b"," * 100000 + b"\n")


def endnote_cases(c):
    rec = (b"<record><ref-type name=\"Journal Article\">17</ref-type><contributors><authors><author>Modi, S."
           b"</author></authors></contributors><titles><title>Trastuzumab deruxtecan in HER2-low breast cancer"
           b"</title></titles><dates><year>2022</year></dates></record>")
    full = ENDNOTE_HEAD + b"<xml><records>" + rec + b"</records></xml>\n"
    c.add("endnote-truncated.xml", "endnote-xml", "reader-endnote", 65, "unchanged",
          "an EndNote export cut inside its first record's title", full[: len(ENDNOTE_HEAD) + 150])
    c.add("endnote-empty-records.xml", "endnote-xml", "reader-endnote", 65, "unchanged", "<records> with no record",
          ENDNOTE_HEAD + b"<xml><records></records></xml>\n")
    c.add("endnote-billion-laughs.xml", "endnote-xml", "reader-endnote", 65, "unchanged",
          "an internal DTD expanding an entity 10^9 times in a title",
          b'<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
          b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
          b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">'
          b'<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>\n'
          b"<xml><records><record><titles><title>&i;</title></titles></record></records></xml>\n")
    c.add("endnote-xxe.xml", "endnote-xml", "reader-endnote", 65, "unchanged",
          "a title from an external entity naming file:///etc/passwd",
          b'<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
          b"<xml><records><record><titles><title>&x;</title></titles></record></records></xml>\n")
    c.add("endnote-depth-10000.xml", "endnote-xml", "reader-endnote", 65, "unchanged",
          "a record whose title is <style> nested 10^4 deep",
          ENDNOTE_HEAD + b"<xml><records><record><titles><title>" + b"<style>" * 10000 + b"</style>" * 10000 +
          b"</title></titles></record></records></xml>\n")
    c.add("endnote-latin1-declared-utf8.xml", "endnote-xml", "reader-endnote", 65, "unchanged",
          "declared UTF-8, a title in Latin-1 bytes",
          full.replace(b"HER2-low breast cancer", b"HER2-low c\xe1ncer de mama"))


def archive_more_cases(c, fmts):
    ris = fmts["ris"][1]
    page = fmts["page"][1]
    inner = _zip([("deep/library.ris", ris)])
    c.add("archive-nested-zip-zip-targz.tar.gz", "archive", "archive-nested", 65, "unchanged",
          "a .tar.gz holding a zip holding a zip holding RIS (archives inside archives are not opened)",
          _targz([("outer.zip", _zip([("inner.zip", inner)]))]))
    c.add("archive-zip-bomb.zip", "archive", "archive-bomb", 65, "unchanged",
          "one member that inflates to 256 MB of NUL bytes", _zip_of_deflated_zeros("zeros.txt", 256 << 20))
    c.add("archive-zip-bomb-nested.zip", "archive", "archive-bomb", 65, "unchanged",
          "ten zips inside, each inflating to 32 MB of NUL bytes",
          _zip([("z%d.zip" % i, _zip_of_deflated_zeros("zeros%d.txt" % i, 32 << 20)) for i in range(10)],
               zipfile.ZIP_STORED))
    c.add("archive-zip-many-members.zip", "archive", "archive-bomb", 65, "unchanged",
          "2,000 empty members", _zip([("m%05d.txt" % i, b"") for i in range(2000)], zipfile.ZIP_STORED))
    c.add("archive-zip-mixed.zip", "archive", "archive-nested", 65, "changed",
          "a good page beside a PDF, an HTML fragment and garbage: the page is indexed, each other member reported",
          _zip([("good.txt", page), ("paper.pdf", PDF_TEXT[:200]), ("frag.html", b"<html><body>"),
                ("junk.bin", bytes(c.rng.getrandbits(8) for _ in range(512)))]))
    c.add("wrongext-zip-as.ris", "archive", "wrong-extension", 0, "changed",
          "a zip holding a page, named .ris (read as the archive it is)", _zip([("good.txt", page)]))
    c.add("wrongext-gzip-ris-as.pdf", "archive", "wrong-extension", 0, "changed",
          "gzip-compressed RIS named .pdf", gzip.compress(ris, mtime=0))


def wrong_extension_cases(c, fmts):
    c.add("wrongext-ris-as.pdf", "ris", "wrong-extension", 0, "changed", "a RIS library named .pdf (read by content)",
          fmts["ris"][1])
    c.add("wrongext-pdf-as.txt", "pdf", "wrong-extension", 65, "unchanged", "a truncated PDF named .txt",
          PDF_TEXT[:300])
    c.add("wrongext-html-as.ris", "html", "wrong-extension", 65, "unchanged", "an HTML fragment without text named .ris",
          b"<html><head><script>1</script></head><body></body></html>\n")
    c.add("wrongext-jpeg-as.xml", "binary", "wrong-extension", 65, "unchanged", "JPEG magic and random bytes named .xml",
          b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(c.rng.getrandbits(8) for _ in range(2048)))
    c.add("wrongext-csv-as.nbib", "csv", "wrong-extension", 65, "unchanged", "CSV with unknown columns named .nbib",
          b"a,b,c\n1,2,3\n4,5,6\n")


def mixed_encoding_cases(c, fmts):
    ris_mixed = ("TY  - JOUR\nTI  - Caf\u00e9 au lait spots in HER2-low disease\nER  - \n").encode() + \
        b"TY  - JOUR\nTI  - C\xe1ncer de mama HER2-bajo\nAU  - N\xfa\xf1ez, J.\nER  - \n"
    c.add("mixed-enc-ris-latin1.ris", "ris", "mixed-encoding", 65, "changed",
          "a UTF-8 record and a Latin-1 record in one RIS file (repaired, reported)", ris_mixed)
    c.add("mixed-enc-medline-cp1252.nbib", "medline", "mixed-encoding", 65, "changed",
          "Windows-1252 smart quotes in a MEDLINE title",
          b"PMID- 99000001\nTI  - \x93HER2-low\x94 breast cancer \x96 a review\nAB  - Plain text.\n")
    c.add("mixed-enc-bibtex-utf16-line.bib", "bibtex", "mixed-encoding", 65, "unchanged",
          "a BibTeX entry with one field in UTF-16LE bytes (NUL bytes near the start: refused as binary)",
          b"@article{k1,\n  title = {HER2-low breast cancer},\n  author = {" + "Mu\u00f1oz".encode("utf-16-le") +
          b"},\n  year = {2022}\n}\n")
    c.add("mixed-enc-jsonl-latin1-line.jsonl", "jsonl", "mixed-encoding", 65, "changed",
          "a good JSON Lines record and one with Latin-1 bytes",
          b'{"id": "M1", "title": "HER2-low good record"}\n{"id": "M2", "title": "C\xe1ncer"}\n')


def more_cases(c, fmts):
    pdf_cases(c)
    html_cases(c)
    csv_cases(c)
    endnote_cases(c)
    archive_more_cases(c, fmts)
    wrong_extension_cases(c, fmts)
    mixed_encoding_cases(c, fmts)


def more_huge_cases(c):
    """Large cases written at test time."""
    c.add("html-div-depth-1000000.html", "html", "xml-depth", 65, "unchanged", "<div> nested 10^6 deep, no text",
          b"<html><body>" + b"<div>" * 1000000 + b"</div>" * 1000000 + b"</body></html>\n")
    c.add("pdf-huge-text-stream.pdf", "pdf", "huge", 65, "unchanged", "a 60 MB uncompressed content stream of one word",
          _pdf([b"<< /Type /Catalog >>",
                b"<< /Length %d >>\nstream\n" % (60 << 20) + b"x" * (60 << 20) + b"\nendstream"]))
    c.add("html-huge-line.html", "html", "huge", 65, "unchanged", "a 60 MB single line of markup without text",
          b"<html><body>" + b"<b></b>" * ((60 << 20) // 7) + b"</body></html>\n")
    c.add("csv-huge-field.csv", "csv", "huge", 65, "unchanged", "a 20 MB quoted field under unknown columns",
          b"Spalte\n\"" + b"y" * (20 << 20) + b"\"\n")
