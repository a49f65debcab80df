// SPDX-License-Identifier: GPL-3.0-or-later
// The `ckb` executable: parses the command line and dispatches to one
// subcommand (cli/cmd_*.cc). Exit codes: cli/exit_codes.h.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "cli/command.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/suggest.h"

#ifdef CKB_WITH_JEMALLOC
// jemalloc's options (read at start-up; $MALLOC_CONF still overrides):
// freed pages go back to the system after a second instead of ten, so the
// resident size of a long `ckb index` follows what is in use (measured:
// 344 -> 211 MiB for 24,000 MEDLINE citations, docs/PERFORMANCE.md); and
// one arena per CPU instead of four, so that the freed pages of RocksDB's
// and the index builders' threads are not held in many arenas at once
// (48,320 MEDLINE citations: 127 -> 112 MiB, the same time).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0,percpu_arena:percpu";
}
#endif

namespace {

// Ends a command that wrote nothing: flushes the output and leaves without
// the destructors of the extractor, the command line and RocksDB's option
// tables (0.9 M of the 18 M instructions of a one-query search). The
// sanitizers' leak check runs at a normal exit, so their builds keep it.
int Finish(const ckb::cli::Command& c, int code) {
#if defined(__SANITIZE_ADDRESS__)
  return code;
#else
  if (c.writes) return code;
  if (std::fflush(nullptr) != 0) return code;
  std::_Exit(code);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ckb::cli;
  // A search waits for the entity extractor, whose build is the longest
  // step of a one-query process: start it before the command line is even
  // parsed (RunSearch starts it otherwise).
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "search") == 0) {
      PrefetchExtractor();
      break;
    }
  }
  CLI::App app{
      "ckb: a clinical-evidence knowledge base with full-text search.\n"
      "Index review pages, PubMed/MEDLINE, PMC JATS, RIS, BibTeX and ClinicalTrials.gov records;\n"
      "search them by biomarker, drug and trial; list trials; build review tables.",
      "ckb"};
  app.footer(std::string("\n") + kExitCodeHelp +
             "\nThe knowledge base is --db DIR, else $CKB_DB, else ./ckb-data.");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "ckb 0.1.0");
  GlobalOptions global;
  AddGlobalOptions(app, global);

  std::vector<Command> commands;
  for (AddCommandFn add : AllCommands()) commands.push_back(add(app, global));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) SuggestForArguments(app, argc, argv);
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (global.db.empty()) {
    const char* env = std::getenv("CKB_DB");
    global.db = env && *env ? env : "ckb-data";
  }
  try {
    for (const Command& c : commands) {
      if (c.app->parsed()) return Finish(c, c.run());
    }
  } catch (const std::exception& e) {
    // Inputs fail through Status values with their file and line; reaching
    // here is a defect of ckb, whatever input led to it.
    std::fprintf(stderr, "ckb: unexpected failure in ckb itself (%s); the knowledge base is as its last "
                         "commit left it; please report this with the command line\n", e.what());
    return kExitSoftware;
  }
  return kExitUsage;
}
