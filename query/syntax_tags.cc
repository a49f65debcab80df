// SPDX-License-Identifier: GPL-3.0-or-later
// Field names and PubMed field tags of the query language: which stored
// field a `name:` or `[tag]` selects, and why a PubMed tag ckb cannot honour
// is refused (docs/QUERY.md has the table).
#include <map>
#include <string>

#include "query/syntax.h"

namespace ckb::query {

namespace {

const std::map<std::string, std::string, std::less<>>& FieldNames() {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"title", "title"},       {"ti", "title"},          {"abstract", "abstract"}, {"ab", "abstract"},
      {"tiab", "tiab"},         {"author", "author"},     {"au", "author"},         {"journal", "journal"},
      {"year", "year"},         {"doi", "doi"},           {"pmid", "pmid"},         {"pmcid", "pmcid"},
      {"nct", "nct"},           {"drug", "drug"},         {"class", "class"},       {"biomarker", "biomarker"},
      {"gene", "gene"},         {"disease", "disease"},   {"trial", "trial"},       {"design", "design"},
      {"phase", "phase"},       {"type", "type"},         {"lang", "lang"},         {"language", "lang"},
      {"section", "section"},   {"cites", "cites"},       {"cited-by", "cited-by"}, {"citedby", "cited-by"},
      {"body", "body"},         {"ref", "ref"},           {"keyword", "keyword"},   {"mesh", "mesh"},
      {"mh", "mesh"},           {"pt", "pt"},             {"source", "source"},     {"text", "text"},
      {"hr", "hr"},
  };
  return kNames;
}

}  // namespace

std::string FieldForName(std::string_view name) {
  auto it = FieldNames().find(name);
  return it == FieldNames().end() ? std::string() : it->second;
}

std::string KnownFieldList() {
  std::string out;
  for (const auto& [name, field] : FieldNames()) {
    if (name == field) out += (out.empty() ? "" : " ") + name + ":";
  }
  return out;
}

const std::map<std::string, std::string, std::less<>>& TagFields() {
  static const std::map<std::string, std::string, std::less<>> kTags = {
      {"tiab", "tiab"},        {"title/abstract", "tiab"}, {"ti", "title"},       {"title", "title"},
      {"ab", "abstract"},      {"abstract", "abstract"},   {"au", "author"},      {"author", "author"},
      {"fau", "author"},       {"full author name", "author"}, {"1au", "author"}, {"author - first", "author"},
      {"lastau", "author"},    {"author - last", "author"}, {"ta", "journal"},    {"journal", "journal"},
      {"jour", "journal"},     {"dp", "year"},             {"pdat", "year"},      {"publication date", "year"},
      {"date - publication", "year"}, {"si", "nct"},       {"secondary source id", "nct"}, {"pt", "pt"},
      {"publication type", "pt"}, {"mh", "mesh"},          {"mesh", "mesh"},      {"mesh terms", "mesh"},
      {"majr", "mesh"},        {"mesh major topic", "mesh"}, {"mh:noexp", "mesh"}, {"mesh:noexp", "mesh"},
      {"mesh terms:noexp", "mesh"}, {"la", "lang"},        {"language", "lang"},  {"tw", "text"},
      {"text word", "text"},   {"all", "text"},            {"all fields", "text"}, {"pmid", "pmid"},
      {"uid", "pmid"},         {"doi", "doi"},             {"lid", "doi"},        {"aid", "doi"},
      {"nm", "drug"},          {"supplementary concept", "drug"}, {"substance name", "drug"}, {"ot", "keyword"},
      {"other term", "keyword"}, {"kw", "keyword"},
      {"cn", "author"},        {"corporate author", "author"},
  };
  return kTags;
}

std::string FieldForTag(std::string_view tag) {
  auto it = TagFields().find(tag);
  return it == TagFields().end() ? std::string() : it->second;
}

std::string UnsupportedTagReason(std::string_view tag) {
  static const std::map<std::string, std::string, std::less<>> kReasons = {
      {"edat", "Entrez dates are not kept (publication dates are); use [dp]"},
      {"date - entry", "Entrez dates are not kept (publication dates are); use [dp]"},
      {"crdt", "creation dates are not kept; use [dp]"},
      {"date - create", "creation dates are not kept; use [dp]"},
      {"mhda", "MeSH dates are not kept; use [dp]"},
      {"date - mesh", "MeSH dates are not kept; use [dp]"},
      {"lr", "revision dates are not searchable; use [dp]"},
      {"date - last revision", "revision dates are not searchable; use [dp]"},
      {"dcom", "completion dates are not searchable; use [dp]"},
      {"date - completion", "completion dates are not searchable; use [dp]"},
      {"sb", "PubMed subsets are not kept"},
      {"subset", "PubMed subsets are not kept"},
      {"filter", "PubMed filters are not kept"},
      {"ad", "affiliations are not indexed"},
      {"affil", "affiliations are not indexed"},
      {"affiliation", "affiliations are not indexed"},
      {"sh", "MeSH subheadings are not indexed apart from their headings"},
      {"mesh subheading", "MeSH subheadings are not indexed apart from their headings"},
      {"gr", "grant numbers are not indexed"},
      {"grant number", "grant numbers are not indexed"},
      {"ir", "investigators are not indexed"},
      {"investigator", "investigators are not indexed"},
      {"pa", "pharmacological actions are not indexed; use drug: or class:"},
      {"pharmacological action", "pharmacological actions are not indexed; use drug: or class:"},
      {"pl", "places of publication are not indexed"},
      {"place of publication", "places of publication are not indexed"},
      {"ps", "personal names as subjects are not indexed"},
      {"tt", "transliterated titles are not indexed"},
      {"vi", "volumes are not searchable"},
      {"volume", "volumes are not searchable"},
      {"ip", "issues are not searchable"},
      {"issue", "issues are not searchable"},
      {"pg", "pages are not searchable"},
      {"pagination", "pages are not searchable"},
      {"is", "ISSNs are not indexed"},
      {"issn", "ISSNs are not indexed"},
      {"cois", "conflict-of-interest statements are not indexed"},
      {"rn", "EC/RN numbers are not indexed"},
      {"ec/rn number", "EC/RN numbers are not indexed"},
      {"jid", "NLM journal ids are not indexed; use [ta]"},
      {"pubn", "publishers are not indexed"},
      {"publisher", "publishers are not indexed"},
      {"book", "book fields are not indexed"},
      {"ed", "editors are not indexed"},
      {"editor", "editors are not indexed"},
  };
  auto it = kReasons.find(tag);
  return it == kReasons.end() ? std::string() : it->second;
}

std::string KnownTagList() {
  return "[tiab] [ti] [ab] [au] [ta] [dp] [pt] [mh] [majr] [la] [tw] [all] [si] [pmid] [doi] [nm] [ot]";
}

}  // namespace ckb::query
