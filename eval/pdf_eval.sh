#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the shared corpus's open-access JATS articles to PDF (one column,
# two columns, author-year list; eval/make_pdf_articles.py, headless
# Chromium) into the build folder once, then scores `ckb parse` on them
# against the JATS gold (eval/eval_pdf.py). Skipped (77) without Chromium or
# the shared corpus.
# Usage: pdf_eval.sh <ckb> <repo root> <out dir> [eval_pdf.py bounds...]
set -uo pipefail
CKB=$1
ROOT=$2
OUT=$3
shift 3
CORPUS=$ROOT/../shared/corpus
command -v chromium >/dev/null || { echo "pdf_eval: chromium not installed; skipped"; exit 77; }
[[ -d $CORPUS/jats-pmc-samples ]] || { echo "pdf_eval: no shared corpus; skipped"; exit 77; }
if [[ ! -f $OUT/.complete ]]; then
  rm -rf "$OUT"
  mkdir -p "$OUT"
  python3 "$ROOT/eval/make_pdf_articles.py" "$OUT" "$CORPUS"/jats-pmc-samples/*.nxml \
    "$CORPUS"/jats-elife-samples/elife*.xml --body-paragraphs 6 || exit 1
  touch "$OUT/.complete"
fi
exec python3 "$ROOT/eval/eval_pdf.py" "$CKB" "$OUT" "$@"
