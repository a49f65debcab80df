// SPDX-License-Identifier: GPL-3.0-or-later
// Nearest-name suggestions by Levenshtein distance over the names CLI11
// knows (subcommands, then the chosen subcommand's and the global options).
#include "cli/suggest.h"

#include <algorithm>
#include <cstdio>

namespace ckb::cli {
namespace {

size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string JoinNames(const std::vector<std::string>& names, const char* dash) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(dash) + n;
  return out;
}

std::vector<std::string> LongOptions(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app.get_options()) {
    for (const auto& n : o->get_lnames()) out.push_back(n);
  }
  return out;
}

}  // namespace

std::string Nearest(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& n : names) {
    size_t d = Distance(word, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  size_t allowed = std::max<size_t>(2, word.size() / 3);
  return best_d <= allowed && best_d < word.size() ? best : "";
}

void SuggestForArguments(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> commands;
  const CLI::App* chosen = nullptr;
  auto subs = const_cast<CLI::App&>(app).get_subcommands([](CLI::App*) { return true; });
  for (const CLI::App* s : subs) commands.push_back(s->get_name());
  std::vector<std::string> global = LongOptions(app);
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("-", 0) == 0) {
      if (a == "--db" || a == "--color") ++i;  // global options with a value
      continue;
    }
    for (const CLI::App* s : subs) {
      if (s->get_name() == a) chosen = s;
    }
    if (!chosen) {
      std::string near = Nearest(a, commands);
      if (!near.empty()) {
        std::fprintf(stderr, "ckb: unknown command '%s'; did you mean '%s'?\n", a.c_str(), near.c_str());
      } else {
        std::fprintf(stderr, "ckb: unknown command '%s'; commands: %s\n", a.c_str(), JoinNames(commands, "").c_str());
      }
      return;
    }
    break;
  }
  if (!chosen) return;
  std::vector<std::string> options = LongOptions(*chosen);
  options.insert(options.end(), global.begin(), global.end());
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) continue;
    std::string name = a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2);
    if (std::find(options.begin(), options.end(), name) != options.end()) continue;
    std::string near = Nearest(name, options);
    if (!near.empty()) {
      std::fprintf(stderr, "ckb: %s has no option --%s; did you mean --%s?\n", chosen->get_name().c_str(),
                   name.c_str(), near.c_str());
    } else {
      std::fprintf(stderr, "ckb: %s has no option --%s; options: %s\n", chosen->get_name().c_str(), name.c_str(),
                   JoinNames(options, "--").c_str());
    }
  }
}

}  // namespace ckb::cli
