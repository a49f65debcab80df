// SPDX-License-Identifier: GPL-3.0-or-later
// Loading tagged reference-string gold sets for eval_citations: JATS
// <ref> citations, AnyStyle <sequence> XML and GROBID TEI <bibl> (read from its
// tar.gz). XML is parsed with XML_PARSE_NONET only; documents that declare
// entities in an internal subset are refused.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cctype>
#include <dirent.h>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "citations/reftagger.h"

namespace ckb::eval {

// One gold reference: the plain printed string and its tagged fields
// (empty = not tagged). `authors` is the author text as printed.
struct GoldRef {
  std::string set, source, text;
  std::string authors, title, journal, year, volume, issue, pages, doi;
  // Field label of every byte of `text` (citations::RefLabel); empty when the
  // set's markup does not give spans (printed JATS).
  std::vector<uint8_t> labels;
};

// Text with a label per byte, built piece by piece.
struct Labelled {
  std::string text;
  std::vector<uint8_t> labels;
  void Add(const std::string& piece, uint8_t label) {
    text += piece;
    labels.insert(labels.end(), piece.size(), label);
  }
};

// FoldSpaces carrying the labels along.
inline Labelled FoldLabelled(const Labelled& in) {
  Labelled out;
  bool sp = false;
  for (size_t i = 0; i < in.text.size(); ++i) {
    char c = in.text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      sp = !out.text.empty();
      continue;
    }
    if (sp) out.Add(" ", citations::kRefOther);
    sp = false;
    out.text += c;
    out.labels.push_back(in.labels[i]);
  }
  return out;
}

// Appends every descendant text of `n` with `label`.
inline void CollectText(const xmlNode* n, uint8_t label, Labelled* out) {
  for (const xmlNode* c = n; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out->Add(reinterpret_cast<const char*>(c->content), label);
    } else if (c->type == XML_ELEMENT_NODE) {
      CollectText(c->children, label, out);
    }
  }
}

inline std::string FoldSpaces(const std::string& s) {
  std::string out;
  bool sp = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      sp = !out.empty();
      continue;
    }
    if (sp) out += ' ';
    sp = false;
    out += c;
  }
  return out;
}

inline std::string Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

inline std::string Attr(const xmlNode* n, const char* a) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(a));
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<char*>(v));
  xmlFree(v);
  return s;
}

inline std::string Text(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<char*>(v));
  xmlFree(v);
  return FoldSpaces(s);
}

inline const xmlNode* Child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && Name(c) == name) return c;
  }
  return nullptr;
}

// Parses XML safely; nullptr (and a message) when refused or malformed.
inline void QuietXml(void*, const char*, ...) {}

inline xmlDoc* ReadXml(const std::string& bytes, const std::string& name, std::string* err) {
  xmlSetGenericErrorFunc(nullptr, QuietXml);
  if (bytes.find("<!ENTITY") != std::string::npos) {
    *err = name + ": declares entities; refused";
    return nullptr;
  }
  xmlDoc* doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) *err = name + ": not well-formed XML";
  return doc;
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> ListDir(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(dir + "/" + n);
    }
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

inline void Walk(const xmlNode* n, const char* name, std::vector<const xmlNode*>* out) {
  for (const xmlNode* c = n; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Name(c) == name) out->push_back(c);
    else Walk(c->children, name, out);
  }
}

// ---- JATS ---------------------------------------------------------------

// Appends `piece`, with a space when two words would otherwise touch.
inline void Put(std::string* out, const std::string& piece) {
  if (piece.empty()) return;
  if (!out->empty() && std::isalnum(static_cast<unsigned char>(out->back())) &&
      std::isalnum(static_cast<unsigned char>(piece.front()))) {
    *out += ' ';
  }
  *out += piece;
}

inline std::string JatsName(const xmlNode* name) {
  std::string s;
  if (const xmlNode* sn = Child(name, "surname")) s = Text(sn);
  if (const xmlNode* gn = Child(name, "given-names")) s += " " + Text(gn);
  if (const xmlNode* sf = Child(name, "suffix")) s += " " + Text(sf);
  return s;
}

// Text of a printed mixed-citation: names as "Surname Given", ids dropped.
inline void JatsPrinted(const xmlNode* n, std::string* out, std::vector<std::string>* names) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      std::string t(reinterpret_cast<const char*>(c->content));
      std::string f = FoldSpaces(t);
      if (!t.empty() && (t.front() == ' ' || t.front() == '\n') && !out->empty() && !f.empty()) *out += ' ';
      Put(out, f);
      if (!t.empty() && (t.back() == ' ' || t.back() == '\n') && !f.empty()) *out += ' ';
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string nm = Name(c);
    if (nm == "pub-id" || nm == "label") continue;
    if (nm == "name") {
      std::string s = JatsName(c);
      names->push_back(s);
      Put(out, s);
    } else if (nm == "collab") {
      names->push_back(Text(c));
      Put(out, Text(c));
    } else if (nm == "person-group" && Attr(c, "person-group-type") == "editor") {
      Put(out, Text(c));
    } else {
      JatsPrinted(c, out, names);
    }
  }
}

