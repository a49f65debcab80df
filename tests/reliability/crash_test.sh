#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash test of the commit protocol: `ckb index` is killed with SIGKILL at
# random moments and at every named fault point (CKB_FAULT); after each kill
# a writer reopens the knowledge base and the verdict is checked: the index
# was at most one generation behind (`--live-index`: every commit updates the
# index) or not behind the generation it had before the run (the default
# deferred mode: the index catches up at the end of the run), the writer's
# open brought it level,
# every acknowledged generation survived, and `ckb check --deep` passes
# (generations, instance ids, record keys == index Q terms, Xapian check,
# RocksDB checksums).
# Then the comparison trials: one folder that runs add to, change and delete
# from; each run is killed at a random moment, `ckb check` must pass (exit 0;
# an index that only lags is not a failure), `ckb index` run again to
# completion, and the record store must equal, record by record
# (ckb_record_dump), a store that indexed the same folder states without
# kills: nothing lost, nothing duplicated.
# CKB is build/ckb-testing, which has the fault points (kb/test_hooks.h).
# Usage: crash_test.sh CKB [RANDOM_TRIALS=50] [TRIALS_PER_FAULT_POINT=5] [SEED] [COMPARE_TRIALS=0] [COUNT=trials]
#   COUNT=kills: run comparison trials until COMPARE_TRIALS of them were
#   killed while running (a run that ends before its kill is a trial, not a kill)
set -uo pipefail
ckb=$(readlink -f "$1")
random_trials=${2:-50}
fault_trials=${3:-5}
seed=${4:-$$}
compare_trials=${5:-0}
compare_count=${6:-trials}
dump=$(dirname "$ckb")/ckb_record_dump
RANDOM=$seed
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ckb-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/db
empty=$work/empty
mkdir -p "$empty"
export CKB_MIN_FREE_MB=${CKB_MIN_FREE_MB:-16}
failures=0
trials=0
next_file=0
declare -A per_point_trials per_point_fail per_point_killed

fail() {
  echo "FAIL trial $trials ($1): $2" >&2
  failures=$((failures + 1))
}

# Prints "gen index_gen" as a reader sees them (a reader never repairs).
gens() {
  "$ckb" stats --db "$db" --format json 2>/dev/null | tr -d ' \n' |
    sed -n 's/.*"generation":\([0-9]*\).*"index_generation":\([0-9]*\).*/\1 \2/p'
}

# A fresh workload: mostly new files, some regenerated (changed) files that
# replace earlier contributions, and some unchanged ones.
make_workload() {
  local dir=$1 n=$2
  rm -rf "$dir"
  mkdir -p "$dir"
  "$here/gen_pages.sh" "$dir/new" "$n" "$RANDOM" "$next_file"
  if [ "$next_file" -gt 20 ]; then
    local start=$((RANDOM % (next_file - 10)))
    "$here/gen_pages.sh" "$dir/changed" 10 "$RANDOM" "$start"
  fi
  next_file=$((next_file + n))
}

# After a kill: the verdict of one trial. $1 = label, $2 = acknowledged gen,
# $3 (deferred runs) = the index generation before the run; without it the
# index may be at most one generation behind the records.
verify() {
  local label=$1 acked=$2 min_index=${3:-} before gr gx
  before=$(gens)
  if [ -z "$before" ]; then
    if [ "$acked" -gt 0 ]; then fail "$label" "a reader cannot open after the kill"; return; fi
  else
    read -r gr gx <<<"$before"
    if [ "$gr" -lt "$acked" ]; then fail "$label" "records at generation $gr < acknowledged $acked"; fi
    if [ -n "$min_index" ]; then
      if [ "$gx" -lt "$min_index" ] || [ "$gx" -gt "$gr" ]; then
        fail "$label" "before repair: records $gr, index $gx (index was at $min_index before the run)"
      fi
    elif [ $((gr - gx)) -lt 0 ] || [ $((gr - gx)) -gt 1 ]; then
      fail "$label" "before repair: records $gr, index $gx (more than one apart)"
    fi
  fi
  # A writer's open replays the outbox; indexing an empty folder does only that.
  local out
  if ! out=$("$ckb" index "$empty" --db "$db" -q 2>&1); then
    fail "$label" "writer reopen failed: $out"
    return
  fi
  read -r gr gx <<<"$(gens)"
  if [ "${gr:-x}" != "${gx:-y}" ]; then fail "$label" "after a writer's open: records $gr, index $gx"; fi
  if [ "${gr:-0}" -lt "$acked" ]; then fail "$label" "generation $gr < acknowledged $acked after reopen"; fi
  if ! out=$("$ckb" check --deep --db "$db" 2>&1); then
    fail "$label" "check --deep failed: $out"
  fi
}

