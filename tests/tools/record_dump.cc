// SPDX-License-Identifier: GPL-3.0-or-later
// ckb_record_dump DB: prints every record of a knowledge base's record store
// as "column-family<TAB>key<TAB>hash of the value", in key order, leaving
// out the bookkeeping that differs between two stores holding the same
// records (generation, instance, outbox). The crash test compares the dump
// of a store that was killed and recovered with one built without kills.
#include <cstdio>
#include <string>

#include "kb/hash.h"
#include "kb/kb.h"
#include "kb/keys.h"

namespace {

std::string Printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ckb_record_dump DB\n");
    return 2;
  }
  auto r = ckb::kb::KnowledgeBase::Open(argv[1], ckb::kb::OpenOptions());
  if (!r.ok()) {
    std::fprintf(stderr, "ckb_record_dump: %s\n", r.status().message().c_str());
    return 66;
  }
  auto& base = *r.value();
  for (const std::string& cf : ckb::kb::AllColumnFamilies()) {
    if (cf == ckb::kb::kCfMeta || cf == ckb::kb::kCfLog) continue;
    ckb::Status s = base.Scan(cf, "", [&](std::string_view k, std::string_view v) {
      std::printf("%s\t%s\t%016llx\n", cf.c_str(), Printable(k).c_str(),
                  static_cast<unsigned long long>(ckb::kb::Fnv1a(v)));
      return true;
    });
    if (!s.ok()) {
      std::fprintf(stderr, "ckb_record_dump: %s: %s\n", cf.c_str(), s.message().c_str());
      return 74;
    }
  }
  return 0;
}
