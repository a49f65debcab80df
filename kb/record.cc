// SPDX-License-Identifier: GPL-3.0-or-later
#include "kb/record.h"

#include <algorithm>

namespace ckb {
namespace {

Json StrOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::optional<int> GetInt(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

std::map<std::string, std::string> GetMap(const Json& j, const char* key) {
  std::map<std::string, std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return out;
  for (auto kv = it->begin(); kv != it->end(); ++kv) {
    if (kv.value().is_string()) out[kv.key()] = kv.value().get<std::string>();
  }
  return out;
}

Json MapJson(const std::map<std::string, std::string>& m) {
  Json j = Json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

}  // namespace

Json ToJson(const Mention& m) {
  Json j;
  j["field"] = m.field;
  j["start"] = m.start;
  j["end"] = m.end;
  j["text"] = m.text;
  j["type"] = m.type;
  j["id"] = m.id;
  j["name"] = m.name;
  j["attrs"] = MapJson(m.attrs);
  return j;
}

Json ToJson(const Reference& r) {
  Json j;
  j["n"] = r.n;
  j["raw"] = r.raw;
  j["authors"] = r.authors;
  j["et_al"] = r.et_al;
  j["title"] = StrOrNull(r.title);
  j["type"] = StrOrNull(r.type);
  j["journal"] = StrOrNull(r.journal);
  j["year"] = r.year ? Json(*r.year) : Json(nullptr);
  j["volume"] = StrOrNull(r.volume);
  j["issue"] = StrOrNull(r.issue);
  j["pages"] = StrOrNull(r.pages);
  j["doi"] = StrOrNull(r.doi);
  j["pmid"] = StrOrNull(r.pmid);
  j["pmcid"] = StrOrNull(r.pmcid);
  j["url"] = StrOrNull(r.url);
  j["nct"] = r.nct;
  if (!r.work_id.empty()) j["work_id"] = r.work_id;
  return j;
}

Json ToJson(const Work& w) {
  Json j;
  j["id"] = StrOrNull(w.id);
  j["type"] = StrOrNull(w.type);
  j["title"] = StrOrNull(w.title);
  j["authors"] = w.authors;
  j["journal"] = StrOrNull(w.journal);
  j["journal_abbrev"] = StrOrNull(w.journal_abbrev);
  j["year"] = w.year ? Json(*w.year) : Json(nullptr);
  j["volume"] = StrOrNull(w.volume);
  j["issue"] = StrOrNull(w.issue);
  j["pages"] = StrOrNull(w.pages);
  j["doi"] = StrOrNull(w.doi);
  j["pmid"] = StrOrNull(w.pmid);
  j["pmcid"] = StrOrNull(w.pmcid);
  j["dates"] = MapJson(w.dates);
  j["abstract"] = StrOrNull(w.abstract);
  j["keywords"] = w.keywords;
  j["mesh"] = w.mesh;
  j["pub_types"] = w.pub_types;
  j["lang"] = StrOrNull(w.lang);
  j["email"] = StrOrNull(w.email);
  j["url"] = StrOrNull(w.url);
  j["source_id"] = StrOrNull(w.source_id);
  Json secs = Json::array();
  for (const auto& s : w.sections) secs.push_back({{"name", s.name}, {"text", s.text}});
  j["sections"] = std::move(secs);
  j["registry_ids"] = w.registry_ids;
  Json ents = Json::array();
  for (const auto& m : w.entities) ents.push_back(ToJson(m));
  j["entities"] = std::move(ents);
  // Present only for works stating results, so other records keep their bytes.
  if (!w.outcomes.empty()) j["outcomes"] = ToJson(w.outcomes);
  return j;
}

Json ToJson(const Trial& t) {
  Json j;
  j["nct"] = t.nct;
  j["other_ids"] = t.other_ids;
  j["acronym"] = StrOrNull(t.acronym);
  j["brief_title"] = StrOrNull(t.brief_title);
  j["official_title"] = StrOrNull(t.official_title);
  j["phase"] = StrOrNull(t.phase);
  j["status"] = StrOrNull(t.status);
  j["conditions"] = t.conditions;
  j["keywords"] = t.keywords;
  Json iv = Json::array();
  for (const auto& i : t.interventions) {
    iv.push_back({{"type", i.type}, {"name", i.name}, {"other_names", i.other_names}});
  }
  j["interventions"] = std::move(iv);
  PutRegistryFacts(t, &j);
  j["enrollment"] = t.enrollment ? Json(*t.enrollment) : Json(nullptr);
  j["dates"] = MapJson(t.dates);
  j["sponsor"] = StrOrNull(t.sponsor);
  j["pmids"] = t.pmids;
  j["summary"] = StrOrNull(t.summary);
  Json ents = Json::array();
  for (const auto& m : t.entities) ents.push_back(ToJson(m));
  j["entities"] = std::move(ents);
  return j;
}

Json ToJson(const Diagnostic& d) {
  Json j;
  j["source"] = d.source;
  j["line"] = d.line;
  if (d.record) j["record"] = d.record;
  j["message"] = d.message;
  return j;
}

Json ToJson(const Document& d) {
  Json j = ToJson(d.work);
  Json refs = Json::array();
  for (const auto& r : d.references) refs.push_back(ToJson(r));
  Json rel = Json::array();
  for (const auto& r : d.related) rel.push_back(ToJson(r));
  j["references"] = std::move(refs);
  j["related"] = std::move(rel);
  return j;
}

Mention MentionFromJson(const Json& j) {
  Mention m;
  m.field = JsonStr(j, "field");
  if (auto s = GetInt(j, "start")) m.start = static_cast<uint32_t>(*s);
  if (auto e = GetInt(j, "end")) m.end = static_cast<uint32_t>(*e);
  m.text = JsonStr(j, "text");
  m.type = JsonStr(j, "type");
  m.id = JsonStr(j, "id");
  m.name = JsonStr(j, "name");
  m.attrs = GetMap(j, "attrs");
  return m;
}

Reference ReferenceFromJson(const Json& j) {
  Reference r;
  r.n = GetInt(j, "n").value_or(0);
  r.raw = JsonStr(j, "raw");
  r.authors = JsonStrs(j, "authors");
  auto et = j.find("et_al");
  r.et_al = et != j.end() && et->is_boolean() && et->get<bool>();
  r.title = JsonStr(j, "title");
  r.type = JsonStr(j, "type");
  r.journal = JsonStr(j, "journal");
  r.year = GetInt(j, "year");
  r.volume = JsonStr(j, "volume");
  r.issue = JsonStr(j, "issue");
  r.pages = JsonStr(j, "pages");
  r.doi = JsonStr(j, "doi");
  r.pmid = JsonStr(j, "pmid");
  r.pmcid = JsonStr(j, "pmcid");
  r.url = JsonStr(j, "url");
  r.nct = JsonStrs(j, "nct");
  r.work_id = JsonStr(j, "work_id");
  return r;
}

Work WorkFromJson(const Json& j) {
  Work w;
  w.id = JsonStr(j, "id");
  w.type = JsonStr(j, "type");
  w.title = JsonStr(j, "title");
  w.authors = JsonStrs(j, "authors");
  w.journal = JsonStr(j, "journal");
  w.journal_abbrev = JsonStr(j, "journal_abbrev");
  w.year = GetInt(j, "year");
  w.volume = JsonStr(j, "volume");
  w.issue = JsonStr(j, "issue");
  w.pages = JsonStr(j, "pages");
  w.doi = JsonStr(j, "doi");
  w.pmid = JsonStr(j, "pmid");
  w.pmcid = JsonStr(j, "pmcid");
  w.dates = GetMap(j, "dates");
  w.abstract = JsonStr(j, "abstract");
  w.keywords = JsonStrs(j, "keywords");
  w.mesh = JsonStrs(j, "mesh");
  w.pub_types = JsonStrs(j, "pub_types");
  w.lang = JsonStr(j, "lang");
  w.email = JsonStr(j, "email");
  w.url = JsonStr(j, "url");
  w.source_id = JsonStr(j, "source_id");
  auto secs = j.find("sections");
  if (secs != j.end() && secs->is_array()) {
    for (const auto& s : *secs) w.sections.push_back({JsonStr(s, "name"), JsonStr(s, "text")});
  }
  w.registry_ids = JsonStrs(j, "registry_ids");
  auto ents = j.find("entities");
  if (ents != j.end() && ents->is_array()) {
    for (const auto& e : *ents) w.entities.push_back(MentionFromJson(e));
  }
  if (auto o = j.find("outcomes"); o != j.end()) w.outcomes = OutcomesFromJson(*o);
  return w;
}

Trial TrialFromJson(const Json& j) {
  Trial t;
  t.nct = JsonStr(j, "nct");
  t.other_ids = JsonStrs(j, "other_ids");
  t.acronym = JsonStr(j, "acronym");
  t.brief_title = JsonStr(j, "brief_title");
  t.official_title = JsonStr(j, "official_title");
  t.phase = JsonStr(j, "phase");
  t.status = JsonStr(j, "status");
  t.conditions = JsonStrs(j, "conditions");
  t.keywords = JsonStrs(j, "keywords");
  auto iv = j.find("interventions");
  if (iv != j.end() && iv->is_array()) {
    for (const auto& i : *iv) {
      t.interventions.push_back({JsonStr(i, "type"), JsonStr(i, "name"), JsonStrs(i, "other_names")});
    }
  }
  GetRegistryFacts(j, &t);
  auto en = j.find("enrollment");
  if (en != j.end() && en->is_number_integer()) t.enrollment = en->get<int64_t>();
  t.dates = GetMap(j, "dates");
  t.sponsor = JsonStr(j, "sponsor");
  t.pmids = JsonStrs(j, "pmids");
  t.summary = JsonStr(j, "summary");
  auto ents = j.find("entities");
  if (ents != j.end() && ents->is_array()) {
    for (const auto& e : *ents) t.entities.push_back(MentionFromJson(e));
  }
  return t;
}

std::vector<std::string> JsonStrs(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string JsonStr(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

namespace {

// Length of the valid UTF-8 sequence at s[i] (a lead byte >= 0x80), or 0.
// The rules of nlohmann's decoder: no overlong forms, no surrogates, at most
// U+10FFFF.
size_t Utf8SequenceAt(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  unsigned char c = at(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c == 0xE0) return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(i + 1) && cont(i + 2) ? 3 : 0;
  if (c == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;
  if (c == 0xF0) return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;
}

// Appends `s` as a JSON string the way nlohmann's dump writes it (escapes
// for '"', '\\' and control characters, UTF-8 kept); false on invalid UTF-8.
bool AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8SequenceAt(s, i);
      if (n == 0) return false;
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(u, 6);
      }
    }
    run = ++i;
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
  return true;
}

// Compact serialisation, byte for byte nlohmann's dump(); false (output
// unusable) on a string that is not valid UTF-8 or a binary value.
bool AppendCompact(const Json& j, std::string* out) {
  switch (j.type()) {
    case Json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out->push_back(',');
        first = false;
        if (!AppendJsonString(it.key(), out)) return false;
        out->push_back(':');
        if (!AppendCompact(it.value(), out)) return false;
      }
      out->push_back('}');
      return true;
    }
    case Json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& v : j) {
        if (!first) out->push_back(',');
        first = false;
        if (!AppendCompact(v, out)) return false;
      }
      out->push_back(']');
      return true;
    }
    case Json::value_t::string:
      return AppendJsonString(j.get_ref<const std::string&>(), out);
    case Json::value_t::boolean:
      out->append(j.get<bool>() ? "true" : "false");
      return true;
    case Json::value_t::null:
      out->append("null");
      return true;
    case Json::value_t::number_integer:
      out->append(std::to_string(j.get<int64_t>()));
      return true;
    case Json::value_t::number_unsigned:
      out->append(std::to_string(j.get<uint64_t>()));
      return true;
    case Json::value_t::number_float:
      out->append(j.dump());  // nlohmann's shortest round-trip form
      return true;
    case Json::value_t::binary:
    case Json::value_t::discarded:
      return false;
  }
  return false;
}

}  // namespace

