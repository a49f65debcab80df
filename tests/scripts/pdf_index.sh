#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `ckb index` of a folder of article PDFs beside unreadable ones: the three
# renderings of one article (one column, two columns, author-year) become one
# work with its 29 references merged into 29 cited works, each bad PDF (an
# encrypted one, the flate bomb of tests/corpus/bad) is named on stderr with
# its reason, the run exits 65 and `ckb check` passes. With the shared corpus
# present, the article's JATS merges with the PDFs' work and references.
# Usage: pdf_index.sh <ckb> <repo root>
set -uo pipefail
CKB=$1
ROOT=$2
T=$(mktemp -d)
trap '[[ -n ${KEEP:-} ]] || rm -rf "$T"' EXIT
export CKB_MIN_FREE_MB=16
source "$(dirname "$0")/lib/checks.sh"
DATA=$ROOT/tests/data/pdf
DOI=10.1186/1472-6831-8-11

mkdir -p "$T/in/papers"
cp "$DATA"/1472-6831-8-11-{one,two,ay}.pdf "$T/in/papers/"
cp "$DATA/encrypted.pdf" "$T/in/locked.pdf"
cp "$ROOT/tests/corpus/bad/pdf-flate-bomb.pdf" "$T/in/bomb.pdf"
"$CKB" index "$T/in" --db "$T/db" --progress never >"$T/index.out" 2>"$T/index.err"
rc=$?
check "index exits 65 for the bad PDFs (got $rc)" "[[ $rc -eq 65 ]]"
check "the encrypted PDF is named with its reason" \
  "grep -qx '$T/in/locked.pdf: encrypted (a password is needed to read it); index an unlocked copy (qpdf --decrypt --password=PASSWORD in.pdf out.pdf)' $T/index.err"
check "the flate bomb is named with its reason" \
  "grep -qx '$T/in/bomb.pdf: a compressed stream inflates more than 200-fold past 4 MiB; not read' $T/index.err"
check "no other file is reported" "[[ \$(grep -c '^$T/in/' $T/index.err) -eq 2 ]]"
check "the summary counts 3 indexed and 2 failed" "grep -q '5 files seen: 3 indexed, 0 unchanged, 2 failed' $T/index.err"
"$CKB" stats --db "$T/db" --format json >"$T/stats.json" 2>/dev/null
stat() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$T/stats.json" "$1"; }
check "3 documents (got $(stat documents))" "[[ $(stat documents) -eq 3 ]]"
check "one article and its 29 references are 30 works (got $(stat works))" "[[ $(stat works) -eq 30 ]]"
check "29 references from each rendering are 87 citations (got $(stat citations))" "[[ $(stat citations) -eq 87 ]]"
"$CKB" show "doi:$DOI" --db "$T/db" >"$T/show.out" 2>&1
check "show finds the article by its DOI" "grep -q '^The Dutch version of the Oral Health Impact Profile (OHIP-NL)' $T/show.out"
check "its three PDFs are its sources" "[[ \$(grep -c '/papers/1472-6831-8-11-.*\.pdf$' $T/show.out) -eq 3 ]]"
check "it cites 29 works" "grep -q 'cites 29' $T/show.out"
"$CKB" refs "doi:$DOI" --db "$T/db" >"$T/refs.out" 2>&1
check "refs lists 29 references" "grep -q '^References (29)' $T/refs.out"
# Which rendering's list is printed (numbered or author-year) is the merge's choice.
check "Locker's reference is among them" "grep -q '^  \[[0-9]*\] W[0-9a-f]*  Locker,\? D\.\? .*Measuring oral health' $T/refs.out"
"$CKB" check --db "$T/db" >"$T/check.out" 2>&1
check "check passes (got $?)" "[[ $? -eq 0 ]] && ! grep -q '^FAIL' $T/check.out"

# Again: the good files are unchanged, the bad ones reported again.
"$CKB" index "$T/in" --db "$T/db" --progress never >/dev/null 2>"$T/again.err"
rc=$?
check "a second run exits 65 again (got $rc)" "[[ $rc -eq 65 ]]"
check "a second run leaves the PDFs unchanged" "grep -q '3 unchanged, 2 failed' $T/again.err"

JATS=$ROOT/../shared/corpus/jats-pmc-samples/1472-6831-8-11.nxml
if [[ -f $JATS ]]; then
  cp "$JATS" "$T/in/papers/"
  "$CKB" index "$T/in" --db "$T/db" --progress never >/dev/null 2>&1
  "$CKB" stats --db "$T/db" --format json >"$T/stats.json" 2>/dev/null
  # The JATS lists 31 references; the PDFs' 29 are among them.
  check "the JATS merges: 32 works (got $(stat works))" "[[ $(stat works) -eq 32 ]]"
  "$CKB" show "doi:$DOI" --db "$T/db" >"$T/show2.out" 2>&1
  check "the JATS is the fourth source" "grep -q '/papers/1472-6831-8-11.nxml$' $T/show2.out"
  "$CKB" check --db "$T/db" >/dev/null 2>&1
  check "check passes with the JATS (got $?)" "[[ $? -eq 0 ]]"
fi

echo "pdf_index: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
