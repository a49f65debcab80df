// SPDX-License-Identifier: GPL-3.0-or-later
// LaTeX markup in BibTeX values to plain UTF-8 text. Module-private.
#pragma once

#include <string>
#include <string_view>

namespace ckb::readers {

// Accents (\'e, {\"o}, \c{c}, \v{s} ...), special letters (\ss, \o, \ae ...),
// escaped characters (\& \% \$ \# \_), "--"/"---" dashes, '~' and grouping
// braces; other commands are dropped but their arguments kept. The result is
// NFC-normalised and whitespace-folded.
std::string LatexToUtf8(std::string_view s);

}  // namespace ckb::readers
