// SPDX-License-Identifier: GPL-3.0-or-later
// Importers for DrugBank, NCBI Gene and the Disease Ontology, run on the
// shared corpus files (skipped when absent), and the CSV record reader.
#include "knowledge/lexicon_import.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace ckb::knowledge {
namespace {

const std::string kCorpus = CKB_SOURCE_DIR "/../shared/corpus";

const LexiconEntry* ById(const std::vector<LexiconEntry>& v, const std::string& id) {
  for (const LexiconEntry& e : v)
    if (e.id == id) return &e;
  return nullptr;
}

bool HasCode(const LexiconEntry& e, const std::string& k, const std::string& v) {
  for (const auto& c : e.codes)
    if (c.first == k && c.second == v) return true;
  return false;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(LexiconImportTest, CsvRecords) {
  std::string data = "a,\"b, c\",\"say \"\"hi\"\"\"\r\nnext,row\n";
  size_t pos = 0;
  auto r = ReadCsvRecord(data, &pos);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1], "b, c");
  EXPECT_EQ(r[2], "say \"hi\"");
  r = ReadCsvRecord(data, &pos);
  EXPECT_EQ(r, (std::vector<std::string>{"next", "row"}));
}

TEST(LexiconImportTest, DrugBank) {
  std::string path = kCorpus + "/drug-lexicon-drugbank/drugbank_vocabulary.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no DrugBank vocabulary";
  std::vector<LexiconEntry> v;
  ASSERT_TRUE(ImportDrugBank(path, &v).ok());
  EXPECT_GT(v.size(), 19000u);
  const LexiconEntry* e = ById(v, "drug:trastuzumab-deruxtecan");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(HasCode(*e, "DrugBank", "DB14962"));
  EXPECT_TRUE(Has(e->case_sensitive, "T-DXd"));
  EXPECT_TRUE(Has(e->synonyms, "fam-trastuzumab deruxtecan-nxki"));
  EXPECT_FALSE(ImportDrugBank("/nonexistent.csv", &v).ok());
}

TEST(LexiconImportTest, NcbiGenes) {
  std::string path = kCorpus + "/gene-lexicon-ncbi/human_genes_symbols_aliases.tsv.gz";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no NCBI gene table";
  std::vector<LexiconEntry> v;
  ASSERT_TRUE(ImportNcbiGenes(path, &v).ok());
  EXPECT_GT(v.size(), 19000u);
  const LexiconEntry* erbb2 = ById(v, "gene:ERBB2");
  ASSERT_NE(erbb2, nullptr);
  EXPECT_TRUE(HasCode(*erbb2, "NCBIGene", "2064"));
  EXPECT_TRUE(Has(erbb2->case_sensitive, "HER2"));
  const LexiconEntry* cat = ById(v, "gene:CAT");
  ASSERT_NE(cat, nullptr);
  EXPECT_FALSE(Has(cat->case_sensitive, "CAT"));  // stop-listed English word
  EXPECT_TRUE(IsGeneStopWord("SET"));
  auto ex = EntityExtractor::FromEntries(v);
  for (const Mention& m : ex->Extract("the cat sat on a set of MET amplified cells", "t")) {
    // The gene, and the gene as a biomarker with its stated alteration.
    EXPECT_TRUE(m.id == "gene:MET" || StateId(m) == "biomarker:MET/amplification") << m.text;
  }
}

TEST(LexiconImportTest, DiseaseOntology) {
  std::string dir = kCorpus + "/disease-lexicon-do";
  if (!std::filesystem::exists(dir + "/HumanDO.tsv")) GTEST_SKIP() << "no Disease Ontology";
  std::vector<LexiconEntry> v;
  ASSERT_TRUE(ImportDiseaseOntology(dir, &v).ok());
  EXPECT_GT(v.size(), 12000u);
  const LexiconEntry* e = ById(v, "disease:breast-carcinoma");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(HasCode(*e, "DOID", "DOID:3459"));
  EXPECT_TRUE(HasCode(*e, "MeSH", "D001943"));
  EXPECT_EQ(e->parent, "disease:breast-cancer");
  const LexiconEntry* her2 = ById(v, "disease:her2-negative-breast-cancer");
  ASSERT_NE(her2, nullptr);
  EXPECT_TRUE(Has(her2->synonyms, "HER2-null breast cancer"));
}

}  // namespace
}  // namespace ckb::knowledge
