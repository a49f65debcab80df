# SPDX-License-Identifier: GPL-3.0-or-later
# `make demo` and `make test` are the two commands of the README.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
DB ?= ckb-data

.PHONY: all deps configure build test test-all test-asan demo bench soak fuzz reftagger-model clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

# The default suite: unit, golden and integration tests (not the `slow` label).
test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) -LE slow

# Everything, including the slow tests.
test-all: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The whole default suite under AddressSanitizer and UndefinedBehaviorSanitizer
# (CI runs it after `make test`). Two findings inside Debian's libxapian are
# set aside, both outside ckb's code: sized delete of the wrong type in
# Xapian::Database::check (new_delete_type_mismatch=0; ckb's own deletes are
# also checked by the fuzz builds) and a QueryParser leak (fuzz/lsan.supp).
# LeakSanitizer's table of the suppressions it used would be printed on
# stderr after ckb's own messages (print_suppressions=0 keeps it off).
# CKB_SANITIZED=1 tells the script tests that memory and time limits must
# allow for the sanitizers. script.fuzz_smoke is left out: its fuzz targets
# carry ASan and UBSan in `make test` already.
test-asan: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCKB_SANITIZE=address,undefined \
	  -DCKB_BUILD_BENCH=OFF >/dev/null
	@cmake --build build-asan -j$(JOBS)
	@cd build-asan && CKB_SANITIZED=1 \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:new_delete_type_mismatch=0 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j$(JOBS) -LE slow -E "^script.fuzz_smoke$$"

demo: build
	@scripts/demo.sh $(BUILD)/ckb $(DB)

# The whole-process benchmark beside the plain Xapian, SQLite FTS5 and Lucene
# peers (installs a JDK and Debian's Lucene 8 for the last one).
bench:
	@CKB_WITH_LUCENE=1 scripts/install-deps
	@$(MAKE) --no-print-directory build
	@bench/run.sh 20000

# Long reliability runs: 1,000 random kills + 100 per fault point, then
# 1,000 kills of runs that add, change and delete files, each compared record
# by record with a store built without kills (a few hours on 2 cores); readers
# during ~20k works, and more lock / disk-full cases.
soak: build
	@tests/reliability/crash_test.sh $(BUILD)/ckb-testing 1000 100 "" 1000 kills
	@tests/reliability/concurrency_test.sh $(BUILD)/ckb 14000
	@tests/reliability/store_safety_test.sh $(BUILD)/ckb 20 "1 2 3 4 6 8 16"

fuzz:
	@scripts/install-deps && CKB_WITH_FUZZ=1 scripts/install-deps
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCKB_BUILD_FUZZ=ON -DCKB_BUILD_TESTS=OFF -DCKB_BUILD_BENCH=OFF >/dev/null
	@cmake --build build-fuzz -j$(JOBS)
	@fuzz/run.sh build-fuzz $${FUZZ_SECONDS:-600}

# Retrains the reference tagger on the training half of the gold sets in
# ../shared/corpus and replaces the compiled-in model (schemas/models/).
reftagger-model: build
	@$(BUILD)/train_reftagger --prune 2 --out schemas/models/reftagger.bin
	@cmake --build $(BUILD) -j$(JOBS)
	@$(BUILD)/eval_citations --split test | tail -14

clean:
	rm -rf $(BUILD) build-asan build-fuzz
