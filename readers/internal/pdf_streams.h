// SPDX-License-Identifier: GPL-3.0-or-later
// A pre-scan of a PDF's compressed streams before poppler sees the file:
// every zlib (FlateDecode) stream is inflated with an output cap, and a file
// whose streams inflate past the budgets below is refused. poppler cannot be
// stopped inside a page, so a page content stream that inflates to hundreds
// of MiB (a "flate bomb") would otherwise hold a reader thread for seconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ckb::readers::internal {

// Budgets, from the streams of real PDFs: the largest inflated stream of the
// test articles in tests/data/pdf is 131,748 bytes (a page's content, 11.7:1),
// of the PDF manuals in Debian's /usr/share/doc (libtasn1.pdf,
// shared-mime-info-spec.pdf) 26,492 bytes; text content compresses about
// 10:1 and fonts about 2:1. An uncompressed 600 dpi grey page image is about
// 33 MiB, so a single stream of 64 MiB leaves room for scans. Image streams
// are exempt from the ratio rule (a blank scanned page compresses a
// thousandfold, and poppler does not decode images to read text) but not
// from the size caps.
constexpr uint64_t kPdfMaxStreamInflated = uint64_t{64} << 20;
constexpr uint64_t kPdfMaxTotalInflated = uint64_t{256} << 20;
constexpr uint64_t kPdfRatioFloor = uint64_t{4} << 20;  // the ratio rule applies above this
constexpr uint64_t kPdfMaxRatio = 200;
// Arrays and dictionaries opened one inside the next with nothing between
// ("[[[[", "<< <<"); real files nest a handful deep.
constexpr size_t kPdfMaxNesting = 1000;

struct PdfStreamScan {
  size_t streams = 0;      // zlib streams inflated
  uint64_t largest = 0;    // inflated bytes of the largest (stops at a cap)
  uint64_t total = 0;      // inflated bytes of all of them
  std::string refusal;     // why the file is not read; empty when it is
};

// Scans `bytes` once, front to back: each "stream" keyword whose data starts
// with a zlib header is inflated (through up to three chained FlateDecode
// filters) until the stream ends, fails, passes a cap, or has put out more
// than kPdfRatioFloor at over kPdfMaxRatio times the input it consumed so
// far (a bomb is refused after 4 MiB of output, not 64); the scan resumes
// after the input the inflater consumed, so it is linear in the file size and
// its inflating work is bounded by the caps.
PdfStreamScan ScanPdfStreams(std::string_view bytes);

}  // namespace ckb::readers::internal
