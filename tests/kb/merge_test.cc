// SPDX-License-Identifier: GPL-3.0-or-later
// Merging contributions into one work on a real store: the merged record
// does not depend on the order the statements arrive in (later ones are
// appended to the stored view without reading the others, earlier ones
// trigger a full merge), removing and adding again gives the same record,
// and stores that kept all contributions in one value are read and rewritten.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kb/keys.h"
#include "kb/kb.h"
#include "kb/merge.h"
#include "tests/testutil/temp_dir.h"

namespace ckb::kb {
namespace {

class TempDir : public testutil::TempDir {
 public:
  TempDir() : testutil::TempDir("ckb-mergetest") {}
};

std::unique_ptr<KnowledgeBase> OpenWriter(const std::string& dir) {
  OpenOptions o;
  o.write = true;
  o.min_free_bytes = 1 << 20;
  o.defer_index = true;
  auto r = KnowledgeBase::Open(dir, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : nullptr;
}

std::string Dump(KnowledgeBase& kb, const char* cf) {
  std::string out;
  EXPECT_TRUE(kb.Scan(cf, "", [&](std::string_view k, std::string_view v) {
                  out.append(k).append("=").append(v).append("\n");
                  return true;
                }).ok());
  return out;
}

// The works, contributions and aliases as stored.
std::string StoreState(KnowledgeBase& kb) {
  return Dump(kb, kCfWorks) + Dump(kb, kCfContribs) + Dump(kb, kCfIds);
}

// The merged record of the paper all test statements speak about (null when
// it cannot be read).
Json PaperRecord(KnowledgeBase& kb) {
  auto id = kb.ResolveWork("doi:10.1056/nejmoa2203690");
  if (!id.ok()) return Json();
  auto w = kb.GetWork(id.value());
  return w.ok() && w.value() ? *w.value() : Json();
}

// Statements about one paper (same DOI) from sources of every rank, with
// titles, journals (names and abbreviations), years and pages that agree or
// differ, lists that overlap, entity mentions and reference strings.
std::vector<Contribution> Statements(unsigned seed, int n) {
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  const int ranks[] = {kRankPubmed, kRankJats, kRankCitationManager, kRankPage, kRankReference,
                       kRankReference, kRankReference, kRankRelated};
  const char* titles[] = {"Trastuzumab deruxtecan in HER2-low breast cancer",
                          "Trastuzumab Deruxtecan in HER2-Low Breast Cancer.",
                          "T-DXd in HER2 low advanced breast cancer", ""};
  const char* journals[][2] = {{"New England Journal of Medicine", "N Engl J Med"},
                               {"The New England Journal of Medicine", ""},
                               {"", "N Engl J Med"},
                               {"N Engl J Med", ""},
                               {"Lancet Oncology", "Lancet Oncol"},
                               {"", ""}};
  const char* kws[] = {"HER2-low", "breast cancer", "antibody-drug conjugate", "DESTINY-Breast04"};
  std::vector<Contribution> out;
  for (int i = 0; i < n; ++i) {
    Contribution c;
    c.source = "file" + std::to_string(pick(4)) + ".txt";
    c.key = c.source + "#" + std::to_string(i) + (pick(2) ? "/ref/" + std::to_string(pick(50)) : "");
    c.rank = ranks[pick(8)];
    Work& w = c.work;
    w.doi = "10.1056/nejmoa2203690";
    w.title = titles[pick(4)];
    auto j = journals[pick(6)];
    w.journal = j[0];
    w.journal_abbrev = j[1];
    if (pick(4)) w.year = 2022 - pick(2);
    if (pick(2)) w.volume = pick(3) ? "387" : "386";
    if (pick(2)) w.pages = pick(3) ? "9-20" : "9";
    if (pick(3) == 0) w.pmid = pick(4) ? "35665782" : "35665999";
    if (pick(2)) w.authors = {pick(2) ? "Modi S" : "Modi Shanu", "Jacot W"};
    for (int k = 0; k < 4; ++k) {
      if (pick(2)) w.keywords.push_back(kws[(k + i) % 4]);
    }
    if (pick(3) == 0) w.registry_ids.push_back("NCT03734029");
    if (pick(2)) {
      Mention m;
      m.field = "title";
      m.start = static_cast<uint32_t>(pick(3));
      m.end = m.start + 5;
      m.type = "drug";
      m.id = pick(2) ? "trastuzumab deruxtecan" : "trastuzumab";
      w.entities.push_back(m);
    }
    if (c.rank <= kRankReference) c.raw = "Modi S, et al. " + w.title + ". " + w.journal + ". 2022;387:9-20.";
    out.push_back(std::move(c));
  }
  return out;
}

bool Before(const Contribution& a, const Contribution& b) {
  return Precedes(a.rank, a.key, b.rank, b.key);
}

TEST(MergeOrderTest, StatementsOfAFileMergeInTheOrderTheyAreRead) {
  EXPECT_TRUE(Precedes(90, "z.xml#5", 20, "a.xml#1"));  // rank first
  EXPECT_TRUE(Precedes(90, "f.xml#9", 90, "f.xml#10"));
  EXPECT_TRUE(Precedes(20, "f.xml#10/ref/2", 20, "f.xml#10/ref/11"));
  EXPECT_TRUE(Precedes(20, "f.xml#10", 20, "f.xml#10/ref/1"));
  EXPECT_TRUE(Precedes(20, "a.xml#99", 20, "b.xml#1"));
  EXPECT_TRUE(Precedes(20, "f2.xml#1", 20, "f10.xml#1"));
  EXPECT_TRUE(Precedes(20, "f#7", 20, "f#007"));  // equal numbers: a total order still
  EXPECT_FALSE(Precedes(20, "f#007", 20, "f#7"));
  EXPECT_FALSE(Precedes(20, "f#7", 20, "f#7"));
}

// Upserts `cs` in order, committing every `every` statements; returns the
// works, contributions and aliases as stored.
std::string Build(const std::string& dir, const std::vector<Contribution>& cs, size_t every) {
  auto kb = OpenWriter(dir);
  if (!kb) return "";
  Batch batch;
  for (size_t i = 0; i < cs.size(); ++i) {
    auto id = UpsertWork(*kb, batch, cs[i]);
    EXPECT_TRUE(id.ok()) << id.status().message();
    if ((i + 1) % every == 0) {
      EXPECT_TRUE(kb->Commit(batch).ok());
    }
  }
  EXPECT_TRUE(kb->Commit(batch).ok());
  std::string out = StoreState(*kb);
  EXPECT_TRUE(kb->Close().ok());
  return out;
}

TEST(MergeOrderTest, MergedRecordDoesNotDependOnArrivalOrder) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::vector<Contribution> cs = Statements(seed, 24);
    std::vector<Contribution> forward = cs, backward = cs, shuffled = cs;
    std::sort(forward.begin(), forward.end(), Before);  // each one appended
    std::sort(backward.begin(), backward.end(), [](const Contribution& a, const Contribution& b) {
      return Before(b, a);  // each one merged in full
    });
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(seed));
    TempDir t1, t2, t3;
    std::string a = Build(t1.path(), forward, 5);
    std::string b = Build(t2.path(), backward, 7);
    std::string c = Build(t3.path(), shuffled, 1);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, b) << "seed " << seed;
    EXPECT_EQ(a, c) << "seed " << seed;
  }
}

