// SPDX-License-Identifier: GPL-3.0-or-later
// JSONL lexicon reading and writing, and access to the compiled-in lexicon.
#include "knowledge/lexicon.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <zstd.h>

namespace ckb::knowledge {
namespace {

using nlohmann::json;

// Parses one JSON object into an entry; returns an error message or "".
std::string FromJson(const json& j, LexiconEntry* e) {
  if (!j.is_object()) return "not an object";
  for (const char* k : {"id", "type", "name"})
    if (!j.contains(k) || !j[k].is_string() || j[k].get<std::string>().empty())
      return std::string("missing or empty string field \"") + k + "\"";
  e->id = j["id"].get<std::string>();
  e->type = j["type"].get<std::string>();
  e->name = j["name"].get<std::string>();
  for (const char* k : {"synonyms", "case_sensitive", "ambiguous"}) {
    if (!j.contains(k)) continue;
    if (!j[k].is_array()) return std::string("\"") + k + "\" is not an array";
    std::string key(k);
    auto* dst = key == "synonyms" ? &e->synonyms : key == "ambiguous" ? &e->ambiguous : &e->case_sensitive;
    for (const json& s : j[k]) {
      if (!s.is_string()) return std::string("\"") + k + "\" holds a non-string";
      dst->push_back(s.get<std::string>());
    }
  }
  if (j.contains("codes")) {
    if (!j["codes"].is_object()) return "\"codes\" is not an object";
    for (const auto& [k, v] : j["codes"].items()) {
      if (v.is_string()) {
        e->codes.emplace_back(k, v.get<std::string>());
      } else if (v.is_array()) {
        for (const json& s : v)
          if (s.is_string()) e->codes.emplace_back(k, s.get<std::string>());
      } else {
        return "code \"" + k + "\" is neither a string nor an array";
      }
    }
  }
  if (j.contains("parent")) {
    if (!j["parent"].is_string()) return "\"parent\" is not a string";
    e->parent = j["parent"].get<std::string>();
  }
  if (j.contains("lang")) {
    if (!j["lang"].is_object()) return "\"lang\" is not an object";
    for (const auto& [k, v] : j["lang"].items()) {
      if (!v.is_array()) return "\"lang\" values must be arrays";
      for (const json& s : v)
        if (s.is_string()) e->names_by_lang.emplace_back(k, s.get<std::string>());
    }
  }
  return "";
}

}  // namespace

Status ParseLexiconJsonl(std::string_view data, std::string_view source,
                         std::vector<LexiconEntry>* out) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos || line[b] == '#' || line.substr(b, 2) == "//") continue;
    json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
      return Status::ParseError(std::string(source) + ":" + std::to_string(line_no) +
                                ": invalid JSON");
    LexiconEntry e;
    std::string err = FromJson(j, &e);
    if (!err.empty())
      return Status::ParseError(std::string(source) + ":" + std::to_string(line_no) + ": " + err);
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

Status DecompressZstd(std::string_view in, const std::string& source, std::string* out) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> ds(ZSTD_createDStream(), ZSTD_freeDStream);
  if (!ds) return Status::IOError(source + ": cannot start decompression");
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  std::string buf(ZSTD_DStreamOutSize(), '\0');
  size_t rc = 1;
  while (ib.pos < ib.size) {
    ZSTD_outBuffer ob{buf.data(), buf.size(), 0};
    rc = ZSTD_decompressStream(ds.get(), &ob, &ib);
    if (ZSTD_isError(rc)) return Status::ParseError(source + ": " + ZSTD_getErrorName(rc));
    out->append(buf.data(), ob.pos);
  }
  if (rc != 0) return Status::ParseError(source + ": truncated zstd data");
  return Status::Ok();
}

