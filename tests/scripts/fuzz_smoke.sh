#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A short libFuzzer run of every target (20 s each by default) when clang and
# its fuzzer runtime are installed; skips, passing, when they are not. Uses the
# fuzz build in $CKB_FUZZ_BUILD or <repo>/build-fuzz, configuring and building
# the fuzz targets there first when needed.
# Usage: fuzz_smoke.sh <ckb> <repo root>   (CKB_FUZZ_SECONDS overrides 20)
set -uo pipefail
ROOT=$(realpath "$2")
BUILD=${CKB_FUZZ_BUILD:-$ROOT/build-fuzz}
SECS=${CKB_FUZZ_SECONDS:-20}
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "SKIP: clang++ or the libFuzzer runtime is not installed (CKB_WITH_FUZZ=1 scripts/install-deps)"
  exit 0
fi
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCKB_BUILD_FUZZ=ON -DCKB_BUILD_TESTS=OFF -DCKB_BUILD_BENCH=OFF >/dev/null || exit 1
fi
cmake --build "$BUILD" -j"${JOBS:-2}" --target fuzzers >"$BUILD/fuzz-smoke-build.log" 2>&1 || {
  tail -20 "$BUILD/fuzz-smoke-build.log"
  exit 1
}
FUZZ_JOBS=${FUZZ_JOBS:-2} "$ROOT/fuzz/run.sh" "$BUILD" "$SECS"
