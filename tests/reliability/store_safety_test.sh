#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writer lock, read-only knowledge bases and a full disk, through the `ckb`
# executable:
#  - a second `ckb index` exits 75 at once naming the holder's pid; readers
#    are not blocked; after kill -9 of the holder a new writer gets in;
#  - read-only (non-root user on a 0555 tree, and a read-only bind mount):
#    reads work, `ckb index` exits 73 within 1 s and changes no file;
#  - disk full (tmpfs; root only): `ckb index` exits 74 with "No space left on
#    device" and no signal, searches work while full, and after growing the
#    mount `ckb check --deep` passes with no acknowledged generation lost.
# Usage: store_safety_test.sh CKB [LOCK_TRIALS=5] [DISK_SIZES_MB="4 8 16"]
set -uo pipefail
ckb=$(readlink -f "$1")
lock_trials=${2:-5}
sizes=${3:-"4 8 16"}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ckb-safety.XXXXXX")
mounts=()
cleanup() {
  local m
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
gen_of() {
  "$ckb" stats --db "$1" --format json 2>/dev/null | tr -d ' \n' | sed -n 's/.*"generation":\([0-9]*\).*/\1/p'
}
mkdir -p "$work/empty"
export CKB_MIN_FREE_MB=${CKB_MIN_FREE_MB:-16}

# ---- writer lock ----
"$here/gen_pages.sh" "$work/pages" 400 7
db=$work/lockdb
lock_max_ms=0
for ((t = 1; t <= lock_trials; t++)); do
  # --live-index keeps the index level with every commit, so that the time of
  # the next writer after the kill measures the lock, not a deferred
  # catch-up of the killed run (the crash test covers those).
  "$ckb" index "$work/pages" --db "$db" --batch 1 --progress never -q --live-index &
  holder=$!
  for ((i = 0; i < 200; i++)); do
    [ "$(cat "$db/writer.lock" 2>/dev/null)" = "$holder" ] && break
    sleep 0.02
  done
  t0=$(date +%s%N)
  out=$("$ckb" index "$work/empty" --db "$db" 2>&1)
  rc=$?
  ms=$(ms_since "$t0")
  [ "$ms" -gt "$lock_max_ms" ] && lock_max_ms=$ms
  if kill -0 "$holder" 2>/dev/null; then
    [ $rc -eq 75 ] || fail "lock trial $t: second writer exit $rc (want 75): $out"
    [[ "$out" == *"pid $holder"* ]] || fail "lock trial $t: message does not name pid $holder: $out"
    [ "$ms" -lt 1000 ] || fail "lock trial $t: second writer took $ms ms"
    # Readers are not blocked by the writer. Until the writer has created the
    # knowledge base (the index pointer is written last) there is nothing to
    # read, so the reader starts once it exists and must succeed.
    for ((i = 0; i < 250; i++)); do
      [ -e "$db/index.current" ] && break
      sleep 0.02
    done
    if [ -e "$db/index.current" ]; then
      rout=$("$ckb" stats --db "$db" 2>&1 >/dev/null) ||
        fail "lock trial $t: reader failed while a writer runs: $rout"
    fi
    kill -9 "$holder"
    wait "$holder" 2>/dev/null
    t0=$(date +%s%N)
    out=$("$ckb" index "$work/empty" --db "$db" -q 2>&1) || fail "lock trial $t: writer after kill -9: $out"
    [ "$(ms_since "$t0")" -lt 5000 ] || fail "lock trial $t: writer after kill -9 was slow"
  else
    wait "$holder"
    echo "lock trial $t: the first writer finished before the second started; not counted"
  fi
  rm -rf "$db"
done
echo "writer lock: $lock_trials trials, second writer answered in <= $lock_max_ms ms"

# ---- read-only ----
snapshot() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort && find . -type f -exec sha256sum {} + | sort); }
check_read_only() {
  local label=$1 db=$2 runner=("${@:3}") before after t0 ms out rc
  before=$(snapshot "$db")
  "${runner[@]}" "$ckb" stats --db "$db" >/dev/null 2>&1 || fail "$label: stats failed"
  "${runner[@]}" "$ckb" search trastuzumab --db "$db" --format json >/dev/null 2>&1 ||
    fail "$label: search failed"
  "${runner[@]}" "$ckb" trials --db "$db" >/dev/null 2>&1
  [ $? -le 1 ] || fail "$label: trials failed"
  t0=$(date +%s%N)
  out=$("${runner[@]}" "$ckb" index "$here/../../corpus" --db "$db" 2>&1)
  rc=$?
  ms=$(ms_since "$t0")
  [ $rc -eq 73 ] || fail "$label: ckb index exit $rc (want 73): $out"
  [ "$ms" -lt 1000 ] || fail "$label: ckb index took $ms ms"
  after=$(snapshot "$db")
  [ "$before" = "$after" ] || fail "$label: files changed"
  echo "read-only ($label): index exit $rc in $ms ms, files unchanged"
}
rodb=$work/rodb
"$ckb" index "$work/pages" --db "$rodb" -q >/dev/null 2>&1
if [ "$(id -u)" -ne 0 ]; then
  chmod -R a-w "$rodb"
  check_read_only "0555 tree" "$rodb"
  chmod -R u+w "$rodb"
