// SPDX-License-Identifier: GPL-3.0-or-later
// The page of `ckb serve`: reads the URL, asks the JSON API (docs/API.md)
// and builds the view with DOM calls only (text is never parsed as HTML).
"use strict";

const params = new URLSearchParams(location.search);
const main = document.getElementById("main");
const facetsBox = document.getElementById("facets");

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}

function link(href, text, attrs) { return el("a", Object.assign({ href: href }, attrs || {}), text); }
function url(base, p) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && v !== "") s.set(k, v);
  const q = s.toString();
  return q ? base + "?" + q : base;
}
function workUrl(id) { return url("/", { work: id }); }
function trialUrl(id) { return url("/", { trial: id }); }

async function api(path, p) {
  const r = await fetch(url(path, p || {}), { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: { message: "bad answer (" + r.status + ")" } }));
  if (!r.ok) {
    const e = new Error(body.error ? body.error.message : "HTTP " + r.status);
    e.detail = body.error || {};
    throw e;
  }
  return body;
}

function showError(err, text) {
  const box = el("div", { class: "error", role: "alert" }, err.message);
  if (text !== undefined && err.detail && err.detail.offset !== undefined) {
    const cps = Array.from(new TextEncoder().encode(text).slice(0, err.detail.offset));
    const before = new TextDecoder().decode(new Uint8Array(cps));
    box.append("\n" + text + "\n" + " ".repeat(Array.from(before).length) + "^");
  }
  main.replaceChildren(box);
}

function setTitle(t) { document.title = t + " · ckb"; }
function current(id) { const a = document.getElementById(id); if (a) a.setAttribute("aria-current", "page"); }

// Snippet text with its highlight spans ([start, end) in code points).
function snippet(text, spans) {
  const cps = Array.from(text || "");
  const out = el("p", { class: "snippet" });
  let at = 0;
  for (const [s, e] of spans || []) {
    if (s < at) continue;
    out.append(cps.slice(at, s).join(""), el("mark", {}, cps.slice(s, e).join("")));
    at = e;
  }
  out.append(cps.slice(at).join(""));
  return out;
}

function entityLabel(m) {
  const name = m.name || m.text || m.id;
  if (m.type === "biomarker" && m.attrs && m.attrs.state) return (m.attrs.gene || name).toString() + "-" + m.attrs.state;
  return name;
}

// Entity chips of a work view: drugs, biomarkers with state, trials.
function chips(w) {
  const box = el("div", { class: "chips" });
  const seen = new Set();
  for (const m of w.entities || []) {
    if (m.type !== "drug" && m.type !== "biomarker") continue;
    const label = m.type === "biomarker" && m.attrs && m.attrs.state
      ? m.id.replace(/^biomarker:/, "") + "-" + m.attrs.state : (m.name || m.id.replace(/^drug:/, ""));
    if (seen.has(m.type + label)) continue;
    seen.add(m.type + label);
    const field = m.type === "drug" ? "drug:" : "biomarker:";
    box.append(link(url("/", { q: field + JSON.stringify(label) }), label, { class: "chip " + m.type, title: m.type }));
  }
  for (const t of w.trials || []) box.append(link(trialUrl(t), t, { class: "chip trial", title: "trial" }));
  return box;
}

function authorsLine(authors, max) {
  const a = authors || [];
  return a.slice(0, max).join(", ") + (a.length > max ? " et al." : "");
}

function hitItem(h) {
  const li = el("li", { class: "hit", "data-id": h.id });
  li.append(el("h2", {}, link(workUrl(h.id), h.title || h.id)));
  const meta = [authorsLine(h.authors, 3), h.journal, h.year].filter(Boolean).join(" · ");
  li.append(el("div", { class: "meta" }, meta, h.doi ? " · doi:" + h.doi : "", h.pmid ? " · PMID " + h.pmid : ""));
  if (h.snippet) li.append(snippet(h.snippet, h.highlights));
  const slot = el("div", { class: "chips pending" });
  li.append(slot);
  api("/api/works/" + encodeURIComponent(h.id)).then(w => slot.replaceWith(chips(w))).catch(() => slot.classList.remove("pending"));
  return li;
}

