// SPDX-License-Identifier: GPL-3.0-or-later
// Entry points of the format parsers registered in formats.cc. Each SniffX
// returns a confidence 0..100 (see Format::sniff); each ParseX implements
// Format::parse.
#pragma once

#include <string_view>

#include "readers/parser.h"

namespace ckb::readers {

int SniffPageText(std::string_view filename, std::string_view head);
Status ParsePageText(Input& in, Sink& sink);

// PMC / publisher JATS XML (jats.cc).
int SniffJats(std::string_view filename, std::string_view head);
Status ParseJats(Input& in, Sink& sink);

// PubMed / MEDLINE XML, streamed record by record (pubmed_xml.cc).
int SniffPubmedXml(std::string_view filename, std::string_view head);
Status ParsePubmedXml(Input& in, Sink& sink);

// MEDLINE tagged text, PubMed's .nbib export (medline.cc).
int SniffMedline(std::string_view filename, std::string_view head);
Status ParseMedline(Input& in, Sink& sink);

// RIS and its database variants (ris.cc).
int SniffRis(std::string_view filename, std::string_view head);
Status ParseRis(Input& in, Sink& sink);

// BibTeX (bibtex.cc).
int SniffBibtex(std::string_view filename, std::string_view head);
Status ParseBibtex(Input& in, Sink& sink);

// An article page saved from a journal site (html.cc).
int SniffHtml(std::string_view filename, std::string_view head);
Status ParseHtmlPage(Input& in, Sink& sink);

// ClinicalTrials.gov API v2 JSON: one study, a {"studies": [...]} page or
// JSONL of studies (ctgov_json.cc).
int SniffCtgovJson(std::string_view filename, std::string_view head);
Status ParseCtgovJson(Input& in, Sink& sink);

// ClinicalTrials.gov legacy XML, <clinical_study> (ctgov_xml.cc).
int SniffCtgovXml(std::string_view filename, std::string_view head);
Status ParseCtgovXml(Input& in, Sink& sink);

// One JSON record per line: works and trial registrations (jsonl.cc).
int SniffJsonl(std::string_view filename, std::string_view head);
Status ParseJsonl(Input& in, Sink& sink);

// Article PDFs with a text layer (pdf.cc, on poppler-cpp).
int SniffPdf(std::string_view filename, std::string_view head);
Status ParsePdf(Input& in, Sink& sink);

// CSV/TSV exports of Scopus, PubMed, Embase, Web of Science (tab-delimited)
// and Lens, told apart by their header row (csv_export.cc).
int SniffCsvExport(std::string_view filename, std::string_view head);
Status ParseCsvExport(Input& in, Sink& sink);

// CSL-JSON: an array of Citation Style Language items, or one item
// (Zotero, Mendeley, pandoc; csl_json.cc).
int SniffCslJson(std::string_view filename, std::string_view head);
Status ParseCslJson(Input& in, Sink& sink);

// EndNote XML export, <xml><records><record> (endnote_xml.cc).
int SniffEndnoteXml(std::string_view filename, std::string_view head);
Status ParseEndnoteXml(Input& in, Sink& sink);

// Web of Science plain-text export, FN/VR header and PT ... ER records (wos.cc).
int SniffWos(std::string_view filename, std::string_view head);
Status ParseWos(Input& in, Sink& sink);

// One reference string per line -> one Document per line whose references
// hold the parsed string (used by `ckb parse --as citations`).
Status ParseCitationLines(Input& in, Sink& sink);

}  // namespace ckb::readers
