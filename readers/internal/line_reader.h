// SPDX-License-Identifier: GPL-3.0-or-later
// Streams lines from an Input for the line-based formats (RIS, MEDLINE,
// BibTeX, JSONL). Module-private.
#pragma once

#include <string>

#include "readers/parser.h"

namespace ckb::readers {

class LineReader {
 public:
  // Lines longer than `max_line` bytes are cut there (see truncated()).
  explicit LineReader(Input& in, size_t max_line = size_t{16} << 20)
      : in_(in), max_line_(max_line) {}
  // Reads the next line without its end-of-line characters (LF, CRLF or CR)
  // and without a leading UTF-8 BOM on the first line. False at the end or
  // on a read error (see failed()).
  bool Next(std::string* line);
  // 1-based number of the line last returned.
  int64_t line_number() const { return line_; }
  bool failed() const { return failed_; }
  bool truncated() const { return truncated_; }
  // Whether the line last returned was cut at max_line, and its length in
  // the input before the cut (without end-of-line characters).
  bool line_truncated() const { return line_truncated_; }
  size_t line_length() const { return line_length_; }
  // Total bytes consumed so far.
  size_t bytes() const { return bytes_; }

 private:
  bool Fill();
  Input& in_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;
  int64_t line_ = 0;
  size_t bytes_ = 0;
  bool eof_ = false;
  bool failed_ = false;
  bool truncated_ = false;
  bool line_truncated_ = false;
  size_t line_length_ = 0;
  bool skip_lf_ = false;
};

}  // namespace ckb::readers
