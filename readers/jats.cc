// SPDX-License-Identifier: GPL-3.0-or-later
// PMC and publisher JATS XML (.nxml, .xml): one Document per <article> with
// front matter, abstract, body sections, the reference list and the trial
// numbers stated anywhere in the article.
#include <string>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/jats.h"
#include "readers/internal/format_util.h"
#include "readers/internal/xml_dom.h"

namespace ckb::readers {
namespace {

std::string WorkType(const std::string& article_type) {
  if (article_type == "review-article" || article_type == "systematic-review") return "review";
  if (article_type.empty() || article_type == "research-article" || article_type == "brief-report" ||
      article_type == "rapid-communication" || article_type == "article")
    return "article";
  return article_type;  // editorial, correction, case-report, letter, ...
}

void ReadJournal(const xmlNode* front, Work* w) {
  const xmlNode* jm = XmlChild(front, "journal-meta");
  if (!jm) return;
  w->journal = XmlPathText(jm, "journal-title-group/journal-title");
  if (w->journal.empty()) w->journal = XmlPathText(jm, "journal-title");
  w->journal_abbrev = XmlPathText(jm, "journal-title-group/abbrev-journal-title");
  for (const char* type : {"iso-abbrev", "nlm-ta"}) {
    if (!w->journal_abbrev.empty()) break;
    for (const xmlNode* id : XmlChildren(jm, "journal-id")) {
      if (XmlAttr(id, "journal-id-type") == type) {
        w->journal_abbrev = XmlText(id);
        break;
      }
    }
  }
}

std::string JatsDate(const xmlNode* d) {
  std::string iso = XmlAttr(d, "iso-8601-date");
  if (!iso.empty()) return NormalizeDate(iso);
  return IsoDate(XmlPathText(d, "year"), XmlPathText(d, "month"), XmlPathText(d, "day"));
}

void ReadDates(const xmlNode* meta, Work* w) {
  for (const xmlNode* d : XmlChildren(meta, "pub-date")) {
    std::string type = XmlAttr(d, "pub-type");
    if (type.empty()) type = XmlAttr(d, "date-type");
    std::string format = XmlAttr(d, "publication-format");
    std::string iso = JatsDate(d);
    if (iso.empty()) continue;
    std::string key = "published";
    if (type == "epub" || format == "electronic") key = "online";
    if (type == "collection") key = "collection";
    if (type == "pmc-release") key = "pmc_release";
    if (!w->dates.count(key)) w->dates[key] = iso;
  }
  for (const xmlNode* d : XmlChildren(XmlChild(meta, "history"), "date")) {
    std::string iso = JatsDate(d);
    std::string type = XmlAttr(d, "date-type");
    if (!iso.empty() && !type.empty()) w->dates[type] = iso;
  }
  for (const char* key : {"published", "online", "collection"}) {
    auto it = w->dates.find(key);
    if (it != w->dates.end()) {
      w->year = FindYear(it->second);
      if (w->year) break;
    }
  }
}

void ReadAuthors(const xmlNode* meta, Work* w) {
  for (const xmlNode* group : XmlChildren(meta, "contrib-group")) {
    for (const xmlNode* c : XmlChildren(group, "contrib")) {
      std::string type = XmlAttr(c, "contrib-type");
      if (!type.empty() && type != "author") continue;
      const xmlNode* name = XmlChild(c, "name");
      if (!name) name = XmlChild(c, "string-name");
      if (!name) {
        if (const xmlNode* nm = XmlChild(c, "name-alternatives")) name = XmlChild(nm, "name");
      }
      std::string a = name ? JatsPersonName(name) : XmlTextExcept(XmlChild(c, "collab"), {"contrib-group"});
      if (!a.empty()) w->authors.push_back(a);
      if (w->email.empty()) w->email = XmlPathText(c, "email");
    }
  }
}

// A section's text without its own heading; headings of subsections stay.
std::string SectionText(const xmlNode* sec) {
  std::string out;
  for (const xmlNode* c = sec->children; c; c = c->next) {
    std::string t;
    if (c->type == XML_ELEMENT_NODE) {
      if (IsElement(c, "title") || IsElement(c, "label")) continue;
      t = XmlText(c);
    } else if (c->type == XML_TEXT_NODE && c->content) {
      t = FoldWhitespace(reinterpret_cast<const char*>(c->content));
    }
    if (t.empty()) continue;
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// "LABEL: text" for each titled section of a structured abstract.
std::string AbstractText(const xmlNode* abs) {
  std::vector<const xmlNode*> secs = XmlChildren(abs, "sec");
  if (secs.empty()) return XmlTextExcept(abs, {"title", "object-id"});
  std::string out;
  for (const xmlNode* s : secs) {
    std::string title = XmlPathText(s, "title");
    std::string text = SectionText(s);
    if (text.empty()) continue;
    if (!out.empty()) out += ' ';
    out += title.empty() ? text : title + ": " + text;
  }
  return out;
}

void ReadAbstract(const xmlNode* meta, Work* w) {
  const xmlNode* chosen = nullptr;
  for (const xmlNode* a : XmlChildren(meta, "abstract")) {
    if (XmlAttr(a, "abstract-type").empty()) {
      chosen = a;
      break;
    }
    if (!chosen) chosen = a;
  }
  if (chosen) w->abstract = AbstractText(chosen);
}

void ReadFront(const xmlNode* article, Document* doc) {
  Work& w = doc->work;
  w.type = WorkType(XmlAttr(article, "article-type"));
  w.lang = LowerAscii(XmlAttr(article, "lang"));
  const xmlNode* front = XmlChild(article, "front");
  ReadJournal(front, &w);
  const xmlNode* meta = XmlChild(front, "article-meta");
  if (!meta) return;
  for (const xmlNode* id : XmlChildren(meta, "article-id")) {
    std::string kind = XmlAttr(id, "pub-id-type");
    std::string v = XmlText(id);
    if (kind == "doi") w.doi = text::NormalizeDoi(v);
    if (kind == "pmid") w.pmid = NormalizePmid(v);
    if (kind == "pmcid" || kind == "pmc") w.pmcid = NormalizePmcid(v);
  }
  w.title = XmlPathText(meta, "title-group/article-title");
  std::string subtitle = XmlPathText(meta, "title-group/subtitle");
  if (!subtitle.empty()) w.title += ": " + subtitle;
  ReadAuthors(meta, &w);
  ReadDates(meta, &w);
  w.volume = XmlPathText(meta, "volume");
  w.issue = XmlPathText(meta, "issue");
  std::string fpage = XmlPathText(meta, "fpage");
  std::string lpage = XmlPathText(meta, "lpage");
  w.pages = lpage.empty() ? fpage : fpage + "-" + lpage;
  if (w.pages.empty()) w.pages = XmlPathText(meta, "elocation-id");
  ReadAbstract(meta, &w);
  for (const xmlNode* g : XmlChildren(meta, "kwd-group")) {
    for (const xmlNode* k : XmlChildren(g, "kwd")) AddUnique(&w.keywords, XmlText(k));
  }
  for (const xmlNode* g : XmlChildren(XmlChild(meta, "article-categories"), "subj-group")) {
    if (XmlAttr(g, "subj-group-type") == "heading") {
      AddUnique(&w.pub_types, XmlPathText(g, "subject"));
    }
  }
}

void ReadBody(const xmlNode* article, Work* w) {
  const xmlNode* body = XmlChild(article, "body");
  if (!body) return;
  std::string loose;  // paragraphs outside any section
  for (const xmlNode* c : XmlChildren(body)) {
    if (IsElement(c, "sec")) {
      Section s;
      s.name = XmlPathText(c, "title");
      s.text = SectionText(c);
      if (!s.text.empty()) w->sections.push_back(std::move(s));
    } else {
      std::string t = XmlText(c);
      if (!t.empty()) loose += (loose.empty() ? "" : " ") + t;
    }
  }
  if (!loose.empty()) w->sections.insert(w->sections.begin(), Section{"", loose});
}

// Trial numbers in the article's text and link targets (the reference list
// is left out: a cited trial is not one the article reports).
void ReadRegistryIds(const xmlNode* article, Work* w) {
  std::string text = XmlTextExcept(article, {"ref-list"});
  for (const char* tag : {"ext-link", "uri", "related-object"}) {
    for (const xmlNode* l : XmlDescendants(article, tag)) {
      if (XmlName(l->parent) == "element-citation" || XmlName(l->parent) == "mixed-citation") continue;
      text += ' ' + XmlAttr(l, "href") + ' ' + XmlAttr(l, "document-id");
    }
  }
  w->registry_ids = text::FindNctIds(text);
}

Document ParseArticle(const xmlNode* article) {
  Document doc;
  ReadFront(article, &doc);
  ReadBody(article, &doc.work);
  ReadRegistryIds(article, &doc.work);
  doc.references = ParseJatsReferences(article);
  return doc;
}

}  // namespace

int SniffJats(std::string_view filename, std::string_view head) {
  bool nxml = HasExtension(filename, {".nxml"});
  if (!head.empty() && !StartsWithChar(head, '<')) return 0;
  // "<article " / "<article>" but not "<article-title>".
  bool article = false;
  for (size_t p = head.find("<article"); p != std::string_view::npos; p = head.find("<article", p + 1)) {
    char next = p + 8 < head.size() ? head[p + 8] : ' ';
    if (next == ' ' || next == '>' || next == '\n' || next == '\r' || next == '\t') article = true;
  }
  bool set = head.find("<pmc-articleset") != std::string_view::npos;
  if (nxml && (article || set || head.empty())) return 95;
  if (!article && !set) return nxml ? 60 : 0;
  bool jats_mark = head.find("JATS") != std::string_view::npos ||
                   head.find("journalpublishing") != std::string_view::npos ||
                   head.find("journal-publishing") != std::string_view::npos ||
                   head.find("archivearticle") != std::string_view::npos ||
                   head.find("<front>") != std::string_view::npos ||
                   head.find("article-type=") != std::string_view::npos ||
                   head.find("dtd-version=") != std::string_view::npos;
  if (set) return 90;
  if (jats_mark) return HasExtension(filename, {".xml"}) ? 90 : 80;
  return 0;
}

Status ParseJats(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxXmlBytes));
  CKB_ASSIGN_OR_RETURN(XmlDocPtr xml, ParseXmlDocument(bytes, in.name()));
  const xmlNode* root = xmlDocGetRootElement(xml.get());
  std::vector<const xmlNode*> articles;
  if (IsElement(root, "article")) {
    articles.push_back(root);
  } else {
    articles = XmlChildren(root, "article");
  }
  if (articles.empty()) {
    return Status::ParseError(in.name() + ": no JATS <article> element (root is <" +
                              std::string(XmlName(root)) + ">)");
  }
  int64_t record = 0;
  for (const xmlNode* a : articles) {
    ++record;
    Document doc = ParseArticle(a);
    doc.record = record;
    doc.line = xmlGetLineNo(a);
    if (doc.work.title.empty() && doc.work.doi.empty() && doc.work.pmid.empty() &&
        doc.work.pmcid.empty()) {
      sink.OnDiagnostic({in.name(), doc.line, record, "article without title or identifier; skipped"});
      continue;
    }
    sink.OnDocument(std::move(doc));
  }
  return Status::Ok();
}

}  // namespace ckb::readers
