// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb extract [FILE|-]`: annotate text with entities, one mention per line;
// `ckb entities`: the entities in the knowledge base with their work counts.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "knowledge/entities.h"
#include "query/search_json.h"
#include "kb/keys.h"

namespace ckb::cli {
namespace {

struct ExtractOptions {
  std::string file = "-";
  std::string format = "jsonl";
};

int RunExtract(const ExtractOptions& o) {
  std::string text;
  if (o.file == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read\n", o.file.c_str());
      return kExitNoInput;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  auto mentions = knowledge::EntityExtractor::Default().Extract(text, "text");
  for (const auto& m : mentions) {
    if (o.format == "text") {
      std::printf("%u-%u\t%s\t%s\t%s\n", m.start, m.end, m.type.c_str(), m.id.c_str(), m.text.c_str());
      continue;
    }
    Json j;
    j["start"] = m.start;
    j["end"] = m.end;
    j["text"] = m.text;
    j["type"] = m.type;
    j["id"] = m.id;
    j["name"] = m.name;
    Json attrs = Json::object();
    for (const auto& [k, v] : m.attrs) attrs[k] = v;
    j["attrs"] = std::move(attrs);
    PrintJson(j, false);
  }
  return mentions.empty() ? kExitNoMatch : kExitOk;
}

struct EntitiesOptions {
  std::string type;
  std::string format = "text";
  size_t limit = 0;
};

int RunEntities(const GlobalOptions& g, const EntitiesOptions& o) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  auto r = query::EntitiesJson(*base, o.type, o.limit);
  if (!r.ok()) return ReportError(r.status());
  const Json& rows = r.value()["entities"];
  if (o.format == "json") {
    PrintJson(r.value());
  } else {
    for (const auto& e : rows) {
      std::printf("%6llu  %-11s %-40s %s\n", static_cast<unsigned long long>(e["works"].get<uint64_t>()),
                  JsonStr(e, "type").c_str(), JsonStr(e, "id").c_str(), JsonStr(e, "name").c_str());
    }
  }
  return rows.empty() ? kExitNoMatch : kExitOk;
}

}  // namespace

Command AddExtractCommand(CLI::App& app, GlobalOptions&) {
  auto o = std::make_shared<ExtractOptions>();
  CLI::App* sub = app.add_subcommand("extract", "Annotate text with entities (one mention per line)");
  sub->add_option("file", o->file, "Text file, or - for stdin (default)");
  sub->add_option("--format", o->format, "jsonl or text")->check(CLI::IsMember({"jsonl", "text"}));
  sub->footer(ExamplesFooter({
                            "extract corpus/her2-ultralow-review.txt --format text",
                            "extract - --format text <<< 'Osimertinib in EGFR L858R non-small-cell lung cancer, PD-L1 TPS >=50%'"}));
  return {sub, [o] { return RunExtract(*o); }};
}

Command AddEntitiesCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<EntitiesOptions>();
  CLI::App* sub = app.add_subcommand("entities", "Entities in the knowledge base with how many works mention each");
  sub->add_option("--type", o->type, "drug, biomarker, trial, disease, gene, design, phase, ...");
  sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--limit", o->limit, "At most this many rows");
  sub->footer(ExamplesFooter({
                            "entities --type drug --limit 10",
                            "entities --type trial --format json"}));
  return {sub, [o, &global] { return RunEntities(global, *o); }};
}

}  // namespace ckb::cli