// A paper cited in many forms, or given a different PMID by many copies of a
// record, keeps the first variants in merge order, whatever the order of
// arrival.
TEST(MergeOrderTest, VariantListsAreCappedInMergeOrder) {
  std::vector<Contribution> cs = Statements(5, 60);
  for (size_t i = 0; i < cs.size(); ++i) {
    cs[i].work.pmid = std::to_string(35665000 + i);
    cs[i].rank = kRankReference;
    cs[i].raw = "Modi S. Reference form " + std::to_string(i) + ". N Engl J Med. 2022.";
  }
  std::vector<Contribution> forward = cs, backward = cs;
  std::sort(forward.begin(), forward.end(), Before);
  std::sort(backward.begin(), backward.end(), [](const Contribution& a, const Contribution& b) {
    return Before(b, a);
  });
  TempDir t1, t2;
  std::string a = Build(t1.path(), forward, 7);
  EXPECT_EQ(a, Build(t2.path(), backward, 7));
  auto kb = OpenWriter(t1.path());
  ASSERT_TRUE(kb);
  const Json rec = PaperRecord(*kb);
  ASSERT_TRUE(rec.is_object());
  EXPECT_EQ(rec["conflicts"]["pmid"].size(), 16u);
  EXPECT_EQ(rec["cited_as"].size(), 32u);
  EXPECT_EQ(JsonStr(rec["conflicts"]["pmid"][0], "source"), forward[1].key);
  EXPECT_EQ(rec["cited_as"][31].get<std::string>(), forward[31].raw);
  // Every statement is still stored, and every PMID still finds the work.
  EXPECT_TRUE(kb->ResolveWork("pmid:" + forward.back().work.pmid).ok());
  EXPECT_TRUE(kb->Close().ok());
}

