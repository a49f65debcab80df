// SPDX-License-Identifier: GPL-3.0-or-later
// The RFC 4180 CSV/TSV reader (readers/internal/csv.h).
#include "readers/internal/csv.h"

#include "readers/internal/format_util.h"

namespace ckb::readers {

CsvReader::CsvReader(std::string_view text, char delimiter, CsvQuoting quoting)
    : text_(StripBom(text)), delimiter_(delimiter), quoting_(quoting) {}

void CsvReader::SkipLineBreak() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  ++line_;
}

// After a bad row: go on at the line following the one the row started on,
// so that one stray quote does not swallow the rest of the file.
void CsvReader::ResumeAfterLine(size_t row_start, int64_t row_line) {
  size_t e = text_.find_first_of("\r\n", row_start);
  pos_ = e == std::string_view::npos ? text_.size() : e;
  line_ = row_line;
  if (pos_ < text_.size()) SkipLineBreak();
}

CsvReader::FieldEnd CsvReader::AfterField() {
  if (pos_ >= text_.size()) return FieldEnd::kEnd;
  char c = text_[pos_];
  if (c == delimiter_) {
    ++pos_;
    return FieldEnd::kDelimiter;
  }
  if (c == '\r' || c == '\n') {
    SkipLineBreak();
    return FieldEnd::kLineEnd;
  }
  return FieldEnd::kError;
}

CsvReader::FieldEnd CsvReader::QuotedField(std::string* field, std::string* error) {
  int64_t open_line = line_;
  ++pos_;  // the opening quote
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '"') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        field->push_back('"');
        pos_ += 2;
        continue;
      }
      ++pos_;
      FieldEnd end = AfterField();
      if (end == FieldEnd::kError) {
        *error = "text after the closing quote of a field";
        error_line_ = line_;
      }
      return end;
    }
    if (c == '\r' || c == '\n') {
      SkipLineBreak();
      field->push_back('\n');
      continue;
    }
    field->push_back(c);
    ++pos_;
  }
  *error = "quoted field not closed before the end of the input";
  error_line_ = open_line;
  return FieldEnd::kError;
}

CsvReader::FieldEnd CsvReader::PlainField(std::string* field) {
  size_t b = pos_;
  while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\r' && text_[pos_] != '\n') {
    ++pos_;
  }
  field->assign(text_.substr(b, pos_ - b));
  return AfterField();
}

CsvReader::Step CsvReader::Next(CsvRow* row, std::string* error) {
  row->fields.clear();
  // Blank lines separate nothing in CSV; skip them.
  while (pos_ < text_.size() && (text_[pos_] == '\r' || text_[pos_] == '\n')) SkipLineBreak();
  if (pos_ >= text_.size()) return Step::kEnd;
  size_t row_start = pos_;
  row->line = line_;
  while (true) {
    std::string field;
    bool quoted = quoting_ == CsvQuoting::kRfc4180 && pos_ < text_.size() && text_[pos_] == '"';
    FieldEnd end = quoted ? QuotedField(&field, error) : PlainField(&field);
    if (end == FieldEnd::kError) {
      ResumeAfterLine(row_start, row->line);
      return Step::kError;
    }
    row->fields.push_back(std::move(field));
    if (end != FieldEnd::kDelimiter) return Step::kRow;
  }
}

char GuessCsvDelimiter(std::string_view first_line) {
  size_t commas = 0, tabs = 0;
  bool in_quotes = false;
  for (char c : first_line) {
    if (c == '"') in_quotes = !in_quotes;
    if (c == '\n' && !in_quotes) break;
    if (in_quotes) continue;
    if (c == ',') ++commas;
    if (c == '\t') ++tabs;
  }
  return tabs > commas ? '\t' : ',';
}

std::vector<std::string> CsvHeader(std::string_view head, char delimiter) {
  CsvReader reader(head, delimiter);
  CsvRow row;
  std::string error;
  if (reader.Next(&row, &error) != CsvReader::Step::kRow) return {};
  for (std::string& f : row.fields) f = Trim(f);
  return row.fields;
}

}  // namespace ckb::readers
