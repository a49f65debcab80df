#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes N small journal-page files (the `page` format) with distinct DOIs
# and titles and a few references into a shared pool of cited DOIs, so that
# indexing them merges works. Usage: gen_pages.sh OUTDIR N [SEED] [FIRST]
# Files are OUTDIR/pNNNNNN.txt numbered from FIRST (default 0); SEED varies
# the titles so that re-generating a number produces a changed file.
set -euo pipefail
out=$1 n=$2 seed=${3:-1} first=${4:-0}
mkdir -p "$out"
awk -v out="$out" -v n="$n" -v seed="$seed" -v first="$first" 'BEGIN {
  srand(seed + first * 7919);
  split("trastuzumab deruxtecan pembrolizumab olaparib capecitabine letrozole palbociclib " \
        "nivolumab osimertinib bevacizumab docetaxel everolimus abemaciclib sacituzumab", drug, " ");
  split("cohort randomised phase trial outcomes survival toxicity biomarker expression " \
        "metastatic adjuvant neoadjuvant response retrospective prospective analysis", word, " ");
  split("Wang Li Zhang Liu Chen Smith Garcia Muller Rossi Tanaka Kim Silva", name, " ");
  pool = int(n / 2) + 10;
  for (i = first; i < first + n; i++) {
    f = sprintf("%s/p%06d.txt", out, i);
    year = 2000 + (i % 25);
    d1 = drug[1 + int(rand() * 14)]; d2 = drug[1 + int(rand() * 14)];
    title = sprintf("%s and %s %s %s %s in breast cancer: study %d variant %d", d1, d2,
                    word[1 + int(rand() * 15)], word[1 + int(rand() * 15)], word[1 + int(rand() * 15)], i, seed);
    printf "Journal of Generated Oncology \342\200\272\342\200\272 %d, Vol. %d \342\200\272\342\200\272 Issue (%d): %d-%d.doi: 10.5555/ckbgen.%d\n", \
      year, 1 + i % 40, 1 + i % 12, 10 + i % 90, 20 + i % 90, i > f;
    printf "\342\200\242 Original Article \342\200\242 Previous Articles Next Articles\n" > f;
    printf "%s\n", title > f;
    printf "%s Wei1, %s Fang2\n", name[1 + int(rand() * 12)], name[1 + int(rand() * 12)] > f;
    printf "Received:%d-01-10\nPublished:%d-03-23\n", year, year > f;
    printf "References\n" > f;
    nr = 2 + int(rand() * 3);
    for (r = 1; r <= nr; r++) {
      k = int(rand() * pool);
      printf "[%d] %s A, %s B, et al. %s for %s %s cohort %d[J]. J Gen Oncol, %d, %d(%d): %d-%d. DOI: 10.5555/ckbref.%d.\n", \
        r, name[1 + k % 12], name[1 + (k * 7) % 12], drug[1 + k % 14], word[1 + k % 15], word[1 + (k * 3) % 15], \
        k, 1990 + k % 30, 1 + k % 50, 1 + k % 12, 100 + k % 400, 110 + k % 400, k > f;
    }
    close(f);
  }
}'