// Statements arriving between others in merge order (a copy of a file
// indexed after files that come later in merge order) are merged into the
// stored view without a full merge when they can be: the store is the same
// as when they arrive in merge order, whatever the order, with the variant
// lists at their caps and fields taken over from statements already stored.
TEST(MergeOrderTest, StatementsBetweenOthersMergeLikeAFullMerge) {
  for (unsigned seed = 21; seed <= 36; ++seed) {
    std::vector<Contribution> cs = Statements(seed, 30);
    if (seed % 2 == 0) {
      for (size_t i = 0; i < cs.size(); ++i) {
        cs[i].work.pmid = std::to_string(35665000 + (i * 7) % 23);  // past the cap of 16
        cs[i].work.journal = "N Engl J Med";                          // no journal variant
      }
    }
    std::vector<Contribution> forward = cs, shuffled = cs;
    std::sort(forward.begin(), forward.end(), Before);
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(seed * 31));
    TempDir t1, t2;
    std::string a = Build(t1.path(), forward, 4);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, Build(t2.path(), shuffled, 3)) << "seed " << seed;
  }
}

// Copies of one file under many names, read in an order that is not merge
// order ("copy (10)" before "copy (2)"): each copy's statements say what
// the first copy said, and the store is the one built in merge order. Past
// 64 sources the first ones by name are listed and all of them counted.
TEST(MergeOrderTest, CopiesReadOutOfMergeOrderGiveTheSameStore) {
  std::vector<Contribution> base = Statements(77, 6);
  for (auto& c : base) {
    c.rank = kRankReference;
    c.raw = "Modi S, et al. Trastuzumab deruxtecan in HER2-low breast cancer. 2022.";
  }
  std::vector<Contribution> cs;
  std::vector<std::string> names;
  for (int copy = 1; copy <= 70; ++copy) names.push_back("review (" + std::to_string(copy) + ").txt");
  std::sort(names.begin(), names.end());  // as a byte-wise sort of file names gives them
  for (const auto& name : names) {
    for (size_t i = 0; i < base.size(); ++i) {
      Contribution c = base[i];
      c.source = name;
      c.key = name + "#1/ref/" + std::to_string(i + 1);
      cs.push_back(std::move(c));
    }
  }
  std::vector<Contribution> forward = cs;
  std::sort(forward.begin(), forward.end(), Before);
  ASSERT_NE(forward.front().key, cs[base.size()].key);
  TempDir t1, t2;
  std::string a = Build(t1.path(), forward, 50);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, Build(t2.path(), cs, 50));
  auto kb = OpenWriter(t2.path());
  ASSERT_TRUE(kb);
  const Json rec = PaperRecord(*kb);
  ASSERT_EQ(rec["sources"].size(), 64u);
  EXPECT_EQ(rec.value("source_count", 0), 70);
  EXPECT_EQ(rec["sources"][0], "review (1).txt");
  EXPECT_EQ(rec["sources"][63], names[63]);
  // Removing a copy's statements counts one source less.
  auto id = kb->ResolveWork("doi:10.1056/nejmoa2203690");
  ASSERT_TRUE(id.ok());
  Batch batch;
  for (size_t i = 0; i < base.size(); ++i) {
    ASSERT_TRUE(RemoveWorkContribution(*kb, batch, id.value(), cs[i].key).ok());
  }
  ASSERT_TRUE(kb->Commit(batch).ok());
  EXPECT_EQ(PaperRecord(*kb).value("source_count", 0), 69);
  EXPECT_TRUE(kb->Close().ok());
}

