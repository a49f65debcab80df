// SPDX-License-Identifier: GPL-3.0-or-later
// Reference peer for the benchmarks: a plain Xapian 1.4 indexer and searcher
// over JSONL abstracts with the library's default settings.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <xapian.h>

#include "bench/peer_common.h"

namespace {

const char kUsage[] =
    "usage: peer_xapian index --db DIR [FILE|-]\n"
    "       peer_xapian search --db DIR QUERY_FILE [--limit N]\n"
    "index: title and abstract of each JSONL record through a TermGenerator\n"
    "(English stemmer, positions), id as a unique Q term, the record as data.\n"
    "search: one query per line in one process (QueryParser, English stemmer,\n"
    "FLAG_DEFAULT), top N with document data; prints latency per query.\n";

int Index(const std::string& db_path, const std::string& input) {
  double start = ckb::bench::NowSeconds();
  int64_t bad = 0, bytes = 0;
  try {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    int64_t n = ckb::bench::ForEachRecord(
        input,
        [&](const ckb::bench::PeerRecord& r) {
          Xapian::Document doc;
          tg.set_document(doc);
          tg.index_text(r.title);
          tg.increase_termpos();
          tg.index_text(r.abstract);
          doc.set_data(r.line);
          std::string idterm = "Q" + r.id;
          doc.add_boolean_term(idterm);
          db.replace_document(idterm, doc);
          bytes += static_cast<int64_t>(r.line.size()) + 1;
        },
        &bad);
    if (n < 0) {
      std::fprintf(stderr, "peer_xapian: cannot read %s\n", input.c_str());
      return 1;
    }
    db.commit();
    double secs = ckb::bench::NowSeconds() - start;
    std::printf("# indexed=%lld bad=%lld bytes=%lld seconds=%.3f docs_per_s=%.1f\n",
                static_cast<long long>(n), static_cast<long long>(bad),
                static_cast<long long>(bytes), secs, secs > 0 ? n / secs : 0.0);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "peer_xapian: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}

int Search(const std::string& db_path, const std::string& query_file, int limit) {
  std::vector<std::string> queries;
  if (!ckb::bench::ReadQueries(query_file, &queries)) {
    std::fprintf(stderr, "peer_xapian: cannot read %s\n", query_file.c_str());
    return 1;
  }
  try {
    double start = ckb::bench::NowSeconds();
    Xapian::Database db(db_path);
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Enquire enquire(db);
    std::vector<double> micros;
    std::vector<int64_t> hits;
    size_t data_bytes = 0;
    for (const std::string& q : queries) {
      double t0 = ckb::bench::NowSeconds();
      int64_t nhits = 0;
      try {
        enquire.set_query(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
        Xapian::MSet mset = enquire.get_mset(0, limit);
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
          data_bytes += it.get_document().get_data().size();
        }
        nhits = mset.get_matches_estimated();
      } catch (const Xapian::QueryParserError& e) {
        std::fprintf(stderr, "peer_xapian: query '%s': %s\n", q.c_str(),
                     e.get_description().c_str());
        nhits = -1;
      }
      micros.push_back((ckb::bench::NowSeconds() - t0) * 1e6);
      hits.push_back(nhits);
    }
    ckb::bench::PrintLatencies(queries, micros, hits, ckb::bench::NowSeconds() - start);
    std::fprintf(stderr, "peer_xapian: fetched %zu bytes of document data\n", data_bytes);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "peer_xapian: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string mode = argv[1], db, limit = "10";
  std::vector<std::string> positional;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      db = argv[++i];
    } else if (std::strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
      limit = argv[++i];
    } else {
      positional.push_back(argv[i]);
    }
  }
  if (db.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (mode == "index" && positional.size() <= 1) {
    return Index(db, positional.empty() ? "-" : positional[0]);
  }
  if (mode == "search" && positional.size() == 1) {
    return Search(db, positional[0], std::atoi(limit.c_str()));
  }
  std::fputs(kUsage, stderr);
  return 2;
}
