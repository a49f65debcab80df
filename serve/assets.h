// SPDX-License-Identifier: GPL-3.0-or-later
// The web page's files (serve/web/), compiled into the executable.
#pragma once

#include <string_view>

namespace ckb::serve {

struct Asset {
  std::string_view body;
  const char* content_type = nullptr;  // null when there is no such file
};

// "/" is index.html; "/app.js", "/app.css" ... ; anything else has no body.
Asset FindAsset(std::string_view path);

}  // namespace ckb::serve
