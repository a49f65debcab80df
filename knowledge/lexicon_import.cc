// SPDX-License-Identifier: GPL-3.0-or-later
// Builds lexicon entries from DrugBank's open vocabulary, NCBI Gene and the
// Human Disease Ontology files kept in the shared corpus (see lexicon_import.h).
#include "knowledge/lexicon_import.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "text/text_norm.h"

namespace ckb::knowledge {
namespace {

// Reads a file whole; gzip-compressed files are decompressed with libarchive.
Status ReadAll(const std::string& path, std::string* out) {
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    std::unique_ptr<archive, int (*)(archive*)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_raw(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
      return Status::IOError("cannot open " + path + ": " + archive_error_string(a.get()));
    archive_entry* entry = nullptr;
    if (archive_read_next_header(a.get(), &entry) != ARCHIVE_OK)
      return Status::IOError("cannot read " + path);
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
    if (n < 0) return Status::IOError("decompression failed: " + path);
    return Status::Ok();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return Status::Ok();
}

std::vector<std::string> SplitOn(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) next = s.size();
    std::string part(s.substr(pos, next - pos));
    size_t b = part.find_first_not_of(" \t\r\"");
    size_t e = part.find_last_not_of(" \t\r\"");
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    pos = next + sep.size();
  }
  return out;
}

std::vector<std::string_view> Lines(std::string_view data) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view l = data.substr(pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
    pos = nl + 1;
  }
  return out;
}

// Abbreviations and codes: up to four characters, or up to eight without a
// space and with two or more capitals ("T-DXd", "DS-8201a", "CDDP").
bool IsShortCode(const std::string& s) {
  if (text::DecodeUtf8(s).size() <= 4) return true;
  int upper = 0;
  for (char c : s) upper += (c >= 'A' && c <= 'Z');
  return s.size() <= 8 && upper >= 2 && s.find(' ') == std::string::npos;
}

