// SPDX-License-Identifier: GPL-3.0-or-later
// ClinicalTrials.gov study records as JSON: API v2 single studies, v2 result
// pages ({"studies": [...]}), JSONL of studies, JSON arrays, and the retired
// API v1 FullStudiesResponse. Each study becomes a Trial.
#include <nlohmann/json.hpp>

#include <string>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/ctgov.h"
#include "readers/internal/format_util.h"
#include "readers/internal/json_error.h"
#include "readers/internal/json_path.h"

namespace ckb::readers {
namespace {

using nlohmann::json;
using json_path::Array;
using json_path::At;
using json_path::Count;
using json_path::Get;
using json_path::Str;
using json_path::Strings;

void SetDate(Trial* t, const char* key, const std::string& raw) {
  std::string iso = NormalizeDate(raw);
  if (!iso.empty()) t->dates[key] = iso;
}

Trial MapV2(const json& study) {
  Trial t;
  const json& p = Get(study, "protocolSection");
  const json& id = Get(p, "identificationModule");
  t.nct = UpperAscii(Str(id, "nctId"));
  AddUnique(&t.other_ids, Str(id, "orgStudyIdInfo.id"));
  for (const json& s : Array(id, "secondaryIdInfos")) AddUnique(&t.other_ids, Str(s, "id"));
  for (const std::string& a : Strings(Get(id, "nctIdAliases"))) AddUnique(&t.other_ids, a);
  t.acronym = Str(id, "acronym");
  t.brief_title = Str(id, "briefTitle");
  t.official_title = Str(id, "officialTitle");
  const json& status = Get(p, "statusModule");
  t.status = NormalizeTrialStatus(Str(status, "overallStatus"));
  SetDate(&t, "start", Str(status, "startDateStruct.date"));
  SetDate(&t, "primary_completion", Str(status, "primaryCompletionDateStruct.date"));
  SetDate(&t, "completion", Str(status, "completionDateStruct.date"));
  SetDate(&t, "first_posted", Str(status, "studyFirstPostDateStruct.date"));
  SetDate(&t, "first_submitted", Str(status, "studyFirstSubmitDate"));
  SetDate(&t, "last_update", Str(status, "lastUpdatePostDateStruct.date"));
  t.conditions = Strings(At(p, "conditionsModule.conditions"));
  t.keywords = Strings(At(p, "conditionsModule.keywords"));
  t.phase = NormalizePhaseList(Strings(At(p, "designModule.phases")));
  t.enrollment = Count(At(p, "designModule.enrollmentInfo.count"));
  for (const json& iv : Array(p, "armsInterventionsModule.interventions")) {
    Intervention i;
    i.type = Str(iv, "type");
    i.name = Str(iv, "name");
    i.other_names = Strings(Get(iv, "otherNames"));
    if (!i.name.empty()) t.interventions.push_back(std::move(i));
  }
  t.sponsor = Str(p, "sponsorCollaboratorsModule.leadSponsor.name");
  for (const json& r : Array(p, "referencesModule.references")) {
    AddUnique(&t.pmids, NormalizePmid(Str(r, "pmid")));
  }
  t.summary = FoldWhitespace(Str(p, "descriptionModule.briefSummary"));
  ReadRegistryFactsV2(study, &t);
  return t;
}

// The retired API v1 layout: PascalCase modules and XxxList.Xxx wrappers.
Trial MapV1(const json& study) {
  Trial t;
  const json& p = Get(study, "ProtocolSection");
  const json& id = Get(p, "IdentificationModule");
  t.nct = UpperAscii(Str(id, "NCTId"));
  AddUnique(&t.other_ids, Str(id, "OrgStudyIdInfo.OrgStudyId"));
  for (const json& s : Array(id, "SecondaryIdInfoList.SecondaryIdInfo")) {
    AddUnique(&t.other_ids, Str(s, "SecondaryId"));
  }
  t.acronym = Str(id, "Acronym");
  t.brief_title = Str(id, "BriefTitle");
  t.official_title = Str(id, "OfficialTitle");
  const json& status = Get(p, "StatusModule");
  t.status = NormalizeTrialStatus(Str(status, "OverallStatus"));
  SetDate(&t, "start", Str(status, "StartDateStruct.StartDate"));
  SetDate(&t, "primary_completion", Str(status, "PrimaryCompletionDateStruct.PrimaryCompletionDate"));
  SetDate(&t, "completion", Str(status, "CompletionDateStruct.CompletionDate"));
  SetDate(&t, "first_posted", Str(status, "StudyFirstPostDateStruct.StudyFirstPostDate"));
  SetDate(&t, "first_submitted", Str(status, "StudyFirstSubmitDate"));
  SetDate(&t, "last_update", Str(status, "LastUpdatePostDateStruct.LastUpdatePostDate"));
  t.conditions = Strings(At(p, "ConditionsModule.ConditionList.Condition"));
  t.keywords = Strings(At(p, "ConditionsModule.KeywordList.Keyword"));
  t.phase = NormalizePhaseList(Strings(At(p, "DesignModule.PhaseList.Phase")));
  t.enrollment = Count(At(p, "DesignModule.EnrollmentInfo.EnrollmentCount"));
  for (const json& iv : Array(p, "ArmsInterventionsModule.InterventionList.Intervention")) {
    Intervention i;
    i.type = Str(iv, "InterventionType");
    i.name = Str(iv, "InterventionName");
    i.other_names = Strings(At(iv, "InterventionOtherNameList.InterventionOtherName"));
    if (!i.name.empty()) t.interventions.push_back(std::move(i));
  }
  t.sponsor = Str(p, "SponsorCollaboratorsModule.LeadSponsor.LeadSponsorName");
  for (const json& r : Array(p, "ReferencesModule.ReferenceList.Reference")) {
    AddUnique(&t.pmids, NormalizePmid(Str(r, "ReferencePMID")));
  }
  t.summary = FoldWhitespace(Str(p, "DescriptionModule.BriefSummary"));
  return t;
}

class StudyEmitter {
 public:
  StudyEmitter(const std::string& source, Sink& sink) : source_(source), sink_(sink) {}

