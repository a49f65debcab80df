// SPDX-License-Identifier: GPL-3.0-or-later
// The reference tagger's input and output: tokens of the text the rules
// read and the fields the rules found (FillRefTagInput), the tagged fields
// merged into the rules' Reference, and ParseReferenceString itself with
// the built-in model.
#include <algorithm>
#include <cctype>
#include <functional>

#include "citations/internal/refstring_parts.h"
#include "citations/internal/reftagger_text.h"
#include "text/text_util.h"
#include "citations/reftagger.h"

namespace ckb::citations {
namespace {

using internal::IsAlnumByte;
using internal::IsYear;
using text::LowerAscii;

// Marks tokens whose text offset lies in [b, e) with `label` (unless set).
void Mark(const RefTagInput& in, size_t b, size_t e, uint8_t label, std::vector<uint8_t>* lab) {
  for (size_t i = 0; i < in.tokens.size(); ++i) {
    size_t t = in.map[in.tokens[i].b];
    if (t >= b && t < e && (*lab)[i] == kRefOther) (*lab)[i] = label;
  }
}

// Finds `value` in text at or after `from`; returns [b, e) or npos.
std::pair<size_t, size_t> Find(const std::string& text, const std::string& value, size_t from) {
  if (value.empty() || from >= text.size()) return {std::string::npos, 0};
  size_t p = text.find(value, from);
  if (p == std::string::npos) return {std::string::npos, 0};
  return {p, p + value.size()};
}

}  // namespace

void PrepareRefTagInput(std::string_view raw, RefTagInput* in, Reference* rules) {
  *rules = internal::ParseByRules(raw);
  FillRefTagInput(*rules, in);
}

void FillRefTagInput(const Reference& rules_ref, RefTagInput* in) {
  const Reference* rules = &rules_ref;
  std::string text = internal::SeparateLeadingNames(rules->raw);
  internal::ReattachPunctuation(&text);
  text::AsciiView v(text);
  in->text = std::move(text);
  in->norm = std::move(v.norm);
  in->map = std::move(v.map);
  in->tokens.clear();
  const std::string& s = in->norm;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (IsAlnumByte(c)) {
      // Digits and letters part ("D47", "제22권", "Physics31").
      while (j < s.size() && IsAlnumByte(static_cast<unsigned char>(s[j]))) {
        if (!std::isdigit(static_cast<unsigned char>(s[j])) != !std::isdigit(static_cast<unsigned char>(s[j - 1]))) break;
        ++j;
      }
    }
    in->tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
    i = j;
  }
  // The labels the rules' fields cover, found in order in the text.
  in->rule.assign(in->tokens.size(), kRefOther);
  const std::string& t = in->text;
  size_t at = 0;
  if (!rules->authors.empty()) {
    auto first = Find(t, rules->authors.front(), 0);
    if (first.first != std::string::npos) {
      size_t end = first.second;
      for (size_t k = 1; k < rules->authors.size(); ++k) {
        auto next = Find(t, rules->authors[k], end);
        if (next.first == std::string::npos) break;
        end = next.second;
      }
      Mark(*in, first.first, end, kRefAuthor, &in->rule);
      at = end;
    }
  }
  auto title = Find(t, rules->title, at);
  if (title.first != std::string::npos) {
    Mark(*in, title.first, title.second, kRefTitle, &in->rule);
    at = title.second;
  }
  auto journal = Find(t, rules->journal, at);
  if (journal.first != std::string::npos) {
    Mark(*in, journal.first, journal.second, kRefJournal, &in->rule);
    at = journal.second;
  }
  size_t nums = at;
  for (auto [value, label] : {std::pair<const std::string*, uint8_t>{&rules->volume, kRefVolume},
                              {&rules->issue, kRefIssue}, {&rules->pages, kRefPages}}) {
    auto f = Find(t, *value, nums);
    if (f.first != std::string::npos) {
      Mark(*in, f.first, f.second, label, &in->rule);
      nums = f.second;
    }
  }
  if (rules->year) {
    std::string y = std::to_string(*rules->year);
    for (size_t i = 0; i < in->tokens.size(); ++i) {
      const RefToken& k = in->tokens[i];
      if (in->rule[i] == kRefOther && s.compare(k.b, k.e - k.b, y) == 0) {
        in->rule[i] = kRefDate;
        break;
      }
    }
  }
  if (!rules->doi.empty()) {
    std::string low = LowerAscii(t);
    auto f = Find(low, rules->doi, 0);
    if (f.first != std::string::npos) Mark(*in, f.first, f.second, kRefDoi, &in->rule);
  }
}

