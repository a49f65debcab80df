// SPDX-License-Identifier: GPL-3.0-or-later
// The "pdf" format: article PDFs with a text layer, read with poppler-cpp
// (Debian libpoppler-cpp-dev). poppler-cpp rather than MuPDF: its C++ API
// reports every word with its box, font size and font name
// (page::text_list(text_list_include_font)), needs no setjmp/longjmp error
// handling around C++ objects as MuPDF's fz_try does, is a shared library in
// Debian (libmupdf-dev ships static archives only) and is GPL-2+, where
// MuPDF is AGPL-3.
//
// Bounds: poppler has no cancellation and cannot be stopped inside a page,
// so the cost of one page is bounded before poppler sees the bytes: a linear
// pre-scan inflates every zlib stream with output caps and refuses a file
// whose streams inflate past them (internal/pdf_streams.h; a page content
// stream of 128 MiB of NULs, 130 KB compressed, held poppler for over a
// second). Then at most kMaxPdfPages pages are read, and reading stops when
// the file has taken kPdfSeconds, the clock checked after every page. Parsing
// in a forked child under a CPU rlimit was set aside: forking the
// multi-threaded indexer (other threads may hold allocator or RocksDB locks
// at the fork) and running under the sanitizers is fragile, and the pre-scan
// removes the one input class known to make a single page slow.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <chrono>
#include <memory>
#include <mutex>

#include "readers/formats.h"
#include "readers/internal/pdf_article.h"
#include "readers/internal/pdf_layout.h"
#include "readers/internal/pdf_streams.h"

namespace ckb::readers {
namespace {

using internal::PdfPage;
using internal::PdfWord;

constexpr size_t kMaxPdfBytes = size_t{256} << 20;
constexpr int kMaxPdfPages = 500;
constexpr double kPdfSeconds = 30;

// poppler reports syntax errors through one process-wide function; each
// thread collects its own file's messages.
thread_local std::vector<std::string>* t_poppler_messages = nullptr;

void CollectPopplerMessage(const std::string& msg, void*) {
  if (t_poppler_messages && t_poppler_messages->size() < 20) t_poppler_messages->push_back(msg);
}

class PopplerMessages {
 public:
  PopplerMessages() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(CollectPopplerMessage, nullptr); });
    t_poppler_messages = &messages_;
  }
  ~PopplerMessages() { t_poppler_messages = nullptr; }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

bool BoldFont(const std::string& name) {
  for (const char* w : {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", "Demi"}) {
    if (name.find(w) != std::string::npos) return true;
  }
  return false;
}

PdfPage ReadPage(const poppler::page& page) {
  PdfPage out;
  poppler::rectf r = page.page_rect(poppler::media_box);
  out.width = r.width();
  out.height = r.height();
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    if (box.rotation() != 0) continue;  // side stamps, rotated tables
    PdfWord w;
    poppler::rectf b = box.bbox();
    w.x0 = b.left(), w.y0 = b.top(), w.x1 = b.right(), w.y1 = b.bottom();
    w.size = box.has_font_info() ? box.get_font_size() : b.height();
    w.bold = box.has_font_info() && BoldFont(box.get_font_name(0));
    w.space_after = box.has_space_after();
    w.text = Utf8(box.text());
    out.words.push_back(std::move(w));
  }
  return out;
}

}  // namespace

int SniffPdf(std::string_view filename, std::string_view head) {
  if (head.substr(0, 5) == "%PDF-") return 100;
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return 90;
  bool ext = filename.size() > 4 && (filename.substr(filename.size() - 4) == ".pdf" ||
                                     filename.substr(filename.size() - 4) == ".PDF");
  return ext ? 30 : 0;
}

Status ParsePdf(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxPdfBytes));
  const std::string& name = in.name();
  auto diag = [&](int page, std::string msg) {
    sink.OnDiagnostic(Diagnostic{name, 0, 0, page > 0 ? "page " + std::to_string(page) + ": " + msg : msg});
  };
  internal::PdfStreamScan scan = internal::ScanPdfStreams(bytes);
  if (!scan.refusal.empty()) return Status::ParseError(name + ": " + scan.refusal + "; not read");
  PopplerMessages messages;
  std::unique_ptr<poppler::document> doc;
  if (bytes.size() < (size_t{1} << 31)) {
    doc.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  }
  auto unreadable = [&]() {
    std::string why = messages.messages().empty() ? "" : " (" + messages.messages().front() + ")";
    return Status::ParseError(name + ": not a readable PDF" + why +
                              "; the file is damaged or cut short: download it again");
  };
  if (!doc) return unreadable();
  if (doc->is_locked()) {
    return Status::ParseError(name + ": encrypted (a password is needed to read it); index an unlocked copy "
                                     "(qpdf --decrypt --password=PASSWORD in.pdf out.pdf)");
  }
  int npages = doc->pages();
  if (npages <= 0) return unreadable();
  if (npages > kMaxPdfPages) {
    diag(0, std::to_string(npages) + " pages; only the first " + std::to_string(kMaxPdfPages) + " are read");
    npages = kMaxPdfPages;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<PdfPage> pages;
  size_t words = 0;
  for (int i = 0; i < npages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) {
      diag(i + 1, "page could not be read; skipped");
      pages.emplace_back();
      continue;
    }
    pages.push_back(ReadPage(*page));
    words += pages.back().words.size();
    std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
    if (spent.count() > kPdfSeconds && i + 1 < npages) {
      diag(i + 1, "time budget of " + std::to_string(static_cast<int>(kPdfSeconds)) +
                      " s spent; the pages after this one are not read");
      break;
    }
  }
  for (const std::string& m : messages.messages()) diag(0, "pdf: " + m);
  if (words == 0) {
    return Status::ParseError(name +
                              ": no text layer (scanned?); add one with OCR (ocrmypdf in.pdf out.pdf) and index that");
  }
  internal::PdfInfo info;
  info.title = Utf8(doc->info_key("Title"));
  info.author = Utf8(doc->info_key("Author"));
  info.subject = Utf8(doc->info_key("Subject"));
  info.keywords = Utf8(doc->info_key("Keywords"));
  info.xmp = Utf8(doc->metadata());
  for (const PdfWord& w : pages.front().words) info.first_page_raw += w.text + (w.space_after ? " " : "");
  std::vector<internal::PdfLine> lines = internal::LayOut(pages);
  Document out = internal::ArticleFromLines(lines, info, diag);
  if (out.work.title.empty() && out.references.empty()) diag(0, "no title and no reference list found");
  out.line = 1;
  out.record = 1;
  sink.OnDocument(std::move(out));
  return Status::Ok();
}

}  // namespace ckb::readers