TEST(MergeOrderTest, AppendedStatementsShowConflictsAndListsLikeAFullMerge) {
  std::vector<Contribution> cs = Statements(99, 40);
  std::sort(cs.begin(), cs.end(), Before);
  TempDir tmp;
  Build(tmp.path(), cs, 3);
  auto kb = OpenWriter(tmp.path());
  ASSERT_TRUE(kb);
  const Json rec = PaperRecord(*kb);
  ASSERT_TRUE(rec.is_object());
  // The best-ranked source gives the title; others' differing values are
  // kept as conflicts, each value once.
  EXPECT_FALSE(rec["title"].get<std::string>().empty());
  ASSERT_TRUE(rec["conflicts"].contains("year"));
  EXPECT_EQ(rec["conflicts"]["year"].size(), 1u);
  EXPECT_EQ(rec["sources"].size(), 4u);
  EXPECT_GE(rec["cited_as"].size(), 2u);
  EXPECT_EQ(rec["keywords"].size(), 4u);
  // Every statement is stored under its own key, and the head names the last.
  auto id = kb->ResolveWork("doi:10.1056/nejmoa2203690");
  ASSERT_TRUE(id.ok());
  size_t n = 0;
  ASSERT_TRUE(kb->Scan(kCfContribs, PrefixOf(id.value()), [&](std::string_view, std::string_view) {
                  ++n;
                  return true;
                }).ok());
  EXPECT_EQ(n, cs.size());
  auto head = kb->Get(kCfContribs, id.value());
  ASSERT_TRUE(head.ok() && head.value());
  EXPECT_EQ(JsonStr(ParseJson(*head.value()), "key"), cs.back().key);
  EXPECT_TRUE(kb->Close().ok());
}

// A statement restated with another rank replaces its earlier self, even
// when its new rank puts it last in merge order.
TEST(MergeOrderTest, RestatedStatementReplacesItself) {
  std::vector<Contribution> cs = Statements(11, 6);
  std::sort(cs.begin(), cs.end(), Before);
  cs.front().rank = kRankPubmed;
  cs.front().work.title = "A title only the first statement gives";
  Contribution again = cs.front();
  again.rank = kRankRelated - 5;
  again.work.title = "The same statement restated";
  std::vector<Contribution> with_first = cs;
  with_first.push_back(again);
  std::vector<Contribution> without_first(cs.begin() + 1, cs.end());
  without_first.push_back(again);
  TempDir t1, t2;
  EXPECT_EQ(Build(t1.path(), with_first, 100), Build(t2.path(), without_first, 100));
}

TEST(MergeOrderTest, RemovingAndAddingAgainGivesTheSameRecord) {
  std::vector<Contribution> cs = Statements(7, 20);
  TempDir t1, t2;
  std::string all = Build(t1.path(), cs, 4);
  Build(t2.path(), cs, 4);
  auto kb = OpenWriter(t2.path());
  ASSERT_TRUE(kb);
  auto id = kb->ResolveWork("doi:10.1056/nejmoa2203690");
  ASSERT_TRUE(id.ok());
  Batch batch;
  for (size_t i = 0; i < cs.size(); i += 3) {
    ASSERT_TRUE(RemoveWorkContribution(*kb, batch, id.value(), cs[i].key).ok());
  }
  ASSERT_TRUE(kb->Commit(batch).ok());
  for (size_t i = 0; i < cs.size(); i += 3) ASSERT_TRUE(UpsertWork(*kb, batch, cs[i]).ok());
  ASSERT_TRUE(kb->Commit(batch).ok());
  std::string again = StoreState(*kb);
  EXPECT_EQ(all, again);
  // Removing every statement removes the work, its head and its aliases.
  for (const auto& c : cs) ASSERT_TRUE(RemoveWorkContribution(*kb, batch, id.value(), c.key).ok());
  ASSERT_TRUE(kb->Commit(batch).ok());
  EXPECT_EQ(Dump(*kb, kCfWorks), "");
  EXPECT_EQ(Dump(*kb, kCfContribs), "");
  EXPECT_EQ(Dump(*kb, kCfIds), "");
  EXPECT_TRUE(kb->Close().ok());
}

