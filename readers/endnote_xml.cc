// SPDX-License-Identifier: GPL-3.0-or-later
// EndNote XML (File > Export > XML): <xml><records><record> ... with every
// value wrapped in <style> runs. Parsed whole under the hardened libxml2
// options (readers/xml_safe.h). docs/FORMATS.md has the field mapping.
#include <string>

#include "readers/formats.h"
#include "readers/internal/format_util.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/xml_dom.h"
#include "text/identifiers.h"

namespace ckb::readers {
namespace {

// <ref-type name="Journal Article">17</ref-type>.
std::string WorkType(const std::string& name) {
  std::string n = LowerAscii(name);
  if (n.find("journal") != std::string::npos || n.find("magazine") != std::string::npos ||
      n.find("newspaper") != std::string::npos) {
    return "article";
  }
  if (n.find("book") != std::string::npos) return "book";
  if (n.find("conference") != std::string::npos) return "conference";
  if (n.find("thesis") != std::string::npos) return "thesis";
  if (n.find("report") != std::string::npos) return "report";
  if (n.find("web page") != std::string::npos || n.find("blog") != std::string::npos) return "web";
  if (n.find("dataset") != std::string::npos) return "dataset";
  if (n.find("patent") != std::string::npos) return "patent";
  return "reference";
}

std::vector<std::string> Texts(const xmlNode* n, const char* path, const char* item) {
  std::vector<std::string> out;
  for (const xmlNode* c : XmlChildren(XmlPath(n, path), item)) AddUnique(&out, XmlText(c));
  return out;
}

// PubMed records imported into EndNote carry the PMID as the accession
// number, with NLM as the database provider.
bool FromPubmed(const xmlNode* r) {
  std::string db = LowerAscii(XmlPathText(r, "remote-database-provider") + " " +
                              XmlPathText(r, "remote-database-name"));
  return db.find("nlm") != std::string::npos || db.find("pubmed") != std::string::npos ||
         db.find("medline") != std::string::npos;
}

void MapIds(const xmlNode* r, Work* w) {
  w->doi = text::NormalizeDoi(XmlPathText(r, "electronic-resource-num"));
  std::vector<std::string> urls = Texts(r, "urls/related-urls", "url");
  if (!urls.empty()) w->url = urls.front();
  for (const std::string& u : urls) {
    if (w->doi.empty() && u.find("doi.org/") != std::string::npos) w->doi = text::NormalizeDoi(u);
  }
  if (FromPubmed(r)) w->pmid = NormalizePmid(XmlPathText(r, "accession-num"));
  std::string notes = XmlPathText(r, "notes");
  if (w->pmid.empty()) w->pmid = text::FindPmid(notes);
  for (const char* field : {"custom2", "notes", "custom1"}) {
    if (w->pmcid.empty()) w->pmcid = text::FindPmcid(XmlPathText(r, field));
  }
  for (const std::string& s : {notes, w->abstract, w->title}) {
    for (std::string& id : text::FindNctIds(s)) AddUnique(&w->registry_ids, std::move(id));
  }
  w->source_id = XmlPathText(r, "rec-number");
}

Document MapRecord(const xmlNode* r) {
  Document doc;
  Work& w = doc.work;
  w.type = WorkType(XmlAttr(XmlChild(r, "ref-type"), "name"));
  w.title = XmlPathText(r, "titles/title");
  for (const std::string& a : Texts(r, "contributors/authors", "author")) {
    std::string name = PersonFromCommaForm(a);
    if (!name.empty()) w.authors.push_back(std::move(name));
  }
  w.journal = XmlPathText(r, "periodical/full-title");
  if (w.journal.empty()) w.journal = XmlPathText(r, "titles/secondary-title");
  w.journal_abbrev = XmlPathText(r, "periodical/abbr-1");
  if (w.journal_abbrev.empty()) w.journal_abbrev = XmlPathText(r, "titles/alt-title");
  if (w.journal_abbrev == w.journal) w.journal_abbrev.clear();
  std::string year = XmlPathText(r, "dates/year");
  w.year = FindYear(year);
  std::string iso = NormalizeDate(year + " " + XmlPathText(r, "dates/pub-dates/date"));
  if (iso.empty()) iso = NormalizeDate(year);
  if (!iso.empty()) w.dates["published"] = iso;
  w.volume = XmlPathText(r, "volume");
  w.issue = XmlPathText(r, "number");
  if (w.issue.empty()) w.issue = XmlPathText(r, "issue");
  w.pages = XmlPathText(r, "pages");
  w.abstract = XmlPathText(r, "abstract");
  w.keywords = Texts(r, "keywords", "keyword");
  w.lang = LanguageCode(LowerAscii(XmlPathText(r, "language")));
  std::string work_type = XmlPathText(r, "work-type");
  if (!work_type.empty()) w.pub_types.push_back(work_type);
  if (LowerAscii(work_type).find("review") != std::string::npos) w.type = "review";
  MapIds(r, &w);
  return doc;
}

}  // namespace

int SniffEndnoteXml(std::string_view filename, std::string_view head) {
  if (!StartsWithChar(head, '<')) return 0;
  bool records = head.find("<records>") != std::string_view::npos;
  bool record = head.find("<record>") != std::string_view::npos;
  bool xml_root = head.find("<xml>") != std::string_view::npos;
  bool ref_type = head.find("<ref-type") != std::string_view::npos;
  if (xml_root && records && (record || ref_type)) return HasExtension(filename, {".xml"}) ? 95 : 90;
  return 0;
}

Status ParseEndnoteXml(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxXmlBytes));
  CKB_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseXmlDocument(bytes, in.name()));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const xmlNode* records = IsElement(root, "records") ? root : XmlChild(root, "records");
  if (!IsElement(root, "xml") && !IsElement(root, "records")) {
    return Status::ParseError(in.name() + ": not EndNote XML (the root element is <" + std::string(XmlName(root)) +
                              ">, not <xml>)");
  }
  int64_t record = 0;
  for (const xmlNode* r : XmlChildren(records, "record")) {
    ++record;
    Document d = MapRecord(r);
    d.record = record;
    d.line = xmlGetLineNo(r);
    if (d.work.title.empty() && d.work.doi.empty() && d.work.pmid.empty()) {
      sink.OnDiagnostic({in.name(), d.line, record, "EndNote record without title or identifier; skipped"});
      continue;
    }
    sink.OnDocument(std::move(d));
  }
  if (record == 0) return Status::ParseError(in.name() + ": EndNote XML without <record>");
  return Status::Ok();
}

}  // namespace ckb::readers