namespace {

// The first (or the longest) run of tokens labelled `label`, punctuation
// inside included: [first, last] token indexes, or false.
bool Run(const std::vector<uint8_t>& labels, uint8_t label, size_t* first, size_t* last,
         const std::function<bool(size_t)>& bridge = nullptr, bool longest = false) {
  size_t i = 0;
  while (i < labels.size() && labels[i] != label) ++i;
  if (i == labels.size()) return false;
  auto run_end = [&](size_t start) {
    size_t j = start;
    for (;;) {
      if (j + 1 < labels.size() && labels[j + 1] == label) {
        ++j;
      } else if (j + 2 < labels.size() && labels[j + 2] == label && bridge != nullptr && bridge(j + 1)) {
        j += 2;  // one stray punctuation mark inside the field ("Mod . Phys")
      } else {
        break;
      }
    }
    return j;
  };
  size_t j = run_end(i);
  *first = i;
  *last = j;
  if (longest) {
    for (size_t k = j + 1; k < labels.size(); ++k) {
      if (labels[k] != label) continue;
      size_t e = run_end(k);
      if (e - k > *last - *first) {
        *first = k;
        *last = e;
      }
      k = e;
    }
  }
  return true;
}

// The original text of tokens [first, last], trimmed of `extra`.
std::string Text(const RefTagInput& in, size_t first, size_t last, std::string_view extra) {
  size_t b = in.tokens[first].b, e = in.tokens[last].e;
  std::string_view sv = text::Trim(std::string_view(in.norm).substr(b, e - b), extra);
  if (sv.empty()) return "";
  size_t nb = static_cast<size_t>(sv.data() - in.norm.data());
  size_t ob = in.map[nb], oe = in.map[nb + sv.size()];
  return in.text.substr(ob, oe - ob);
}

// Volume, issue and pages without "Vol."/"No."/"pp." and brackets.
std::string Number(const RefTagInput& in, size_t first, size_t last) {
  while (first <= last) {
    const RefToken& k = in.tokens[first];
    std::string w = LowerAscii(std::string_view(in.norm).substr(k.b, k.e - k.b));
    bool prefix = w == "vol" || w == "volume" || w == "no" || w == "nr" || w == "issue" || w == "pp" ||
                  w == "p" || w == "pages" || w == "page" || w == "s" || w == "bd" || w == "n" || w == "num";
    bool punct = k.e - k.b == 1 && !IsAlnumByte(static_cast<unsigned char>(in.norm[k.b]));
    // "S77", "P09016", "e212": a letter glued to the number is part of it
    // ("pp544" is pages 544).
    if (prefix && w.size() == 1 && first < last && in.tokens[first + 1].b == k.e &&
        std::isdigit(static_cast<unsigned char>(in.norm[k.e]))) {
      break;
    }
    if (!prefix && !punct) break;
    ++first;
  }
  if (first > last) return "";
  std::string v = Text(in, first, last, " .,;:()[]");
  size_t paren = v.find('(');
  if (paren != std::string::npos && paren > 0) v = std::string(text::Trim(v.substr(0, paren)));
  return v;
}

// Letters and digits only, ASCII lower-cased: two renderings of one value
// ("Nature." and "Nature") agree.
std::string AlnumKey(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (IsAlnumByte(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// Family names only: words of two or more letters that are not initials
// ("KM") and not "and"/"et"/"al".
std::string NamesKey(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    std::string word, raw;
    auto flush = [&] {
      bool initials = raw.size() <= 3 && std::all_of(raw.begin(), raw.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c));
      });
      if (word.size() >= 2 && !initials && word != "and" && word != "et" && word != "al") out += word + " ";
      word.clear();
      raw.clear();
    };
    for (unsigned char c : n) {
      if (std::isalpha(c) || c >= 0x80) {
        raw += static_cast<char>(c);
        word += static_cast<char>(std::tolower(c));
      } else {
        flush();
      }
    }
    flush();
  }
  return out;
}

// The first letters-and-digits run: volume 12 and "12(3)" agree.
std::string FirstRun(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && !IsAlnumByte(static_cast<unsigned char>(s[i]))) ++i;
  size_t j = i;
  while (j < s.size() && IsAlnumByte(static_cast<unsigned char>(s[j]))) ++j;
  return LowerAscii(s.substr(i, j - i));
}

}  // namespace

