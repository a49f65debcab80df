// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/common.h"

#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <system_error>
#include <thread>

#include "cli/exit_codes.h"
#include "knowledge/entities.h"

namespace ckb::cli {

void AddGlobalOptions(CLI::App& app, GlobalOptions& global) {
  app.add_option("--db", global.db, "Knowledge-base directory (default $CKB_DB or ./ckb-data)");
  app.add_flag("-q,--quiet", global.quiet, "No progress or summary on stderr");
  app.add_flag("-v,--verbose", global.verbose, "More detail on stderr");
  app.add_option("--color", global.color, "Colour: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

bool UseColor(const GlobalOptions& g) {
  if (g.color == "always") return true;
  if (g.color == "never") return false;
  const char* term = std::getenv("TERM");
  if (std::getenv("NO_COLOR") || (term && std::string(term) == "dumb")) return false;
  return ::isatty(1);
}

std::string StatsLine(const kb::Stats& s) {
  return std::to_string(s.documents) + " documents, " + std::to_string(s.works) + " works, " +
         std::to_string(s.citations) + " citations, " + std::to_string(s.trials) + " trials";
}

bool StdoutIsTerminal() { return ::isatty(1); }

std::string ExamplesFooter(std::initializer_list<const char*> lines, const std::string& text) {
  std::string out = text.empty() ? "" : text + "\n\n";
  out += "Examples:";
  for (const char* l : lines) out += std::string("\n  ckb ") + l;
  return out;
}

std::string CountText(uint64_t total, bool exact, uint64_t lower, uint64_t upper) {
  if (exact) return std::to_string(total);
  return "about " + std::to_string(total) + " (between " + std::to_string(lower) + " and " + std::to_string(upper) +
         ")";
}

void ReportCapped(size_t written, uint64_t total, bool exact) {
  if (written >= total) return;
  std::fprintf(stderr, "ckb: %zu of %s%llu written; --limit to change\n", written, exact ? "" : "about ",
               static_cast<unsigned long long>(total));
}

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return kExitOk;
    case Status::Code::kNotFound: return kExitNoMatch;
    case Status::Code::kInvalidArgument: return kExitUsage;
    case Status::Code::kParseError: return kExitDataErr;
    case Status::Code::kBusy: return kExitTempFail;
    case Status::Code::kReadOnly: return kExitCantCreat;
    case Status::Code::kIOError: return kExitIoErr;
    case Status::Code::kCorruption: return kExitSoftware;
    case Status::Code::kNotSupported: return kExitUsage;
    case Status::Code::kInternal: return kExitSoftware;
  }
  return kExitSoftware;
}

int ReportError(const Status& s) {
  std::fprintf(stderr, "ckb: %s\n", s.message().c_str());
  return ExitCodeFor(s);
}

void PrefetchExtractor() {
  // Joined at exit, so the process never ends while the build runs.
  struct Builder {
    std::thread thread;
    ~Builder() {
      if (thread.joinable()) thread.join();
    }
  };
  static Builder builder;
  if (builder.thread.joinable()) return;
  try {
    builder.thread = std::thread([] { knowledge::EntityExtractor::Default(); });
  } catch (const std::system_error&) {
    // No thread: the first user builds it.
  }
}

std::unique_ptr<kb::KnowledgeBase> OpenForRead(const GlobalOptions& g, int* exit_code,
                                               std::vector<std::string> column_families,
                                               bool few_reads, bool note_lag) {
  kb::OpenOptions o;
  o.column_families = std::move(column_families);
  o.few_reads = few_reads;
  auto r = kb::KnowledgeBase::Open(g.db, o);
  if (!r.ok()) {
    *exit_code = ReportError(r.status());
    if (r.status().code() == Status::Code::kNotFound) *exit_code = kExitNoInput;
    return nullptr;
  }
  auto base = std::move(r).value();
  if (note_lag && base->index_generation() < base->generation()) {
    // Best effort: a lag that cannot be measured is still reported.
    auto lag = base->GetIndexLag();
    kb::IndexLag plain;
    plain.records_generation = base->generation();
    plain.index_generation = base->index_generation();
    std::string notice = LagNotice(lag.ok() ? lag.value() : plain);
    std::fprintf(stderr, "ckb: %s\n", notice.c_str());
  }
  return base;
}

uint64_t IndexGenerationNow(const GlobalOptions& g) {
  auto r = kb::KnowledgeBase::Open(g.db, kb::OpenOptions());
  return r.ok() ? r.value()->index_generation() : 0;
}

std::string LagNotice(const kb::IndexLag& lag) {
  if (!lag.behind()) return "";
  std::string what = "note: the search index is behind the records (index generation " +
                     std::to_string(lag.index_generation) + ", records " +
                     std::to_string(lag.records_generation);
  if (lag.outbox_read) {
    what += "; " + std::to_string(lag.pending_works) +
            (lag.pending_works == 1 ? " work" : " works") + " not yet searchable";
  }
  what += ")";
  if (lag.outbox_read && !lag.recoverable) {
    return what + " and cannot be caught up from the outbox; run `ckb rebuild-index`";
  }
  if (lag.writer_pid > 0) {
    return what + ": `ckb index` (pid " + std::to_string(lag.writer_pid) +
           ") is running and brings it level when it finishes";
  }
  return what + ": an earlier `ckb index` was interrupted before it updated the index; the "
                "records are safe, answers miss what they added since; `ckb index` (no paths "
                "needed) or `ckb check --repair` brings the index level";
}

std::unique_ptr<kb::KnowledgeBase> OpenForWrite(const GlobalOptions& g, int* exit_code,
                                                bool defer_index, int index_threads) {
  kb::OpenOptions o;
  o.write = true;
  o.defer_index = defer_index;
  o.index_threads = index_threads;
  if (const char* m = std::getenv("CKB_MIN_FREE_MB")) o.min_free_bytes = std::strtoull(m, nullptr, 10) << 20;
  auto r = kb::KnowledgeBase::Open(g.db, o);
  if (!r.ok()) {
    *exit_code = ReportError(r.status());
    return nullptr;
  }
  return std::move(r).value();
}

void PrintJson(const Json& j, bool pretty) {
  std::string s = Dump(j, pretty ? 2 : -1);
  s.push_back('\n');
  std::fwrite(s.data(), 1, s.size(), stdout);
}

std::vector<std::string> ReadIdsFromStdin() {
  std::vector<std::string> ids;
  std::string tok;
  while (std::cin >> tok) ids.push_back(tok);
  return ids;
}

int TerminalWidth() {
  struct winsize ws;
  if (::isatty(1) && ::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    int n = std::atoi(c);
    if (n > 20) return n;
  }
  return 100;
}

int DisplayWidth(std::string_view s) {
  int w = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      ++w;
      ++p;
      --left;
      continue;
    }
    w += utf8proc_charwidth(cp);
    p += n;
    left -= n;
  }
  return w;
}

std::string FitWidth(std::string_view s, int width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  std::string out;
  int w = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) break;
    int cw = utf8proc_charwidth(cp);
    if (w + cw > width - 1) break;
    out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    w += cw;
    p += n;
    left -= n;
  }
  return out + "…";
}


}  // namespace ckb::cli
