// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped lexicon against schemas/lexicon.schema.json (required fields,
// types, id pattern, enum), JSONL round trips and loading errors.
#include "knowledge/lexicon.h"
#include "knowledge/lexicon_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ckb::knowledge {
namespace {

using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A small validator for the subset of JSON Schema the lexicon schema uses:
// type, required, enum, pattern, minLength, items, additionalProperties,
// propertyNames, oneOf. Returns the first violation, or "".
std::string Validate(const json& schema, const json& v, const std::string& where) {
  if (schema.contains("oneOf")) {
    int ok = 0;
    for (const json& s : schema["oneOf"]) ok += Validate(s, v, where).empty();
    if (ok != 1) return where + ": matches " + std::to_string(ok) + " oneOf branches";
  }
  if (schema.contains("type")) {
    std::string t = schema["type"];
    bool good = (t == "object" && v.is_object()) || (t == "array" && v.is_array()) ||
                (t == "string" && v.is_string()) || (t == "boolean" && v.is_boolean());
    if (!good) return where + ": not of type " + t;
  }
  if (v.is_string()) {
    std::string s = v;
    if (schema.contains("minLength") && s.size() < schema["minLength"].get<size_t>())
      return where + ": shorter than minLength";
    if (schema.contains("pattern") && !std::regex_search(s, std::regex(schema["pattern"].get<std::string>())))
      return where + ": does not match " + schema["pattern"].get<std::string>();
    if (schema.contains("enum")) {
      bool found = false;
      for (const json& e : schema["enum"]) found = found || e == v;
      if (!found) return where + ": not in enum";
    }
  }
  if (v.is_array() && schema.contains("items"))
    for (size_t i = 0; i < v.size(); ++i) {
      std::string err = Validate(schema["items"], v[i], where + "[" + std::to_string(i) + "]");
      if (!err.empty()) return err;
    }
  if (v.is_object()) {
    if (schema.contains("required"))
      for (const json& r : schema["required"])
        if (!v.contains(r.get<std::string>())) return where + ": missing " + r.get<std::string>();
    for (const auto& [k, val] : v.items()) {
      if (schema.contains("propertyNames")) {
        std::string err = Validate(schema["propertyNames"], json(k), where + "." + k + " (name)");
        if (!err.empty()) return err;
      }
      if (schema.contains("properties") && schema["properties"].contains(k)) {
        std::string err = Validate(schema["properties"][k], val, where + "." + k);
        if (!err.empty()) return err;
      } else if (schema.contains("additionalProperties")) {
        const json& ap = schema["additionalProperties"];
        if (ap.is_boolean() && !ap.get<bool>()) return where + ": unexpected property " + k;
        if (ap.is_object()) {
          std::string err = Validate(ap, val, where + "." + k);
          if (!err.empty()) return err;
        }
      }
    }
  }
  return "";
}

TEST(LexiconTest, ShippedLexiconMatchesSchema) {
  json schema = json::parse(ReadFile(CKB_SOURCE_DIR "/schemas/lexicon.schema.json"));
  ASSERT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  std::string data = ReadFile(CKB_SOURCE_DIR "/schemas/lexicon/oncology.jsonl");
  ASSERT_FALSE(data.empty());
  std::istringstream in(data);
  std::string line;
  std::set<std::string> ids, parents;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "line " << n;
    EXPECT_EQ(Validate(schema, j, "line " + std::to_string(n)), "");
    EXPECT_TRUE(ids.insert(j["id"].get<std::string>()).second) << "duplicate id on line " << n;
    if (j.contains("parent")) parents.insert(j["parent"].get<std::string>());
  }
  EXPECT_GT(n, 150);
  for (const std::string& p : parents) EXPECT_TRUE(ids.count(p)) << "parent without entry: " << p;
}

