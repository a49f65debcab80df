// SPDX-License-Identifier: GPL-3.0-or-later
// CSV/TSV exports of bibliographic databases (Scopus, PubMed, Embase, Web of
// Science tab-delimited, Lens): the header row names the database, each
// further row is one record. A CSV whose header is not one of these is not
// claimed, so detection moves on and reports what it tried.
#include <string>

#include "readers/formats.h"
#include "readers/internal/csv.h"
#include "readers/internal/csv_export.h"
#include "readers/internal/format_util.h"
#include "text/text_util.h"

namespace ckb::readers {

CsvColumns::CsvColumns(const std::vector<std::string>& header) {
  for (size_t i = 0; i < header.size(); ++i) {
    names_.push_back(Trim(header[i]));
    index_.emplace(LowerAscii(names_.back()), i);
  }
}

bool CsvColumns::Has(std::string_view name) const { return index_.count(LowerAscii(name)) > 0; }

std::string CsvColumns::Get(const CsvRow& row, std::string_view name) const {
  auto it = index_.find(LowerAscii(name));
  if (it == index_.end() || it->second >= row.fields.size()) return "";
  return Trim(row.fields[it->second]);
}

std::string CsvColumns::First(const CsvRow& row, std::initializer_list<const char*> names) const {
  for (const char* n : names) {
    std::string v = Get(row, n);
    if (!v.empty()) return v;
  }
  return "";
}

CsvVendor DetectCsvVendor(const CsvColumns& h, char delimiter) {
  if (h.Has("EID") && h.Has("Title") && (h.Has("Source title") || h.Has("Authors"))) return CsvVendor::kScopus;
  if (h.Has("PMID") && h.Has("Citation") && h.Has("Journal/Book")) return CsvVendor::kPubmed;
  if (h.Has("Author Names") && h.Has("Source") &&
      (h.Has("Emtree Medical Index Terms") || h.Has("Open URL Link"))) {
    return CsvVendor::kEmbase;
  }
  if (delimiter == '\t' && h.Has("PT") && h.Has("AU") && h.Has("TI") && (h.Has("UT") || h.Has("SO"))) {
    return CsvVendor::kWosTab;
  }
  if (h.Has("Lens ID") && h.Has("Title")) return CsvVendor::kLens;
  return CsvVendor::kUnknown;
}

const char* CsvVendorName(CsvVendor vendor) {
  switch (vendor) {
    case CsvVendor::kScopus: return "Scopus";
    case CsvVendor::kPubmed: return "PubMed";
    case CsvVendor::kEmbase: return "Embase";
    case CsvVendor::kWosTab: return "Web of Science";
    case CsvVendor::kLens: return "Lens";
    case CsvVendor::kUnknown: break;
  }
  return "";
}

namespace {

Document MapRow(CsvVendor vendor, const CsvColumns& c, const CsvRow& row) {
  switch (vendor) {
    case CsvVendor::kScopus: return MapScopusRow(c, row);
    case CsvVendor::kPubmed: return MapPubmedCsvRow(c, row);
    case CsvVendor::kEmbase: return MapEmbaseRow(c, row);
    case CsvVendor::kWosTab: return MapWosTabRow(c, row);
    case CsvVendor::kLens: return MapLensRow(c, row);
    case CsvVendor::kUnknown: break;
  }
  return {};
}

// Why a row cannot be used, or "" when it can.
std::string RowProblem(const CsvColumns& c, const CsvRow& row) {
  if (row.fields.size() > c.size()) {
    return "row has " + std::to_string(row.fields.size()) + " fields, the header " + std::to_string(c.size()) +
           " (a quote or delimiter out of place?); skipped";
  }
  for (const std::string& f : row.fields) {
    if (!text::IsValidUtf8(f)) return "invalid UTF-8 in the row; skipped";
  }
  return "";
}

void EmitRow(CsvVendor vendor, const CsvColumns& c, const CsvRow& row, int64_t record, const std::string& source,
             Sink& sink) {
  std::string problem = RowProblem(c, row);
  if (!problem.empty()) {
    sink.OnDiagnostic({source, row.line, record, problem});
    return;
  }
  Document doc = MapRow(vendor, c, row);
  doc.record = record;
  doc.line = row.line;
  const Work& w = doc.work;
  if (w.title.empty() && w.doi.empty() && w.pmid.empty()) {
    sink.OnDiagnostic({source, row.line, record,
                       std::string(CsvVendorName(vendor)) + " row without title or identifier; skipped"});
    return;
  }
  sink.OnDocument(std::move(doc));
}

}  // namespace

int SniffCsvExport(std::string_view filename, std::string_view head) {
  head = StripBom(head);
  char delimiter = GuessCsvDelimiter(head);
  CsvColumns columns(CsvHeader(head, delimiter));
  if (DetectCsvVendor(columns, delimiter) == CsvVendor::kUnknown) return 0;
  return HasExtension(filename, {".csv", ".tsv", ".txt"}) ? 90 : 80;
}

Status ParseCsvExport(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxTextBytes));
  std::string_view text = StripBom(bytes);
  char delimiter = GuessCsvDelimiter(text.substr(0, 4096));
  CsvRow header;
  std::string error;
  CsvReader first(text, delimiter);
  if (first.Next(&header, &error) != CsvReader::Step::kRow) {
    return Status::ParseError(error.empty() ? in.name() + ": no CSV header row"
                                            : in.name() + ":" + std::to_string(first.error_line()) + ": " + error);
  }
  CsvColumns columns(header.fields);
  CsvVendor vendor = DetectCsvVendor(columns, delimiter);
  if (vendor == CsvVendor::kUnknown) {
    return Status::ParseError(in.name() +
                              ": the CSV header is not a Scopus, PubMed, Embase, Web of Science or Lens export's");
  }
  // Web of Science tab-delimited files do not quote: a '"' is text there.
  CsvReader reader(text, delimiter, vendor == CsvVendor::kWosTab ? CsvQuoting::kNone : CsvQuoting::kRfc4180);
  if (reader.Next(&header, &error) != CsvReader::Step::kRow) return Status::Internal("CSV header read twice differs");
  int64_t record = 0;
  CsvRow row;
  for (CsvReader::Step step; (step = reader.Next(&row, &error)) != CsvReader::Step::kEnd;) {
    ++record;
    if (step == CsvReader::Step::kError) {
      sink.OnDiagnostic({in.name(), reader.error_line(), record, error + "; row skipped"});
      continue;
    }
    EmitRow(vendor, columns, row, record, in.name(), sink);
  }
  if (record == 0) return Status::ParseError(in.name() + ": " + CsvVendorName(vendor) + " header but no record");
  return Status::Ok();
}

}  // namespace ckb::readers
