// SPDX-License-Identifier: GPL-3.0-or-later
// What a search hit reads of its work: the members of the stored record it
// shows (ParseJsonFields) and the snippet's stemmer, which stems only words
// that can match a stemmed query term.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "kb/internal/rep.h"
#include "kb/record.h"

namespace ckb::kb {
namespace {

namespace fs = std::filesystem;

// The sample inputs of corpus/: file name and text.
std::vector<std::pair<std::string, std::string>> CorpusTexts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : fs::directory_iterator(CKB_SOURCE_DIR "/corpus")) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out.emplace_back(entry.path().filename().string(), ss.str());
  }
  return out;
}

TEST(ParseJsonFieldsTest, KeepsTheWantedMembersInTheirOrder) {
  std::string rec = R"({"id":"W1","entities":[{"text":"a \"quoted\" ]} word","n":[1,[2,{}]]}],)"
                    R"( "title" : "Trastuzumab deruxtecan in HER2-low",
                    "year":2022,"authors":["Modi S","Jacot W"],"abstract":"Line one\nline \u00e9 two",
                    "doi":null,"provenance":{"title":"pubmed"},"empty":{},"list":[]})";
  Json got = ParseJsonFields(rec, {"year", "title", "authors", "abstract", "doi", "missing"});
  ASSERT_FALSE(got.is_discarded());
  Json full = ParseJson(rec);
  Json want = Json::object();
  for (const char* k : {"title", "year", "authors", "abstract", "doi"}) want[k] = full[k];
  EXPECT_EQ(got, want);
  EXPECT_EQ(got.dump(), want.dump());  // the order of the record, not of the request
  EXPECT_EQ(got["abstract"], "Line one\nline \u00e9 two");
}

TEST(ParseJsonFieldsTest, CopiedStringsEqualParsedOnes) {
  // Strings with no escapes are copied without the JSON parser: the same
  // value either way, for the stored form of every sample record.
  auto texts = CorpusTexts();
  for (const auto& [name, text] : texts) {
    Json j = {{"text", text}, {"name", name}, {"n", 3}};
    std::string stored = Dump(j);
    Json got = ParseJsonFields(stored, {"text", "name", "n"});
    ASSERT_FALSE(got.is_discarded()) << name;
    EXPECT_EQ(got, ParseJson(stored)) << name;
  }
  EXPECT_GE(texts.size(), 5u);
}

TEST(ParseJsonFieldsTest, MalformedTextIsDiscarded) {
  for (const char* bad : {"", "[]", "{", R"({"a":1)", R"({"a":1,})", R"({"a" 1})", R"({"a":"x)",
                          R"({"a":[1,2})", R"({"title":tru})", R"({"a":1} x)", R"({"title":"a\q"})"}) {
    EXPECT_TRUE(ParseJsonFields(bad, {"title", "a"}).is_discarded()) << bad;
  }
  // Unwanted members are skipped, not validated.
  EXPECT_EQ(ParseJsonFields(R"({"a":[1,,2],"title":"t"})", {"title"}), Json({{"title", "t"}}));
  EXPECT_EQ(ParseJsonFields(" { } ", {"title"}), Json::object());
  // A byte order mark is allowed, as the full parser allows it.
  EXPECT_EQ(ParseJsonFields("\xEF\xBB\xBF{\"title\":\"t\"}", {"title"}), Json({{"title", "t"}}));
}

// Words of the sample inputs, lower-cased as Xapian's snippet passes them.
std::vector<std::string> SampleWords() {
  std::set<std::string> words = {"dying", "lying", "tying", "skies", "skis", "ies", "yes", "y", "yy",
                                 "ugly", "early", "only", "singly", "news", "howe", "atlas", "cosmos",
                                 "bias", "andes", "generously", "generate", "communism", "arsenal",
                                 "sss", "ied", "cried", "yttrium", "ys", "eed", "ing", "ly", "aed", "a's", "uing"};
  for (const auto& [name, text] : CorpusTexts()) {
    Xapian::TermGenerator tg;
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(text);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) words.insert(*t);
  }
  return {words.begin(), words.end()};
}

TEST(SnippetStemmerTest, EnglishStemsKeepTheFirstTwoBytes) {
  // The snippet stemmer's premise: a stem begins with the first two bytes of
  // its word, or with the first byte and "i" where the word has "y", or is
  // the word's first byte alone.
  Xapian::Stem english("english");
  auto words = SampleWords();
  ASSERT_GT(words.size(), 2000u);
  for (const auto& w : words) {
    std::string s = english(w);
    std::string head = s.substr(0, 2);
    if (head.size() == 2 && head[1] == 'i' && w.size() > 1 && w[1] == 'y') head[1] = 'y';
    if (head.size() == 2 || w.size() < 2) {
      EXPECT_EQ(head, w.substr(0, 2)) << w << " -> " << s;
    } else {
      EXPECT_EQ(head, w.substr(0, 1)) << w << " -> " << s;
    }
  }
  EXPECT_EQ(english("dying"), "die");
  EXPECT_EQ(english("aed"), "a");
}

TEST(SnippetStemmerTest, SnippetsEqualThoseOfTheFullStemmer) {
  // Every sample text as a document; queries mixing stemmed words, exact
  // words, phrases and wildcards; the snippet of every hit with either stemmer.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<std::string> texts;
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  for (const auto& [name, text] : CorpusTexts()) {
    for (size_t at = 0; at < text.size(); at += 3000) {
      Xapian::Document doc;
      tg.set_document(doc);
      texts.push_back(text.substr(at, 3000));
      tg.index_text(texts.back());
      doc.set_data(std::to_string(texts.size() - 1));
      db.add_document(doc);
    }
  }
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  size_t compared = 0, highlighted = 0;
  for (const char* text : {"breast cancers", "trastuzumab deruxtecan", "HER2-low expression", "\"overall survival\"",
                           "randomised trials", "patients treated", "Studies", "ultralow OR ultra-low",
                           "metasta*", "immunohistochemistry scoring", "y yes", "die", "dying ties", "aed a's"}) {
    Xapian::Query q = qp.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
    Xapian::Enquire enq(db);
    enq.set_query(q);
    Xapian::MSet mset = enq.get_mset(0, 50);
    Xapian::Stem filtered = SnippetStemmer(q);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string& body = texts[std::stoul(it.get_document().get_data())];
      unsigned flags = Xapian::MSet::SNIPPET_EXHAUSTIVE;
      std::string a = mset.snippet(body, 240, ThreadStemmer(), flags, "[", "]", "...");
      std::string b = mset.snippet(body, 240, filtered, flags, "[", "]", "...");
      EXPECT_EQ(a, b) << text;
      ++compared;
      if (a.find('[') != std::string::npos) ++highlighted;
    }
  }
  EXPECT_GT(compared, 50u);
  EXPECT_GT(highlighted, 40u);
}

}  // namespace
}  // namespace ckb::kb