const FACETS = [["drug", "drug"], ["biomarker", "biomarker"], ["design", "design"], ["phase", "phase"], ["trial", "trial"],
  ["year", "year"]];

function facetValue(name, v) {
  if (name === "biomarker") return v.replace("/", "-");
  return v;
}

function renderFacets(q, facets) {
  facetsBox.replaceChildren();
  for (const [name, field] of FACETS) {
    const counts = Object.entries(facets[name] || {});
    if (!counts.length) continue;
    counts.sort((a, b) => name === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1]);
    const ul = el("ul", {});
    for (const [v, n] of counts.slice(0, 12)) {
      const shown = facetValue(name, v);
      const term = field + ":" + (/[\s"]/.test(shown) ? JSON.stringify(shown) : shown);
      ul.append(el("li", {}, link(url("/", { q: (q + " " + term).trim() }),
        [el("span", {}, shown), el("span", { class: "count" }, n)], { "data-facet": name, "data-value": v })));
    }
    facetsBox.append(el("h2", {}, name), ul);
  }
}

async function searchView(q) {
  current("nav-search");
  setTitle(q);
  document.getElementById("q").value = q;
  const offset = parseInt(params.get("offset") || "0", 10) || 0;
  const sort = params.get("sort") || "relevance";
  main.replaceChildren(el("p", { class: "summary" }, "Searching…"));
  let r;
  try {
    r = await api("/api/search", { q: q, facets: 1, snippets: 1, limit: 20, offset: offset, sort: sort });
  } catch (e) { facetsBox.replaceChildren(); return showError(e, q); }
  renderFacets(q, r.facets || {});
  const sortSel = el("select", { id: "sort" });
  for (const s of ["relevance", "date", "cited"]) sortSel.append(el("option", { value: s, selected: s === sort ? "" : null }, s));
  sortSel.addEventListener("change", () => { location.href = url("/", { q: q, sort: sortSel.value }); });
  const tools = el("div", { class: "tools" },
    el("label", { for: "sort" }, "Sort by"), sortSel,
    link(url("/", { view: "table", q: q }), "Review table"), link(url("/", { view: "map", q: q }), "Evidence map"));
  const list = el("ol", { class: "hits", start: offset + 1 });
  for (const h of r.hits) list.append(hitItem(h));
  const pager = el("div", { class: "pager" });
  if (offset > 0) pager.append(link(url("/", { q: q, sort: sort, offset: Math.max(0, offset - 20) }), "← Previous"));
  if (offset + r.hits.length < r.total) pager.append(link(url("/", { q: q, sort: sort, offset: offset + 20 }), "Next →"));
  const warn = (r.warnings || []).map(w => el("p", { class: "meta" }, "Note: " + w));
  main.replaceChildren(el("h1", {}, "Results"),
    el("p", { class: "summary", id: "total" }, r.total + " result(s) for " + q), warn, tools, list, pager);
}

function fieldsList(w) {
  const dl = el("dl", { class: "fields" });
  const prov = w.provenance || {};
  const add = (label, key, value) => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    const dd = el("dd", {}, Array.isArray(value) ? value.join(", ") : String(value));
    if (prov[key]) dd.append(el("span", { class: "meta" }, "  (from " + prov[key] + ")"));
    for (const c of (w.conflicts || {})[key] || []) {
      dd.append(el("div", { class: "conflict" }, "also: " + (typeof c.value === "string" ? c.value : JSON.stringify(c.value)) +
        " (from " + c.source + ")"));
    }
    dl.append(el("dt", {}, label), dd);
  };
  add("Authors", "authors", w.authors);
  add("Journal", "journal", w.journal);
  add("Year", "year", w.year);
  add("Volume", "volume", w.volume);
  add("Issue", "issue", w.issue);
  add("Pages", "pages", w.pages);
  add("Type", "type", w.type);
  add("Language", "lang", w.lang);
  add("DOI", "doi", w.doi);
  add("PMID", "pmid", w.pmid);
  add("PMCID", "pmcid", w.pmcid);
  add("Id", "id", w.id);
  return dl;
}

