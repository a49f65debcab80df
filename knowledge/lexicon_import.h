// SPDX-License-Identifier: GPL-3.0-or-later
// Importers that build lexicon entries from open vocabularies: the DrugBank
// open vocabulary (CSV), NCBI Gene symbols and aliases (TSV, optionally
// gzip-compressed) and the Human Disease Ontology (TSV reports + OBO slims).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/entities.h"
#include "kb/status.h"

namespace ckb::knowledge {

// drugbank_vocabulary.csv -> type "drug", id "drug:<slug of common name>",
// codes DrugBank/CAS/UNII; synonyms over 80 characters are left out, short
// ones (<= 4 characters, or <= 8 without a space and with two or more
// capitals, like "T-DXd") become case-sensitive, and those of two to four
// capitals only ("RAS", "MTX") ambiguous.
Status ImportDrugBank(const std::string& csv_path, std::vector<LexiconEntry>* out);

// human_genes_symbols_aliases.tsv[.gz] -> type "gene", id "gene:<SYMBOL>",
// codes NCBIGene; protein-coding genes only. Symbols and aliases are
// case-sensitive; aliases under three characters, aliases shared by several
// genes, clinical abbreviations, lower-case aliases of four characters or
// fewer and generic words are dropped; see IsAmbiguousGeneForm.
Status ImportNcbiGenes(const std::string& tsv_path, std::vector<LexiconEntry>* out);

// A Disease Ontology folder (HumanDO.tsv, MESHinDO.tsv, NCIinDO.tsv and any
// *.obo slims for synonyms) -> type "disease", id "disease:<slug of label>",
// codes DOID/MeSH/NCIt, parent from subClassOf.
Status ImportDiseaseOntology(const std::string& dir, std::vector<LexiconEntry>* out);

// Whether a gene symbol or alias is on the stop list (exposed for tests):
// clinical abbreviations (never imported) and English words (imported as
// ambiguous forms).
bool IsGeneStopWord(std::string_view symbol);
// Whether a gene symbol or alias is imported as ambiguous
// (LexiconEntry::ambiguous): an upper-case English word ("CAT", "SET") or
// one with another common meaning ("MET", "ALK").
bool IsAmbiguousGeneForm(std::string_view form);
// Lower-case aliases that are generic words, not names of one gene.
bool IsGenericGeneWord(std::string_view alias);

// Splits one CSV record (RFC 4180 quoting); `data` starts at the record and
// `*pos` is advanced past it. Exposed for tests.
std::vector<std::string> ReadCsvRecord(std::string_view data, size_t* pos);

}  // namespace ckb::knowledge
