// SPDX-License-Identifier: GPL-3.0-or-later
#include "readers/parser.h"

#include <algorithm>
#include <cstring>

namespace ckb::readers {

long MemoryInput::Read(char* buf, size_t n) {
  size_t k = std::min(n, bytes_.size() - pos_);
  if (k > 0) std::memcpy(buf, bytes_.data() + pos_, k);
  pos_ += k;
  return static_cast<long>(k);
}

Result<std::string> ReadAll(Input& in, size_t cap) {
  std::string out;
  char buf[1 << 16];
  for (;;) {
    long n = in.Read(buf, sizeof buf);
    if (n < 0) return Status::IOError(in.name() + ": read error");
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > cap) {
      return Status::ParseError(in.name() + ": over the " + std::to_string(cap >> 20) +
                                " MiB limit of what this format reads as one document; split it into "
                                "smaller files");
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

const Format* FindFormat(std::string_view name) {
  for (const Format& f : Formats()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Format* DetectFormat(std::string_view filename, std::string_view head) {
  // A UTF-8 byte order mark says nothing about the format.
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const Format* best = nullptr;
  int best_score = 0;
  for (const Format& f : Formats()) {
    int s = f.sniff ? f.sniff(filename, head) : 0;
    if (s > best_score) {
      best_score = s;
      best = &f;
    }
  }
  return best;
}

Status ParseBytes(const Format& format, std::string_view bytes, const std::string& source,
                  ParseResult* out) {
  out->source = source;
  out->format = format.name;
  MemoryInput in(source, bytes);
  CollectingSink sink(out);
  return format.parse(in, sink);
}

}  // namespace ckb::readers