TEST(LexiconTest, ValidatorRejectsBadEntries) {
  json schema = json::parse(ReadFile(CKB_SOURCE_DIR "/schemas/lexicon.schema.json"));
  EXPECT_NE(Validate(schema, json::parse(R"({"id":"drug:x","type":"drug"})"), "e"), "");
  EXPECT_NE(Validate(schema, json::parse(R"({"id":"x","type":"drug","name":"x"})"), "e"), "");
  EXPECT_NE(Validate(schema, json::parse(R"({"id":"drug:x","type":"pill","name":"x"})"), "e"), "");
  EXPECT_NE(Validate(schema, json::parse(R"({"id":"drug:x","type":"drug","name":"x","synonyms":"y"})"), "e"), "");
  EXPECT_NE(Validate(schema, json::parse(R"({"id":"drug:x","type":"drug","name":"x","extra":1})"), "e"), "");
  EXPECT_EQ(Validate(schema, json::parse(R"({"id":"drug:x","type":"drug","name":"x","codes":{"MeSH":["D1","D2"]}})"), "e"), "");
}

TEST(LexiconTest, BuiltinIsTheShippedFile) {
  EXPECT_EQ(std::string(BuiltinLexiconJsonl()), ReadFile(CKB_SOURCE_DIR "/schemas/lexicon/oncology.jsonl"));
  std::vector<LexiconEntry> entries;
  ASSERT_TRUE(ParseLexiconJsonl(BuiltinLexiconJsonl(), "builtin", &entries).ok());
  EXPECT_GT(entries.size(), 150u);
}

// A lexicon image gives back the entries it was built from, field by field
// and in order (non-ASCII names included).
TEST(LexiconTest, ImageEntriesAreTheParsedFile) {
  std::vector<LexiconEntry> parsed;
  ASSERT_TRUE(ParseLexiconJsonl(BuiltinLexiconJsonl(), "builtin", &parsed).ok());
  MergeLexiconEntries(&parsed);
  std::string image = BuildLexiconImage(parsed);
  LexiconTable table;
  ASSERT_TRUE(table.Open(image.data(), image.size()).ok());
  ASSERT_EQ(table.num_entries(), parsed.size());
  bool non_ascii = false;
  for (uint32_t i = 0; i < parsed.size(); ++i) {
    const LexiconEntry& a = parsed[i];
    const LexiconEntry b = table.DecodeEntry(i);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.type, b.type) << a.id;
    EXPECT_EQ(a.name, b.name) << a.id;
    EXPECT_EQ(a.synonyms, b.synonyms) << a.id;
    EXPECT_EQ(a.case_sensitive, b.case_sensitive) << a.id;
    EXPECT_EQ(a.codes, b.codes) << a.id;
    EXPECT_EQ(a.parent, b.parent) << a.id;
    EXPECT_EQ(a.names_by_lang, b.names_by_lang) << a.id;
    uint32_t at = 0;
    EXPECT_TRUE(table.FindId(a.id, &at) && at == i) << a.id;
    for (const auto& [lang, name] : b.names_by_lang) non_ascii |= static_cast<unsigned char>(name[0]) >= 0x80;
  }
  EXPECT_TRUE(non_ascii) << "the shipped lexicon has Chinese names; they must survive compilation";
  EXPECT_EQ(BuildLexiconImage(parsed), image) << "the image is deterministic";
  EXPECT_FALSE(table.Open(image.data(), 16).ok());
  std::string bad = image;
  bad[0] = 'X';
  EXPECT_FALSE(table.Open(bad.data(), bad.size()).ok());
}

// The image compiled into the binary holds the curated entries as written
// (imported vocabularies only add synonyms, codes and a missing parent to
// them) and the imported vocabularies.
TEST(LexiconTest, ShippedImageHoldsCuratedAndImported) {
  std::vector<LexiconEntry> curated;
  ASSERT_TRUE(ParseLexiconJsonl(BuiltinLexiconJsonl(), "builtin", &curated).ok());
  MergeLexiconEntries(&curated);
  std::string_view img = ShippedLexiconImage();
  LexiconTable table;
  ASSERT_TRUE(table.Open(img.data(), img.size()).ok());
  EXPECT_GT(table.num_entries(), 50000u);
  auto prefix = [](const auto& a, const auto& b) {
    return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
  };
  for (const LexiconEntry& a : curated) {
    uint32_t i = 0;
    ASSERT_TRUE(table.FindId(a.id, &i)) << a.id;
    LexiconEntry b = table.DecodeEntry(i);
    EXPECT_EQ(a.type, b.type) << a.id;
    EXPECT_EQ(a.name, b.name) << a.id;
    if (!a.parent.empty()) {
      EXPECT_EQ(a.parent, b.parent) << a.id;  // else the import's parent
    }
    EXPECT_TRUE(prefix(a.synonyms, b.synonyms)) << a.id;
    EXPECT_TRUE(prefix(a.case_sensitive, b.case_sensitive)) << a.id;
    EXPECT_TRUE(prefix(a.codes, b.codes)) << a.id;
  }
  uint32_t bc = 0;
  ASSERT_TRUE(table.FindId("disease:breast-cancer", &bc));
  EXPECT_FALSE(table.DecodeEntry(bc).parent.empty()) << "a curated disease takes the ontology's parent";
  for (const char* id : {"drug:osimertinib", "gene:KRAS", "disease:lung-non-small-cell-carcinoma"}) {
    uint32_t i = 0;
    EXPECT_TRUE(table.FindId(id, &i)) << id;
  }
}