async function workView(ref) {
  setTitle(ref);
  let w;
  try { w = await api("/api/works/" + encodeURIComponent(ref)); } catch (e) { return showError(e); }
  setTitle(w.title || w.id);
  const parts = [el("h1", {}, w.title || w.id), chips(w), fieldsList(w)];
  if (w.abstract) parts.push(el("section", {}, el("h2", {}, "Abstract"), el("p", {}, w.abstract)));
  const ents = el("ul", {});
  for (const m of w.entities || []) {
    const st = m.attrs && m.attrs.state ? " (" + m.attrs.state + ")" : "";
    ents.append(el("li", {}, m.type + ": " + (m.name || m.id) + st + " — “" + m.text + "”"));
  }
  if ((w.entities || []).length) parts.push(el("section", {}, el("h2", {}, "Entities"), ents));
  if ((w.trials || []).length) {
    parts.push(el("section", {}, el("h2", {}, "Trials"), el("ul", {}, w.trials.map(t => el("li", {}, link(trialUrl(t), t))))));
  }
  const refs = el("section", { id: "refs" }, el("h2", {}, "References"));
  const citing = el("section", { id: "citing" }, el("h2", {}, "Cited by (" + (w.cited_by_count || 0) + ")"));
  const sources = el("section", {}, el("h2", {}, "Sources"), el("ul", {}, (w.sources || []).map(s => el("li", {}, s))));
  parts.push(refs, citing, sources);
  main.replaceChildren(...parts);
  api("/api/works/" + encodeURIComponent(w.id) + "/refs").then(r => {
    const list = el("ol", {});
    for (const x of r.references || []) {
      list.append(el("li", { value: x.n }, x.work_id ? link(workUrl(x.work_id), x.raw || x.title || x.work_id) : (x.raw || "")));
    }
    if (!(r.references || []).length) refs.append(el("p", { class: "meta" }, "No reference list known."));
    else refs.append(list, link(url("/", { view: "table", cited_by: w.id }), "These references as a review table"));
  }).catch(e => refs.append(el("p", { class: "error" }, e.message)));
  api("/api/works/" + encodeURIComponent(w.id) + "/citing").then(r => {
    citing.append(el("ul", {}, r.citing.map(c => el("li", {}, link(workUrl(c.id), c.title || c.id), c.year ? " (" + c.year + ")" : ""))));
  }).catch(e => citing.append(el("p", { class: "error" }, e.message)));
}

async function trialView(id) {
  setTitle(id);
  let t;
  try { t = await api("/api/trials/" + encodeURIComponent(id)); } catch (e) { return showError(e); }
  const dl = el("dl", { class: "fields" });
  for (const [k, label] of [["nct", "Registry id"], ["acronym", "Acronym"], ["brief_title", "Title"], ["official_title", "Official title"],
    ["phase", "Phase"], ["status", "Status"], ["sponsor", "Sponsor"], ["enrollment", "Enrollment"], ["conditions", "Conditions"]]) {
    const v = t[k];
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) continue;
    dl.append(el("dt", {}, label), el("dd", {}, Array.isArray(v) ? v.join("; ") : String(v)));
  }
  const iv = el("ul", {}, (t.interventions || []).map(i => el("li", {}, i.name + ((i.other_names || []).length ? " (" + i.other_names.join(", ") + ")" : ""))));
  const works = el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Role"), el("th", { scope: "col" }, "Year"), el("th", { scope: "col" }, "Work"))),
    el("tbody", {}, (t.works || []).map(w => el("tr", {}, el("td", {}, w.role), el("td", {}, w.year || ""),
      el("td", {}, link(workUrl(w.work_id), w.title || w.work_id), w.context && w.context !== w.title ? el("div", { class: "meta" }, w.context) : null)))));
  setTitle(t.acronym || t.nct);
  main.replaceChildren(el("h1", {}, (t.acronym ? t.acronym + " · " : "") + t.nct), dl,
    (t.interventions || []).length ? el("section", {}, el("h2", {}, "Interventions"), iv) : null,
    el("section", {}, el("h2", {}, "Linked works (" + (t.works || []).length + ")"), el("div", { class: "scroll" }, works)));
}

function cellText(v) { return Array.isArray(v) ? v.join("; ") : v === null || v === undefined ? "" : String(v); }

