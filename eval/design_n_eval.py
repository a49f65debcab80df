#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures the study design and sample size that `ckb table` reports (columns design, n and
# outcomes.n_total) against the hand-checked gold in eval/gold/design_n.tsv. The abstracts are
# re-read from the shared corpus (bench-abstracts/corpus_real.jsonl.zst), written to a temporary
# JSON Lines file, indexed with the given ckb into a temporary knowledge base and tabulated by PMID.
#
#   python3 eval/design_n_eval.py <ckb binary> <repo root> [--split dev|test]
#
# Prints per split: counts, accuracies with 95% Wilson intervals and every error with the
# gold label, what ckb printed and the phrase stating N. Exit 77 when the corpus is absent.
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

CORPUS = os.environ.get(
    "CKB_BENCH_CORPUS", "/work/shared/corpus/bench-abstracts/corpus_real.jsonl.zst")

# ckb design term -> the gold main label it asserts
MAIN_TERMS = {
    "randomized": "randomized controlled trial",
    "randomised": "randomized controlled trial",
    "randomized controlled trial": "randomized controlled trial",
    "non-randomized": "non-randomized controlled trial",
    "non-randomised": "non-randomized controlled trial",
    "non-randomized controlled trial": "non-randomized controlled trial",
    "single-arm": "single-arm trial",
    "single-arm trial": "single-arm trial",
    "cohort": "cohort study (prospective/retrospective)",
    "cohort study": "cohort study (prospective/retrospective)",
    "case-control": "case-control study",
    "case-control study": "case-control study",
    "cross-sectional": "cross-sectional study",
    "cross-sectional study": "cross-sectional study",
    "case report": "case report/series",
    "case series": "case report/series",
    "systematic review": "systematic review",
    "meta-analysis": "meta-analysis",
    "review": "narrative review",
    "narrative review": "narrative review",
    "guideline": "other",
}
TRIALS = {"randomized controlled trial", "non-randomized controlled trial", "single-arm trial"}
REVIEWS = {"systematic review", "meta-analysis", "narrative review"}
# labels a term may appear with without being wrong
COMPATIBLE = {
    "systematic review": {"meta-analysis", "narrative review"},
    "meta-analysis": {"systematic review", "narrative review"},
}
TRIAL_ONLY = {"double-blind", "single-blind", "open-label", "crossover", "placebo-controlled",
              "dose-escalation", "multicentre", "multicenter"}