inline size_t DirectText(const xmlNode* n) {
  size_t k = 0;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type != XML_TEXT_NODE) continue;
    for (const char* p = reinterpret_cast<const char*>(c->content); *p; ++p) {
      if (!std::isspace(static_cast<unsigned char>(*p))) ++k;
    }
  }
  return k;
}

// One JATS citation element -> gold. Printed mixed-citations keep their own
// punctuation; element-citations (no punctuation) are rendered in the NLM /
// Vancouver layout: "Surname GN, ... et al. Title. Source. Year;Vol(Issue):fp-lp. doi:..."
inline GoldRef JatsGold(const xmlNode* cit, const std::string& set, const std::string& source) {
  GoldRef g;
  g.source = source;
  std::string type = Attr(cit, "publication-type");
  if (type.empty()) type = Attr(cit, "citation-type");
  auto field = [&](const char* name) {
    const xmlNode* c = Child(cit, name);
    return c ? Text(c) : std::string();
  };
  g.title = field("article-title");
  if (g.title.empty()) g.title = field("chapter-title");
  std::string src = field("source");
  if (type == "journal") g.journal = src;
  else if (g.title.empty()) g.title = src;
  g.year = field("year").substr(0, 4);
  g.volume = field("volume");
  g.issue = field("issue");
  g.pages = field("fpage");
  if (g.pages.empty()) g.pages = field("elocation-id");
  std::string doi;
  std::vector<const xmlNode*> ids;
  Walk(cit->children, "pub-id", &ids);
  for (const xmlNode* id : ids) {
    if (Attr(id, "pub-id-type") == "doi") doi = Text(id);
  }
  std::vector<std::string> names;
  bool tagged = false;
  for (const xmlNode* c = cit->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && Name(c) != "pub-id" && Name(c) != "comment") tagged = true;
  }
  if (!tagged) return g;  // an untagged string has no gold fields: skipped
  if (Name(cit) == "mixed-citation" && DirectText(cit) >= 3) {
    g.set = set + "-printed";
    JatsPrinted(cit, &g.text, &names);
    g.text = FoldSpaces(g.text);
    std::string low = g.text, ldoi = doi;
    std::transform(low.begin(), low.end(), low.begin(), ::tolower);
    std::transform(ldoi.begin(), ldoi.end(), ldoi.begin(), ::tolower);
    if (!doi.empty() && low.find(ldoi) != std::string::npos) g.doi = doi;
  } else {
    g.set = set + "-rendered";
    std::vector<const xmlNode*> nodes;
    bool etal = false;
    const xmlNode* pg = Child(cit, "person-group");
    const xmlNode* holder = pg ? pg : cit;
    for (const xmlNode* c = holder->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Name(c) == "name") names.push_back(JatsName(c));
      else if (Name(c) == "collab") names.push_back(Text(c));
      else if (Name(c) == "etal") etal = true;
    }
    using namespace citations;
    Labelled lt;
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) lt.Add(", ", kRefOther);
      lt.Add(names[i], kRefAuthor);
    }
    if (etal) lt.Add(names.empty() ? "et al" : ", et al", kRefOther);
    if (!lt.text.empty()) lt.Add(". ", kRefOther);
    std::string title = field("article-title");
    if (title.empty()) title = field("chapter-title");
    if (!title.empty()) {
      lt.Add(title, kRefTitle);
      char e = title.back();
      lt.Add((e == '.' || e == '?' || e == '!') ? " " : ". ", kRefOther);
    }
    if (!src.empty()) {
      lt.Add(src, type == "journal" ? kRefJournal : title.empty() ? kRefTitle : kRefContainer);
      lt.Add(". ", kRefOther);
    }
    if (type != "journal") {
      std::string loc = field("publisher-loc"), pub = field("publisher-name");
      if (!loc.empty()) {
        lt.Add(loc, kRefPublisher);
        lt.Add(": ", kRefOther);
      }
      if (!pub.empty()) {
        lt.Add(pub, kRefPublisher);
        lt.Add("; ", kRefOther);
      }
    }
    lt.Add(g.year, kRefDate);
    if (!g.volume.empty()) {
      lt.Add(";", kRefOther);
      lt.Add(g.volume, kRefVolume);
    }
    if (!g.issue.empty()) {
      lt.Add("(", kRefOther);
      lt.Add(g.issue, kRefIssue);
      lt.Add(")", kRefOther);
    }
    std::string lp = field("lpage");
    if (!g.pages.empty()) {
      lt.Add(":", kRefOther);
      lt.Add(g.pages + (lp.empty() ? "" : "-" + lp), kRefPages);
    }
    lt.Add(".", kRefOther);
    if (!doi.empty()) {
      lt.Add(" doi:", kRefOther);
      lt.Add(doi, kRefDoi);
    }
    std::string s = lt.text;
    g.labels = lt.labels;
    g.text = s;
    g.doi = doi;
  }
  for (size_t i = 0; i < names.size(); ++i) g.authors += (i ? ", " : "") + names[i];
  return g;
}

