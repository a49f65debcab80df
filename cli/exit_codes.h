// SPDX-License-Identifier: GPL-3.0-or-later
// Exit codes of the `ckb` executable (documented in `ckb --help` and the README).
#pragma once

#include "kb/status.h"

namespace ckb::cli {

inline constexpr int kExitOk = 0;          // results found / work done
inline constexpr int kExitNoMatch = 1;     // ran fine, nothing matched
inline constexpr int kExitUsage = 2;       // usage or query error
inline constexpr int kExitDataErr = 65;    // some input malformed (the rest was indexed)
inline constexpr int kExitNoInput = 66;    // input missing or unreadable
inline constexpr int kExitSoftware = 70;   // internal error; stores that disagree
inline constexpr int kExitCantCreat = 73;  // read-only target
inline constexpr int kExitIoErr = 74;      // I/O error or disk full
inline constexpr int kExitTempFail = 75;   // knowledge base locked by another writer

// Maps a Status to the exit code and prints "ckb: <message>" on stderr.
int ReportError(const Status& s);
int ExitCodeFor(const Status& s);

inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 results; 1 nothing matched; 2 usage or query error; 65 some input malformed "
    "(the rest indexed); 66 input missing or unreadable; 70 internal error, or `check` found the stores "
    "disagree (`ckb check --repair`; an index that only lags is exit 0); 73 read-only target; "
    "74 I/O error or disk full; 75 knowledge base locked by another writer.";

}  // namespace ckb::cli
