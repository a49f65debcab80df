// SPDX-License-Identifier: GPL-3.0-or-later
// The table of input formats, in detection priority order.
#include "readers/formats.h"

#include "readers/parser.h"

namespace ckb::readers {

const std::vector<Format>& Formats() {
  static const std::vector<Format> formats = {
      {"pubmed", "PubMed / MEDLINE XML (efetch, baseline and update files)", {".xml"},
       SniffPubmedXml, ParsePubmedXml},
      {"jats", "PMC / publisher JATS XML article", {".nxml", ".xml"}, SniffJats, ParseJats},
      {"ctgov-json", "ClinicalTrials.gov study JSON (API v2 study, page or JSONL; API v1)",
       {".json", ".jsonl"}, SniffCtgovJson, ParseCtgovJson},
      {"ctgov-xml", "ClinicalTrials.gov legacy XML (<clinical_study>)", {".xml"}, SniffCtgovXml,
       ParseCtgovXml},
      {"csl-json", "CSL-JSON items (Zotero, Mendeley, pandoc)", {".json", ".csljson"}, SniffCslJson,
       ParseCslJson},
      {"endnote-xml", "EndNote XML export (<xml><records><record>)", {".xml"}, SniffEndnoteXml,
       ParseEndnoteXml},
      {"jsonl", "JSON Lines of bibliographic and trial records", {".jsonl", ".ndjson"}, SniffJsonl,
       ParseJsonl},
      {"csv", "database export as CSV/TSV (Scopus, PubMed, Embase, Web of Science tab-delimited, Lens)",
       {".csv", ".tsv", ".txt"}, SniffCsvExport, ParseCsvExport},
      {"wos", "Web of Science plain-text export (FN/VR header, PT ... ER records)", {".txt", ".ciw"}, SniffWos,
       ParseWos},
      {"medline", "MEDLINE tagged text (PubMed .nbib export)", {".nbib", ".txt"}, SniffMedline,
       ParseMedline},
      {"ris", "RIS (Zotero, EndNote, Embase, Ovid, Scopus, Web of Science ...)", {".ris", ".txt"},
       SniffRis, ParseRis},
      {"bibtex", "BibTeX", {".bib"}, SniffBibtex, ParseBibtex},
      {"html", "journal article page saved as HTML (meta tags, text, reference list)",
       {".html", ".htm", ".xhtml"}, SniffHtml, ParseHtmlPage},
      {"pdf", "article PDF with a text layer", {".pdf"}, SniffPdf, ParsePdf},
      {"page", "journal web-page text with numbered reference lists", {".txt"}, SniffPageText,
       ParsePageText},
      {"citations", "one reference string per line", {}, nullptr, ParseCitationLines},
  };
  return formats;
}

}  // namespace ckb::readers
