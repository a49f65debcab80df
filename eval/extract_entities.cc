// SPDX-License-Identifier: GPL-3.0-or-later
// Prints the entity mentions found in each line of standard input (or of the
// files named), one mention per output line: start, end, id, state id, text, attrs.
#include <fstream>
#include <iostream>
#include <string>

#include "knowledge/entities.h"

int main(int argc, char** argv) {
  const auto& ex = ckb::knowledge::EntityExtractor::Default();
  auto run = [&](std::istream& in) {
    std::string line;
    while (std::getline(in, line)) {
      for (const ckb::Mention& m : ex.Extract(line, "text")) {
        std::cout << m.start << '\t' << m.end << '\t' << m.type << '\t' << ckb::knowledge::StateId(m)
                  << '\t' << m.text;
        for (const auto& [k, v] : m.attrs) std::cout << '\t' << k << '=' << v;
        std::cout << '\n';
      }
      std::cout << "--\n";
    }
  };
  if (argc < 2) {
    run(std::cin);
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i]);
    if (!in) {
      std::cerr << "cannot open " << argv[i] << '\n';
      return 2;
    }
    run(in);
  }
  return 0;
}
