// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb trials` and `ckb trial NCT|ACRONYM`: the trials seen in the knowledge
// base and, for one trial, every work linked to it.
#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "indexer/entities.h"
#include "indexer/identifiers.h"
#include "query/views.h"

namespace ckb::cli {
namespace {

struct TrialsOptions {
  std::string format = "text";
  std::string sort = "cited";
  query::TrialFilter filter;
};

std::string Joined(const Json& arr, const char* sep = ", ") {
  std::string s;
  if (!arr.is_array()) return s;
  for (const auto& v : arr) {
    if (v.is_string()) s += (s.empty() ? "" : sep) + v.get<std::string>();
    else if (v.is_number_integer()) s += (s.empty() ? "" : sep) + std::to_string(v.get<long long>());
  }
  return s;
}

int RunTrials(const GlobalOptions& g, const TrialsOptions& o) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  auto v = query::TrialsView(*base, o.filter, o.sort);
  if (!v.ok()) return ReportError(v.status());
  const Json& j = v.value();
  if (o.format == "json") {
    PrintJson(j);
  } else if (o.format == "tsv") {
    std::printf("nct\tacronym\ttitle\tphase\tstatus\tdrugs\tbiomarkers\tenrollment\tcited_by_count\tyears\n");
    for (const auto& t : j["trials"]) {
      std::string enr = t["enrollment"].is_number() ? std::to_string(t["enrollment"].get<long long>()) : "";
      std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%zu\t%s\n", JsonStr(t, "nct").c_str(), JsonStr(t, "acronym").c_str(),
                  JsonStr(t, "title").c_str(), JsonStr(t, "phase").c_str(), JsonStr(t, "status").c_str(),
                  Joined(t["drugs"], "; ").c_str(), Joined(t["biomarkers"], "; ").c_str(), enr.c_str(),
                  t["cited_by_count"].get<size_t>(), Joined(t["years"], "; ").c_str());
    }
  } else {
    int width = TerminalWidth();
    for (const auto& t : j["trials"]) {
      std::string head = JsonStr(t, "nct");
      if (!JsonStr(t, "acronym").empty()) head += " (" + JsonStr(t, "acronym") + ")";
      std::printf("%-26s %s\n", head.c_str(), FitWidth(JsonStr(t, "title"), width - 28).c_str());
      std::string facts;
      if (!JsonStr(t, "phase").empty()) facts += "phase " + JsonStr(t, "phase") + "  ";
      if (!JsonStr(t, "status").empty()) facts += JsonStr(t, "status") + "  ";
      if (t["enrollment"].is_number()) facts += "n=" + std::to_string(t["enrollment"].get<long long>()) + "  ";
      if (!t["drugs"].empty()) facts += "drugs: " + Joined(t["drugs"]) + "  ";
      if (!t["biomarkers"].empty()) facts += "biomarkers: " + Joined(t["biomarkers"]) + "  ";
      std::printf("%-26s %s\n", "", FitWidth(facts, width - 28).c_str());
      std::printf("%-26s linked works (%zu): %s\n", "", t["cited_by_count"].get<size_t>(),
                  FitWidth(Joined(t["cited_by"]), width - 50).c_str());
    }
  }
  return j["trials"].empty() ? kExitNoMatch : kExitOk;
}

struct TrialOptions {
  std::string id;
  std::string format = "text";
};

int RunTrial(const GlobalOptions& g, const TrialOptions& o) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  std::string nct;
  auto ids = indexer::FindNctIds(o.id);
  if (!ids.empty()) {
    nct = ids[0];
  } else {
    for (const auto& id : indexer::EntityExtractor::Default().Resolve(o.id, "trial")) {
      nct = id.substr(id.find(':') + 1);
      break;
    }
    if (nct.empty()) nct = o.id;
  }
  auto v = query::TrialView(*base, nct);
  if (!v.ok()) return ReportError(v.status());
  if (o.format == "json") {
    PrintJson(v.value());
  } else {
    PrintTrialTextForShow(v.value());
  }
  return kExitOk;
}

}  // namespace

Command AddTrialsCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<TrialsOptions>();
  CLI::App* sub = app.add_subcommand("trials", "List trials with the works that report or cite each");
  sub->add_option("--format", o->format, "text, json or tsv")->check(CLI::IsMember({"text", "json", "tsv"}));
  sub->add_option("--sort", o->sort, "cited, phase or date")->check(CLI::IsMember({"cited", "phase", "date", "id"}));
  sub->add_option("--drug", o->filter.drug, "Only trials whose records or works name this drug");
  sub->add_option("--biomarker", o->filter.biomarker, "Only trials with this biomarker state (e.g. HER2-low)");
  sub->add_option("--phase", o->filter.phase, "Only trials of this phase (1, 1/2, 2, 3, 4)");
  sub->add_option("--status", o->filter.status, "Only trials with this status (RECRUITING, COMPLETED, ...)");
  sub->add_option("--condition", o->filter.condition, "Only trials whose conditions contain this text");
  return {sub, [o, &global] { return RunTrials(global, *o); }};
}

Command AddTrialCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<TrialOptions>();
  CLI::App* sub = app.add_subcommand("trial", "One trial: registry facts and every linked work with its role");
  sub->add_option("id", o->id, "NCT number or acronym (e.g. DESTINY-Breast04)")->required();
  sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return {sub, [o, &global] { return RunTrial(global, *o); }};
}

}  // namespace ckb::cli
