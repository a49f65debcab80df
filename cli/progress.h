// SPDX-License-Identifier: GPL-3.0-or-later
// The progress line `ckb index` keeps on a terminal: files and megabytes
// read of the totals, records, rate and time left, redrawn in place from the
// first second and while the search index is brought up to date. Messages
// printed through it clear the line first, so that they are never mixed
// with it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "ingest/ingest.h"

namespace ckb::cli {

class ProgressMeter {
 public:
  // Draws nothing when !enabled; Message() then prints plainly.
  ProgressMeter(bool enabled, std::FILE* out = stderr);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // What the run will read (ingest::CountInputs); the clock starts.
  void Start(const ingest::IngestProgress& total);
  void Update(const ingest::IngestProgress& now);
  // A stage after reading ("updating the search index"): its name and the
  // time spent in it replace the counts.
  void Stage(const std::string& name);
  // One line of output (with its newline) above the progress line.
  void Message(const std::string& line);
  // Clears the line and stops redrawing.
  void Stop();

  // The line for `now` of `total` after `seconds` (without the terminal
  // controls), for tests.
  static std::string Line(const ingest::IngestProgress& now, const ingest::IngestProgress& total,
                          double seconds);

 private:
  void Loop();
  void DrawLocked();

  const bool enabled_;
  std::FILE* out_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread ticker_;
  bool stop_ = false;
  bool drawn_ = false;
  ingest::IngestProgress total_, now_;
  std::string stage_;
  std::chrono::steady_clock::time_point start_, stage_start_;
};

}  // namespace ckb::cli
