// SPDX-License-Identifier: GPL-3.0-or-later
// Reference peer for the benchmarks: SQLite FTS5 (porter tokenizer, full
// positions) indexing JSONL abstracts and answering free-text queries by bm25.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "bench/peer_common.h"

namespace {

const char kUsage[] =
    "usage: peer_sqlite index --db FILE [FILE|-]\n"
    "       peer_sqlite search --db FILE QUERY_FILE [--limit N]\n"
    "index: JSONL records into an FTS5 table (tokenize 'porter unicode61',\n"
    "detail=full); title and abstract indexed, id/pmid/nct/source stored.\n"
    "One transaction per 10000 records. search: one free-text query per line,\n"
    "top N by bm25 with the stored columns; prints latency per query.\n";

constexpr int kBatch = 10000;

bool Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "peer_sqlite: %s: %s\n", sql, err ? err : "?");
    sqlite3_free(err);
    return false;
  }
  return true;
}

// Free text to an FTS5 MATCH expression: every whitespace-separated word and
// every "quoted phrase" becomes an FTS5 string (so '-', '/', ':' are handled
// by the tokenizer, as a phrase), joined by FTS5's implicit AND.
std::string ToFts5(const std::string& q) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  auto flush = [&] {
    if (!cur.empty()) parts.push_back(cur);
    cur.clear();
  };
  for (char c : q) {
    if (c == '"') {
      flush();
      quoted = !quoted;
    } else if (!quoted && (c == ' ' || c == '\t')) {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : p) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

void BindText(sqlite3_stmt* st, int i, const std::string& s) {
  sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
}

int Index(const std::string& db_path, const std::string& input) {
  double start = ckb::bench::NowSeconds();
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) {
    std::fprintf(stderr, "peer_sqlite: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  if (!Exec(db,
            "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5("
            "id UNINDEXED, pmid UNINDEXED, nct UNINDEXED, source UNINDEXED, title, abstract, "
            "tokenize='porter unicode61')")) {
    sqlite3_close(db);
    return 1;
  }
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO docs(id, pmid, nct, source, title, abstract) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     -1, &ins, nullptr);
  int64_t bad = 0, bytes = 0, in_txn = 0;
  bool ok = Exec(db, "BEGIN");
  int64_t n = ckb::bench::ForEachRecord(
      input,
      [&](const ckb::bench::PeerRecord& r) {
        if (!ok) return;
        BindText(ins, 1, r.id);
        BindText(ins, 2, r.pmid);
        BindText(ins, 3, r.nct);
        BindText(ins, 4, r.source);
        BindText(ins, 5, r.title);
        BindText(ins, 6, r.abstract);
        if (sqlite3_step(ins) != SQLITE_DONE) {
          std::fprintf(stderr, "peer_sqlite: insert: %s\n", sqlite3_errmsg(db));
          ok = false;
        }
        sqlite3_reset(ins);
        bytes += static_cast<int64_t>(r.line.size()) + 1;
        if (++in_txn == kBatch) {
          ok = ok && Exec(db, "COMMIT") && Exec(db, "BEGIN");
          in_txn = 0;
        }
      },
      &bad);
  ok = ok && Exec(db, "COMMIT");
  sqlite3_finalize(ins);
  sqlite3_close(db);
  if (n < 0) {
    std::fprintf(stderr, "peer_sqlite: cannot read %s\n", input.c_str());
    return 1;
  }
  if (!ok) return 1;
  double secs = ckb::bench::NowSeconds() - start;
  std::printf("# indexed=%lld bad=%lld bytes=%lld seconds=%.3f docs_per_s=%.1f\n",
              static_cast<long long>(n), static_cast<long long>(bad),
              static_cast<long long>(bytes), secs, secs > 0 ? n / secs : 0.0);
  return 0;
}

int Search(const std::string& db_path, const std::string& query_file, int limit) {
  std::vector<std::string> queries;
  if (!ckb::bench::ReadQueries(query_file, &queries)) {
    std::fprintf(stderr, "peer_sqlite: cannot read %s\n", query_file.c_str());
    return 1;
  }
  double start = ckb::bench::NowSeconds();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "peer_sqlite: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT id, pmid, nct, source, title, abstract FROM docs "
                         "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                         -1, &st, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "peer_sqlite: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return 1;
  }
  std::vector<double> micros;
  std::vector<int64_t> hits;
  size_t data_bytes = 0;
  for (const std::string& q : queries) {
    double t0 = ckb::bench::NowSeconds();
    std::string match = ToFts5(q);
    BindText(st, 1, match);
    sqlite3_bind_int(st, 2, limit);
    int64_t nhits = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      for (int c = 0; c < 6; ++c) data_bytes += static_cast<size_t>(sqlite3_column_bytes(st, c));
      ++nhits;
    }
    if (rc != SQLITE_DONE) {
      std::fprintf(stderr, "peer_sqlite: query '%s': %s\n", q.c_str(), sqlite3_errmsg(db));
      nhits = -1;
    }
    sqlite3_reset(st);
    micros.push_back((ckb::bench::NowSeconds() - t0) * 1e6);
    hits.push_back(nhits);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  ckb::bench::PrintLatencies(queries, micros, hits, ckb::bench::NowSeconds() - start);
  std::fprintf(stderr, "peer_sqlite: fetched %zu bytes of stored columns\n", data_bytes);
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