TEST(LexiconTest, ZstdLexiconFiles) {
  std::vector<LexiconEntry> v;
  ASSERT_TRUE(LoadLexiconFile(CKB_SOURCE_DIR "/schemas/lexicon/genes.jsonl.zst", &v).ok());
  EXPECT_GT(v.size(), 19000u);
  std::string out;
  EXPECT_FALSE(DecompressZstd("not zstd", "x.zst", &out).ok());
}

TEST(LexiconTest, RoundTripAndErrors) {
  LexiconEntry e;
  e.id = "drug:trastuzumab-deruxtecan";
  e.type = "drug";
  e.name = "trastuzumab deruxtecan";
  e.synonyms = {"Enhertu"};
  e.case_sensitive = {"T-DXd"};
  e.codes = {{"DrugBank", "DB14962"}};
  e.parent = "drug_class:antibody-drug-conjugate";
  e.names_by_lang = {{"zh", "德曲妥珠单抗"}};
  std::vector<LexiconEntry> back;
  ASSERT_TRUE(ParseLexiconJsonl(LexiconEntryToJson(e) + "\n", "t", &back).ok());
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].synonyms, e.synonyms);
  EXPECT_EQ(back[0].case_sensitive, e.case_sensitive);
  EXPECT_EQ(back[0].codes, e.codes);
  EXPECT_EQ(back[0].names_by_lang, e.names_by_lang);
  EXPECT_EQ(back[0].parent, e.parent);
  std::vector<LexiconEntry> bad;
  Status s = ParseLexiconJsonl("{\"id\":\"a:b\",\"type\":\"drug\",\"name\":\"x\"}\n{oops\n", "f.jsonl", &bad);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("f.jsonl:2"), std::string::npos);
  EXPECT_FALSE(LoadLexiconFile("/nonexistent/lexicon.jsonl", &bad).ok());
}

TEST(LexiconTest, LoadsColonSeparatedLists) {
  std::string dir = ::testing::TempDir();
  std::string a = dir + "/ckb_lex_a.jsonl", b = dir + "/ckb_lex_b.jsonl";
  LexiconEntry e;
  e.id = "drug:foo";
  e.type = "drug";
  e.name = "foomab";
  ASSERT_TRUE(WriteLexiconJsonl(a, {e}).ok());
  e.id = "drug:bar";
  e.name = "barnib";
  ASSERT_TRUE(WriteLexiconJsonl(b, {e}).ok());
  std::vector<LexiconEntry> v;
  ASSERT_TRUE(LoadLexiconList(a + "::" + b, &v).ok());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].id, "drug:bar");
  EXPECT_FALSE(LoadLexiconList(a + ":/nonexistent.jsonl", &v).ok());
  auto ex = EntityExtractor::FromEntries(v);
  EXPECT_EQ(ex->Resolve("Barnib", "drug"), std::vector<std::string>{"drug:bar"});
}

TEST(LexiconTest, DefaultLoadsQuickly) {
  auto t0 = std::chrono::steady_clock::now();
  auto ex = EntityExtractor::FromEntries([] {
    std::vector<LexiconEntry> v;
    (void)ParseLexiconJsonl(BuiltinLexiconJsonl(), "builtin", &v).ok();
    return v;
  }());
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 50.0);
  EXPECT_GT(ex->size(), 150u);
}

}  // namespace
}  // namespace ckb::knowledge