TEST(MergeOrderTest, OneValueLayoutIsReadAndRewrittenPerStatement) {
  std::vector<Contribution> cs = Statements(3, 10);
  std::sort(cs.begin(), cs.end(), Before);
  std::vector<Contribution> first(cs.begin(), cs.end() - 1);
  TempDir t1, t2;
  std::string want = Build(t1.path(), cs, 100);
  Build(t2.path(), first, 100);
  {
    // Rewrite the second store's contributions as one JSON object under the
    // bare work id, as stores written before per-statement keys hold them.
    auto kb = OpenWriter(t2.path());
    ASSERT_TRUE(kb);
    auto id = kb->ResolveWork("doi:10.1056/nejmoa2203690");
    ASSERT_TRUE(id.ok());
    Json all = Json::object();
    Batch batch;
    std::string prefix = PrefixOf(id.value());
    ASSERT_TRUE(kb->Scan(kCfContribs, prefix, [&](std::string_view k, std::string_view v) {
                    all[std::string(k.substr(prefix.size()))] = ParseJson(v);
                    batch.Delete(kCfContribs, std::string(k));
                    return true;
                  }).ok());
    batch.Put(kCfContribs, id.value(), ckb::Dump(all));
    batch.TouchWork(id.value());
    ASSERT_TRUE(kb->Commit(batch).ok());
    ASSERT_TRUE(UpsertWork(*kb, batch, cs.back()).ok());
    ASSERT_TRUE(kb->Commit(batch).ok());
    std::string got = StoreState(*kb);
    EXPECT_EQ(want, got);
    EXPECT_TRUE(kb->Close().ok());
  }
}


// The stored value of `key` in `cf`, parsed (null when absent).
Json Stored(KnowledgeBase& kb, const char* cf, const std::string& key) {
  auto v = kb.Get(cf, key);
  EXPECT_TRUE(v.ok());
  return v.ok() && v.value() ? ParseJson(*v.value()) : Json();
}

Contribution Registration(const std::string& key, int rank, const std::string& abstract) {
  Contribution c;
  c.key = key;
  c.source = key.substr(0, key.find('#'));
  c.rank = rank;
  c.work.type = "trial-registration";
  c.work.title = "Trastuzumab deruxtecan versus treatment of physician's choice";
  c.work.abstract = abstract;
  c.work.registry_ids = {"NCT03734029"};
  c.work.source_id = "NCT03734029";
  c.work.keywords = {"breast cancer", "HER2-low"};
  return c;
}

// A work said by one statement keeps that statement derived: its head and
// entry carry "derived" and no copy of the fields. Whatever comes next (a
// later statement appended to the view, an earlier one that needs a full
// merge, a removal back to one) leaves the store as a fresh build of the
// same statements leaves it.
TEST(DerivedContributionTest, SoleStatementIsStoredOnceAndExpandedWhenAnotherComes) {
  Contribution first = Registration("a.jsonl#1", kRankJsonl, "A phase 3 trial of T-DXd in HER2-low breast cancer.");
  Contribution later = Registration("b.ris#4", kRankCitationManager, "Another abstract.");
  later.work.keywords = {"antibody-drug conjugate"};
  Contribution earlier = Registration("c.xml#2", kRankPubmed, "");
  earlier.work.journal = "N Engl J Med";
  earlier.raw = "Modi S, et al. N Engl J Med 2022.";

  TempDir t;
  {
    auto kb = OpenWriter(t.path());
    ASSERT_TRUE(kb);
    Batch batch;
    auto id = UpsertWork(*kb, batch, first);
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(kb->Commit(batch).ok());
    Json entry = Stored(*kb, kCfContribs, ContribKey(id.value(), first.key));
    EXPECT_EQ(entry, (Json{{"rank", kRankJsonl}, {"derived", true}}));
    EXPECT_EQ(Stored(*kb, kCfContribs, id.value()).value("derived", false), true);
    Json work = Stored(*kb, kCfWorks, id.value());
    EXPECT_EQ(JsonStr(work, "abstract"), first.work.abstract);
    ASSERT_TRUE(kb->Close().ok());
  }
  // Appended after a commit (the derived entry is read from disk) and then
  // preceded by a statement that needs a full merge.
  std::string two_steps;
  {
    auto kb = OpenWriter(t.path());
    ASSERT_TRUE(kb);
    Batch batch;
    ASSERT_TRUE(UpsertWork(*kb, batch, later).ok());
    ASSERT_TRUE(kb->Commit(batch).ok());
    auto id = kb->ResolveWork("NCT03734029");
    ASSERT_TRUE(id.ok());
    Json entry = Stored(*kb, kCfContribs, ContribKey(id.value(), first.key));
    EXPECT_FALSE(entry.contains("derived"));
    EXPECT_EQ(JsonStr(entry["work"], "abstract"), first.work.abstract);
    EXPECT_FALSE(Stored(*kb, kCfContribs, id.value()).contains("derived"));
    ASSERT_TRUE(UpsertWork(*kb, batch, earlier).ok());
    ASSERT_TRUE(kb->Commit(batch).ok());
    two_steps = StoreState(*kb);
    ASSERT_TRUE(kb->Close().ok());
  }
  TempDir fresh;
  EXPECT_EQ(two_steps, Build(fresh.path(), {earlier, later, first}, 1));

  // Removing down to one statement stores it derived again, as a store
  // that only ever had that statement holds it.
  std::string back;
  {
    auto kb = OpenWriter(t.path());
    ASSERT_TRUE(kb);
    auto id = kb->ResolveWork("NCT03734029");
    ASSERT_TRUE(id.ok());
    Batch batch;
    ASSERT_TRUE(RemoveWorkContribution(*kb, batch, id.value(), earlier.key).ok());
    ASSERT_TRUE(RemoveWorkContribution(*kb, batch, id.value(), later.key).ok());
    ASSERT_TRUE(kb->Commit(batch).ok());
    back = StoreState(*kb);
    EXPECT_EQ(Stored(*kb, kCfContribs, ContribKey(id.value(), first.key)).value("derived", false), true);
    ASSERT_TRUE(kb->Close().ok());
  }
  TempDir only;
  EXPECT_EQ(back, Build(only.path(), {first}, 1));
}