// Up to `max` capital letters and nothing else ("MET", "CHOP").
bool AllCapsWord(std::string_view s, size_t max) {
  if (s.size() < 2 || s.size() > max) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace

std::vector<std::string> ReadCsvRecord(std::string_view data, size_t* pos) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  size_t i = *pos;
  for (; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++i;
      break;
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  *pos = i;
  return fields;
}

Status ImportDrugBank(const std::string& csv_path, std::vector<LexiconEntry>* out) {
  std::string data;
  Status s = ReadAll(csv_path, &data);
  if (!s.ok()) return s;
  size_t pos = 0;
  std::vector<std::string> header = ReadCsvRecord(data, &pos);
  if (header.size() < 6 || header[0] != "DrugBank ID")
    return Status::ParseError(csv_path + ": not a DrugBank vocabulary CSV");
  while (pos < data.size()) {
    std::vector<std::string> f = ReadCsvRecord(data, &pos);
    if (f.size() < 6 || f[0].empty() || f[2].empty()) continue;
    LexiconEntry e;
    e.name = f[2];
    e.id = "drug:" + text::Slug(e.name);
    e.type = "drug";
    e.codes.emplace_back("DrugBank", f[0]);
    if (!f[3].empty()) e.codes.emplace_back("CAS", f[3]);
    if (!f[4].empty()) e.codes.emplace_back("UNII", f[4]);
    std::unordered_set<std::string> seen{text::MatchKey(e.name)};
    for (const std::string& syn : SplitOn(f[5], " | ")) {
      if (syn.size() > 80 || syn.size() < 2) continue;
      if (!seen.insert(text::MatchKey(syn)).second && !IsShortCode(syn)) continue;
      // Letters-only codes of up to four capitals ("RAS", "MTX") are also
      // genes, abbreviations and words: ambiguous.
      (AllCapsWord(syn, 4) ? e.ambiguous : IsShortCode(syn) ? e.case_sensitive : e.synonyms).push_back(syn);
    }
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

namespace {

// Clinical and statistical abbreviations: never imported as gene forms.
const std::unordered_set<std::string_view>& ClinicalAbbreviations() {
  static const std::unordered_set<std::string_view> kStop = {
      "OS", "PFS", "DFS", "EFS", "ORR", "DCR", "CR", "PR", "SD", "PD", "HR", "OR", "RR", "CI", "AE",
      "SAE", "BMI", "CT", "MRI", "PET", "IHC", "ISH", "FISH", "PCR", "DNA", "RNA", "ER", "AR", "ICU",
      "ALL", "AML", "CLL", "CML", "MDS", "TNBC", "MBC", "EBC", "ABC", "ADC", "ILD", "NSCLC", "SCLC",
      "CRC", "HCC", "RCC", "GC", "BC", "PC", "IV", "II", "III", "VI", "MS", "ED", "GI", "UK", "USA",
      "FDA", "EMA", "WHO", "NCCN", "ASCO", "ESMO", "SEER", "QOL", "LVEF", "ECOG", "RCT", "SG", "TKI",
      "MET2", "CAP", "AIM", "IMPACT", "TIME"};
  return kStop;
}

// Upper-case English words that are also gene symbols or aliases: imported
// as ambiguous forms, which count only with context.
const std::unordered_set<std::string_view>& EnglishWordSymbols() {
  static const std::unordered_set<std::string_view> kWords = {
      "MET", "ALK",  // also metabolic equivalent / metastasis, alkaline
      "CAT", "SET", "CAN", "FOR", "AND", "NOT", "THE", "WAS", "HAS", "MAY", "ONE", "TWO", "ARE",
      "BUT", "ITS", "MAP", "SHE", "HIS", "HER", "LAMP", "CAMP", "COPE", "GAP", "PAN", "TOP", "MAX",
      "MIN", "ATM2", "CELL", "BAD", "BID", "CAPS", "CLOCK", "FAT", "GOLD", "HOT", "KIT2", "LIGHT",
      "MASS", "NEU", "NOV", "OCT", "PIGS", "POLE", "RAN", "REST", "RING", "SHARP", "SPAST", "TANK",
      "TEN", "WAS", "STAR", "SHE", "CAR", "ACE", "ACT", "AGE", "AID", "ARC", "ART", "BAT", "BOX",
      "CAST", "CHIP", "CLAMP", "COIL", "CUT", "DAM", "END", "FACT", "FAST", "FLAP", "GAS", "HIP",
      "HOLE", "IMP", "JUN2", "LAST", "LED", "MAGIC", "MARK", "MICE", "MOB", "NET", "OPEN", "PAL",
      "PEST", "PIN", "PLAN", "POT", "RAGE", "SAFE", "SCAR", "SHIP", "SIGN", "SLIM", "SMART", "SON",
      "SPIN", "STOP", "TAG", "TRAP", "TUB", "WARS", "WISP", "ZIP"};
  return kWords;
}

}  // namespace

bool IsGeneStopWord(std::string_view symbol) {
  return ClinicalAbbreviations().count(symbol) > 0 || EnglishWordSymbols().count(symbol) > 0;
}

bool IsAmbiguousGeneForm(std::string_view form) { return EnglishWordSymbols().count(form) > 0; }

bool IsGenericGeneWord(std::string_view alias) {
  static const std::unordered_set<std::string_view> kGeneric = {
      "homodimer", "heterodimer", "homeobox", "alpha-chain", "beta-chain", "zeta", "armadillo",
      "jerky", "treacle", "fruitless", "morpheus", "etoile", "nessy", "pelle"};
  return kGeneric.count(alias) > 0;
}

Status ImportNcbiGenes(const std::string& tsv_path, std::vector<LexiconEntry>* out) {
  std::string data;
  Status s = ReadAll(tsv_path, &data);
  if (!s.ok()) return s;
  std::vector<std::string_view> lines = Lines(data);
  if (lines.empty() || lines[0].rfind("entrez_gene_id\tsymbol", 0) != 0)
    return Status::ParseError(tsv_path + ": not an NCBI gene symbol table");
  std::vector<std::vector<std::string>> rows;
  std::unordered_map<std::string, int> alias_count;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> raw;
    size_t pos = 0;
    std::string_view l = lines[i];
    while (pos <= l.size()) {
      size_t tab = l.find('\t', pos);
      if (tab == std::string_view::npos) tab = l.size();
      raw.emplace_back(l.substr(pos, tab - pos));
      pos = tab + 1;
    }
    if (raw.size() < 7 || raw[3] != "protein-coding") continue;
    for (const std::string& a : SplitOn(raw[6], "|")) ++alias_count[a];
    rows.push_back(std::move(raw));
  }
  std::unordered_set<std::string> symbols;
  for (const auto& r : rows) symbols.insert(r[1]);
  for (const auto& r : rows) {
    LexiconEntry e;
    e.id = "gene:" + r[1];
    e.type = "gene";
    e.name = r[1];
    e.codes.emplace_back("NCBIGene", r[0]);
    if (r[1].size() >= 2 && !ClinicalAbbreviations().count(r[1]))
      (IsAmbiguousGeneForm(r[1]) ? e.ambiguous : e.case_sensitive).push_back(r[1]);
    if (r[2].size() >= 8) e.synonyms.push_back(r[2]);  // full name, e.g. "erb-b2 receptor tyrosine kinase 2"
    for (const std::string& a : SplitOn(r[6], "|")) {
      if (a.size() < 3 || alias_count[a] > 1 || symbols.count(a) || ClinicalAbbreviations().count(a)) continue;
      bool letter = false, upper_or_digit = false;
      for (char c : a) {
        letter = letter || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        upper_or_digit = upper_or_digit || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      }
      // Short lower-case aliases are fly and mouse names or English words
      // ("not", "kuz", "slim"); generic ones name no gene ("homeobox").
      if (!upper_or_digit && (a.size() <= 4 || IsGenericGeneWord(a))) continue;
      if (letter) (IsAmbiguousGeneForm(a) ? e.ambiguous : e.case_sensitive).push_back(a);
    }
    if (e.case_sensitive.empty() && e.ambiguous.empty() && e.synonyms.empty()) continue;
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

Status ImportDiseaseOntology(const std::string& dir, std::vector<LexiconEntry>* out) {
  namespace fs = std::filesystem;
  std::string data;
  Status s = ReadAll(dir + "/HumanDO.tsv", &data);
  if (!s.ok()) return s;
  std::map<std::string, LexiconEntry> by_doid;
  std::unordered_map<std::string, std::string> label_to_doid;
  std::vector<std::pair<std::string, std::string>> parents;
  for (std::string_view l : Lines(data)) {
    std::vector<std::string> f = SplitOn(l, "\t");
    if (f.size() < 2 || f[0].rfind("DOID:", 0) != 0) continue;
    LexiconEntry& e = by_doid[f[0]];
    e.id = "disease:" + text::Slug(f[1]);
    e.type = "disease";
    e.name = f[1];
    e.codes.emplace_back("DOID", f[0]);
    label_to_doid.emplace(f[1], f[0]);
    if (f.size() > 2) parents.emplace_back(f[0], f[2]);
  }
  for (const auto& [doid, plabel] : parents) {
    auto it = label_to_doid.find(plabel);
    if (it != label_to_doid.end()) by_doid[doid].parent = by_doid[it->second].id;
  }
  for (const auto& [file, code] : {std::pair<const char*, const char*>{"MESHinDO.tsv", "MeSH"},
                                   {"NCIinDO.tsv", "NCIt"}}) {
    std::string x;
    if (!ReadAll(dir + "/" + file, &x).ok()) continue;  // optional tables
    for (std::string_view l : Lines(x)) {
      std::vector<std::string> f = SplitOn(l, "\t");
      if (f.size() < 3 || !by_doid.count(f[0])) continue;
      for (const std::string& xref : SplitOn(f[2], "|")) {
        size_t colon = xref.find(':');
        by_doid[f[0]].codes.emplace_back(code, colon == std::string::npos ? xref : xref.substr(colon + 1));
      }
    }
  }
  std::error_code ec;
  for (const auto& de : fs::directory_iterator(dir, ec)) {
    if (de.path().extension() != ".obo") continue;
    std::string obo;
    if (!ReadAll(de.path().string(), &obo).ok()) continue;
    std::string cur;
    for (std::string_view l : Lines(obo)) {
      if (l.rfind("[Term]", 0) == 0) cur.clear();
      if (l.rfind("id: ", 0) == 0) cur = std::string(l.substr(4));
      if (l.rfind("synonym: \"", 0) != 0 || !by_doid.count(cur)) continue;
      size_t close = l.find("\" ", 10);
      if (close == std::string_view::npos || l.find("EXACT", close) == std::string_view::npos) continue;
      std::string syn(l.substr(10, close - 10));
      auto& syns = by_doid[cur].synonyms;
      if (std::find(syns.begin(), syns.end(), syn) == syns.end()) syns.push_back(syn);
    }
  }
  for (auto& [doid, e] : by_doid) out->push_back(std::move(e));
  return Status::Ok();
}

}  // namespace ckb::knowledge
