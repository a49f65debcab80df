#!/usr/bin/env python3
"""Check the results gold set against its source texts.

For every record of dev.jsonl and test.jsonl: the source text is read as
README.md says (the "abstract" field of the line of
bench-abstracts/corpus_real.jsonl.zst whose "id" is "PMID" + pmid), its
SHA-256 is compared with text_sha256, every quote must be a substring of the
text, every number of an item (value, CI bounds, n_events, n) must appear in
its quote, every p value must appear in its quote once spaces are removed,
items must be in text order, and the split must follow the PMID-parity rule.

Standard library only; decompression runs the `zstd` command.

Usage: check_gold.py [--corpus DIR]   (default: $CKB_CORPUS, else
<repo>/../shared/corpus, else /work/shared/corpus)
"""
import argparse
import hashlib
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SOURCE = "bench-abstracts/corpus_real.jsonl.zst"

MEASURES = {"HR", "OR", "RR", "IRR", "RD", "MD"}
UNITS = {"months", "weeks", "days", "years"}
EFFECT_KEYS = ["measure", "value", "ci_low", "ci_high", "ci_level", "p", "endpoint",
               "arm", "comparator", "subgroup", "quote"]
MEDIAN_KEYS = ["endpoint", "arm", "value", "unit", "ci_low", "ci_high", "subgroup", "quote"]
RATE_KEYS = ["endpoint", "arm", "value", "n_events", "n", "subgroup", "quote"]
RECORD_KEYS = ["pmid", "source", "corpus_origin", "text_sha256", "effects", "medians",
               "rates", "n_total", "arms", "notes"]

UNITS_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS_WORDS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}


def default_corpus():
    if os.environ.get("CKB_CORPUS"):
        return os.environ["CKB_CORPUS"]
    for c in (os.path.join(REPO, "..", "shared", "corpus"), "/work/shared/corpus"):
        if os.path.isdir(c):
            return os.path.normpath(c)
    return os.path.join(REPO, "..", "shared", "corpus")


def load_texts(corpus, wanted):
    path = os.path.join(corpus, SOURCE)
    proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
    texts = {}
    seen = {}
    for line in proc.stdout:
        obj = json.loads(line)
        rid = obj.get("id")
        if rid in wanted:
            seen[rid] = seen.get(rid, 0) + 1
            texts[rid] = obj["abstract"]
    if proc.wait() != 0:
        sys.exit("check_gold: zstd failed on %s" % path)
    dup = [k for k, v in seen.items() if v > 1]
    return texts, dup


def words_to_numbers(text):
    """Numbers spelled in words ('Forty-nine', 'One hundred and eighty-three')."""
    out = []
    toks = re.findall(r"[A-Za-z]+", text.replace("-", " "))
    i = 0
    while i < len(toks):
        total, cur, used = 0, 0, False
        j = i
        while j < len(toks):
            w = toks[j].lower()
            if w in UNITS_WORDS:
                cur += UNITS_WORDS[w]
            elif w in TENS_WORDS:
                cur += TENS_WORDS[w]
            elif w == "hundred" and used:
                cur *= 100
            elif w == "thousand" and used:
                total += cur * 1000
                cur = 0
            elif w == "and" and used:
                j += 1
                continue
            else:
                break
            used = True
            j += 1
        if used:
            out.append(float(total + cur))
            i = j
        else:
            i += 1
    return out


def numbers_in(text):
    t = text.replace("\u00b7", ".").replace("\u2212", "-")
    t = re.sub(r"(\d)\. (\d)", r"\1.\2", t)          # '16. 3' as printed in one source
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", t)]
    nums += [float(x.replace(",", "")) for x in re.findall(r"\d{1,3}(?:,\d{3})+(?![\d.])", t)]
    return nums + words_to_numbers(text)


