// SPDX-License-Identifier: GPL-3.0-or-later
#include "kb/status.h"

namespace ckb {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: name = "not found"; break;
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kParseError: name = "parse error"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kBusy: name = "busy"; break;
    case Code::kReadOnly: name = "read-only"; break;
    case Code::kNotSupported: name = "not supported"; break;
    case Code::kInternal: name = "internal error"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace ckb