// A trial record with one contribution stores it derived; a second source
// expands it, and removing that source derives it again.
TEST(DerivedContributionTest, TrialRecordKeepsItsSoleContributionDerived) {
  Trial reg;
  reg.nct = "NCT03734029";
  reg.acronym = "DESTINY-Breast04";
  reg.brief_title = "Trastuzumab deruxtecan in HER2-low breast cancer";
  reg.summary = "A randomised phase 3 trial.";
  reg.phase = "3";
  reg.enrollment = 557;
  reg.conditions = {"Breast Cancer"};
  Trial cited;
  cited.nct = reg.nct;
  cited.sponsor = "Daiichi Sankyo";
  cited.summary = "Another summary, ranked lower.";

  TempDir t;
  auto kb = OpenWriter(t.path());
  ASSERT_TRUE(kb);
  Batch batch;
  ASSERT_TRUE(UpsertTrial(*kb, batch, "reg.json#1", kRankRegistry, reg).ok());
  ASSERT_TRUE(kb->Commit(batch).ok());
  std::string alone = Dump(*kb, kCfTrials);
  Json rec = Stored(*kb, kCfTrials, reg.nct);
  EXPECT_EQ(rec["contrib"], (Json{{"reg.json#1", {{"rank", kRankRegistry}, {"derived", true}}}}));
  EXPECT_EQ(JsonStr(rec, "summary"), reg.summary);
  EXPECT_EQ(JsonStr(rec, "acronym"), "DESTINY-Breast04");

  ASSERT_TRUE(UpsertTrial(*kb, batch, "page.txt#3", kRankPage, cited).ok());
  ASSERT_TRUE(kb->Commit(batch).ok());
  rec = Stored(*kb, kCfTrials, reg.nct);
  EXPECT_EQ(JsonStr(rec, "summary"), reg.summary);
  EXPECT_EQ(JsonStr(rec, "sponsor"), "Daiichi Sankyo");
  const Json& first = rec["contrib"]["reg.json#1"];
  EXPECT_FALSE(first.contains("derived"));
  EXPECT_EQ(JsonStr(first["trial"], "summary"), reg.summary);
  EXPECT_EQ(first["trial"]["enrollment"], 557);
  EXPECT_EQ(JsonStr(rec["contrib"]["page.txt#3"]["trial"], "summary"), cited.summary);

  ASSERT_TRUE(RemoveTrialContribution(*kb, batch, reg.nct, "page.txt#3").ok());
  ASSERT_TRUE(kb->Commit(batch).ok());
  EXPECT_EQ(Dump(*kb, kCfTrials), alone);
  ASSERT_TRUE(kb->Close().ok());
}

}  // namespace
}  // namespace ckb::kb