  // One study object (v2, or a v1 "Study").
  void Study(const json& study, int64_t line) {
    ++record_;
    Trial t;
    if (study.is_object() && study.contains("ProtocolSection")) {
      t = MapV1(study);
    } else if (study.is_object() && study.contains("protocolSection")) {
      t = MapV2(study);
    } else {
      sink_.OnDiagnostic({source_, line, record_, "not a ClinicalTrials.gov study object; skipped"});
      return;
    }
    if (text::FindNctIds(t.nct).empty()) {
      sink_.OnDiagnostic({source_, line, record_, "study without a valid NCT id; skipped"});
      return;
    }
    ++trials_;
    sink_.OnTrial(std::move(t));
  }

  // Any accepted top-level shape. False when `doc` is none of them.
  bool Document(const json& doc, int64_t line) {
    if (doc.is_array()) {
      for (const json& s : doc) Study(s, line);
      return true;
    }
    if (!doc.is_object()) return false;
    if (doc.contains("studies") && doc["studies"].is_array()) {
      for (const json& s : doc["studies"]) Study(s, line);
      return true;
    }
    const json& full = At(doc, "FullStudiesResponse.FullStudies");
    if (full.is_array()) {
      for (const json& s : full) Study(Get(s, "Study"), line);
      return true;
    }
    if (doc.contains("protocolSection") || doc.contains("ProtocolSection")) {
      Study(doc, line);
      return true;
    }
    if (doc.contains("Study")) {
      Study(doc["Study"], line);
      return true;
    }
    return false;
  }

  int64_t record() const { return record_; }

 private:
  const std::string& source_;
  Sink& sink_;
  int64_t record_ = 0;
  int64_t trials_ = 0;
};

Status ParseLines(std::string_view bytes, StudyEmitter* emit, const std::string& source, Sink& sink) {
  int64_t line_no = 0;
  size_t pos = 0;
  bool any = false;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    json doc = json::parse(line, nullptr, false);
    if (doc.is_discarded() || !emit->Document(doc, line_no)) {
      if (!any && line_no == 1) break;  // not JSONL either
      std::string why = "line is not a study JSON object; skipped";
      if (doc.is_discarded()) why = "line is " + FindJsonSyntaxError(line).Describe() + "; skipped";
      sink.OnDiagnostic({source, line_no, emit->record() + 1, why});
      continue;
    }
    any = true;
  }
  if (!any) return Status::ParseError(source + ": not ClinicalTrials.gov JSON (neither an API v2 study, a page of "
                                                "studies nor one study per line)");
  return Status::Ok();
}

}  // namespace

std::string NormalizeTrialStatus(std::string_view s) {
  std::string out;
  for (char c : Trim(s)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::string NormalizePhaseList(const std::vector<std::string>& phases) {
  std::string joined;
  for (const std::string& p : phases) joined += (joined.empty() ? "" : ", ") + p;
  return NormalizePhase(joined);
}

int SniffCtgovJson(std::string_view filename, std::string_view head) {
  bool json_ext = HasExtension(filename, {".json", ".jsonl", ".ndjson"});
  if (!StartsWithChar(head, '{') && !StartsWithChar(head, '[')) return 0;
  for (const char* mark : {"\"protocolSection\"", "\"FullStudiesResponse\"", "\"ProtocolSection\""}) {
    if (head.find(mark) != std::string_view::npos) return 95;
  }
  if (head.find("\"studies\"") != std::string_view::npos && head.find("\"nctId\"") != std::string_view::npos)
    return 90;
  return json_ext && head.find("\"nctId\"") != std::string_view::npos ? 70 : 0;
}

Status ParseCtgovJson(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxJsonBytes));
  std::string_view body = StripBom(bytes);
  if (Trim(body).empty()) return Status::ParseError(in.name() + ": empty input");
  StudyEmitter emit(in.name(), sink);
  json doc = json::parse(body, nullptr, false);
  if (!doc.is_discarded()) {
    if (!emit.Document(doc, 1)) {
      return Status::ParseError(in.name() + ": JSON is not a ClinicalTrials.gov study or page");
    }
    return Status::Ok();
  }
  return ParseLines(body, &emit, in.name(), sink);
}

}  // namespace ckb::readers