std::string Dump(const Json& j, int indent) {
  // Records are written compact and almost always valid UTF-8: a writer of
  // our own does that at a few times nlohmann's speed (the record merge
  // serialises every work and trial it touches), and nlohmann's serialiser
  // does everything else (indentation, invalid UTF-8 replaced).
  if (indent < 0) {
    std::string out;
    out.reserve(256);
    if (AppendCompact(j, &out)) return out;
  }
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Json ParseJson(std::string_view s) { return Json::parse(s, nullptr, false); }

namespace {

// A cursor over one JSON text for ParseJsonFields; every step returns false
// at the end of the text or on a byte that cannot start what it expects.
class JsonSkipper {
 public:
  explicit JsonSkipper(std::string_view s) : s_(s) {}

  size_t pos() const { return i_; }
  char Peek() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  bool Take(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  // Moves past the string opening at the cursor; its raw text (escapes
  // undecoded) goes to *raw.
  bool String(std::string_view* raw) {
    if (Peek() != '"') return false;
    size_t start = ++i_;
    for (; i_ < s_.size(); ++i_) {
      if (s_[i_] == '\\') {
        ++i_;
      } else if (s_[i_] == '"') {
        if (raw) *raw = s_.substr(start, i_ - start);
        ++i_;
        return true;
      }
    }
    return false;
  }
  // Moves past one value of any kind.
  bool Value() {
    char c = Peek();
    if (c == '"') return String(nullptr);
    if (c == '{' || c == '[') {
      int depth = 0;
      while (i_ < s_.size()) {
        char d = s_[i_];
        if (d == '"') {
          if (!String(nullptr)) return false;
          continue;
        }
        if (d == '{' || d == '[') ++depth;
        if ((d == '}' || d == ']') && --depth == 0) {
          ++i_;
          return true;
        }
        ++i_;
      }
      return false;
    }
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && s_[i_] != ' ' &&
           s_[i_] != '\n' && s_[i_] != '\r' && s_[i_] != '\t') {
      ++i_;
    }
    return i_ > start;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

Json ParseJsonFields(std::string_view s, const std::vector<std::string_view>& keys) {
  const Json bad(Json::value_t::discarded);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);  // a byte order mark, as the full parser allows
  JsonSkipper in(s);
  Json out = Json::object();
  if (!in.Take('{')) return bad;
  if (in.Take('}')) return in.Peek() == '\0' ? out : bad;
  do {
    std::string_view key;
    if (!in.String(&key) || !in.Take(':')) return bad;
    in.Peek();
    size_t start = in.pos();
    if (!in.Value()) return bad;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    std::string_view text = s.substr(start, in.pos() - start);
    // Most strings (titles, abstracts) have no escape: they are copied.
    if (text.size() >= 2 && text[0] == '"' && text.find('\\') == std::string_view::npos &&
        std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      out[std::string(key)] = std::string(text.substr(1, text.size() - 2));
      continue;
    }
    Json v = ParseJson(text);
    if (v.is_discarded()) return bad;
    out[std::string(key)] = std::move(v);
  } while (in.Take(','));
  if (!in.Take('}') || in.Peek() != '\0') return bad;
  return out;
}

}  // namespace ckb
