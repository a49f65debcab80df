// SPDX-License-Identifier: GPL-3.0-or-later
// One PubMed XML record -> Document: identifiers, bibliographic fields,
// structured abstract, MeSH, publication types, trial registry numbers from
// the DataBankList and the reference list.
#include <string>

#include <re2/re2.h>

#include "text/identifiers.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/format_util.h"
#include "citations/refstring.h"
#include "readers/internal/xml_dom.h"

namespace ckb::readers {
namespace {

std::string PubDate(const xmlNode* d) {
  if (!d) return "";
  std::string medline = XmlPathText(d, "MedlineDate");
  if (!medline.empty()) return NormalizeDate(medline);
  return IsoDate(XmlPathText(d, "Year"), XmlPathText(d, "Month"), XmlPathText(d, "Day"));
}

std::string Abstract(const xmlNode* abs) {
  std::string out;
  for (const xmlNode* t : XmlChildren(abs, "AbstractText")) {
    std::string text = XmlText(t);
    if (text.empty()) continue;
    std::string label = XmlAttr(t, "Label");
    if (!out.empty()) out += ' ';
    out += label.empty() ? text : label + ": " + text;
  }
  return out;
}

void ReadAuthors(const xmlNode* list, Work* w) {
  for (const xmlNode* a : XmlChildren(list, "Author")) {
    if (XmlAttr(a, "ValidYN") == "N") continue;
    std::string collective = XmlPathText(a, "CollectiveName");
    std::string last = XmlPathText(a, "LastName");
    std::string initials = XmlPathText(a, "Initials");
    if (!last.empty()) {
      w->authors.push_back(initials.empty() ? last : last + " " + initials);
    } else if (!collective.empty()) {
      w->authors.push_back(collective);
    }
  }
}

void ReadIds(const xmlNode* list, Work* w) {
  for (const xmlNode* id : XmlChildren(list, "ArticleId")) {
    std::string type = XmlAttr(id, "IdType");
    std::string v = XmlText(id);
    if (type == "doi" && w->doi.empty()) w->doi = text::NormalizeDoi(v);
    if (type == "pmc" && w->pmcid.empty()) w->pmcid = NormalizePmcid(v);
    if (type == "pubmed" && w->pmid.empty()) w->pmid = NormalizePmid(v);
  }
}

void ReadDataBanks(const xmlNode* article, Work* w) {
  for (const xmlNode* bank : XmlChildren(XmlChild(article, "DataBankList"), "DataBank")) {
    if (!IsTrialRegistryName(XmlPathText(bank, "DataBankName"))) continue;
    std::string name = XmlPathText(bank, "DataBankName");
    for (const xmlNode* n : XmlChildren(XmlChild(bank, "AccessionNumberList"), "AccessionNumber")) {
      std::string id = RegistryAccessionId(name, XmlText(n));
      if (!id.empty()) AddUnique(&w->registry_ids, id);
    }
  }
}

void ReadReferences(const xmlNode* pubmed_data, Document* doc) {
  for (const xmlNode* ref : XmlDescendants(pubmed_data, "Reference")) {
    std::string citation = XmlPathText(ref, "Citation");
    if (citation.empty()) continue;
    Reference r = citations::ParseReferenceString(citation);
    r.raw = citation;
    for (const xmlNode* id : XmlChildren(XmlChild(ref, "ArticleIdList"), "ArticleId")) {
      std::string type = XmlAttr(id, "IdType");
      std::string v = XmlText(id);
      if (type == "doi") r.doi = text::NormalizeDoi(v);
      if (type == "pmc") r.pmcid = NormalizePmcid(v);
      if (type == "pubmed") r.pmid = NormalizePmid(v);
    }
    if (r.doi.empty()) {
      auto dois = text::FindDois(citation);
      if (!dois.empty()) r.doi = dois[0];
    }
    if (r.nct.empty()) r.nct = text::FindNctIds(citation);
    r.n = static_cast<int>(doc->references.size()) + 1;
    doc->references.push_back(std::move(r));
  }
}

void ReadHistory(const xmlNode* pubmed_data, Work* w) {
  for (const xmlNode* d : XmlChildren(XmlChild(pubmed_data, "History"), "PubMedPubDate")) {
    std::string status = XmlAttr(d, "PubStatus");
    std::string iso = PubDate(d);
    if (!status.empty() && !iso.empty()) w->dates[status] = iso;
  }
}

void ReadArticle(const xmlNode* art, Work* w) {
  w->title = StripTitlePeriod(XmlPathText(art, "ArticleTitle"));
  if (w->title.empty()) w->title = StripTitlePeriod(XmlPathText(art, "VernacularTitle"));
  const xmlNode* journal = XmlChild(art, "Journal");
  w->journal = XmlPathText(journal, "Title");
  w->journal_abbrev = XmlPathText(journal, "ISOAbbreviation");
  w->volume = XmlPathText(journal, "JournalIssue/Volume");
  w->issue = XmlPathText(journal, "JournalIssue/Issue");
  const xmlNode* pubdate = XmlPath(journal, "JournalIssue/PubDate");
  std::string published = PubDate(pubdate);
  if (!published.empty()) w->dates["published"] = published;
  w->pages = XmlPathText(art, "Pagination/MedlinePgn");
  if (w->pages.empty()) {
    std::string sp = XmlPathText(art, "Pagination/StartPage");
    std::string ep = XmlPathText(art, "Pagination/EndPage");
    w->pages = ep.empty() ? sp : sp + "-" + ep;
  }
  for (const xmlNode* e : XmlChildren(art, "ELocationID")) {
    if (XmlAttr(e, "EIdType") == "doi" && w->doi.empty()) w->doi = text::NormalizeDoi(XmlText(e));
    if (XmlAttr(e, "EIdType") == "pii" && w->pages.empty()) w->pages = XmlText(e);
  }
  w->abstract = Abstract(XmlChild(art, "Abstract"));
  ReadAuthors(XmlChild(art, "AuthorList"), w);
  w->lang = LanguageCode(XmlPathText(art, "Language"));
  for (const xmlNode* t : XmlChildren(XmlChild(art, "PublicationTypeList"), "PublicationType")) {
    AddUnique(&w->pub_types, XmlText(t));
  }
  const xmlNode* article_date = XmlChild(art, "ArticleDate");
  if (article_date) w->dates["online"] = PubDate(article_date);
  w->year = FindYear(published);
  if (!w->year && article_date) w->year = FindYear(XmlPathText(article_date, "Year"));
  ReadDataBanks(art, w);
}

std::string ReadCitation(const xmlNode* mc, Document* doc) {
  Work& w = doc->work;
  w.pmid = NormalizePmid(XmlPathText(mc, "PMID"));
  if (w.pmid.empty()) return "record without a PMID";
  const xmlNode* art = XmlChild(mc, "Article");
  if (!art) return "record " + w.pmid + " without an <Article>";
  ReadArticle(art, &w);
  for (const xmlNode* h : XmlChildren(XmlChild(mc, "MeshHeadingList"), "MeshHeading")) {
    AddUnique(&w.mesh, XmlPathText(h, "DescriptorName"));
  }
  for (const xmlNode* list : XmlChildren(mc, "KeywordList")) {
    for (const xmlNode* k : XmlChildren(list, "Keyword")) AddUnique(&w.keywords, XmlText(k));
  }
  if (w.abstract.empty()) w.abstract = Abstract(XmlChild(mc, "OtherAbstract"));
  std::string completed = PubDate(XmlChild(mc, "DateCompleted"));
  if (!completed.empty()) w.dates["completed"] = completed;
  std::string revised = PubDate(XmlChild(mc, "DateRevised"));
  if (!revised.empty()) w.dates["revised"] = revised;
  return "";
}

std::string ReadBook(const xmlNode* rec, Document* doc) {
  Work& w = doc->work;
  const xmlNode* bd = XmlChild(rec, "BookDocument");
  w.pmid = NormalizePmid(XmlPathText(bd, "PMID"));
  if (w.pmid.empty()) return "book record without a PMID";
  w.type = "book";
  const xmlNode* book = XmlChild(bd, "Book");
  w.title = StripTitlePeriod(XmlPathText(bd, "ArticleTitle"));
  if (w.title.empty()) w.title = StripTitlePeriod(XmlPathText(book, "BookTitle"));
  w.journal = XmlPathText(book, "Publisher/PublisherName");
  std::string published = PubDate(XmlChild(book, "PubDate"));
  if (!published.empty()) w.dates["published"] = published;
  w.year = FindYear(published);
  w.abstract = Abstract(XmlChild(bd, "Abstract"));
  ReadAuthors(XmlChild(bd, "AuthorList"), &w);
  w.lang = LanguageCode(XmlPathText(bd, "Language"));
  for (const xmlNode* t : XmlChildren(bd, "PublicationType")) AddUnique(&w.pub_types, XmlText(t));
  return "";
}

}  // namespace

std::string LanguageCode(const std::string& code) {
  static const char* kMap[][2] = {
      {"eng", "en"}, {"chi", "zh"}, {"zho", "zh"}, {"ger", "de"}, {"deu", "de"}, {"fre", "fr"},
      {"fra", "fr"}, {"spa", "es"}, {"jpn", "ja"}, {"ita", "it"}, {"rus", "ru"}, {"por", "pt"},
      {"kor", "ko"}, {"dut", "nl"}, {"nld", "nl"}, {"pol", "pl"}, {"swe", "sv"}, {"dan", "da"},
      {"nor", "no"}, {"fin", "fi"}, {"tur", "tr"}, {"heb", "he"}, {"ara", "ar"}, {"cze", "cs"},
      {"ces", "cs"}, {"hun", "hu"}, {"gre", "el"}, {"ell", "el"}, {"per", "fa"}, {"fas", "fa"},
      {"english", "en"}, {"chinese", "zh"}, {"german", "de"}, {"french", "fr"},
      {"spanish", "es"}, {"japanese", "ja"}};
  std::string c = LowerAscii(Trim(code));
  for (const auto& m : kMap) {
    if (c == m[0]) return m[1];
  }
  return c;
}

std::string WorkTypeFromPubTypes(const std::vector<std::string>& pub_types) {
  std::string type = "article";
  for (const std::string& raw : pub_types) {
    std::string t = LowerAscii(raw);
    if (t == "review" || t == "systematic review" || t == "meta-analysis" ||
        t == "scoping review") {
      return "review";
    }
    if (t == "editorial") type = "editorial";
    if (t == "letter" && type == "article") type = "letter";
    if (t == "comment" && type == "article") type = "comment";
    if (t == "published erratum") type = "correction";
    if (t == "preprint" && type == "article") type = "preprint";
  }
  return type;
}

std::string StripTitlePeriod(std::string title) {
  if (title.size() > 1 && title.back() == '.' && title[title.size() - 2] != '.') title.pop_back();
  return title;
}

bool IsTrialRegistryName(const std::string& name) {
  static const char* kRegistries[] = {"clinicaltrials.gov", "isrctn",  "chictr", "eudract",
                                      "anzctr",             "ctri",    "drks",   "jprn",
                                      "ntr",                "pactr",   "rebec",  "rpcec",
                                      "slctr",              "tctr",    "umin",   "irct",
                                      "kct",                "cris",    "euctr", "ctis"};
  std::string n = LowerAscii(name);
  for (const char* r : kRegistries) {
    if (n.find(r) != std::string::npos) return true;
  }
  return false;
}

std::string RegistryAccessionId(const std::string& bank, const std::string& accession) {
  std::string acc = Trim(accession);
  auto nct = text::FindNctIds(acc);
  if (!nct.empty()) return nct[0];
  std::string b = LowerAscii(bank), lower = LowerAscii(acc);
  std::string digits;
  for (char c : acc) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  static const RE2 eudract(R"(((?:19|20)\d{2}-\d{6}-\d{2}))");
  std::string e;
  if ((b.find("eudract") != std::string::npos || b.find("euctr") != std::string::npos ||
       lower.find("eudract") != std::string::npos) &&
      RE2::PartialMatch(acc, eudract, &e)) {
    return "EudraCT-" + e;
  }
  if ((b.find("isrctn") != std::string::npos || lower.find("isrctn") != std::string::npos) &&
      digits.size() == 8) {
    return "ISRCTN" + digits;
  }
  if (lower.rfind("chictr", 0) == 0) return "ChiCTR" + UpperAscii(acc.substr(6));
  return acc;
}

std::string PubmedRecordToDocument(const xmlNode* record, Document* doc) {
  std::string_view name = XmlName(record);
  std::string problem;
  if (name == "PubmedBookArticle") {
    problem = ReadBook(record, doc);
    if (problem.empty()) ReadIds(XmlPath(record, "PubmedBookData/ArticleIdList"), &doc->work);
    return problem;
  }
  const xmlNode* mc = name == "MedlineCitation" ? record : XmlChild(record, "MedlineCitation");
  if (!mc) return "record without a <MedlineCitation>";
  problem = ReadCitation(mc, doc);
  if (!problem.empty()) return problem;
  const xmlNode* pubmed_data = XmlChild(record, "PubmedData");
  ReadIds(XmlChild(pubmed_data, "ArticleIdList"), &doc->work);
  ReadHistory(pubmed_data, &doc->work);
  for (const xmlNode* list : XmlChildren(pubmed_data, "ReferenceList")) ReadReferences(list, doc);
  Work& w = doc->work;
  w.type = WorkTypeFromPubTypes(w.pub_types);
  for (const std::string& id : text::FindNctIds(w.abstract)) AddUnique(&w.registry_ids, id);
  return "";
}

}  // namespace ckb::readers
