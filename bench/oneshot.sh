#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole-process latency of one-shot commands: `ckb extract` on one sentence
# and `ckb search` of one query on a small knowledge base, for one or more
# ckb binaries measured alternately in the same run (median and minimum of
# N runs each, milliseconds).
# Usage: bench/oneshot.sh [-n RUNS] CKB [CKB...]
set -euo pipefail
runs=40
if [[ "${1:-}" == -n ]]; then runs=$2; shift 2; fi
(($# >= 1)) || { echo "usage: bench/oneshot.sh [-n RUNS] CKB [CKB...]" >&2; exit 64; }
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus=${CKB_SHARED_CORPUS:-$root/../shared/corpus}
i=0
for b in "$@"; do
  "$b" --db "$tmp/kb$i" index "$corpus/medline-xml" >/dev/null 2>&1 || true
  i=$((i + 1))
done
python3 - "$runs" "$tmp" "$@" <<'PY'
import subprocess, sys, time
runs, tmp, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
sentence = b"Osimertinib (AZD9291) improved PFS over gefitinib in EGFR L858R NSCLC; KRAS G12C with sotorasib.\n"
cmds = {
    "extract one sentence": lambda b, i: ([b, "extract"], sentence),
    "search one query": lambda b, i: ([b, "--db", f"{tmp}/kb{i}", "search", "drug:osimertinib"], b""),
}
times = {(k, i): [] for k in cmds for i in range(len(bins))}
for _ in range(runs):
    for k, make in cmds.items():
        for i, b in enumerate(bins):
            argv, stdin = make(b, i)
            t = time.perf_counter()
            subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[(k, i)].append((time.perf_counter() - t) * 1000)
print("| command | " + " | ".join(bins) + " |")
print("|---|" + "---:|" * len(bins))
for k in cmds:
    cells = []
    for i in range(len(bins)):
        v = sorted(times[(k, i)])
        cells.append(f"{v[len(v) // 2]:.1f} (min {v[0]:.1f})")
    print(f"| {k} | " + " | ".join(cells) + " |")
PY
