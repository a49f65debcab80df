// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/resolve.h"
#include "text/text_util.h"

#include <algorithm>

namespace ckb::query {
namespace {

// "drug:trastuzumab-deruxtecan" -> "trastuzumab-deruxtecan"
std::string AfterColon(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

}  // namespace

kb::TermResolver MakeResolver(const knowledge::EntityExtractor& extractor, const kb::KnowledgeBase& base) {
  return [&extractor, &base](std::string_view field, std::string_view value) {
    std::vector<std::string> out;
    std::string f(field);
    if (f == "cites" || f == "cited-by" || f == "citedby") {
      auto id = base.ResolveWork(value);
      if (id.ok()) out.push_back(text::LowerAscii(id.value()));
      return out;
    }
    std::string type;
    if (f == "drug") type = "drug";
    else if (f == "class") type = "drug_class";
    else if (f == "biomarker") type = "biomarker";
    else if (f == "gene") type = "gene";
    else if (f == "disease") type = "disease";
    else if (f == "trial" || f == "nct") type = "trial";
    else if (f == "design") type = "design";
    else if (f == "phase") type = "phase";
    if (!type.empty()) {
      for (const auto& id : extractor.Resolve(value, type)) out.push_back(text::LowerAscii(AfterColon(id)));
    }
    if (out.empty()) {
      // Unknown to the lexicon: the value itself, in the index's spelling.
      std::string v = text::LowerAscii(value);
      std::replace(v.begin(), v.end(), ' ', '-');
      out.push_back(v);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
}

}  // namespace ckb::query