# Runs ckb index -v on a workload in the background, kills it after $1 ms,
# and echoes the last acknowledged generation.
acked_of() { sed -n 's/^ckb: committed generation \([0-9]*\)$/\1/p' "$1" | tail -1; }

start=$(date +%s)
echo "crash test: $random_trials random kills, $fault_trials per fault point, seed $seed, dir $work"

# Random kills: 10 ms - 2 s into a run with many small commits; every other
# run updates the index with each commit (--live-index), the others defer it
# to the end of the run.
killed_random=0
for ((t = 1; t <= random_trials; t++)); do
  trials=$((trials + 1))
  make_workload "$work/in" 150
  batches=(1 5 20)
  batch=${batches[$((RANDOM % 3))]}
  ms=$((10 + RANDOM % 1990))
  read -r base_gen base_index <<<"$(gens)"
  mode=(--live-index)
  [ $((t % 2)) -eq 0 ] && mode=()
  "$ckb" -v index "$work/in" --db "$db" --batch "$batch" --progress never "${mode[@]}" \
    2>"$work/log" >/dev/null &
  pid=$!
  sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
  kill -9 "$pid" 2>/dev/null && killed_random=$((killed_random + 1))
  wait "$pid" 2>/dev/null
  acked=$(acked_of "$work/log")
  if [ ${#mode[@]} -eq 0 ]; then
    verify "random ${ms}ms batch $batch deferred" "${acked:-${base_gen:-0}}" "${base_index:-0}"
  else
    verify "random ${ms}ms batch $batch live" "${acked:-${base_gen:-0}}"
  fi
done

# Named fault points in the commit path: the n-th time the point is reached.
for point in before-records after-records mid-index after-index; do
  for ((t = 1; t <= fault_trials; t++)); do
    trials=$((trials + 1))
    per_point_trials[$point]=$((${per_point_trials[$point]:-0} + 1))
    make_workload "$work/in" 40
    n=$((1 + RANDOM % 5))
    base_gen=$(gens | cut -d' ' -f1)
    CKB_FAULT="$point:$n" "$ckb" -v index "$work/in" --db "$db" --batch 5 --progress never \
      --live-index 2>"$work/log" >/dev/null
    rc=$?
    if [ $rc -eq 137 ]; then
      per_point_killed[$point]=$((${per_point_killed[$point]:-0} + 1))
    else
      fail "$point:$n" "expected SIGKILL at the fault point, exit $rc"
    fi
    acked=$(acked_of "$work/log")
    before=$failures
    verify "$point:$n" "${acked:-${base_gen:-0}}"
    [ $failures -gt $before ] && per_point_fail[$point]=$((${per_point_fail[$point]:-0} + 1))
  done
done

# Deferred runs: every batch committed, then killed while the index catches
# up at the end (the n-th index transaction of the catch-up).
for point in catchup-mid-index; do
  for ((t = 1; t <= fault_trials; t++)); do
    trials=$((trials + 1))
    per_point_trials[$point]=$((${per_point_trials[$point]:-0} + 1))
    make_workload "$work/in" 40
    read -r base_gen base_index <<<"$(gens)"
    CKB_FAULT="mid-index:1" "$ckb" -v index "$work/in" --db "$db" --batch 5 --progress never \
      2>"$work/log" >/dev/null
    rc=$?
    if [ $rc -eq 137 ]; then
      per_point_killed[$point]=$((${per_point_killed[$point]:-0} + 1))
    else
      fail "$point" "expected SIGKILL while catching up, exit $rc"
    fi
    acked=$(acked_of "$work/log")
    before=$failures
    verify "$point" "${acked:-${base_gen:-0}}" "${base_index:-0}"
    [ $failures -gt $before ] && per_point_fail[$point]=$((${per_point_fail[$point]:-0} + 1))
  done
done

# A crash during replay: leave a batch between the stores, then kill the
# recovering writer (at replay, or mid-transaction of the replay).
for point in during-replay mid-index-replay; do
  for ((t = 1; t <= fault_trials; t++)); do
    trials=$((trials + 1))
    per_point_trials[$point]=$((${per_point_trials[$point]:-0} + 1))
    make_workload "$work/in" 20
    CKB_FAULT="after-records:$((1 + RANDOM % 3))" "$ckb" -v index "$work/in" --db "$db" --batch 5 \
      --progress never --live-index 2>"$work/log" >/dev/null
    acked=$(acked_of "$work/log")
    f=$point
    [ "$point" = mid-index-replay ] && f=mid-index
    CKB_FAULT="$f" "$ckb" index "$empty" --db "$db" -q 2>/dev/null
    rc=$?
    if [ $rc -eq 137 ]; then
      per_point_killed[$point]=$((${per_point_killed[$point]:-0} + 1))
    else
      fail "$point" "expected SIGKILL during replay, exit $rc"
    fi
    before=$failures
    verify "$point" "${acked:-0}"
    [ $failures -gt $before ] && per_point_fail[$point]=$((${per_point_fail[$point]:-0} + 1))
  done
done

# Crashes inside rebuild-index: before merging the shards, before the swap
# and between the temporary pointer file and its rename.
for point in rebuild-before-compact rebuild-before-swap before-pointer-rename; do
  for ((t = 1; t <= fault_trials; t++)); do
    trials=$((trials + 1))
    per_point_trials[$point]=$((${per_point_trials[$point]:-0} + 1))
    acked=$(gens | cut -d' ' -f1)
    CKB_FAULT="$point" "$ckb" rebuild-index --db "$db" -q 2>/dev/null
    rc=$?
    if [ $rc -eq 137 ]; then
      per_point_killed[$point]=$((${per_point_killed[$point]:-0} + 1))
    else
      fail "$point" "expected SIGKILL in rebuild-index, exit $rc"
    fi
    before=$failures
    verify "$point" "${acked:-0}"
    # A later rebuild completes and leaves exactly one index directory.
    if ! out=$("$ckb" rebuild-index --db "$db" -q 2>&1); then fail "$point" "rebuild after crash: $out"; fi
    ndirs=$(find "$db" -maxdepth 1 -name 'xapian.*' | wc -l)
    [ "$ndirs" -eq 1 ] || fail "$point" "$ndirs index directories after rebuild"
    verify "$point (after rebuild)" "${acked:-0}"
    [ $failures -gt $before ] && per_point_fail[$point]=$((${per_point_fail[$point]:-0} + 1))
  done
done

# A knowledge base killed while it is created: once at the fault point
# (the new index made under its temporary name, not yet renamed into
# place), and once more with that directory moved into place without its
# version file, as a writer killed inside Xapian's own creation of it would
# leave it. The next run must create the knowledge base and index the
# folder; the store in use ($db) is not touched.
for point in creating-index half-made-index; do
  for ((t = 1; t <= fault_trials; t++)); do
    trials=$((trials + 1))
    per_point_trials[$point]=$((${per_point_trials[$point]:-0} + 1))
    fresh=$work/fresh
    rm -rf "$fresh"
    make_workload "$work/in" 5
    CKB_FAULT=creating-index "$ckb" index "$work/in" --db "$fresh" -q 2>/dev/null >/dev/null
    rc=$?
    if [ $rc -eq 137 ]; then
      per_point_killed[$point]=$((${per_point_killed[$point]:-0} + 1))
    else
      fail "$point" "expected SIGKILL while creating the index, exit $rc"
    fi
    before=$failures
    if [ "$point" = half-made-index ] && [ -d "$fresh/xapian.0.new" ]; then
      mv "$fresh/xapian.0.new" "$fresh/xapian.0"
      rm -f "$fresh/xapian.0/iamglass"
    fi
    if [ -e "$fresh/index.current" ]; then fail "$point" "an index pointer exists before the index"; fi
    if ! out=$("$ckb" index "$work/in" --db "$fresh" -q 2>&1); then
      fail "$point" "re-run after the kill: $out"
    elif ! out=$("$ckb" check --deep --db "$fresh" 2>&1); then
      fail "$point" "check --deep after the re-run: $out"
    else
      nworks=$("$ckb" stats --db "$fresh" --format json 2>/dev/null | tr -d ' \n' |
        sed -n 's/.*"works":\([0-9]*\).*/\1/p')
      [ "${nworks:-0}" -gt 0 ] || fail "$point" "no works after the re-run"
      ndirs=$(find "$fresh" -maxdepth 1 -name 'xapian.*' | wc -l)
      [ "$ndirs" -eq 1 ] || fail "$point" "$ndirs index directories after the re-run"
    fi
    [ $failures -gt $before ] && per_point_fail[$point]=$((${per_point_fail[$point]:-0} + 1))
  done
done
# And killed at a random moment 5-120 ms into the first run, mostly while
# the stores are being created.
point=creating-random
for ((t = 1; t <= 2 * fault_trials; t++)); do
  trials=$((trials + 1))
  per_point_trials[$point]=$((${per_point_trials[$point]:-0} + 1))
  fresh=$work/fresh
  rm -rf "$fresh"
  make_workload "$work/in" 5
  ms=$((5 + RANDOM % 116))
  "$ckb" index "$work/in" --db "$fresh" -q >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf %03d "$ms")"
  kill -9 "$pid" 2>/dev/null && per_point_killed[$point]=$((${per_point_killed[$point]:-0} + 1))
  wait "$pid" 2>/dev/null
  before=$failures
  if ! out=$("$ckb" index "$work/in" --db "$fresh" -q 2>&1); then
    fail "$point ${ms}ms" "re-run after the kill: $out"
  elif ! out=$("$ckb" check --deep --db "$fresh" 2>&1); then
    fail "$point ${ms}ms" "check --deep after the re-run: $out"
  fi
  [ $failures -gt $before ] && per_point_fail[$point]=$((${per_point_fail[$point]:-0} + 1))
done
rm -rf "$work/fresh"

# Comparison trials (see the header). A file deleted from the folder is
# pruned when this ckb supports `--prune`; otherwise its records stay, in
# both stores alike.
prune=()
"$ckb" index --help 2>/dev/null | grep -q -- '--prune' && prune=(--prune)
compare_killed=0
compare_fail=0
compare_lag=0
cdb=$work/cdb
ref=$work/ref
tree=$work/tree
mkdir -p "$tree"
next_page=1000000
pages=()
if [ "$compare_trials" -gt 0 ] && [ ! -x "$dump" ]; then
  echo "FAIL: $dump is missing (build the ckb_record_dump target)" >&2
  failures=$((failures + 1))
  compare_trials=0
fi
for ((t = 1; ; t++)); do
  if [ "$compare_count" = kills ]; then
    [ "$compare_killed" -ge "$compare_trials" ] && break
  else
    [ "$t" -gt "$compare_trials" ] && break
  fi
  trials=$((trials + 1))
  before=$failures
  # Every 100 trials a new folder and new stores, so that a run stays short.
  if [ $((t % 100)) -eq 1 ]; then
    rm -rf "$tree" "$cdb" "$ref"
    mkdir -p "$tree"
    pages=()
  fi
  # Add 5-24 pages, change up to 4, delete up to 2.
  add=$((5 + RANDOM % 20))
  "$here/gen_pages.sh" "$tree" "$add" "$RANDOM" "$next_page"
  for ((k = 0; k < add; k++)); do pages+=($((next_page + k))); done
  next_page=$((next_page + add))
  for ((k = RANDOM % 5; k > 0; k--)); do
    "$here/gen_pages.sh" "$tree" 1 "$RANDOM" "${pages[$((RANDOM % ${#pages[@]}))]}"
  done
  for ((k = RANDOM % 3; k > 0 && ${#pages[@]} > 10; k--)); do
    i=$((RANDOM % ${#pages[@]}))
    rm -f "$tree/$(printf 'p%06d.txt' "${pages[$i]}")"
    pages=("${pages[@]:0:$i}" "${pages[@]:$((i + 1))}")
  done
  batches=(1 5 20)
  batch=${batches[$((RANDOM % 3))]}
  ms=$((10 + RANDOM % 1200))
  mode=()
  [ $((t % 3)) -eq 0 ] && mode=(--live-index)
  label="compare ${ms}ms batch $batch${mode[*]:+ live}"
  "$ckb" -v index "$tree" --db "$cdb" --batch "$batch" --progress never "${mode[@]}" "${prune[@]}" \
    2>"$work/log" >/dev/null &
  pid=$!
  sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
  kill -9 "$pid" 2>/dev/null && compare_killed=$((compare_killed + 1))
  wait "$pid" 2>/dev/null
  if [ -e "$cdb/index.current" ]; then
    if ! out=$("$ckb" check --db "$cdb" 2>&1); then
      fail "$label" "check after the kill: $out"
    elif grep -q '^lag ' <<<"$out"; then
      compare_lag=$((compare_lag + 1))
    fi
  fi
  if ! out=$("$ckb" index "$tree" --db "$cdb" -q --batch "$batch" "${prune[@]}" 2>&1); then
    fail "$label" "re-run after the kill: $out"
  fi
  if ! out=$("$ckb" check --db "$cdb" 2>&1) || grep -q '^lag ' <<<"$out"; then
    fail "$label" "check after the re-run: $out"
  fi
  if ! out=$("$ckb" index "$tree" --db "$ref" -q --batch 50 "${prune[@]}" 2>&1); then
    fail "$label" "reference run: $out"
  fi
  "$dump" "$cdb" >"$work/dump.k" 2>&1
  "$dump" "$ref" >"$work/dump.r" 2>&1
  if ! cmp -s "$work/dump.k" "$work/dump.r"; then
    fail "$label" "records differ from the store built without kills: $(diff "$work/dump.r" "$work/dump.k" | grep -c '^[<>]') lines ($(diff "$work/dump.r" "$work/dump.k" | grep '^[<>]' | head -3 | tr '\n' ' ' | cut -c1-300))"
  fi
  [ $failures -gt $before ] && compare_fail=$((compare_fail + 1))
  if [ $((t % 25)) -eq 0 ]; then
    echo "comparison: $t trials ($compare_trials $compare_count wanted), $compare_killed killed, $compare_lag lagging, $compare_fail failed; $(( $(date +%s) - start )) s"
  fi
done
if [ "$compare_trials" -gt 0 ]; then
  echo "comparison: $((t - 1)) trials ($compare_killed killed while running, $compare_lag left the index behind, $compare_fail failed); $(wc -l <"$work/dump.k") records in the final store, $(ls "$tree" | wc -l) files${prune[*]:+, deleted files pruned}"
fi

read -r gr gx <<<"$(gens)"
works=$("$ckb" stats --db "$db" --format json 2>/dev/null | tr -d ' \n' | sed -n 's/.*"works":\([0-9]*\).*/\1/p')
echo "random kills: $random_trials trials ($killed_random killed while running)"
for point in before-records after-records mid-index after-index catchup-mid-index during-replay \
  mid-index-replay rebuild-before-compact rebuild-before-swap before-pointer-rename \
  creating-index half-made-index creating-random; do
  printf '  fault %-22s %3d trials, %3d killed at the point, %d failed\n' "$point" \
    "${per_point_trials[$point]:-0}" "${per_point_killed[$point]:-0}" "${per_point_fail[$point]:-0}"
done
if [ -n "$gr" ]; then
  echo "total: $trials trials, $failures failures; final generation $gr, $works works; $(( $(date +%s) - start )) s"
else  # comparison trials only: their stores were reported above
  echo "total: $trials trials, $failures failures; $(( $(date +%s) - start )) s"
fi
[ "$failures" -eq 0 ]
