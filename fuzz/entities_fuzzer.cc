// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the entity matcher: arbitrary bytes as a title, an
// abstract and a user's search term through the built-in lexicon; the same
// bytes through the trial-results extractor.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "knowledge/entities.h"
#include "knowledge/results.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& ex = ckb::knowledge::EntityExtractor::Default();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto mentions = ex.Extract(text, "abstract");
  for (const auto& m : mentions) {
    // Offsets are code points into the text, so never past its byte length.
    if (m.start > m.end || m.end > size) __builtin_trap();
    (void)ckb::knowledge::StateId(m);
  }
  if (size < 256) (void)ex.Resolve(text, "drug");
  // Every result's offsets are bytes of the text, inside its sentence.
  ckb::Outcomes o = ckb::knowledge::ExtractResults(text, "abstract");
  auto check = [size](const ckb::OutcomeSpan& s) {
    if (s.begin > s.end || s.end > size || s.sentence_begin > s.begin || s.sentence_end > size) {
      __builtin_trap();
    }
  };
  for (const auto& e : o.effects) check(e.span);
  for (const auto& m : o.medians) check(m.span);
  for (const auto& r : o.rates) check(r.span);
  return 0;
}
