// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb show ID...` and `ckb refs ID`: one work (or trial) in full, and a
// work's reference list.
#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/show_outcomes.h"
#include "text/identifiers.h"
#include "query/views.h"

namespace ckb::cli {
namespace {

struct ShowOptions {
  std::vector<std::string> ids;
  std::string format = "text";
};

void PrintWorkText(const Json& w) {
  std::printf("%s\n", JsonStr(w, "title").c_str());
  std::printf("  id:       %s\n", JsonStr(w, "id").c_str());
  if (!JsonStr(w, "type").empty()) std::printf("  type:     %s\n", JsonStr(w, "type").c_str());
  std::string authors;
  for (const auto& a : w.value("authors", Json::array())) authors += (authors.empty() ? "" : ", ") + a.get<std::string>();
  if (!authors.empty()) std::printf("  authors:  %s\n", authors.c_str());
  std::string year = w.contains("year") && w["year"].is_number_integer() ? std::to_string(w["year"].get<int>()) : "";
  std::printf("  source:   %s %s;%s(%s):%s\n", JsonStr(w, "journal").c_str(), year.c_str(),
              JsonStr(w, "volume").c_str(), JsonStr(w, "issue").c_str(), JsonStr(w, "pages").c_str());
  for (const char* f : {"doi", "pmid", "pmcid", "url", "lang", "email", "source_id"}) {
    if (!JsonStr(w, f).empty()) std::printf("  %-9s %s\n", (std::string(f) + ":").c_str(), JsonStr(w, f).c_str());
  }
  if (w.contains("dates") && !w["dates"].empty()) {
    std::string d;
    for (auto it = w["dates"].begin(); it != w["dates"].end(); ++it) d += (d.empty() ? "" : ", ") + it.key() + " " + it.value().get<std::string>();
    std::printf("  dates:    %s\n", d.c_str());
  }
  std::printf("  cited by: %zu work(s) in this knowledge base; cites %llu\n",
              w.value("cited_by_count", size_t{0}), static_cast<unsigned long long>(w.value("references_count", 0ull)));
  if (w.contains("trials") && !w["trials"].empty()) {
    std::string t;
    for (const auto& v : w["trials"]) t += (t.empty() ? "" : ", ") + v.get<std::string>();
    std::printf("  trials:   %s\n", t.c_str());
  }
  if (w.contains("entities") && !w["entities"].empty()) {
    std::printf("  entities:\n");
    for (const auto& m : w["entities"]) {
      std::string attrs;
      Json a = m.value("attrs", Json::object());
      for (auto it = a.begin(); it != a.end(); ++it) {
        attrs += " " + it.key() + "=" + (it.value().is_string() ? it.value().get<std::string>() : Dump(it.value()));
      }
      std::printf("    %-11s %-32s \"%s\"%s\n", JsonStr(m, "type").c_str(), JsonStr(m, "id").c_str(),
                  JsonStr(m, "text").c_str(), attrs.c_str());
    }
  }
  PrintOutcomesText(w);
  std::string abs = JsonStr(w, "abstract");
  if (!abs.empty()) std::printf("  abstract: %s\n", FitWidth(abs, 400).c_str());
  if (w.contains("sources")) {
    std::printf("  sources:\n");
    for (const auto& s : w["sources"]) std::printf("    %s\n", s.get<std::string>().c_str());
    if (auto n = w.find("source_count"); n != w.end() && n->is_number_integer()) {
      std::printf("    (%lld sources in all; the first %zu by name are listed)\n",
                  static_cast<long long>(n->get<int64_t>()), w["sources"].size());
    }
  }
  if (w.contains("conflicts") && !w["conflicts"].empty()) {
    std::printf("  conflicts (kept, not overwritten):\n");
    for (auto it = w["conflicts"].begin(); it != w["conflicts"].end(); ++it) {
      for (const auto& c : it.value()) {
        std::printf("    %s: %s (from %s)\n", it.key().c_str(), Dump(c["value"]).c_str(), JsonStr(c, "source").c_str());
      }
    }
  }
}

}  // namespace

void PrintTrialTextForShow(const Json& t) {
  std::printf("%s %s\n", JsonStr(t, "nct").c_str(), JsonStr(t, "acronym").c_str());
  for (const char* f : {"brief_title", "official_title", "phase", "status", "sponsor"}) {
    if (!JsonStr(t, f).empty()) std::printf("  %-15s %s\n", (std::string(f) + ":").c_str(), JsonStr(t, f).c_str());
  }
  if (t.contains("enrollment") && t["enrollment"].is_number()) std::printf("  %-15s %lld\n", "enrollment:", t["enrollment"].get<long long>());
  for (const char* f : {"conditions", "other_ids", "pmids"}) {
    if (!t.contains(f) || t[f].empty()) continue;
    std::string s;
    for (const auto& v : t[f]) s += (s.empty() ? "" : "; ") + v.get<std::string>();
    std::printf("  %-15s %s\n", (std::string(f) + ":").c_str(), s.c_str());
  }
  if (t.contains("interventions")) {
    for (const auto& i : t["interventions"]) {
      std::string other;
      for (const auto& o : i.value("other_names", Json::array())) other += (other.empty() ? " (" : ", ") + o.get<std::string>();
      if (!other.empty()) other += ")";
      std::printf("  %-15s %s%s\n", "intervention:", JsonStr(i, "name").c_str(), other.c_str());
    }
  }
  PrintRegistryText(t);
  if (t.contains("works")) {
    std::printf("  linked works (%zu):\n", t["works"].size());
    for (const auto& w : t["works"]) {
      std::string year = w.contains("year") && w["year"].is_number_integer() ? std::to_string(w["year"].get<int>()) : "";
      std::printf("    %-9s %s %s %s\n", JsonStr(w, "role").c_str(), JsonStr(w, "work_id").c_str(), year.c_str(),
                  FitWidth(JsonStr(w, "title"), 70).c_str());
      std::string ctx = JsonStr(w, "context");
      if (!ctx.empty() && ctx != JsonStr(w, "title")) std::printf("              \"%s\"\n", FitWidth(ctx, 140).c_str());
    }
  }
}

namespace {

bool LooksLikeTrialId(const std::string& s) {
  return !text::FindNctIds(s).empty() && s.size() <= 12;
}

int RunShow(const GlobalOptions& g, const ShowOptions& o) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  std::vector<std::string> ids;
  for (const auto& id : o.ids) {
    if (id == "-") {
      for (auto& s : ReadIdsFromStdin()) ids.push_back(s);
    } else {
      ids.push_back(id);
    }
  }
  Json all = Json::array();
  int found = 0;
  for (const auto& ref : ids) {
    Json j;
    bool trial = false;
    if (LooksLikeTrialId(ref)) {
      std::string nct = text::FindNctIds(ref)[0];
      auto t = query::TrialView(*base, nct);
      if (!t.ok()) {
        std::fprintf(stderr, "ckb: %s\n", t.status().message().c_str());
        continue;
      }
      j = std::move(t).value();
      trial = true;
    } else {
      auto id = base->ResolveWork(ref);
      if (!id.ok()) {
        std::fprintf(stderr, "ckb: %s\n", id.status().message().c_str());
        continue;
      }
      auto w = query::WorkView(*base, id.value());
      if (!w.ok()) return ReportError(w.status());
      j = std::move(w).value();
    }
    ++found;
    if (o.format == "json") {
      all.push_back(std::move(j));
    } else {
      if (found > 1) std::printf("\n");
      trial ? PrintTrialTextForShow(j) : PrintWorkText(j);
    }
  }
  if (o.format == "json") PrintJson(all.size() == 1 && o.ids.size() == 1 && o.ids[0] != "-" ? all[0] : all);
  return found > 0 ? kExitOk : kExitNoMatch;
}

struct RefsOptions {
  std::string id;
  std::string format = "text";
};

int RunRefs(const GlobalOptions& g, const RefsOptions& o) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  auto id = base->ResolveWork(o.id);
  if (!id.ok()) return ReportError(id.status());
  auto v = query::RefsView(*base, id.value());
  if (!v.ok()) return ReportError(v.status());
  const Json& j = v.value();
  if (o.format == "json") {
    PrintJson(j);
  } else {
    for (const char* list : {"references", "related"}) {
      if (j[list].empty()) continue;
      std::printf("%s (%zu)\n", std::string(list) == "references" ? "References" : "Related articles", j[list].size());
      for (const auto& r : j[list]) {
        std::printf("  [%d] %s  %s\n", r.value("n", 0), JsonStr(r, "work_id").c_str(),
                    FitWidth(JsonStr(r, "raw"), TerminalWidth() - 24).c_str());
      }
    }
  }
  return j["references"].empty() && j["related"].empty() ? kExitNoMatch : kExitOk;
}

}  // namespace

Command AddShowCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* sub = app.add_subcommand("show", "Show works or trials: a work id, doi:..., pmid:..., pmcid:..., an NCT number, or - for ids on stdin");
  sub->add_option("ids", o->ids, "Ids")->required();
  sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->footer(ExamplesFooter({
                            "show doi:10.1056/NEJMoa2203690",
                            "show pmid:35665782 --format json",
                            "show NCT05633979"}));
  return {sub, [o, &global] { return RunShow(global, *o); }};
}

Command AddRefsCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<RefsOptions>();
  CLI::App* sub = app.add_subcommand("refs", "List a work's references and related articles");
  sub->add_option("id", o->id, "A work id, doi:..., pmid:... or pmcid:...")->required();
  sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->footer(ExamplesFooter({
                            "refs doi:10.3760/cma.j.cn371439-20250225-00007"}));
  return {sub, [o, &global] { return RunRefs(global, *o); }};
}

}  // namespace ckb::cli
