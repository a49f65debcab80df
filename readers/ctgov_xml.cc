// SPDX-License-Identifier: GPL-3.0-or-later
// ClinicalTrials.gov legacy XML (<clinical_study>, the pre-2024 download
// format): one Trial per record; a file may also wrap several records.
#include <string>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/ctgov.h"
#include "readers/internal/format_util.h"
#include "readers/internal/xml_dom.h"

namespace ckb::readers {
namespace {

void SetDate(Trial* t, const char* key, const xmlNode* study, const char* tag) {
  std::string iso = NormalizeDate(XmlPathText(study, tag));
  if (!iso.empty()) t->dates[key] = iso;
}

Trial MapStudy(const xmlNode* s) {
  Trial t;
  const xmlNode* ids = XmlChild(s, "id_info");
  t.nct = UpperAscii(XmlPathText(ids, "nct_id"));
  AddUnique(&t.other_ids, XmlPathText(ids, "org_study_id"));
  for (const xmlNode* n : XmlChildren(ids, "secondary_id")) AddUnique(&t.other_ids, XmlText(n));
  for (const xmlNode* n : XmlChildren(ids, "nct_alias")) AddUnique(&t.other_ids, XmlText(n));
  t.acronym = XmlPathText(s, "acronym");
  t.brief_title = XmlPathText(s, "brief_title");
  t.official_title = XmlPathText(s, "official_title");
  t.status = NormalizeTrialStatus(XmlPathText(s, "overall_status"));
  std::vector<std::string> phases;
  for (const xmlNode* p : XmlChildren(s, "phase")) phases.push_back(XmlText(p));
  t.phase = NormalizePhaseList(phases);
  for (const xmlNode* c : XmlChildren(s, "condition")) AddUnique(&t.conditions, XmlText(c));
  for (const xmlNode* k : XmlChildren(s, "keyword")) AddUnique(&t.keywords, XmlText(k));
  for (const xmlNode* iv : XmlChildren(s, "intervention")) {
    Intervention i;
    i.type = XmlPathText(iv, "intervention_type");
    i.name = XmlPathText(iv, "intervention_name");
    for (const xmlNode* o : XmlChildren(iv, "other_name")) AddUnique(&i.other_names, XmlText(o));
    if (!i.name.empty()) t.interventions.push_back(std::move(i));
  }
  std::string enrollment = XmlPathText(s, "enrollment");
  if (!enrollment.empty() && enrollment.size() <= 12 &&
      enrollment.find_first_not_of("0123456789") == std::string::npos) {
    t.enrollment = std::stoll(enrollment);
  }
  SetDate(&t, "start", s, "start_date");
  SetDate(&t, "primary_completion", s, "primary_completion_date");
  SetDate(&t, "completion", s, "completion_date");
  SetDate(&t, "first_posted", s, "study_first_posted");
  if (!t.dates.count("first_posted")) SetDate(&t, "first_posted", s, "firstreceived_date");
  SetDate(&t, "first_submitted", s, "study_first_submitted");
  SetDate(&t, "last_update", s, "last_update_posted");
  t.sponsor = XmlPathText(s, "sponsors/lead_sponsor/agency");
  for (const char* tag : {"reference", "results_reference"}) {
    for (const xmlNode* r : XmlChildren(s, tag)) AddUnique(&t.pmids, NormalizePmid(XmlPathText(r, "PMID")));
  }
  t.summary = XmlPathText(s, "brief_summary/textblock");
  if (t.summary.empty()) t.summary = XmlPathText(s, "brief_summary");
  return t;
}

}  // namespace

int SniffCtgovXml(std::string_view filename, std::string_view head) {
  if (StartsWithChar(head, '<') && head.find("<clinical_study") != std::string_view::npos) return 95;
  return 0;
}

Status ParseCtgovXml(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxXmlBytes));
  CKB_ASSIGN_OR_RETURN(XmlDocPtr xml, ParseXmlDocument(bytes, in.name()));
  const xmlNode* root = xmlDocGetRootElement(xml.get());
  std::vector<const xmlNode*> studies;
  if (IsElement(root, "clinical_study")) {
    studies.push_back(root);
  } else {
    studies = XmlChildren(root, "clinical_study");
  }
  if (studies.empty()) {
    return Status::ParseError(in.name() + ": no <clinical_study> element (root is <" +
                              std::string(XmlName(root)) + ">)");
  }
  int64_t record = 0;
  for (const xmlNode* s : studies) {
    ++record;
    int64_t line = xmlGetLineNo(s);
    Trial t = MapStudy(s);
    if (text::FindNctIds(t.nct).empty()) {
      sink.OnDiagnostic({in.name(), line, record, "study without a valid NCT id; skipped"});
      continue;
    }
    sink.OnTrial(std::move(t));
  }
  return Status::Ok();
}

}  // namespace ckb::readers