inline void LoadJats(const std::string& dir, const std::string& set, std::vector<GoldRef>* out,
                     std::vector<std::string>* errors) {
  for (const std::string& path : ListDir(dir, "xml")) {
    std::string err;
    xmlDoc* doc = ReadXml(ReadFileBytes(path), path, &err);
    if (doc == nullptr) {
      errors->push_back(err);
      continue;
    }
    std::vector<const xmlNode*> refs;
    Walk(xmlDocGetRootElement(doc), "ref", &refs);
    for (const xmlNode* ref : refs) {
      for (const xmlNode* c = ref->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string n = Name(c);
        if (n == "mixed-citation" || n == "element-citation" || n == "citation") {
          GoldRef g = JatsGold(c, set, path.substr(path.rfind('/') + 1));
          if (!g.text.empty()) out->push_back(std::move(g));
          break;
        }
      }
    }
    xmlFreeDoc(doc);
  }
}

// ---- AnyStyle -------------------------------------------------------------

inline uint8_t AnystyleLabel(const std::string& n) {
  using namespace citations;
  if (n == "author") return kRefAuthor;
  if (n == "editor" || n == "translator") return kRefEditor;
  if (n == "title") return kRefTitle;
  if (n == "journal") return kRefJournal;
  if (n == "container-title" || n == "collection-title") return kRefContainer;
  if (n == "date") return kRefDate;
  if (n == "volume") return kRefVolume;
  if (n == "pages") return kRefPages;
  if (n == "doi") return kRefDoi;
  if (n == "publisher" || n == "location") return kRefPublisher;
  return kRefOther;
}

inline void LoadAnystyle(const std::string& path, std::vector<GoldRef>* out, std::vector<std::string>* errors) {
  std::string err;
  xmlDoc* doc = ReadXml(ReadFileBytes(path), path, &err);
  if (doc == nullptr) {
    errors->push_back(err);
    return;
  }
  std::vector<const xmlNode*> seqs;
  Walk(xmlDocGetRootElement(doc), "sequence", &seqs);
  for (const xmlNode* seq : seqs) {
    GoldRef g;
    g.set = "anystyle-gold";
    g.source = "gold.xml";
    for (const xmlNode* c = seq->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string n = Name(c), t = Text(c);
      if (n == "citation-number") continue;  // the list number, stripped as a page list would
      if (!g.text.empty()) {
        g.text += " ";
        g.labels.push_back(citations::kRefOther);
      }
      g.text += t;
      size_t at = g.labels.size();
      g.labels.insert(g.labels.end(), t.size(), AnystyleLabel(n));
      // AnyStyle has no issue tag: "10(3)" in a volume is volume 10, issue 3.
      size_t open = t.find('('), close = t.find(')');
      if (n == "volume" && open != std::string::npos && close != std::string::npos && open < close) {
        for (size_t k = open + 1; k < close; ++k) g.labels[at + k] = citations::kRefIssue;
      }
      if (n == "author" && g.authors.empty()) g.authors = t;
      else if (n == "title" && g.title.empty()) g.title = t;
      else if (n == "journal" && g.journal.empty()) g.journal = t;
      else if (n == "date" && g.year.empty()) g.year = t;
      else if (n == "volume" && g.volume.empty()) g.volume = t;
      else if (n == "pages" && g.pages.empty()) g.pages = t;
      else if (n == "doi" && g.doi.empty()) g.doi = t;
    }
    if (!g.text.empty()) out->push_back(std::move(g));
  }
  xmlFreeDoc(doc);
}

// ---- GROBID TEI (tar.gz) -------------------------------------------------------

inline uint8_t GrobidLabel(const xmlNode* c, bool mono_is_title) {
  using namespace citations;
  std::string n = Name(c), unit = Attr(c, "unit");
  if (unit.empty()) unit = Attr(c, "type");
  std::string level = Attr(c, "level");
  if (n == "author") return kRefAuthor;
  if (n == "editor") return kRefEditor;
  if (n == "title") {
    if (level == "a") return kRefTitle;
    if (level == "j") return kRefJournal;
    if (level == "m" && mono_is_title) return kRefTitle;
    return kRefContainer;
  }
  if (n == "date") return kRefDate;
  if (n == "biblScope") {
    if (unit == "vol" || unit == "volume") return kRefVolume;
    if (unit == "issue") return kRefIssue;
    if (unit == "pp" || unit == "page") return kRefPages;
    return kRefOther;
  }
  if (n == "idno" && Attr(c, "type") == "DOI") return kRefDoi;
  if (n == "publisher" || n == "pubPlace") return kRefPublisher;
  return kRefOther;
}

