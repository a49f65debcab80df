// SPDX-License-Identifier: GPL-3.0-or-later
// schema.org JSON-LD of a saved HTML page: the ScholarlyArticle (or
// MedicalScholarlyArticle, Article) object, wherever it sits in the script
// (a lone object, an array, an @graph), filling fields still empty.
#include <nlohmann/json.hpp>

#include <string>

#include "readers/internal/format_util.h"
#include "readers/internal/html.h"
#include "text/identifiers.h"
#include "text/text_util.h"

namespace ckb::readers::internal {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return FoldWhitespace(it->get<std::string>());
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

bool IsArticleType(const json& type) {
  auto one = [](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s == "ScholarlyArticle" || s == "MedicalScholarlyArticle" || s == "Article";
  };
  if (type.is_array()) {
    for (const json& t : type) {
      if (one(t)) return true;
    }
    return false;
  }
  return one(type);
}

const json* FindArticle(const json& j, int depth) {
  if (depth > 8) return nullptr;
  if (j.is_object() && j.contains("@type") && IsArticleType(j["@type"])) return &j;
  const json* list = j.is_array() ? &j : (j.is_object() && j.contains("@graph") ? &j["@graph"] : nullptr);
  if (!list || !list->is_array()) return nullptr;
  for (const json& e : *list) {
    if (const json* a = FindArticle(e, depth + 1)) return a;
  }
  return nullptr;
}

std::string PersonOf(const json& a) {
  if (a.is_string()) return FoldWhitespace(a.get<std::string>());
  std::string family = Str(a, "familyName");
  if (!family.empty()) return PersonName(family, Str(a, "givenName"));
  return Str(a, "name");
}

// The journal's name: isPartOf, possibly through volume and issue levels.
std::string PeriodicalName(const json& j, int depth) {
  if (depth > 4 || !j.is_object()) return "";
  auto it = j.find("isPartOf");
  if (it == j.end()) return "";
  const json& p = it->is_array() && !it->empty() ? (*it)[0] : *it;
  std::string deeper = PeriodicalName(p, depth + 1);
  return deeper.empty() ? Str(p, "name") : deeper;
}

std::string DoiIn(const json& a) {
  for (const char* k : {"identifier", "sameAs", "url", "@id"}) {
    auto it = a.find(k);
    if (it == a.end()) continue;
    std::string dump = it->dump();
    auto dois = text::FindDois(dump);
    if (!dois.empty()) return dois[0];
  }
  return "";
}

void FromArticle(const json& a, Work* w) {
  auto set = [](std::string* f, const std::string& v) {
    if (f->empty() && !v.empty()) *f = v;
  };
  set(&w->title, Str(a, "headline"));
  set(&w->title, Str(a, "name"));
  if (w->authors.empty() && a.contains("author")) {
    const json& au = a["author"];
    if (au.is_array()) {
      for (const json& p : au) {
        std::string s = PersonOf(p);
        if (!s.empty()) w->authors.push_back(s);
      }
    } else if (std::string s = PersonOf(au); !s.empty()) {
      w->authors.push_back(s);
    }
  }
  if (!w->year) w->year = FindYear(Str(a, "datePublished"));
  set(&w->doi, DoiIn(a));
  set(&w->journal, PeriodicalName(a, 0));
  set(&w->volume, Str(a, "volumeNumber"));
  set(&w->issue, Str(a, "issueNumber"));
  set(&w->pages, Str(a, "pageStart"));
  set(&w->abstract, Str(a, "abstract"));
  set(&w->abstract, Str(a, "description"));
}

}  // namespace

void ReadJsonLd(const std::vector<std::string>& scripts, Work* w) {
  for (const std::string& s : scripts) {
    json j = json::parse(s, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    if (const json* a = FindArticle(j, 0)) FromArticle(*a, w);
  }
}

}  // namespace ckb::readers::internal