else
  user=ckbtest
  id "$user" >/dev/null 2>&1 || useradd -M -r -s /usr/sbin/nologin "$user" 2>/dev/null
  if id "$user" >/dev/null 2>&1; then
    chmod -R a-w,a+rX "$rodb"
    check_read_only "non-root user on a 0555 tree" "$rodb" setpriv --reuid="$user" --regid="$user" --clear-groups
    chmod -R u+w "$rodb"
  else
    echo "SKIP read-only as non-root: cannot create a user"
  fi
  mkdir -p "$work/robind"
  if mount --bind "$rodb" "$work/robind" 2>/dev/null && mounts+=("$work/robind") &&
    mount -o remount,ro,bind "$work/robind" 2>/dev/null; then
    check_read_only "read-only bind mount" "$work/robind"
  else
    echo "SKIP read-only mount: mount not permitted"
  fi
fi

# ---- disk full ----
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$work/empty" 2>/dev/null; then
  echo "SKIP disk full: needs root to mount a tmpfs"
else
  umount "$work/empty"
  "$here/gen_pages.sh" "$work/big" 3000 11
  for size in $sizes; do
    for batch in 1 50; do
      mnt=$work/full-$size-$batch
      mkdir -p "$mnt"
      mount -t tmpfs -o "size=${size}m" tmpfs "$mnt" && mounts+=("$mnt")
      fdb=$mnt/db
      # Batches of one update the index with every commit; batches of 50 defer
      # it to the end of the run (the default), which the full disk prevents.
      mode=()
      [ "$batch" -eq 1 ] && mode=(--live-index)
      CKB_MIN_FREE_MB=2 "$ckb" -v index "$work/big" --db "$fdb" --batch "$batch" --progress never \
        "${mode[@]}" >/dev/null 2>"$work/full.log"
      rc=$?
      acked=$(sed -n 's/^ckb: committed generation \([0-9]*\)$/\1/p' "$work/full.log" | tail -1)
      msg=$(grep -v 'committed generation' "$work/full.log" | tail -1)
      label="tmpfs ${size} MiB, batch $batch"
      if [ $rc -ne 74 ]; then
        fail "$label: exit $rc (want 74): $msg"
      elif ! grep -q -e 'No space left on device' -e 'disk full' "$work/full.log"; then
        fail "$label: message lacks 'No space left on device': $msg"
      fi
      if [ -z "$acked" ]; then
        # Too small to commit even one batch: there is nothing to search, and
        # a reader says so (exit 66 or 1), without a crash.
        "$ckb" search breast --db "$fdb" --format json --limit 5 >/dev/null 2>"$work/search.err"
        src=$?
        if [ $src -ne 66 ] && [ $src -ne 1 ]; then
          fail "$label: search with nothing committed: exit $src: $(head -1 "$work/search.err")"
        fi
      elif [ ${#mode[@]} -gt 0 ]; then
        "$ckb" search breast --db "$fdb" --format json --limit 5 >/dev/null 2>&1 ||
          fail "$label: search while the disk is full failed"
      else
        # The index has not caught up with this run: the search answers from
        # the index as it was before the run (exit 1: no hits), without error,
        # and says once that the index is behind the records.
        "$ckb" search breast --db "$fdb" --format json --limit 5 >/dev/null 2>"$work/search.err"
        src=$?
        if [ $src -gt 1 ] || grep -qv 'search index is behind the records' "$work/search.err"; then
          fail "$label: search while the disk is full failed (exit $src): $(head -1 "$work/search.err")"
        elif [ "$(grep -c 'search index is behind the records' "$work/search.err")" -ne 1 ]; then
          fail "$label: search does not say once that the index is behind: $(head -1 "$work/search.err")"
        fi
      fi
      mount -o remount,size=256m "$mnt"
      out=$("$ckb" index "$work/empty" --db "$fdb" -q 2>&1) || fail "$label: writer after growing: $out"
      # The writer's open brought the index level: the committed pages are found.
      if [ -n "$acked" ]; then
        "$ckb" search breast --db "$fdb" --format json --limit 5 >/dev/null 2>&1 ||
          fail "$label: search after growing found nothing"
      fi
      out=$("$ckb" check --deep --db "$fdb" 2>&1) || fail "$label: check --deep after growing: $out"
      g=$(gen_of "$fdb")
      [ "${g:-0}" -ge "${acked:-0}" ] || fail "$label: generation ${g:-?} < acknowledged ${acked:-0}"
      echo "disk full ($label): exit $rc after ${acked:-0} acknowledged generations; after growing: generation $g, check --deep ok"
      umount "$mnt"
    done
  done
fi

echo "store safety: $failures failures"
[ "$failures" -eq 0 ]