inline void GrobidFile(const std::string& bytes, const std::string& name, std::vector<GoldRef>* out,
                       std::vector<std::string>* errors) {
  std::string err;
  xmlDoc* doc = ReadXml(bytes, name, &err);
  if (doc == nullptr) {
    errors->push_back(err);
    return;
  }
  std::vector<const xmlNode*> bibls;
  Walk(xmlDocGetRootElement(doc), "bibl", &bibls);
  for (const xmlNode* b : bibls) {
    GoldRef g;
    g.set = "grobid";
    g.source = name;
    g.text = Text(b);
    std::string mono;
    for (const xmlNode* c = b->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string n = Name(c), t = Text(c);
      std::string unit = Attr(c, "unit");
      if (unit.empty()) unit = Attr(c, "type");
      if (n == "author") g.authors += (g.authors.empty() ? "" : ", ") + t;
      else if (n == "title" && Attr(c, "level") == "a" && g.title.empty()) g.title = t;
      else if (n == "title" && Attr(c, "level") == "j" && g.journal.empty()) g.journal = t;
      else if (n == "title" && Attr(c, "level") == "m" && mono.empty()) mono = t;
      else if (n == "date" && g.year.empty()) g.year = t;
      else if (n == "biblScope" && (unit == "vol" || unit == "volume") && g.volume.empty()) g.volume = t;
      else if (n == "biblScope" && unit == "issue" && g.issue.empty()) g.issue = t;
      else if (n == "biblScope" && (unit == "pp" || unit == "page") && g.pages.empty()) g.pages = t;
      else if (n == "idno" && Attr(c, "type") == "DOI" && g.doi.empty()) g.doi = t;
    }
    if (g.title.empty() && g.journal.empty()) g.title = mono;
    Labelled lt;
    for (const xmlNode* c = b->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        lt.Add(reinterpret_cast<const char*>(c->content), citations::kRefOther);
      } else if (c->type == XML_ELEMENT_NODE) {
        CollectText(c->children, GrobidLabel(c, g.title == mono && !mono.empty()), &lt);
      }
    }
    Labelled folded = FoldLabelled(lt);
    if (folded.text == g.text) g.labels = std::move(folded.labels);
    if (!g.text.empty()) out->push_back(std::move(g));
  }
  xmlFreeDoc(doc);
}

inline void LoadGrobid(const std::string& archive_path, std::vector<GoldRef>* out,
                       std::vector<std::string>* errors) {
  struct archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_tar(a);
  if (archive_read_open_filename(a, archive_path.c_str(), 1 << 16) != ARCHIVE_OK) {
    errors->push_back(archive_path + ": " + archive_error_string(a));
    archive_read_free(a);
    return;
  }
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    std::string name = archive_entry_pathname(e);
    if (archive_entry_filetype(e) != AE_IFREG || name.size() < 4 || name.substr(name.size() - 4) != ".xml") {
      continue;
    }
    la_int64_t size = archive_entry_size(e);
    if (size <= 0 || size > (64 << 20)) continue;
    std::string bytes(static_cast<size_t>(size), '\0');
    la_ssize_t got = archive_read_data(a, bytes.data(), bytes.size());
    if (got != size) {
      errors->push_back(name + ": short read");
      continue;
    }
    GrobidFile(bytes, name, out, errors);
  }
  archive_read_free(a);
}

// ---- All sets, and the split ---------------------------------------------

// Every gold set under `corpus` (../shared/corpus), in a fixed order.
inline std::vector<GoldRef> LoadAllGold(const std::string& corpus, std::vector<std::string>* errors) {
  std::vector<GoldRef> gold;
  LoadJats(corpus + "/jats-pmc-samples", "jats-pmc", &gold, errors);
  LoadJats(corpus + "/jats-elife-samples", "jats-elife", &gold, errors);
  LoadAnystyle(corpus + "/anystyle-refs/gold.xml", &gold, errors);
  LoadGrobid(corpus + "/grobid-citations/citation-corpus-tei.tar.gz", &gold, errors);
  return gold;
}

// FNV-1a 64 of a gold string's plain text: even = train half, odd = test
// half; within the train half, % 4 == 0 trains --dev models and % 4 == 2
// scores them.
inline uint64_t SplitHash(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace ckb::eval
