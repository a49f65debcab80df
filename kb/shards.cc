// SPDX-License-Identifier: GPL-3.0-or-later
// Index shards: searching several Xapian databases (remote ones served by
// xapian-tcpsrv, or local knowledge bases) as one, the records of the hits
// read from every record store at hand, and the rule that assigns a work
// to one of N shards.
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/merge.h"

namespace ckb::kb {
namespace {

// Milliseconds a remote shard may take to answer, and to accept a
// connection.
constexpr unsigned kRemoteTimeoutMs = 30000;
constexpr unsigned kRemoteConnectMs = 10000;

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// "host:port" (host without '/', port all digits); a directory of that
// name is a local shard.
bool ParseRemote(const std::string& spec, std::string* host, unsigned* port) {
  size_t colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return false;
  if (spec.find('/') != std::string::npos || IsDirectory(spec)) return false;
  std::string p = spec.substr(colon + 1);
  if (!std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  unsigned long n = std::strtoul(p.c_str(), nullptr, 10);
  if (n == 0 || n > 65535) return false;
  *host = spec.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  *port = static_cast<unsigned>(n);
  return true;
}

std::string RealPath(const std::string& path) {
  char* r = ::realpath(path.c_str(), nullptr);
  if (!r) return path;
  std::string out(r);
  std::free(r);
  return out;
}

}  // namespace

std::string ShardKeyOf(const Work& w, std::string_view fallback) {
  // The aliases of UpsertWork (kb/merge.cc), first one first.
  if (!w.doi.empty()) return WorkIdFor("doi", w.doi);
  if (!w.pmid.empty()) return WorkIdFor("pmid", w.pmid);
  if (!w.pmcid.empty()) return WorkIdFor("pmcid", w.pmcid);
  if (!w.source_id.empty()) return WorkIdFor("src", w.source_id);
  if (w.type == "trial-registration" && !w.registry_ids.empty()) return WorkIdFor("nct", w.registry_ids[0]);
  std::string fk = FuzzyKey(w);
  if (!fk.empty()) return WorkIdFor("key", fk);
  return WorkIdFor("stmt", fallback);
}

uint32_t KnowledgeBase::ShardOfWork(std::string_view work_id, uint32_t count) {
  if (count <= 1) return 0;
  // Work ids are "W" + 16 hex digits of a hash already (WorkIdFor); others
  // (none are made today) are hashed here.
  uint64_t h = 0;
  bool hex = work_id.size() == 17 && work_id[0] == 'W';
  for (size_t i = 1; hex && i < work_id.size(); ++i) {
    char c = work_id[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) hex = false;
    h = h << 4 | static_cast<uint64_t>(d < 0 ? 0 : d);
  }
  if (!hex) {
    h = 14695981039346656037ull;
    for (unsigned char c : work_id) h = (h ^ c) * 1099511628211ull;
  }
  return static_cast<uint32_t>(h % count);
}

std::string KnowledgeBase::IndexDirectory() const { return rep_->dir + "/" + rep_->index_name; }

Status KnowledgeBase::AttachShards(const std::vector<std::string>& specs) {
  if (rep_->write) return Status::InvalidArgument("index shards are for searching, not for a writer");
  if (specs.empty()) return Status::InvalidArgument("no index shard given");
  auto all = std::make_unique<Xapian::Database>();
  std::vector<std::unique_ptr<KnowledgeBase>> local;
  const std::string self = RealPath(rep_->dir);
  for (const auto& spec : specs) {
    std::string host;
    unsigned port = 0;
    if (ParseRemote(spec, &host, &port)) {
      CKB_RETURN_IF_ERROR(XapianCall("opening index shard " + spec, [&] {
        all->add_database(Xapian::Remote::open(host, port, kRemoteTimeoutMs, kRemoteConnectMs));
      }));
      continue;
    }
    if (RealPath(spec) == self) {
      all->add_database(rep_->Index());
      continue;
    }
    struct stat st;
    if (::stat((spec + "/index.current").c_str(), &st) != 0 && IsDirectory(spec)) {
      // A bare Xapian database, e.g. shards merged with xapian-compact.
      CKB_RETURN_IF_ERROR(XapianCall("opening index shard " + spec, [&] { all->add_database(Xapian::Database(spec)); }));
      continue;
    }
    OpenOptions o;
    o.column_families = {kCfWorks, kCfIds};
    auto shard = Open(spec, o);
    if (!shard.ok()) {
      std::string m = "index shard " + spec + ": " + shard.status().message();
      Status::Code c = shard.status().code();
      return c == Status::Code::kNotFound     ? Status::NotFound(m)
             : c == Status::Code::kCorruption ? Status::Corruption(m)
                                              : Status::IOError(m);
    }
    all->add_database(shard.value()->rep_->Index());
    local.push_back(std::move(shard).value());
  }
  rep_->shards_db = std::move(all);
  rep_->shard_kbs = std::move(local);
  return Status::Ok();
}

Result<std::vector<std::optional<std::string>>> KnowledgeBase::HitRecords(
    const std::vector<std::string>& ids) const {
  CKB_ASSIGN_OR_RETURN(auto out, MultiGet(kCfWorks, ids));
  for (const auto& shard : rep_->shard_kbs) {
    std::vector<std::string> missing;
    std::vector<size_t> where;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!out[i]) {
        missing.push_back(ids[i]);
        where.push_back(i);
      }
    }
    if (missing.empty()) break;
    CKB_ASSIGN_OR_RETURN(auto found, shard->MultiGet(kCfWorks, missing));
    for (size_t j = 0; j < missing.size(); ++j) out[where[j]] = std::move(found[j]);
  }
  return out;
}

}  // namespace ckb::kb
