// SPDX-License-Identifier: GPL-3.0-or-later
// An RFC 4180 reader for CSV and TSV held in memory: quoted fields with
// embedded delimiters, doubled quotes and line breaks, CRLF, LF or CR line
// ends, a leading UTF-8 BOM. A malformed row is reported with its line and
// skipped; reading goes on at the next line. Module-private.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ckb::readers {

struct CsvRow {
  std::vector<std::string> fields;
  int64_t line = 0;  // 1-based line the row starts on
};

enum class CsvQuoting {
  kRfc4180,  // '"' opens a quoted field at the start of a field
  kNone,     // quotes are text (Web of Science tab-delimited files)
};

class CsvReader {
 public:
  enum class Step { kRow, kEnd, kError };

  // `text` must outlive the reader. Line breaks inside quoted fields are
  // returned as "\n".
  CsvReader(std::string_view text, char delimiter, CsvQuoting quoting = CsvQuoting::kRfc4180);

  // kRow: `row` holds the next non-blank row. kError: `error` says what is
  // wrong ("text after the closing quote of a field"), error_line() where,
  // `row->line` is where the row started, and the next call resumes after
  // the bad line. kEnd at the end.
  Step Next(CsvRow* row, std::string* error);
  int64_t error_line() const { return error_line_; }

 private:
  enum class FieldEnd { kDelimiter, kLineEnd, kEnd, kError };
  FieldEnd QuotedField(std::string* field, std::string* error);
  FieldEnd PlainField(std::string* field);
  FieldEnd AfterField();
  void SkipLineBreak();
  void ResumeAfterLine(size_t row_start, int64_t row_line);

  std::string_view text_;
  char delimiter_;
  CsvQuoting quoting_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t error_line_ = 0;
};

// The delimiter of a header line: a tab when the line has more tabs than
// commas outside quotes, else ','.
char GuessCsvDelimiter(std::string_view first_line);

// The first row of `head` (the start of a file), split with `delimiter`,
// each name trimmed; empty when the first row does not end within `head`
// and `head` is shorter than the file.
std::vector<std::string> CsvHeader(std::string_view head, char delimiter);

}  // namespace ckb::readers
