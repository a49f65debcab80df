// SPDX-License-Identifier: GPL-3.0-or-later
// The text of a saved HTML page as a reader sees it: page furniture left out,
// block elements as breaks, the title, the abstract and the body sections
// under their headings (see readers/internal/html.h).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "readers/internal/format_util.h"
#include "readers/internal/html.h"
#include "text/text_util.h"

namespace ckb::readers::internal {
namespace {

bool OneOf(const std::string& name, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (name == n) return true;
  }
  return false;
}

// Elements whose content is not part of the article as read.
bool IsFurniture(const std::string& name) {
  return OneOf(name, {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "button",
                      "svg", "iframe", "template", "select", "textarea", "head", "object", "math"});
}

bool IsBlock(const std::string& name) {
  return OneOf(name, {"p", "div", "section", "article", "li", "dd", "dt", "tr", "td", "th", "h1", "h2", "h3",
                      "h4", "h5", "h6", "br", "table", "ul", "ol", "dl", "blockquote", "figure", "figcaption",
                      "main", "pre", "hr", "caption", "cite"});
}

bool IsHeading(const std::string& name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

// Link labels that are furniture, not part of a reference as printed.
bool IsLinkFurniture(const xmlNode* a) {
  static const RE2 re(
      R"((?i)^\s*\[?\s*(?:doi|crossref|cross ?ref full text|pubmed|pubmed abstract|pubmed central|pmc free article|)"
      R"(pmc|google scholar|article|cas|web of science®?|view in scopus|scopus|full text|free full text|)"
      R"(view article|isi|medline|publisher site|open in a new tab|wiley online library|math ?scinet|)"
      R"(chemport|ads|link|view|pdf|abstract|search in google scholar)\s*\]?\s*$)");
  return RE2::FullMatch(HtmlText(a), re);
}

// True when the text so far ends in a word, so that a new part needs a separator.
bool EndsField(const std::string& s) {
  size_t i = s.find_last_not_of(" \t\r\n");
  if (i == std::string::npos) return false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  return std::isalnum(c) || c == ')' || c >= 0x80;
}

void AppendText(const xmlNode* n, int depth, bool entry, std::string* out) {
  if (depth > kMaxHtmlDepth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out->append(reinterpret_cast<const char*>(c->content));
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string name = HtmlName(c);
    if (IsFurniture(name) || (entry && name == "a" && IsLinkFurniture(c))) continue;
    bool block = IsBlock(name);
    // Parts of an entry laid out as blocks (ScienceDirect's authors, title
    // and host lines; table cells) are separate fields of the reference.
    if (entry && (block || LowerAscii(HtmlAttr(c, "class")) == "title") && EndsField(*out)) out->append(". ");
    if (block) out->push_back(' ');
    AppendText(c, depth + 1, entry, out);
    if (block) out->push_back(' ');
  }
}

// Two different words (runs of letters and digits) in `t`.
bool HasTwoWords(std::string_view t) {
  std::string_view first;
  size_t i = 0;
  while (i < t.size()) {
    auto word_char = [&](size_t k) {
      unsigned char c = static_cast<unsigned char>(t[k]);
      return std::isalnum(c) || c >= 0x80;
    };
    if (!word_char(i)) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < t.size() && word_char(i)) ++i;
    std::string_view w = t.substr(b, i - b);
    if (first.empty()) {
      first = w;
    } else if (w != first) {
      return true;
    }
  }
  return false;
}

bool IsAbstractHeading(std::string_view t) {
  static const RE2 re(R"((?i)^\s*(?:abstract|summary|摘要)\s*:?\s*$)");
  return RE2::FullMatch(re2::StringPiece(t.data(), t.size()), re);
}

// Walks the body, cutting its text into sections at each heading.
class BodyWalker {
 public:
  BodyWalker(const std::vector<const xmlNode*>& skip, Work* work) : skip_(skip), work_(work) {}

