// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the imported lexicons (DrugBank, NCBI Gene, Disease Ontology) as
// JSONL files into a folder, for use through $CKB_LEXICONS.
#include <filesystem>
#include <iostream>
#include <string>

#include "knowledge/lexicon.h"
#include "knowledge/lexicon_import.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: build_lexicons OUT_DIR [CORPUS_DIR]\n"
                 "  CORPUS_DIR defaults to " CKB_SOURCE_DIR "/../shared/corpus\n";
    return 2;
  }
  std::string out_dir = argv[1];
  std::string corpus = argc > 2 ? argv[2] : CKB_SOURCE_DIR "/../shared/corpus";
  std::filesystem::create_directories(out_dir);
  using Importer = ckb::Status (*)(const std::string&, std::vector<ckb::knowledge::LexiconEntry>*);
  struct Job {
    const char* name;
    std::string input;
    Importer fn;
  };
  const Job jobs[] = {
      {"drugbank.jsonl", corpus + "/drug-lexicon-drugbank/drugbank_vocabulary.csv", ckb::knowledge::ImportDrugBank},
      {"genes.jsonl", corpus + "/gene-lexicon-ncbi/human_genes_symbols_aliases.tsv.gz", ckb::knowledge::ImportNcbiGenes},
      {"diseases.jsonl", corpus + "/disease-lexicon-do", ckb::knowledge::ImportDiseaseOntology},
  };
  int rc = 0;
  for (const Job& j : jobs) {
    std::vector<ckb::knowledge::LexiconEntry> entries;
    ckb::Status s = j.fn(j.input, &entries);
    if (s.ok()) s = ckb::knowledge::WriteLexiconJsonl(out_dir + "/" + j.name, entries);
    if (!s.ok()) {
      std::cerr << j.name << ": " << s.message() << '\n';
      rc = 2;
      continue;
    }
    std::cout << out_dir << "/" << j.name << '\t' << entries.size() << " entries\n";
  }
  return rc;
}
