// SPDX-License-Identifier: GPL-3.0-or-later
// Text repair applied to every record before it reaches the store (see
// internal/record_clean.h).
#include "ingest/internal/record_clean.h"

#include <cstdint>

namespace ckb::ingest::internal {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
size_t SequenceAt(const std::string& s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n;
  uint32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, v = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000)) return 0;
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

bool Dirty(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
  }
  return false;
}

bool CleanAll(std::vector<std::string>* v) {
  bool changed = false;
  for (auto& s : *v) changed |= CleanText(&s);
  return changed;
}

bool CleanWork(Work* w) {
  bool c = false;
  for (std::string* s : {&w->id, &w->type, &w->title, &w->journal, &w->journal_abbrev, &w->volume, &w->issue,
                         &w->pages, &w->doi, &w->pmid, &w->pmcid, &w->abstract, &w->lang, &w->email, &w->url,
                         &w->source_id}) {
    c |= CleanText(s);
  }
  for (auto* v : {&w->authors, &w->keywords, &w->mesh, &w->pub_types, &w->registry_ids}) c |= CleanAll(v);
  for (auto& [k, v] : w->dates) c |= CleanText(&v);
  for (auto& s : w->sections) c |= CleanText(&s.name) | CleanText(&s.text);
  return c;
}

bool CleanReference(Reference* r) {
  bool c = false;
  for (std::string* s : {&r->raw, &r->title, &r->type, &r->journal, &r->volume, &r->issue, &r->pages, &r->doi,
                         &r->pmid, &r->pmcid, &r->url}) {
    c |= CleanText(s);
  }
  c |= CleanAll(&r->authors);
  c |= CleanAll(&r->nct);
  return c;
}

}  // namespace

bool CleanText(std::string* s) {
  if (!Dirty(*s)) return false;
  std::string out;
  out.reserve(s->size());
  bool changed = false;
  for (size_t i = 0; i < s->size();) {
    uint32_t cp = 0;
    size_t n = SequenceAt(*s, i, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      changed = true;
      ++i;
      continue;
    }
    bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0);
    if (control) {
      changed = true;
    } else {
      out.append(*s, i, n);
    }
    i += n;
  }
  if (changed) s->swap(out);
  return changed;
}

bool CleanDocument(Document* d) {
  bool c = CleanWork(&d->work);
  for (auto* list : {&d->references, &d->related}) {
    for (auto& r : *list) c |= CleanReference(&r);
  }
  return c;
}

bool CleanTrial(Trial* t) {
  bool c = false;
  for (std::string* s : {&t->nct, &t->acronym, &t->brief_title, &t->official_title, &t->phase, &t->status,
                         &t->sponsor, &t->summary}) {
    c |= CleanText(s);
  }
  for (auto* v : {&t->other_ids, &t->conditions, &t->keywords, &t->pmids}) c |= CleanAll(v);
  for (auto& i : t->interventions) c |= CleanText(&i.type) | CleanText(&i.name) | CleanAll(&i.other_names);
  for (auto& [k, v] : t->dates) c |= CleanText(&v);
  return c;
}

}  // namespace ckb::ingest::internal