function dataTable(rows, columns, caption) {
  const head = el("tr", {}, columns.map(c => el("th", { scope: "col" }, c.header)));
  const body = el("tbody", {});
  for (const r of rows) {
    body.append(el("tr", {}, columns.map(c => {
      if (c.key === "title" && r.id) return el("td", {}, link(workUrl(r.id), cellText(r[c.key])));
      return el("td", {}, cellText(r[c.key]));
    })));
  }
  return el("div", { class: "scroll" }, el("table", { id: "review-table" }, el("caption", { class: "meta" }, caption), el("thead", {}, head), body));
}

async function tableView() {
  current("nav-table");
  setTitle("Review table");
  const q = params.get("q") || "", citedBy = params.get("cited_by") || "";
  document.getElementById("q").value = q;
  let cols;
  try { cols = (await api("/api/columns")).columns; } catch (e) { return showError(e); }
  const chosen = params.get("columns") ? params.get("columns").split(",") : cols.filter(c => c.default).map(c => c.key);
  const form = el("form", { method: "get", action: "/", id: "table-form" });
  form.append(el("input", { type: "hidden", name: "view", value: "table" }));
  if (citedBy) form.append(el("input", { type: "hidden", name: "cited_by", value: citedBy }));
  else form.append(el("div", { class: "tools" }, el("label", { for: "table-q" }, "Works matching"),
    el("input", { type: "search", id: "table-q", name: "q", value: q })));
  const picker = el("fieldset", { class: "picker" }, el("legend", {}, "Columns"));
  for (const c of cols) {
    const id = "col-" + c.key;
    picker.append(el("label", { for: id, title: c.description },
      el("input", { type: "checkbox", id: id, value: c.key, checked: chosen.includes(c.key) ? "" : null }), " " + c.header));
  }
  const hidden = el("input", { type: "hidden", name: "columns", value: chosen.join(",") });
  form.append(picker, hidden, el("button", { type: "submit" }, "Show table"));
  form.addEventListener("submit", () => {
    hidden.value = Array.from(picker.querySelectorAll("input:checked")).map(i => i.value).join(",");
  });
  main.replaceChildren(el("h1", {}, citedBy ? "References of " + citedBy : "Review table"), form);
  if (!q && !citedBy) { main.append(el("p", { class: "meta" }, "Give a query to tabulate the works it finds.")); return; }
  const p = { q: q, cited_by: citedBy, columns: chosen.join(",") };
  let rows;
  try { rows = await api("/api/table", Object.assign({ format: "json" }, p)); } catch (e) { return showError(e, q); }
  const byKey = Object.fromEntries(cols.map(c => [c.key, c]));
  const shown = chosen.filter(k => byKey[k]).map(k => byKey[k]);
  const dl = el("div", { class: "tools" },
    link(url("/api/table", Object.assign({ format: "csv" }, p)), "Download CSV", { class: "button", id: "download-csv", download: "ckb-table.csv" }),
    link(url("/api/table", Object.assign({ format: "md" }, p)), "Markdown", { download: "ckb-table.md" }),
    el("span", { class: "meta" }, rows.length + " row(s)"));
  main.append(dl, dataTable(rows, shown, citedBy ? "References of " + citedBy : "Works matching " + q));
}

const DIMS = ["biomarker", "drug", "trial", "design", "phase", "year", "population"];

