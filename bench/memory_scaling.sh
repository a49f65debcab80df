#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Streaming-memory check: runs ckb on the 604-citation MEDLINE file and on the
# same citations repeated 10 times, and reports the peak RSS of each. With a
# streaming parser the two peaks are close; memory must not grow with file size.
set -euo pipefail

usage() {
  cat <<'EOF_USAGE'
usage: bench/memory_scaling.sh [--ckb PATH] [--mode parse|index] [--times K] [--work DIR]

  --ckb PATH   the ckb executable (default: build-bench/ckb, else build/ckb; env CKB_BIN)
  --mode M     "parse" runs `ckb parse FILE` (output discarded), "index" runs
               `ckb index FILE --db DIR`; default: parse when ckb has it, else index
  --times K    repetitions in the large file (default 10)
  --sizes LIST repetition counts to measure, e.g. "1 5 10" (default "1 K")
  --work DIR   scratch directory (default ${TMPDIR:-/tmp}/ckb-memscale)
env: CKB_MEDLINE (a MEDLINE .xml or .xml.gz; default the shared medline16n0902.xml.gz)
EOF_USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CKB=${CKB_BIN:-}
MODE=""
TIMES=10
SIZES_LIST=""
WORK=${TMPDIR:-/tmp}/ckb-memscale
MEDLINE=${CKB_MEDLINE:-$ROOT/../shared/corpus/medline-xml/medline16n0902.xml.gz}
[[ -f $MEDLINE ]] || MEDLINE=/work/shared/corpus/medline-xml/medline16n0902.xml.gz
while (($#)); do
  case $1 in
    --ckb) CKB=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --times) TIMES=$2; shift 2 ;;
    --sizes) SIZES_LIST=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [[ -z $CKB ]]; then
  for c in "$ROOT/build-bench/ckb" "$ROOT/build/ckb"; do
    if [[ -x $c ]]; then CKB=$c; break; fi
  done
fi
[[ -n $CKB && -x $CKB ]] || { echo "memory_scaling.sh: ckb executable not found (--ckb)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "memory_scaling.sh: /usr/bin/time missing (package 'time')" >&2; exit 1; }
[[ -f $MEDLINE ]] || { echo "memory_scaling.sh: $MEDLINE not found (CKB_MEDLINE)" >&2; exit 1; }
if [[ -z $MODE ]]; then
  if "$CKB" parse --help >/dev/null 2>&1; then MODE=parse; else MODE=index; fi
fi

mkdir -p "$WORK"
one=$WORK/medline-1x.xml
if [[ $MEDLINE == *.gz ]]; then zcat "$MEDLINE" >"$one"; else cp "$MEDLINE" "$one"; fi
read -r -a SIZES <<<"${SIZES_LIST:-1 $TIMES}"

# A K-fold file is one well-formed MedlineCitationSet: the prologue and the
# closing tag of the original around K copies of its citations, the PMIDs of
# copy k mapped to other 8-digit PMIDs so that records stay distinct (and
# valid: PMIDs have at most 8 digits).
make_copies() {  # K -> file
  python3 - "$one" "$WORK/medline-$1x.xml" "$1" <<'EOF_PY'
import re
import sys

src, dst, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src, encoding="utf-8").read()
root = re.search(r"<(MedlineCitationSet|PubmedArticleSet)\b[^>]*>", text)
close = text.rindex("</" + root.group(1) + ">")
head, body, tail = text[:root.end()], text[root.end():close], text[close:]
with open(dst, "w", encoding="utf-8") as out:
    out.write(head)
    for k in range(times):
        if k == 0:
            out.write(body)
        else:
            out.write(re.sub(r"(<PMID\b[^>]*>)(\d+)(</PMID>)",
                             lambda m: f"{m.group(1)}{10000000 + (k * 7919003 + int(m.group(2))) % 89999999}{m.group(3)}",
                             body))
    out.write(tail)
EOF_PY
  echo "$WORK/medline-$1x.xml"
}

measure() {  # file -> "seconds rss_kb"
  local file=$1 tv=$WORK/time.txt db=$WORK/db
  rm -rf "$db"
  local cmd
  if [[ $MODE == parse ]]; then cmd=("$CKB" parse "$file"); else cmd=("$CKB" index "$file" --db "$db"); fi
  if ! /usr/bin/time -v -o "$tv" "${cmd[@]}" >/dev/null 2>"$WORK/stderr.txt"; then
    echo "memory_scaling.sh: '${cmd[*]}' failed:" >&2
    tail -5 "$WORK/stderr.txt" >&2
    exit 1
  fi
  awk -F': ' '/Elapsed \(wall clock\)/ { t = $2 } /Maximum resident set size/ { r = $2 }
              END { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s, r }' "$tv"
}

rows=()
first_rss=""
last_rss=""
for k in "${SIZES[@]}"; do
  if ((k == 1)); then f=$one; else f=$(make_copies "$k"); fi
  n=$(grep -c "<MedlineCitation " "$f" || true)
  read -r t r < <(measure "$f")
  [[ -z $first_rss ]] && first_rss=$r
  last_rss=$r
  label="${k}x"
  ((k == 1)) && label="1x $(basename "$MEDLINE")"
  rows+=("| $label | $n | $(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1048576 }') | $t | $(awk -v kb="$r" 'BEGIN { printf "%.1f", kb / 1024 }') |")
  ((k == 1)) || rm -f "$f"
done
rm -rf "$WORK/db"
ratio=$(awk -v a="$last_rss" -v b="$first_rss" 'BEGIN { printf "%.2f", a / b }')

echo "## ckb streaming memory: \`ckb $MODE\` on MEDLINE repeated ${SIZES[*]} times"
echo
echo "| input | citations | size MiB | wall s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Peak RSS ratio ${SIZES[-1]}x / ${SIZES[0]}x: **$ratio** (close to 1 = memory independent of input size)."