def wilson(k, n, z=1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def fmt(k, n):
    if n == 0:
        return "n/a (0 works)"
    lo, hi = wilson(k, n)
    return "%d/%d = %.3f (95%% CI %.3f-%.3f)" % (k, n, k / n, lo, hi)


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def contradictions(gold, terms):
    """Terms ckb printed that state a design the gold rules out."""
    label = gold["design"]
    mods = set(m for m in gold["modifiers"].split(";") if m)
    bad = []
    for t in terms:
        asserted = MAIN_TERMS.get(t)
        if asserted is not None:
            if asserted != label and asserted not in COMPATIBLE.get(label, set()):
                bad.append(t)
        elif t == "retrospective":
            if label in TRIALS and "retrospective" not in mods:
                bad.append(t)
        elif t == "prospective":
            if label in REVIEWS or label in ("case report/series", "cross-sectional study"):
                bad.append(t)
        elif t in TRIAL_ONLY or t.startswith("phase"):
            if label not in TRIALS and label != "other":
                bad.append(t)
    return bad


def ckb_n(row):
    n = row.get("n")
    if isinstance(n, list):
        n = n[0] if n else None
    if n in (None, ""):
        out = row.get("outcomes") or {}
        n = out.get("n_total") if isinstance(out, dict) else None
        if n in (None, ""):
            n = row.get("n_total")
    try:
        return int(str(n).replace(",", "")) if n not in (None, "") else None
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("ckb")
    ap.add_argument("root")
    ap.add_argument("--split", choices=["dev", "test"])
    args = ap.parse_args()

    if not os.path.exists(CORPUS):
        print("design_n_eval: corpus %s absent; skipped" % CORPUS, file=sys.stderr)
        return 77
    if not shutil.which("zstdcat"):
        print("design_n_eval: zstdcat not found; skipped", file=sys.stderr)
        return 77
    gold = read_gold(os.path.join(args.root, "eval", "gold", "design_n.tsv"))
    if args.split:
        gold = [g for g in gold if g["split"] == args.split]
    want = {g["id"] for g in gold}

    tmp = tempfile.mkdtemp(prefix="ckb-design-n-")
    try:
        jsonl = os.path.join(tmp, "gold.jsonl")
        found = set()
        with subprocess.Popen(["zstdcat", CORPUS], stdout=subprocess.PIPE) as p, \
                open(jsonl, "w", encoding="utf-8") as out:
            for line in p.stdout:
                rec = json.loads(line)
                if rec.get("id") in want and rec["id"] not in found:
                    found.add(rec["id"])
                    out.write(json.dumps({"id": rec["id"], "pmid": rec["pmid"],
                                          "title": rec.get("title") or "",
                                          "abstract": rec.get("abstract") or ""}) + "\n")
        missing = want - found
        if missing:
            print("design_n_eval: %d gold records not in the corpus: %s"
                  % (len(missing), ", ".join(sorted(missing))), file=sys.stderr)
            return 1
        db = os.path.join(tmp, "db")
        subprocess.run([args.ckb, "-q", "--db", db, "index", jsonl], check=True)
        ids = "".join("pmid:%s\n" % g["pmid"] for g in gold)
        res = subprocess.run([args.ckb, "-q", "--db", db, "table", "-", "--columns",
                              "pmid,design,phase,n,outcomes", "--format", "json"],
                             input=ids, capture_output=True, text=True, check=True)
        table = {str(r.get("pmid")): r for r in json.loads(res.stdout)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for split in ("dev", "test"):
        rows = [g for g in gold if g["split"] == split]
        if not rows:
            continue
        design_ok = no_contra = n_ok = n_gold = n_extra = n_none = 0
        errors = []
        for g in rows:
            r = table.get(g["pmid"], {})
            terms = [t.strip().lower() for t in (r.get("design") or [])]
            phase = r.get("phase") or []
            got_n = ckb_n(r)
            label = g["design"]
            asserted = {MAIN_TERMS[t] for t in terms if t in MAIN_TERMS}
            if label == "other":
                match = not asserted
            else:
                match = label in asserted
            bad = contradictions(g, terms)
            design_ok += match
            no_contra += not bad
            why = []
            if not match:
                why.append("design")
            if bad:
                why.append("contradicts(%s)" % ",".join(bad))
            if g["n"]:
                n_gold += 1
                if got_n == int(g["n"]):
                    n_ok += 1
                else:
                    why.append("N")
            elif got_n is not None:
                n_extra += 1
                why.append("N-extra")
            else:
                n_none += 1
            if why:
                errors.append((g, terms, phase, got_n, why))
        print("== split %s: %d works (%d with a gold N)" % (split, len(rows), n_gold))
        print("design contains the gold label      %s" % fmt(design_ok, len(rows)))
        print("no design contradicting the gold    %s" % fmt(no_contra, len(rows)))
        print("N equals the gold N                 %s" % fmt(n_ok, n_gold))
        print("no N where the gold has none        %s" % fmt(n_none, n_none + n_extra))
        print("errors (%d works):" % len(errors))
        for g, terms, phase, got_n, why in errors:
            print("  %s [%s] gold: %s%s, N=%s | ckb: design=%s phase=%s n=%s | \"%s\""
                  % (g["id"], " ".join(why), g["design"],
                     (" (" + g["modifiers"] + ")") if g["modifiers"] else "",
                     g["n"] or "-", "; ".join(terms) or "-", ",".join(map(str, phase)) or "-",
                     got_n if got_n is not None else "-", g["n_phrase"]))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