Reference MergeTaggedFields(const RefTagInput& in, const std::vector<uint8_t>& labels, Reference r) {
  // Where the tagger and the rules agree, the rules' rendering stays.
  // A field runs over one stray punctuation mark tagged as other ("Mod .
  // Phys"). Of several runs of one label the longest is taken ("Catts, SV.
  // (2002)" tagged as a journal before the real one).
  auto punct = [&](size_t i) {
    return in.tokens[i].e - in.tokens[i].b == 1 && !IsAlnumByte(static_cast<unsigned char>(in.norm[in.tokens[i].b]));
  };
  auto text_field = [&](uint8_t label, std::string* field) {
    size_t a, b;
    std::string v;
    if (Run(labels, label, &a, &b, punct, true)) v = Text(in, a, b, " .,;:\"'");
    std::string vk = AlnumKey(v), fk = AlnumKey(*field);
    if (vk != fk) *field = std::move(v);
  };
  auto number_field = [&](uint8_t label, std::string* field) {
    size_t a, b;
    std::string v;
    if (Run(labels, label, &a, &b)) v = Number(in, a, b);
    if (FirstRun(v) != FirstRun(*field)) *field = std::move(v);
  };
  text_field(kRefTitle, &r.title);
  text_field(kRefJournal, &r.journal);
  number_field(kRefVolume, &r.volume);
  number_field(kRefIssue, &r.issue);
  number_field(kRefPages, &r.pages);
  size_t a, b;
  if (Run(labels, kRefDate, &a, &b)) {
    for (size_t i = a; i <= b; ++i) {
      const RefToken& k = in.tokens[i];
      std::string_view w = std::string_view(in.norm).substr(k.b, k.e - k.b);
      // Not the date a web page was read: "Accessed 1 March 2025".
      bool accessed = false;
      for (size_t m = i >= 4 ? i - 4 : 0; m < i; ++m) {
        std::string p = LowerAscii(std::string_view(in.norm).substr(in.tokens[m].b, in.tokens[m].e - in.tokens[m].b));
        accessed = accessed || p == "accessed" || p == "cited" || p == "updated" || p == "retrieved" || p == "viewed";
      }
      if (IsYear(w) && !accessed) {
        r.year = std::stoi(std::string(w));
        break;
      }
    }
  }
  // Authors: from the first to the last author token before another field.
  size_t first = labels.size(), last = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == kRefAuthor) {
      if (first == labels.size()) first = i;
      last = i;
    } else if (labels[i] != kRefOther && first != labels.size()) {
      break;
    }
  }
  std::vector<std::string> names;
  bool et_al = false;
  if (first != labels.size()) {
    text::AsciiView v(in.text);
    if (!internal::SplitAuthors(v, in.tokens[first].b, in.tokens[last].e, &names, &et_al) || names.empty()) {
      names = {Text(in, first, last, " .,;:")};
    }
  }
  if (NamesKey(names) != NamesKey(r.authors)) {
    r.authors = std::move(names);
    r.et_al = r.et_al || et_al;
  }
  return r;
}

Reference TagReference(const RefTagger& tagger, std::string_view raw) {
  Reference rules = internal::ParseByRules(raw);
  // GB/T 7714 strings ("[J]", "[M]") have their own rule path; the tagger
  // was not trained on them.
  if (!rules.type.empty()) return rules;
  RefTagInput in;
  FillRefTagInput(rules, &in);
  auto labels = tagger.Tag(in);
  return MergeTaggedFields(in, labels, std::move(rules));
}

// The model image compiled in from schemas/models/reftagger.bin.
extern const unsigned char kRefTaggerModel[];
extern const size_t kRefTaggerModelSize;

const RefTagger* BuiltinRefTagger() {
  static const RefTagger* tagger = [] {
    auto* t = new RefTagger();
    std::string_view image(reinterpret_cast<const char*>(kRefTaggerModel), kRefTaggerModelSize);
    if (image.empty() || !t->Load(image)) {
      delete t;
      return static_cast<RefTagger*>(nullptr);
    }
    return t;
  }();
  return tagger;
}

Reference ParseReferenceString(std::string_view raw) {
  // A printed reference is a few hundred bytes; the fields of a longer
  // string (run-on text, a damaged file) are read from its first 4 KB, so
  // that the name scanners' cost stays bounded. `raw` keeps it all.
  constexpr size_t kMaxParsed = 4096;
  if (raw.size() > kMaxParsed) {
    size_t cut = kMaxParsed;
    while (cut > kMaxParsed / 2 && raw[cut] != ' ') --cut;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    Reference r = ParseReferenceString(raw.substr(0, cut));
    r.raw = text::FoldWhitespace(raw);
    return r;
  }
  const RefTagger* tagger = BuiltinRefTagger();
  if (tagger == nullptr) return internal::ParseByRules(raw);
  return TagReference(*tagger, raw);
}

}  // namespace ckb::citations
