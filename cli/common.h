// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the subcommands: opening the knowledge base, printing
// errors and JSON, reading id lists from stdin.
#pragma once

#include <memory>
#include <initializer_list>
#include <string>
#include <vector>

#include "cli/command.h"
#include "kb/kb.h"
#include "kb/record.h"

namespace ckb::cli {

// Opens the knowledge base for reading; prints the error and returns null
// (with *exit_code set) on failure. `column_families` as in kb::OpenOptions
// (empty: all), `few_reads` too.
// A reader that finds the index behind the records says so once on stderr
// (LagNotice), unless `note_lag` is false (check and stats report it
// themselves).
std::unique_ptr<kb::KnowledgeBase> OpenForRead(const GlobalOptions& g, int* exit_code,
                                               std::vector<std::string> column_families = {},
                                               bool few_reads = false, bool note_lag = true);
// The index generation a reader sees now (0 when it cannot open).
uint64_t IndexGenerationNow(const GlobalOptions& g);
// What a reader tells the user about an index behind the records: how far,
// why (a writer running now, or an interrupted run) and what brings it level.
// Empty when the index is level.
std::string LagNotice(const kb::IndexLag& lag);
// Starts building the default entity extractor on another thread, so that it
// is ready (or nearly) when the caller has opened the knowledge base: both
// take a few milliseconds of a one-query process. Later calls of
// EntityExtractor::Default() wait for that build.
void PrefetchExtractor();
std::unique_ptr<kb::KnowledgeBase> OpenForWrite(const GlobalOptions& g, int* exit_code,
                                                bool defer_index = false, int index_threads = 0);

// Prints JSON (UTF-8, invalid bytes replaced) and a newline to stdout.
void PrintJson(const Json& j, bool pretty = true);

// Reads whitespace-separated ids from stdin ("-" arguments).
std::vector<std::string> ReadIdsFromStdin();

// Terminal width of stdout (80 when not a terminal).
int TerminalWidth();

// "13 documents, 10 works, 120 citations, 2 trials": the totals as
// `ckb stats` and the summary of `ckb index` word them.
std::string StatsLine(const kb::Stats& s);

// True when standard output is a terminal (lists shown to a person are
// capped by default; lists written to a file or pipe are complete).
bool StdoutIsTerminal();

// A --help footer of example command lines, one "  ckb ..." line each
// (tests/scripts/help_examples.sh runs every one of them on the demo
// knowledge base of corpus/), after `text` when it is not empty.
std::string ExamplesFooter(std::initializer_list<const char*> lines, const std::string& text = "");

// "about 400 (between 212 and 611)" for an estimate, "230" for an exact count.
std::string CountText(uint64_t total, bool exact, uint64_t lower, uint64_t upper);

// On stderr, when a cap left works out: "ckb: 20 of 230 written; --limit to change".
void ReportCapped(size_t written, uint64_t total, bool exact);

// Display width of UTF-8 text in terminal columns (CJK = 2).
int DisplayWidth(std::string_view s);
// Cuts UTF-8 text to at most `width` columns, adding "…" when cut.
std::string FitWidth(std::string_view s, int width);


// Prints a trial view (query::TrialView) for people.
void PrintTrialTextForShow(const Json& t);

}  // namespace ckb::cli