def has_number(x, nums):
    return any(math.isclose(abs(x), n, rel_tol=0, abs_tol=1e-9) for n in nums)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=default_corpus())
    args = ap.parse_args()

    records = []
    for split in ("dev", "test"):
        with open(os.path.join(HERE, split + ".jsonl"), encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                records.append((split, ln, json.loads(line)))

    wanted = {"PMID" + r["pmid"] for _, _, r in records}
    texts, dup = load_texts(args.corpus, wanted)
    errors = []

    def err(where, msg):
        errors.append("%s: %s" % (where, msg))

    for d in dup:
        err(d, "id occurs more than once in the source")
    pmids = [r["pmid"] for _, _, r in records]
    for p in set(pmids):
        if pmids.count(p) > 1:
            err(p, "record appears more than once")

    counts = {}
    for split, ln, r in records:
        where = "%s.jsonl:%d pmid %s" % (split, ln, r.get("pmid"))
        if list(r.keys()) != RECORD_KEYS:
            err(where, "record keys %s" % list(r.keys()))
        want_split = "dev" if int(r["pmid"]) % 2 == 0 else "test"
        if split != want_split:
            err(where, "belongs in %s by PMID parity" % want_split)
        if r["source"] != SOURCE:
            err(where, "unexpected source %r" % r["source"])
        text = texts.get("PMID" + r["pmid"])
        if text is None:
            err(where, "no line with id PMID%s in the source" % r["pmid"])
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != r["text_sha256"]:
            err(where, "text_sha256 differs from the source text")
        text_nums = numbers_in(text)
        if r["n_total"] is not None and not has_number(r["n_total"], text_nums):
            err(where, "n_total %s not in the text" % r["n_total"])
        for a in r["arms"]:
            if list(a.keys()) != ["label", "n"]:
                err(where, "arm keys %s" % list(a.keys()))
            if a["n"] is not None and not has_number(a["n"], text_nums):
                err(where, "arm n %s not in the text" % a["n"])
        c = counts.setdefault(split, {"abstracts": 0, "effects": 0, "medians": 0,
                                      "rates": 0, "arms": 0, "negatives": 0})
        c["abstracts"] += 1
        c["arms"] += len(r["arms"])
        if not (r["effects"] or r["medians"] or r["rates"]):
            c["negatives"] += 1
        for kind, keys, numeric in (("effects", EFFECT_KEYS, ("value", "ci_low", "ci_high")),
                                    ("medians", MEDIAN_KEYS, ("value", "ci_low", "ci_high")),
                                    ("rates", RATE_KEYS, ("value", "n_events", "n"))):
            last = -1
            for i, it in enumerate(r[kind]):
                w = "%s %s[%d]" % (where, kind, i)
                c[kind] += 1
                if list(it.keys()) != keys:
                    err(w, "keys %s" % list(it.keys()))
                    continue
                q = it["quote"]
                pos = text.find(q)
                if pos < 0:
                    err(w, "quote not in text: %r" % q)
                    continue
                if pos < last:
                    err(w, "out of text order")
                last = pos
                qn = numbers_in(q)
                for k in numeric:
                    v = it[k]
                    if v is None:
                        continue
                    if not isinstance(v, (int, float)):
                        err(w, "%s is not a number" % k)
                    elif not has_number(v, qn):
                        err(w, "%s %s not in quote %r" % (k, v, q))
                if kind == "effects":
                    if it["measure"] not in MEASURES:
                        err(w, "measure %r" % it["measure"])
                    if it["ci_level"] not in (None, 90, 95, 99):
                        err(w, "ci_level %r" % it["ci_level"])
                    if it["ci_level"] is not None and it["ci_low"] is None and it["ci_high"] is None:
                        err(w, "ci_level without a CI bound")
                    if it["p"] is not None:
                        if " " in it["p"] or it["p"] not in q.replace(" ", ""):
                            err(w, "p %r not in quote %r" % (it["p"], q))
                if kind == "medians" and it["unit"] not in UNITS:
                    err(w, "unit %r" % it["unit"])
                if not it["endpoint"] or not it["arm"]:
                    err(w, "empty endpoint or arm")

    for e in errors:
        print(e)
    for split in ("dev", "test"):
        c = counts.get(split, {})
        print("%s: %d abstracts (%d without items), %d effects, %d medians, %d rates, %d arms"
              % (split, c.get("abstracts", 0), c.get("negatives", 0), c.get("effects", 0),
                 c.get("medians", 0), c.get("rates", 0), c.get("arms", 0)))
    if errors:
        print("%d problem(s)" % len(errors))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
