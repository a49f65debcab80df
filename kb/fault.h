// SPDX-License-Identifier: GPL-3.0-or-later
// Named fault points for crash tests: when $CKB_FAULT names a point (or
// "point:n", the n-th time it is reached), the process kills itself there
// with SIGKILL, as a power cut or kill -9 would stop it.
#pragma once

namespace ckb::kb {

void FaultPoint(const char* name);

}  // namespace ckb::kb
