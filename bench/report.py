#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Markdown report of bench/run.sh: medians over runs per engine and metric,
ratios between engines measured in the same invocation, and the run-to-run
spread (max/min), from the raw run/engine/metric/value TSV."""
import argparse
import datetime
import os
import platform
import statistics
from collections import defaultdict

ENGINES = ["ckb", "peer_xapian", "peer_sqlite", "peer_lucene"]
# metric, column title, digits, True when higher is better
COLUMNS = [
    ("docs_per_s", "docs/s", 0, True),
    ("mb_per_s", "MiB/s", 2, True),
    ("docs_per_cpu_s", "docs/CPU-s", 0, True),
    ("index_rss_mb", "index peak RSS MiB", 0, False),
    ("disk_mb", "disk MiB", 1, False),
    ("p50_us", "p50 µs", 0, False),
    ("p95_us", "p95 µs", 0, False),
    ("p99_us", "p99 µs", 0, False),
    ("p50_snip_us", "p50 µs, snippets", 0, False),
    ("p99_snip_us", "p99 µs, snippets", 0, False),
    ("mean_us", "batch mean µs", 0, False),
    ("cold_ms", "1-query process ms", 1, False),
    ("search_rss_mb", "search peak RSS MiB", 0, False),
]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt(v, digits):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--bytes", type=int, required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--queries", type=int, required=True)
    ap.add_argument("--cold-query", default="")
    ap.add_argument("--cold-runs", type=int, default=10)
    ap.add_argument("--ckb-version", default="n/a")
    ap.add_argument("--commit", default="n/a")
    a = ap.parse_args()

    vals = defaultdict(list)  # (engine, metric) -> [values]
    with open(a.raw) as f:
        next(f)
        for line in f:
            run, engine, metric, value = line.rstrip("\n").split("\t")
            try:
                vals[(engine, metric)].append(float(value))
            except ValueError:
                pass
    engines = [e for e in ENGINES if any(k[0] == e for k in vals)]
    med = {k: statistics.median(v) for k, v in vals.items() if v}
    cols = [c for c in COLUMNS if any((e, c[0]) in med for e in engines)]

    out = []
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.append(f"## ckb benchmark: {a.docs:,} documents ({a.bytes / 1048576:,.1f} MiB JSONL)")
    out.append("")
    version = a.ckb_version[4:] if a.ckb_version.startswith("ckb ") else a.ckb_version
    out.append(f"{now}; commit {a.commit}; ckb {version}; {os.cpu_count()} CPUs ({cpu_model()}), "
               f"shared machine; median of {a.runs} run(s) per engine; {a.queries} queries per batch, "
               f"top 10 with stored data; 1-query process = median wall time of {a.cold_runs} fresh "
               f"processes answering `{a.cold_query}` (page cache warm).")
    out.append("")
    out.append("| engine | " + " | ".join(c[1] for c in cols) + " |")
    out.append("|---|" + "---:|" * len(cols))
    for e in engines:
        out.append(f"| {e} | " + " | ".join(fmt(med.get((e, c[0])), c[2]) for c in cols) + " |")
    out.append("")

    notes = []
    if ("ckb", "disk_mb") in med:
        notes.append(f"ckb on disk: Xapian {fmt(med.get(('ckb', 'xapian_mb')), 1)} MiB, "
                     f"RocksDB {fmt(med.get(('ckb', 'rocksdb_mb')), 1)} MiB, "
                     f"total {fmt(med.get(('ckb', 'disk_mb')), 1)} MiB.")
    if ("ckb", "stats_documents") in med:
        counts = ", ".join(f"{k} {med[('ckb', 'stats_' + k)]:,.0f}"
                           for k in ("documents", "index_documents", "works")
                           if ("ckb", "stats_" + k) in med)
        warn = "" if med.get(("ckb", "stats_index_documents")) == a.docs else \
            f" (input had {a.docs:,} records)"
        notes.append(f"`ckb stats` after indexing: {counts}{warn}.")
    if ("peer_xapian", "compact_mb") in med:
        notes.append(f"peer_xapian after xapian-compact: {fmt(med[('peer_xapian', 'compact_mb')], 1)} MiB "
                     f"(as built: {fmt(med.get(('peer_xapian', 'disk_mb')), 1)} MiB).")
    if "peer_lucene" in engines:
        notes.append("peer_lucene's query latencies follow a 10 s untimed warm-up of the JVM on the same "
                     "list; its one-query process includes the JVM's start.")
    if any((e, "mean_us") in med for e in engines):
        notes.append("\"batch mean\" = wall time of the whole batch process / queries, used when the "
                     "engine does not report per-query latency.")
    for n in notes:
        out.append("- " + n)
    if notes:
        out.append("")

    pairs = []
    if "ckb" in engines:
        pairs += [("ckb", p) for p in ("peer_xapian", "peer_sqlite", "peer_lucene") if p in engines]
    for p in ("peer_sqlite", "peer_lucene"):
        if "peer_xapian" in engines and p in engines:
            pairs.append((p, "peer_xapian"))
    if pairs:
        out.append("Ratios of medians (A/B; for docs/s, MiB/s and docs/CPU-s above 1 means A is faster, "
                   "for the other columns below 1 means A is smaller or faster):")
        out.append("")
        out.append("| metric | " + " | ".join(f"{x}/{y}" for x, y in pairs) + " |")
        out.append("|---|" + "---:|" * len(pairs))
        for m, title, _, _ in cols + [("compact_mb", "disk MiB, Xapian part vs compacted peer", 1, False)]:
            cells = []
            for x, y in pairs:
                mx = m if not (m == "compact_mb" and x == "ckb") else "xapian_mb"
                # ckb with snippets is compared with the peers' plain figure.
                my = m.replace("_snip", "")
                vx, vy = med.get((x, mx)), med.get((y, my))
                if m == "compact_mb" and y != "peer_xapian":
                    vx = vy = None
                cells.append(f"{vx / vy:.2f}" if vx is not None and vy else "–")
            if any(c != "–" for c in cells):
                out.append(f"| {title} | " + " | ".join(cells) + " |")
        out.append("")

    if a.runs > 1:
        out.append("Run-to-run spread (max/min over the runs; 1.00 = identical):")
        out.append("")
        out.append("| engine | " + " | ".join(c[1] for c in cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for e in engines:
            cells = []
            for c in cols:
                v = vals.get((e, c[0]))
                cells.append(f"{max(v) / min(v):.2f}" if v and min(v) > 0 else "–")
            out.append(f"| {e} | " + " | ".join(cells) + " |")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