Status LoadLexiconFile(const std::string& path, std::vector<LexiconEntry>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open lexicon " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (path.size() < 4 || path.compare(path.size() - 4, 4, ".zst") != 0)
    return ParseLexiconJsonl(ss.str(), path, out);
  std::string text;
  Status s = DecompressZstd(ss.str(), path, &text);
  return s.ok() ? ParseLexiconJsonl(text, path, out) : s;
}

Status LoadLexiconList(std::string_view colon_list, std::vector<LexiconEntry>* out) {
  size_t pos = 0;
  while (pos <= colon_list.size()) {
    size_t colon = colon_list.find(':', pos);
    if (colon == std::string_view::npos) colon = colon_list.size();
    std::string path(colon_list.substr(pos, colon - pos));
    pos = colon + 1;
    if (path.empty()) continue;
    Status s = LoadLexiconFile(path, out);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

std::string LexiconEntryToJson(const LexiconEntry& e) {
  json j = json::object();
  j["id"] = e.id;
  j["type"] = e.type;
  j["name"] = e.name;
  if (!e.synonyms.empty()) j["synonyms"] = e.synonyms;
  if (!e.case_sensitive.empty()) j["case_sensitive"] = e.case_sensitive;
  if (!e.ambiguous.empty()) j["ambiguous"] = e.ambiguous;
  if (!e.codes.empty()) {
    json c = json::object();
    for (const auto& [k, v] : e.codes) {
      if (!c.contains(k)) {
        c[k] = v;
      } else {
        if (c[k].is_string()) c[k] = json::array({c[k]});
        c[k].push_back(v);
      }
    }
    j["codes"] = c;
  }
  if (!e.parent.empty()) j["parent"] = e.parent;
  if (!e.names_by_lang.empty()) {
    json l = json::object();
    for (const auto& [k, v] : e.names_by_lang) l[k].push_back(v);
    j["lang"] = l;
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Status WriteLexiconJsonl(const std::string& path, const std::vector<LexiconEntry>& entries) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + path);
  for (const LexiconEntry& e : entries) out << LexiconEntryToJson(e) << '\n';
  out.close();
  if (!out) return Status::IOError("write failed: " + path);
  return Status::Ok();
}

std::string_view BuiltinLexiconJsonl() {
  static const char kData[] =
#include "knowledge/lexicon_builtin.inc"
      ;
  return std::string_view(kData, sizeof(kData) - 1);
}

void MergeLexiconEntries(std::vector<LexiconEntry>* entries) {
  std::unordered_map<std::string, size_t> first;
  std::vector<LexiconEntry> out;
  out.reserve(entries->size());
  for (LexiconEntry& e : *entries) {
    auto [it, fresh] = first.emplace(e.id, out.size());
    if (fresh) {
      out.push_back(std::move(e));
      continue;
    }
    LexiconEntry& dst = out[it->second];
    if (dst.parent.empty()) dst.parent = e.parent;  // e.g. a curated disease takes DO's parent
    auto append = [](std::vector<std::string>* to, const std::vector<std::string>& from) {
      std::unordered_set<std::string> seen(to->begin(), to->end());
      for (const std::string& s : from)
        if (seen.insert(s).second) to->push_back(s);
    };
    append(&dst.synonyms, e.synonyms);
    if (e.name != dst.name) append(&dst.synonyms, {e.name});
    append(&dst.case_sensitive, e.case_sensitive);
    // A form the first entry has as case-sensitive stays so (curated wins).
    std::vector<std::string> amb;
    for (const std::string& a : e.ambiguous)
      if (std::find(dst.case_sensitive.begin(), dst.case_sensitive.end(), a) == dst.case_sensitive.end())
        amb.push_back(a);
    append(&dst.ambiguous, amb);
    for (auto& nl : e.names_by_lang) dst.names_by_lang.push_back(std::move(nl));
    for (auto& c : e.codes) {
      bool have = false;
      for (const auto& d : dst.codes) have = have || d == c;
      if (!have) dst.codes.push_back(std::move(c));
    }
  }
  *entries = std::move(out);
}

}  // namespace ckb::knowledge
