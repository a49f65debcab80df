#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Per-query latency percentiles from a query-batch output, for bench/run.sh.

Reads either a peer's output (a "# ... p50_us=... p95_us=... p99_us=..." line)
or JSON lines as written by `ckb search --batch --format jsonl`, where each
line carries a latency field (latency_us, took_us, elapsed_ms, ... at the top
level or one level down). Prints "p50 p95 p99 source" in microseconds, or
nothing (exit 1) when the output holds no per-query latency.
"""
import json
import math
import re
import sys

KEY = re.compile(r"^(latency|took|elapsed|time|duration|query_time)(_(us|ms|s|ns))?$")
SCALE = {"us": 1.0, "ms": 1e3, "s": 1e6, "ns": 1e-3, None: 1e3}  # bare key: milliseconds


def percentile(values, p):
    v = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(v)))
    return v[min(rank, len(v)) - 1]


def latency_of(obj, depth=0):
    if not isinstance(obj, dict):
        return None
    for k, val in obj.items():
        m = KEY.match(k)
        if m and isinstance(val, (int, float)) and not isinstance(val, bool):
            return float(val) * SCALE[m.group(3)]
    if depth < 1:
        for val in obj.values():
            got = latency_of(val, depth + 1)
            if got is not None:
                return got
    return None


def main():
    values = []
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("# ") and "p50_us=" in line:
                fields = dict(kv.split("=", 1) for kv in line[2:].split() if "=" in kv)
                print(fields["p50_us"], fields["p95_us"], fields["p99_us"], "summary")
                return 0
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            got = latency_of(obj)
            if got is not None:
                values.append(got)
    if not values:
        return 1
    print(*(f"{percentile(values, p):.1f}" for p in (50, 95, 99)), f"jsonl:{len(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
