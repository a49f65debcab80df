#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest entry: writer lock, read-only and disk-full cases. Usage: store_safety.sh CKB REPO_ROOT
exec bash "$2/tests/reliability/store_safety_test.sh" "$1"
