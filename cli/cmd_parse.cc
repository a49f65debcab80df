// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb parse FILE...`: parse without indexing and print what was understood.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "indexer/entities.h"
#include "indexer/ingest.h"
#include "indexer/parser.h"
#include "indexer/plain_file_input.h"

namespace ckb::cli {
namespace {

struct ParseOptions {
  std::vector<std::string> files;
  std::string output = "json";
  std::string as;
  bool no_entities = false;
};

Json DocumentJson(const Document& d, const indexer::EntityExtractor& ex, bool entities) {
  Json j = ToJson(d);
  if (!entities) return j;
  for (const char* list : {"references", "related"}) {
    const auto& refs = std::string(list) == "references" ? d.references : d.related;
    for (size_t i = 0; i < refs.size(); ++i) {
      const Reference& r = refs[i];
      Json ents = Json::array();
      for (const auto& m : ex.Extract(r.title.empty() ? r.raw : r.title, r.title.empty() ? "raw" : "title")) {
        ents.push_back(ToJson(m));
      }
      j[list][i]["entities"] = std::move(ents);
    }
  }
  return j;
}

void PrintText(const ParseResult& result) {
  std::printf("%s (%s): %zu documents, %zu trials, %zu diagnostics\n", result.source.c_str(), result.format.c_str(),
              result.documents.size(), result.trials.size(), result.diagnostics.size());
  for (const auto& d : result.documents) {
    const Work& w = d.work;
    if (!w.title.empty()) {
      std::printf("\n%s\n", w.title.c_str());
      std::string authors;
      for (const auto& a : w.authors) authors += (authors.empty() ? "" : ", ") + a;
      if (!authors.empty()) std::printf("  %s\n", authors.c_str());
      std::printf("  %s %s, %s(%s): %s", w.journal.c_str(), w.year ? std::to_string(*w.year).c_str() : "",
                  w.volume.c_str(), w.issue.c_str(), w.pages.c_str());
      if (!w.doi.empty()) std::printf("  doi:%s", w.doi.c_str());
      if (!w.pmid.empty()) std::printf("  pmid:%s", w.pmid.c_str());
      std::printf("\n");
      for (const auto& m : w.entities) std::printf("  [%s] %s (%s)\n", m.type.c_str(), m.text.c_str(), m.id.c_str());
    }
    for (int list = 0; list < 2; ++list) {
      const auto& refs = list == 0 ? d.references : d.related;
      if (refs.empty()) continue;
      std::printf("\n%s (%zu)\n", list == 0 ? "References" : "Related articles", refs.size());
      for (const auto& r : refs) {
        std::string first = r.authors.empty() ? "" : r.authors[0] + (r.et_al || r.authors.size() > 1 ? " et al." : "");
        std::printf("  [%d] %s %s. %s. %s%s%s\n", r.n, first.c_str(),
                    r.year ? std::to_string(*r.year).c_str() : "", r.title.c_str(), r.journal.c_str(),
                    r.doi.empty() ? "" : " doi:", r.doi.c_str());
      }
    }
  }
  for (const auto& t : result.trials) {
    std::printf("\n%s %s: %s\n", t.nct.c_str(), t.acronym.c_str(), t.brief_title.c_str());
  }
  for (const auto& d : result.diagnostics) {
    std::printf("diagnostic: line %lld: %s\n", static_cast<long long>(d.line), d.message.c_str());
  }
}

int RunParse(const GlobalOptions& g, const ParseOptions& o) {
  const auto& ex = indexer::EntityExtractor::Default();
  int code = kExitOk;
  bool jsonl = o.files.size() > 1;
  for (const auto& file : o.files) {
    ParseResult result;
    std::string bytes;
    std::string name = file;
    if (file == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      bytes = ss.str();
      name = "-";
    } else {
      indexer::PlainFileInput in(file);
      if (!in.ok()) {
        std::fprintf(stderr, "%s: cannot read: %s\n", file.c_str(), in.error().c_str());
        code = kExitNoInput;
        continue;
      }
      auto all = indexer::ReadAll(in, indexer::kMaxTextBytes);
      if (!all.ok()) {
        code = ReportError(all.status());
        continue;
      }
      bytes = std::move(all).value();
    }
    const indexer::Format* format = nullptr;
    if (!o.as.empty()) {
      format = indexer::FindFormat(o.as);
      if (!format) {
        std::fprintf(stderr, "ckb: unknown input format '%s'\n", o.as.c_str());
        return kExitUsage;
      }
    } else {
      format = indexer::DetectFormat(name, std::string_view(bytes).substr(0, 4096));
      if (!format) {
        std::fprintf(stderr, "%s: unrecognised input format (use --as to name it)\n", name.c_str());
        code = kExitDataErr;
        continue;
      }
    }
    Status st = indexer::ParseBytes(*format, bytes, name, &result);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      code = kExitDataErr;
      continue;
    }
    for (const auto& d : result.diagnostics) {
      std::fprintf(stderr, "%s:%lld: %s\n", name.c_str(), static_cast<long long>(d.line), d.message.c_str());
    }
    if (!result.diagnostics.empty()) code = kExitDataErr;
    if (!o.no_entities) {
      for (auto& d : result.documents) indexer::AnnotateWork(ex, &d.work);
    }
    if (format->name == "citations" && o.output == "json") {
      for (const auto& d : result.documents) {
        for (const auto& r : d.references) PrintJson(ToJson(r), false);
      }
      continue;
    }
    if (o.output == "text") {
      PrintText(result);
      continue;
    }
    Json j;
    j["source"] = name;
    j["format"] = format->name;
    Json docs = Json::array();
    for (const auto& d : result.documents) docs.push_back(DocumentJson(d, ex, !o.no_entities));
    j["documents"] = std::move(docs);
    Json trials = Json::array();
    for (const auto& t : result.trials) trials.push_back(ToJson(t));
    j["trials"] = std::move(trials);
    Json diags = Json::array();
    for (const auto& d : result.diagnostics) diags.push_back({{"line", d.line}, {"message", d.message}});
    j["diagnostics"] = std::move(diags);
    PrintJson(j, !jsonl);
  }
  return code;
}

}  // namespace

Command AddParseCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ParseOptions>();
  CLI::App* sub = app.add_subcommand("parse", "Parse files without indexing and print what was understood");
  sub->add_option("files", o->files, "Files ('-' for stdin)")->required();
  sub->add_option("--format", o->output, "Output: json or text (default json)")
      ->check(CLI::IsMember({"json", "text"}));
  sub->add_option("--as", o->as,
                  "Read the input as this format; `--as citations` takes one reference string per line "
                  "and prints one JSON object per line");
  sub->add_flag("--no-entities", o->no_entities, "Skip entity extraction");
  return {sub, [o, &global] { return RunParse(global, *o); }};
}

}  // namespace ckb::cli