  void Walk(const xmlNode* n, int depth, bool in_abstract) {
    if (depth > kMaxHtmlDepth) return;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) current_.text.append(reinterpret_cast<const char*>(c->content));
        continue;
      }
      if (c->type != XML_ELEMENT_NODE || std::binary_search(skip_.begin(), skip_.end(), c)) continue;
      std::string name = HtmlName(c);
      if (IsFurniture(name)) continue;
      if (IsHeading(name)) {
        Heading(name, HtmlText(c));
        continue;
      }
      bool abstract = !in_abstract && HtmlClassId(c).find("abstract") != std::string::npos;
      if (abstract) Flush(), current_.name = "Abstract";
      bool block = IsBlock(name);
      if (block) current_.text.push_back(' ');
      Walk(c, depth + 1, in_abstract || abstract);
      if (block) current_.text.push_back(' ');
      if (abstract) Flush();
    }
  }

  void Flush() {
    std::string t = FoldWhitespace(current_.text);
    if (!t.empty()) {
      if (IsAbstractHeading(current_.name) || current_.name == "Abstract") {
        if (work_->abstract.empty()) work_->abstract = t;
      } else {
        work_->sections.push_back(Section{current_.name, t});
      }
    }
    current_ = Section{};
  }

 private:
  void Heading(const std::string& name, std::string text) {
    if (name == "h1" && work_->title.empty()) {
      work_->title = text;
      return;
    }
    if (name == "h1") return;
    Flush();
    current_.name = std::move(text);
  }

  const std::vector<const xmlNode*>& skip_;
  Work* work_;
  Section current_;
};

}  // namespace

std::string HtmlName(const xmlNode* n) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->name) return "";
  return LowerAscii(reinterpret_cast<const char*>(n->name));
}

std::string HtmlAttr(const xmlNode* n, const char* name) {
  if (!n || n->type != XML_ELEMENT_NODE) return "";
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!a->name || strcasecmp(reinterpret_cast<const char*>(a->name), name) != 0) continue;
    std::string v;
    for (const xmlNode* t = a->children; t; t = t->next) {
      if (t->content) v += reinterpret_cast<const char*>(t->content);
    }
    return v;
  }
  return "";
}

std::string HtmlClassId(const xmlNode* n) { return LowerAscii(HtmlAttr(n, "class") + " " + HtmlAttr(n, "id")); }

std::vector<const xmlNode*> HtmlElements(const xmlNode* root) {
  std::vector<const xmlNode*> out;
  std::vector<std::pair<const xmlNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (n->type == XML_ELEMENT_NODE) out.push_back(n);
    if (depth >= kMaxHtmlDepth) continue;
    std::vector<const xmlNode*> kids;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) kids.push_back(c);
    }
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, depth + 1});
  }
  return out;
}

std::string HtmlText(const xmlNode* n, bool entry) {
  std::string out;
  if (n) AppendText(n, 0, entry, &out);
  return FoldWhitespace(out);
}

bool IsReferenceHeading(std::string_view t) {
  static const RE2 re(
      R"((?i)^\s*(?:\d+\.?\s*)?(?:references?(?: and notes)?|bibliography|literature cited|works cited|)"
      R"(references cited|参考文献|引用文献)\s*:?\s*$)");
  return RE2::FullMatch(re2::StringPiece(t.data(), t.size()), re);
}

void ReadHtmlBody(const xmlNode* body, const std::vector<const xmlNode*>& skip, Work* work) {
  if (!body) return;
  BodyWalker walker(skip, work);
  walker.Walk(body, 0, false);
  walker.Flush();
  // A section of one repeated word or none (a stray bracket, a flood of
  // "&amp") is not text.
  auto& s = work->sections;
  s.erase(std::remove_if(s.begin(), s.end(), [](const Section& x) { return !HasTwoWords(x.text); }), s.end());
}

}  // namespace ckb::readers::internal