async function mapView() {
  current("nav-map");
  setTitle("Evidence map");
  const q = params.get("q") || "", rows = params.get("rows") || "biomarker", cols = params.get("cols") || "drug";
  document.getElementById("q").value = q;
  const pick = (name, value) => {
    const s = el("select", { id: "map-" + name, name: name });
    for (const d of DIMS) s.append(el("option", { value: d, selected: d === value ? "" : null }, d));
    return [el("label", { for: "map-" + name }, name === "rows" ? "Rows" : "Columns"), s];
  };
  const form = el("form", { method: "get", action: "/", class: "tools" }, el("input", { type: "hidden", name: "view", value: "map" }),
    el("label", { for: "map-q" }, "Works matching"), el("input", { type: "search", id: "map-q", name: "q", value: q }),
    pick("rows", rows), pick("cols", cols), el("button", { type: "submit" }, "Show map"));
  main.replaceChildren(el("h1", {}, "Evidence map: " + rows + " by " + cols), form);
  if (!q) { main.append(el("p", { class: "meta" }, "Give a query to map the works it finds.")); return; }
  let data;
  try { data = await api("/api/map", { q: q, rows: rows, cols: cols, format: "json" }); } catch (e) { return showError(e, q); }
  if (!data.length) { main.append(el("p", {}, "Nothing to map.")); return; }
  const keys = Object.keys(data[0]);
  const colKeys = keys.slice(1, -1);
  let max = 1;
  for (const r of data) for (const k of colKeys) max = Math.max(max, r[k] || 0);
  const head = el("tr", {}, el("th", { scope: "col" }, rows + " \\ " + cols), colKeys.map(k => el("th", { scope: "col" }, k)), el("th", { scope: "col" }, "works"));
  const body = el("tbody", {});
  for (const r of data) {
    const tr = el("tr", {}, el("th", { scope: "row" }, r[keys[0]]));
    for (const k of colKeys) {
      const n = r[k] || 0;
      const shade = n ? Math.round(235 - 150 * n / max) : 255;
      const td = el("td", { class: "heat", style: "background:rgb(" + shade + "," + Math.round(shade * 0.95 + 12) + ",255)" + (n / max > 0.6 ? ";color:#fff" : ""),
        title: r[keys[0]] + " × " + k + ": " + n + " work(s)" }, n ? String(n) : "");
      tr.append(td);
    }
    tr.append(el("td", { class: "heat" }, String(r.works)));
    body.append(tr);
  }
  main.append(el("div", { class: "scroll" }, el("table", { id: "heatmap" }, el("thead", {}, head), body)),
    el("p", {}, link(url("/api/map", { q: q, rows: rows, cols: cols, format: "html" }), "Heat map with each cell's works and the timeline (HTML)"),
      " · ", link(url("/api/map", { q: q, rows: rows, cols: cols, format: "csv" }), "CSV", { download: "ckb-map.csv" })));
}

async function trialsView() {
  current("nav-trials");
  setTitle("Trials");
  let r;
  try { r = await api("/api/trials", { drug: params.get("drug"), biomarker: params.get("biomarker"), phase: params.get("phase") }); } catch (e) { return showError(e); }
  const columns = [["registry_ids", "Registry ids"], ["acronym", "Acronym"], ["title", "Title"], ["phase", "Phase"], ["status", "Status"],
    ["drugs", "Drugs"], ["biomarkers", "Biomarkers"], ["cited_by_count", "Works"]];
  const body = el("tbody", {}, r.trials.map(t => el("tr", {}, columns.map(([k]) =>
    k === "registry_ids" ? el("td", {}, link(trialUrl(t.nct), cellText(t[k]))) : el("td", {}, cellText(t[k]))))));
  main.replaceChildren(el("h1", {}, "Trials (" + r.trials.length + ")"), el("div", { class: "scroll" },
    el("table", {}, el("thead", {}, el("tr", {}, columns.map(([, h]) => el("th", { scope: "col" }, h)))), body)));
}

async function homeView() {
  current("nav-search");
  setTitle("Search");
  main.replaceChildren(el("h1", {}, "Search the evidence"),
    el("p", {}, "Words, phrases, fields (title:, author:, drug:, biomarker:, trial:, design:, year:2020..2024) and AND/OR/NOT, as in ", el("code", {}, "ckb search"), "."));
  document.getElementById("q").focus();
}

async function stats() {
  try {
    const s = await api("/api/stats");
    document.getElementById("stats").textContent = s.works + " works · " + s.trials + " trials · " + s.documents +
      " documents · generation " + s.generation;
  } catch (e) { document.getElementById("stats").textContent = e.message; }
}

function route() {
  const view = params.get("view");
  if (params.get("work")) return workView(params.get("work"));
  if (params.get("trial")) return trialView(params.get("trial"));
  if (view === "table") return tableView();
  if (view === "map") return mapView();
  if (view === "trials") return trialsView();
  if (params.get("q")) return searchView(params.get("q"));
  return homeView();
}

route().finally(() => document.body.setAttribute("data-ready", "1"));
stats();
