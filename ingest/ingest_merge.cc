// SPDX-License-Identifier: GPL-3.0-or-later
// A chunk of parsed records merged into the store (ingest/internal/
// ingest_impl.h): works, trials, citations and trial links, with every
// contribution tracked under its source file so that indexing the file again
// replaces it. One thread at a time runs these.
#include <algorithm>
#include <cstdlib>

#include "ingest/internal/ingest_impl.h"
#include "ingest/internal/ingest_records.h"
#include "kb/keys.h"
#include "kb/merge.h"

namespace ckb::ingest {

Status Ingester::Impl::Merge(MergeJob& job) {
  Status st;
  // Commit as soon as the batch is full, not only after the chunk: one
  // document can add many works (its references), and the batch is held
  // twice while it is written.
  for (size_t i = 0; i < job.docs.size() && st.ok(); ++i) {
    st = MergeDocument(job.docs[i], job.doc_mentions[i]);
    if (st.ok()) st = MaybeCommit(false);
  }
  for (size_t i = 0; i < job.trials.size() && st.ok(); ++i) {
    st = MergeTrial(job.trials[i], job.trial_mentions[i]);
    if (st.ok()) st = MaybeCommit(false);
  }
  if (st.ok()) st = MaybeCommit(false);
  return st;
}

void Ingester::Impl::Track(const std::string& kind, const std::string& a, const std::string& b) {
  batch.Put(kb::kCfSources, kb::Join({source, kind, a, b}), "");
}

Status Ingester::Impl::RemoveSource() {
  std::vector<std::string> keys;
  CKB_RETURN_IF_ERROR(kb.Scan(kb::kCfSources, kb::PrefixOf(source),
                              [&](std::string_view k, std::string_view) {
                                keys.emplace_back(k);
                                return true;
                              },
                              &batch));
  for (const auto& k : keys) {
    auto p = kb::SplitKey(k);
    if (p.size() >= 4) {
      if (p[1] == "w") CKB_RETURN_IF_ERROR(kb::RemoveWorkContribution(kb, batch, p[2], p[3]));
      if (p[1] == "t") CKB_RETURN_IF_ERROR(kb::RemoveTrialContribution(kb, batch, p[2], p[3]));
      if (p[1] == "e") {
        // p[2] = citing, p[3] = "section/n"
        size_t slash = p[3].find('/');
        if (slash != std::string::npos) {
          CKB_RETURN_IF_ERROR(kb::DeleteCitation(kb, batch, p[2], p[3].substr(0, slash),
                                                 std::atoi(p[3].c_str() + slash + 1), source));
        }
      }
      if (p[1] == "l") CKB_RETURN_IF_ERROR(kb::UnlinkTrial(kb, batch, kb::Join({p[2], p[3], p.size() > 4 ? p[4] : ""})));
    }
    batch.Delete(kb::kCfSources, k);
  }
  batch.Delete(kb::kCfSources, source);
  return Status::Ok();
}

Status Ingester::Impl::LinkTrials(const std::string& work_id, const std::vector<Mention>& mentions,
                                  const std::vector<std::string>& registry_ids,
                                  const std::string& role, const std::string& context) {
  std::vector<std::string> ids = registry_ids;
  for (const auto& m : mentions) {
    if (m.type != "trial") continue;
    std::string v = m.id.substr(m.id.find(':') + 1);
    ids.push_back(v);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const auto& nct : ids) {
    if (nct.empty()) continue;
    CKB_RETURN_IF_ERROR(kb::LinkTrial(kb, batch, nct, work_id, role, context, source));
    batch.Put(kb::kCfSources, kb::Join({source, "l", nct, work_id, role}), "");
  }
  return Status::Ok();
}

Status Ingester::Impl::MergeDocument(Document& doc, DocumentMentions& mentions) {
  ++record_no;
  ++file_documents;
  report->documents++;
  std::string rec = std::to_string(doc.record ? doc.record : static_cast<int64_t>(record_no));
  std::string citing;
  if (mentions.has_work) {
    kb::Contribution c;
    c.key = source + "#" + rec;
    c.source = source;
    c.rank = RankFor(format);
    c.work = doc.work;
    CKB_ASSIGN_OR_RETURN(citing, kb::UpsertWork(kb, batch, c));
    Track("w", citing, c.key);
    CKB_RETURN_IF_ERROR(LinkTrials(citing, doc.work.entities, doc.work.registry_ids, "reports",
                                   doc.work.title));
    CKB_RETURN_IF_ERROR(LinkTrials(citing, mentions.body_trials, {}, "discusses", ""));
  }
  for (int list = 0; list < 2; ++list) {
    auto& refs = list == 0 ? doc.references : doc.related;
    const char* section = list == 0 ? "references" : "related";
    for (size_t k = 0; k < refs.size(); ++k) {
      Reference& r = refs[k];
      Work w = WorkFromReference(r);
      w.entities = std::move(mentions.refs[list][k]);
      kb::Contribution c;
      c.key = source + "#" + rec + "/" + (list == 0 ? "ref/" : "rel/") + std::to_string(r.n);
      c.source = source;
      c.rank = list == 0 ? kb::kRankReference : kb::kRankRelated;
      c.work = w;
      c.raw = r.raw;
      CKB_ASSIGN_OR_RETURN(std::string cited, kb::UpsertWork(kb, batch, c));
      r.work_id = cited;
      Track("w", cited, c.key);
      CKB_RETURN_IF_ERROR(LinkTrials(cited, w.entities, r.nct, "mentions", r.raw));
      if (!citing.empty()) {
        Citation e{citing, cited, section, r.n, r.raw, source};
        CKB_RETURN_IF_ERROR(kb::PutCitation(kb, batch, e, &r));
        Track("e", citing, std::string(section) + "/" + std::to_string(r.n));
        if (list == 0) {
          std::vector<Mention> trial_mentions;
          for (const auto& m : w.entities) {
            if (m.type == "trial") trial_mentions.push_back(m);
          }
          CKB_RETURN_IF_ERROR(LinkTrials(citing, trial_mentions, r.nct, "cites", r.raw));
        }
      }
    }
  }
  batch_docs++;
  return Status::Ok();
}

Status Ingester::Impl::MergeTrial(Trial& t, TrialMentions& mentions) {
  ++record_no;
  ++file_documents;
  report->trials++;
  if (t.nct.empty()) return Status::Ok();
  std::string key = source + "#" + std::to_string(record_no);
  CKB_RETURN_IF_ERROR(kb::UpsertTrial(kb, batch, key, kb::kRankRegistry, t));
  Track("t", t.nct, key);
  // The registration is also a citable, searchable work.
  kb::Contribution c;
  c.key = key + "/registration";
  c.source = source;
  c.rank = kb::kRankRegistry;
  c.work = std::move(mentions.registration);
  CKB_ASSIGN_OR_RETURN(std::string work_id, kb::UpsertWork(kb, batch, c));
  Track("w", work_id, c.key);
  CKB_RETURN_IF_ERROR(kb::LinkTrial(kb, batch, t.nct, work_id, "registry", "the registry record", source));
  batch.Put(kb::kCfSources, kb::Join({source, "l", t.nct, work_id, "registry"}), "");
  // Publications the registry lists, when they are already known.
  for (const auto& pmid : t.pmids) {
    auto id = kb.Get(kb::kCfIds, kb::AliasKey("pmid", pmid), &batch);
    if (id.ok() && id.value()) {
      CKB_RETURN_IF_ERROR(kb::LinkTrial(kb, batch, t.nct, *id.value(), "reports",
                                        "listed by the registry record", source));
      batch.Put(kb::kCfSources, kb::Join({source, "l", t.nct, *id.value(), "reports"}), "");
    }
  }
  batch_docs++;
  return Status::Ok();
}

Status Ingester::Impl::MaybeCommit(bool force) {
  if (batch.empty()) return Status::Ok();
  if (!force && batch_docs < options.batch_documents && batch.approximate_bytes() < options.batch_bytes) {
    return Status::Ok();
  }
  Status s = kb.Commit(batch);
  batch_docs = 0;
  return s;
}

}  // namespace ckb::ingest
