// SPDX-License-Identifier: GPL-3.0-or-later
// Line streaming over an Input (see readers/internal/line_reader.h).
#include "readers/internal/line_reader.h"

namespace ckb::readers {

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  char tmp[1 << 16];
  long n = in_.Read(tmp, sizeof tmp);
  if (n < 0) {
    failed_ = true;
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  buf_.append(tmp, static_cast<size_t>(n));
  bytes_ += static_cast<size_t>(n);
  return true;
}

bool LineReader::Next(std::string* line) {
  line->clear();
  line_truncated_ = false;
  line_length_ = 0;
  bool any = false;
  for (;;) {
    if (pos_ >= buf_.size() && !Fill()) break;
    if (skip_lf_) {
      skip_lf_ = false;
      if (buf_[pos_] == '\n') {
        ++pos_;
        continue;
      }
    }
    any = true;
    size_t end = buf_.find_first_of("\r\n", pos_);
    if (end == std::string::npos) {
      size_t room = max_line_ > line->size() ? max_line_ - line->size() : 0;
      if (buf_.size() - pos_ > room) truncated_ = line_truncated_ = true;
      line_length_ += buf_.size() - pos_;
      line->append(buf_, pos_, std::min(room, buf_.size() - pos_));
      pos_ = buf_.size();
      continue;
    }
    size_t room = max_line_ > line->size() ? max_line_ - line->size() : 0;
    if (end - pos_ > room) truncated_ = line_truncated_ = true;
    line_length_ += end - pos_;
    line->append(buf_, pos_, std::min(room, end - pos_));
    if (buf_[end] == '\r') skip_lf_ = true;
    pos_ = end + 1;
    break;
  }
  if (!any) return false;
  ++line_;
  if (line_ == 1 && line->compare(0, 3, "\xEF\xBB\xBF") == 0) line->erase(0, 3);
  return true;
}

}  // namespace ckb::readers
