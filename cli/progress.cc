// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/progress.h"

#include <cinttypes>

namespace ckb::cli {
namespace {

constexpr auto kRedraw = std::chrono::milliseconds(250);

// 1234567 -> "1,234,567"
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / 1e6);
  return buf;
}

// 75 -> "1:15", 3725 -> "1:02:05"
std::string Clock(double seconds) {
  auto s = static_cast<uint64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64, s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64 ":%02" PRIu64, s / 60, s % 60);
  }
  return buf;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

ProgressMeter::ProgressMeter(bool enabled, std::FILE* out) : enabled_(enabled), out_(out) {}

ProgressMeter::~ProgressMeter() { Stop(); }

std::string ProgressMeter::Line(const ingest::IngestProgress& now, const ingest::IngestProgress& total,
                                double seconds) {
  std::string line = "indexing: " + Grouped(now.files) + " of " + Grouped(total.files) + " files, " +
                     Megabytes(now.bytes) + " of " + Megabytes(total.bytes) + " MB, " + Grouped(now.records) +
                     " records";
  // A rate and the time left once there is something to go by.
  if (seconds >= 1 && now.bytes > 0) {
    double rate = static_cast<double>(now.bytes) / seconds;
    line += ", " + Megabytes(static_cast<uint64_t>(rate)) + " MB/s";
    if (total.bytes > now.bytes) {
      line += ", about " + Clock(static_cast<double>(total.bytes - now.bytes) / rate) + " left";
    }
  }
  return line;
}

void ProgressMeter::Start(const ingest::IngestProgress& total) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  total_ = total;
  start_ = std::chrono::steady_clock::now();
  DrawLocked();
  if (!ticker_.joinable()) ticker_ = std::thread([this] { Loop(); });
}

void ProgressMeter::Update(const ingest::IngestProgress& now) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  now_ = now;
}

void ProgressMeter::Stage(const std::string& name) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  stage_ = name;
  stage_start_ = std::chrono::steady_clock::now();
  // Drawn by the ticker from its first tick: a stage that ends at once (or
  // fails with a message) leaves no line behind.
  if (ticker_.joinable()) DrawLocked();
  if (!ticker_.joinable()) ticker_ = std::thread([this] { Loop(); });
}

void ProgressMeter::Message(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (drawn_) std::fputs("\r\x1b[K", out_);
  std::fputs(line.c_str(), out_);
  drawn_ = false;
  if (enabled_ && ticker_.joinable()) DrawLocked();
}

void ProgressMeter::Stop() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
    if (drawn_) std::fputs("\r\x1b[K", out_);
    drawn_ = false;
    std::fflush(out_);
  }
  cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void ProgressMeter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, kRedraw, [&] { return stop_; });
    if (!stop_) DrawLocked();
  }
}

void ProgressMeter::DrawLocked() {
  if (stop_) return;
  std::string line = stage_.empty() ? Line(now_, total_, Seconds(start_))
                                    : stage_ + " (" + Clock(Seconds(stage_start_)) + ")";
  std::fprintf(out_, "\r\x1b[K%s", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

}  // namespace ckb::cli
