// SPDX-License-Identifier: GPL-3.0-or-later
// PubMed / MEDLINE XML (efetch output, baseline and update files, plain or
// compressed), streamed with xmlTextReader: each record is expanded, mapped
// and freed, so memory stays bounded whatever the file size.
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "readers/formats.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/format_util.h"
#include "readers/internal/xml_dom.h"

namespace ckb::readers {
namespace {

// Largest single record accepted; a bigger one stops the stream.
constexpr size_t kMaxPubmedRecordBytes = size_t{16} << 20;
// How much of the start is held back to check the prolog for entities.
constexpr size_t kPrologBytes = size_t{64} << 10;

struct StreamState {
  Input* in = nullptr;
  std::string pending;  // prolog bytes read ahead, served first
  size_t pending_pos = 0;
  size_t total = 0;         // bytes handed to libxml2
  size_t record_start = 0;  // `total` when the current record began
  bool in_record = false;
  bool too_big = false;
  bool read_error = false;
  std::string error;  // last libxml2 error
  int error_line = 0;
};

int ReadCallback(void* ctx, char* buf, int len) {
  auto* st = static_cast<StreamState*>(ctx);
  if (st->in_record && st->total - st->record_start > kMaxPubmedRecordBytes) {
    st->too_big = true;
    return -1;
  }
  size_t n = 0;
  if (st->pending_pos < st->pending.size()) {
    n = std::min(static_cast<size_t>(len), st->pending.size() - st->pending_pos);
    std::memcpy(buf, st->pending.data() + st->pending_pos, n);
    st->pending_pos += n;
  } else {
    long r = st->in->Read(buf, static_cast<size_t>(len));
    if (r < 0) {
      st->read_error = true;
      return -1;
    }
    n = static_cast<size_t>(r);
  }
  st->total += n;
  return static_cast<int>(n);
}

int CloseCallback(void*) { return 0; }

void ErrorCallback(void* ctx, xmlErrorPtr err) {
  auto* st = static_cast<StreamState*>(ctx);
  if (!err || err->level < XML_ERR_ERROR) return;
  st->error = XmlErrorText(err->message);
  st->error_line = err->line;
}

struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

bool IsRecord(std::string_view name, int depth) {
  if (name == "PubmedArticle" || name == "PubmedBookArticle") return true;
  return depth == 1 && (name == "MedlineCitation" || name == "DeleteCitation");
}

bool IsKnownRoot(std::string_view name) {
  return name == "PubmedArticleSet" || name == "MedlineCitationSet" ||
         name == "PubmedBookArticleSet" || name == "PubmedArticle";
}

Status FillProlog(Input& in, StreamState* st) {
  st->in = &in;
  char buf[1 << 14];
  while (st->pending.size() < kPrologBytes) {
    long r = in.Read(buf, sizeof buf);
    if (r < 0) return Status::IOError(in.name() + ": read error");
    if (r == 0) break;
    st->pending.append(buf, static_cast<size_t>(r));
  }
  if (Trim(StripBom(st->pending)).empty()) return Status::ParseError(in.name() + ": empty input");
  // Entity declarations can only sit in the prolog, so checking the held-back
  // start is enough (the reader's own document is never asked for: that
  // would keep every node alive).
  return CheckXmlProlog(st->pending, in.name(), st->pending.size() < kPrologBytes);
}

// Handles one record element the reader stands on; advances past it.
int HandleRecord(xmlTextReaderPtr reader, StreamState* st, int64_t record, Sink& sink) {
  const std::string& source = st->in->name();
  int64_t line = xmlTextReaderGetParserLineNumber(reader);
  st->in_record = true;
  st->record_start = st->total;
  xmlNodePtr node = xmlTextReaderExpand(reader);
  st->in_record = false;
  if (!node) return -1;
  std::string_view name = XmlName(node);
  if (name != "DeleteCitation") {
    Document doc;
    doc.record = record;
    doc.line = line;
    std::string problem = PubmedRecordToDocument(node, &doc);
    if (problem.empty()) {
      sink.OnDocument(std::move(doc));
    } else {
      sink.OnDiagnostic({source, line, record, problem + "; skipped"});
    }
  }
  return xmlTextReaderNext(reader);
}

}  // namespace

int SniffPubmedXml(std::string_view filename, std::string_view head) {
  if (!StartsWithChar(head, '<')) return 0;
  for (const char* root : {"<PubmedArticleSet", "<MedlineCitationSet", "<PubmedBookArticleSet"}) {
    if (head.find(root) != std::string_view::npos) return 95;
  }
  if (head.find("<PubmedArticle>") != std::string_view::npos) return 90;
  if (head.find("DTD PubMed") != std::string_view::npos) return 90;
  return 0;
}

Status ParsePubmedXml(Input& in, Sink& sink) {
  EnsureXmlSafety();
  StreamState st;
  CKB_RETURN_IF_ERROR(FillProlog(in, &st));
  std::unique_ptr<xmlTextReader, ReaderFree> reader(xmlReaderForIO(
      ReadCallback, CloseCallback, &st, in.name().c_str(), nullptr, SafeXmlOptions()));
  if (!reader) return Status::Internal("libxml2: cannot create a reader for " + in.name());
  xmlTextReaderSetStructuredErrorHandler(reader.get(), ErrorCallback, &st);
  int64_t record = 0;
  bool root_seen = false;
  int r = xmlTextReaderRead(reader.get());
  while (r == 1) {
    if (xmlTextReaderNodeType(reader.get()) != XML_READER_TYPE_ELEMENT) {
      r = xmlTextReaderRead(reader.get());
      continue;
    }
    std::string_view name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
    int depth = xmlTextReaderDepth(reader.get());
    if (!root_seen) {
      root_seen = true;
      if (!IsKnownRoot(name)) {
        return Status::ParseError(in.name() + ": not PubMed XML (root element <" +
                                  std::string(name) + ">)");
      }
      if (name == "PubmedArticle") depth = 0;
    }
    if (depth > kMaxXmlDepth) {
      r = -1;
      st.error = "XML nested too deeply";
      break;
    }
    if (IsRecord(name, depth) || (name == "PubmedArticle" && depth == 0)) {
      ++record;
      r = HandleRecord(reader.get(), &st, record, sink);
      continue;
    }
    r = xmlTextReaderRead(reader.get());
  }
  if (r == 0 && root_seen) return Status::Ok();
  std::string why = st.too_big ? "record larger than " + std::to_string(kMaxPubmedRecordBytes >> 20) +
                                     " MiB"
                    : st.read_error ? "read error"
                    : !st.error.empty() ? st.error
                                        : "not well-formed XML";
  if (st.read_error) return Status::IOError(in.name() + ": " + why);
  if (record == 0) {
    return Status::ParseError(in.name() + ":" + std::to_string(st.error_line) + ": " + why);
  }
  // Records before the damage were delivered; report where reading stopped.
  sink.OnDiagnostic({in.name(), st.error_line, record,
                     why + "; the rest of the input (from record " + std::to_string(record) +
                         ") was not read"});
  return Status::Ok();
}

}  // namespace ckb::readers
