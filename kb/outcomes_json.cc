// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON form of a work's trial results in its record ("outcomes"), and
// back. Absent keys read as empty, so records written before results were
// stored read as works without results.
#include "kb/record.h"

namespace ckb {
namespace {

Json Num(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
Json Int(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }
Json Str(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json SpanJson(const OutcomeSpan& s) {
  return Json{{"field", s.field},
              {"begin", s.begin},
              {"end", s.end},
              {"sentence", Json::array({s.sentence_begin, s.sentence_end})}};
}

OutcomeSpan SpanFrom(const Json& j) {
  OutcomeSpan s;
  if (!j.is_object()) return s;
  s.field = j.value("field", "");
  s.begin = j.value("begin", 0u);
  s.end = j.value("end", 0u);
  if (auto it = j.find("sentence"); it != j.end() && it->is_array() && it->size() == 2 &&
                                    (*it)[0].is_number_unsigned() && (*it)[1].is_number_unsigned()) {
    s.sentence_begin = (*it)[0].get<uint32_t>();
    s.sentence_end = (*it)[1].get<uint32_t>();
  }
  return s;
}

std::optional<double> NumFrom(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}
std::optional<int64_t> IntFrom(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}
std::string StrFrom(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The fields medians and rates share with effects.
template <class Item>
void ReadShared(const Json& e, Item* x) {
  x->endpoint = StrFrom(e, "endpoint");
  x->arm = StrFrom(e, "arm");
  x->value = NumFrom(e, "value").value_or(0);
  x->subgroup = StrFrom(e, "subgroup");
  x->source = StrFrom(e, "source");
  x->span = SpanFrom(e.value("offsets", Json()));
}

// The confidence interval of an effect or a median.
template <class Item>
void ReadInterval(const Json& e, Item* x) {
  x->ci_low = NumFrom(e, "ci_low");
  x->ci_high = NumFrom(e, "ci_high");
}

}  // namespace

Json ToJson(const Outcomes& o) {
  Json effects = Json::array(), medians = Json::array(), rates = Json::array(), arms = Json::array();
  for (const auto& e : o.effects) {
    effects.push_back({{"measure", e.measure}, {"value", e.value}, {"ci_low", Num(e.ci_low)},
                       {"ci_high", Num(e.ci_high)},
                       {"ci_level", e.ci_level ? Json(*e.ci_level) : Json(nullptr)},
                       {"p", Str(e.p)}, {"endpoint", Str(e.endpoint)}, {"arm", Str(e.arm)},
                       {"comparator", Str(e.comparator)}, {"subgroup", Str(e.subgroup)},
                       {"source", e.source}, {"offsets", SpanJson(e.span)}});
  }
  for (const auto& m : o.medians) {
    medians.push_back({{"endpoint", Str(m.endpoint)}, {"arm", Str(m.arm)}, {"value", m.value},
                       {"unit", m.unit}, {"ci_low", Num(m.ci_low)}, {"ci_high", Num(m.ci_high)},
                       {"subgroup", Str(m.subgroup)}, {"source", m.source},
                       {"offsets", SpanJson(m.span)}});
  }
  for (const auto& r : o.rates) {
    rates.push_back({{"endpoint", Str(r.endpoint)}, {"arm", Str(r.arm)}, {"value", r.value},
                     {"n_events", Int(r.n_events)}, {"n", Int(r.n)}, {"subgroup", Str(r.subgroup)},
                     {"source", r.source}, {"offsets", SpanJson(r.span)}});
  }
  for (const auto& a : o.arms) arms.push_back({{"label", a.label}, {"n", Int(a.n)}});
  return Json{{"effects", std::move(effects)}, {"medians", std::move(medians)},
              {"rates", std::move(rates)}, {"n_total", Int(o.n_total)}, {"arms", std::move(arms)}};
}

Outcomes OutcomesFromJson(const Json& j) {
  Outcomes o;
  if (!j.is_object()) return o;
  EachObject(j, "effects", [&](const Json& e) {
    OutcomeEffect x;
    ReadShared(e, &x);
    x.measure = StrFrom(e, "measure");
    ReadInterval(e, &x);
    if (auto l = IntFrom(e, "ci_level")) x.ci_level = static_cast<int>(*l);
    x.p = StrFrom(e, "p");
    x.comparator = StrFrom(e, "comparator");
    o.effects.push_back(std::move(x));
  });
  EachObject(j, "medians", [&](const Json& e) {
    OutcomeMedian x;
    ReadShared(e, &x);
    x.unit = StrFrom(e, "unit");
    ReadInterval(e, &x);
    o.medians.push_back(std::move(x));
  });
  EachObject(j, "rates", [&](const Json& e) {
    OutcomeRate x;
    ReadShared(e, &x);
    x.n_events = IntFrom(e, "n_events");
    x.n = IntFrom(e, "n");
    o.rates.push_back(std::move(x));
  });
  o.n_total = IntFrom(j, "n_total");
  EachObject(j, "arms", [&](const Json& e) { o.arms.push_back({StrFrom(e, "label"), IntFrom(e, "n")}); });
  return o;
}

}  // namespace ckb
