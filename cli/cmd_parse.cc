// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb parse FILE...`: parse without indexing and print what was understood.
#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "readers/archive.h"
#include "readers/utf16_input.h"
#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "readers/parser.h"

namespace ckb::cli {
namespace {

struct ParseOptions {
  std::vector<std::string> files;
  std::string output = "json";
  std::string as;
  bool no_entities = false;
};

Json DocumentJson(const Document& d, const knowledge::EntityExtractor& ex, bool entities) {
  Json j = ToJson(d);
  if (!entities) return j;
  for (const char* list : {"references", "related"}) {
    const auto& refs = std::string(list) == "references" ? d.references : d.related;
    for (size_t i = 0; i < refs.size(); ++i) {
      const Reference& r = refs[i];
      Json ents = Json::array();
      for (const auto& m : ex.Extract(r.title.empty() ? r.raw : r.title, r.title.empty() ? "raw" : "title")) {
        ents.push_back(ToJson(m));
      }
      j[list][i]["entities"] = std::move(ents);
    }
  }
  return j;
}

void PrintDocumentText(const Document& d) {
  const Work& w = d.work;
  if (!w.title.empty()) {
    std::printf("\n%s\n", w.title.c_str());
    std::string authors;
    for (const auto& a : w.authors) authors += (authors.empty() ? "" : ", ") + a;
    if (!authors.empty()) std::printf("  %s\n", authors.c_str());
    std::printf("  %s %s, %s(%s): %s", w.journal.c_str(), w.year ? std::to_string(*w.year).c_str() : "",
                w.volume.c_str(), w.issue.c_str(), w.pages.c_str());
    if (!w.doi.empty()) std::printf("  doi:%s", w.doi.c_str());
    if (!w.pmid.empty()) std::printf("  pmid:%s", w.pmid.c_str());
    std::printf("\n");
    for (const auto& m : w.entities) std::printf("  [%s] %s (%s)\n", m.type.c_str(), m.text.c_str(), m.id.c_str());
  }
  for (int list = 0; list < 2; ++list) {
    const auto& refs = list == 0 ? d.references : d.related;
    if (refs.empty()) continue;
    std::printf("\n%s (%zu)\n", list == 0 ? "References" : "Related articles", refs.size());
    for (const auto& r : refs) {
      std::string first = r.authors.empty() ? "" : r.authors[0] + (r.et_al || r.authors.size() > 1 ? " et al." : "");
      std::printf("  [%d] %s %s. %s. %s%s%s\n", r.n, first.c_str(),
                  r.year ? std::to_string(*r.year).c_str() : "", r.title.c_str(), r.journal.c_str(),
                  r.doi.empty() ? "" : " doi:", r.doi.c_str());
    }
  }
}

// Prints what the parser finds as it finds it, so that `ckb parse` holds one
// record at a time however large the input (docs/PERFORMANCE.md, "Streaming
// memory"). JSON output is one object per input: "documents" is written
// element by element; trials and diagnostics, which come in any order
// between documents, are kept until the end of the input.
// Nothing is printed for an input that fails before its first document or
// trial.
class PrintingSink : public readers::Sink {
 public:
  enum class Mode { kJson, kJsonLine, kText, kCitations };

  PrintingSink(std::string source, std::string format, Mode mode, const knowledge::EntityExtractor& ex,
               bool entities)
      : source_(std::move(source)), format_(std::move(format)), mode_(mode), ex_(ex), entities_(entities) {}

  void OnDocument(Document doc) override {
    Begin();
    ++documents_;
    if (entities_) ingest::AnnotateWork(ex_, &doc.work);
    switch (mode_) {
      case Mode::kCitations:
        for (const auto& r : doc.references) PrintJson(ToJson(r), false);
        return;
      case Mode::kText:
        PrintDocumentText(doc);
        return;
      case Mode::kJson:
      case Mode::kJsonLine:
        PrintElement(DocumentJson(doc, ex_, entities_), documents_ == 1);
        return;
    }
  }

  void OnTrial(Trial trial) override {
    Begin();
    ++trials_;
    if (mode_ == Mode::kText) {
      std::printf("\n%s %s: %s\n", trial.nct.c_str(), trial.acronym.c_str(), trial.brief_title.c_str());
    } else if (mode_ != Mode::kCitations) {
      trials_json_.push_back(ToJson(trial));
    }
  }

  void OnDiagnostic(Diagnostic d) override {
    std::fprintf(stderr, "%s:%lld: %s\n", source_.c_str(), static_cast<long long>(d.line), d.message.c_str());
    if (mode_ == Mode::kText) {
      diagnostics_text_.push_back("diagnostic: line " + std::to_string(d.line) + ": " + d.message);
    } else if (mode_ != Mode::kCitations) {
      diagnostics_json_.push_back(Json{{"line", d.line}, {"message", d.message}});
    }
    ++diagnostics_;
  }

  // Closes the output of the input. `complete` is false when the parser
  // gave up on the input as a whole.
  void End(bool complete) {
    if (!complete && !begun_) return;
    Begin();
    if (mode_ == Mode::kText) {
      for (const auto& line : diagnostics_text_) std::printf("%s\n", line.c_str());
      std::printf("%s (%s): %zu documents, %zu trials, %zu diagnostics\n", source_.c_str(), format_.c_str(),
                  documents_, trials_, diagnostics_);
    } else if (mode_ == Mode::kJson || mode_ == Mode::kJsonLine) {
      if (pretty() && documents_ > 0) std::fputs("\n  ", stdout);
      std::fputs(pretty() ? "],\n  \"trials\": " : "],\"trials\":", stdout);
      PrintList(trials_json_);
      std::fputs(pretty() ? ",\n  \"diagnostics\": " : ",\"diagnostics\":", stdout);
      PrintList(diagnostics_json_);
      std::fputs(pretty() ? "\n}\n" : "}\n", stdout);
    }
    std::fflush(stdout);
  }

  size_t diagnostics() const { return diagnostics_; }

 private:
  bool pretty() const { return mode_ == Mode::kJson; }

  void Begin() {
    if (begun_) return;
    begun_ = true;
    if (mode_ == Mode::kText) {
      std::printf("%s (%s)\n", source_.c_str(), format_.c_str());
    } else if (mode_ == Mode::kJson || mode_ == Mode::kJsonLine) {
      std::string source = Dump(Json(source_));
      std::string format = Dump(Json(format_));
      std::printf(pretty() ? "{\n  \"source\": %s,\n  \"format\": %s,\n  \"documents\": ["
                           : "{\"source\":%s,\"format\":%s,\"documents\":[",
                  source.c_str(), format.c_str());
    }
  }

  // Writes `text` with `newline` in place of each line break.
  static void PrintIndented(const std::string& text, const char* newline) {
    size_t from = 0;
    for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
      std::fwrite(text.data() + from, 1, nl - from, stdout);
      std::fputs(newline, stdout);
      from = nl + 1;
    }
    std::fwrite(text.data() + from, 1, text.size() - from, stdout);
  }

  // One element of a list printed under a top-level key.
  void PrintElement(const Json& j, bool first) {
    if (!first) std::fputc(',', stdout);
    if (pretty()) {
      std::fputs("\n    ", stdout);
      PrintIndented(Dump(j, 2), "\n    ");
    } else {
      std::string text = Dump(j);
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
  }

  void PrintList(const std::vector<Json>& items) {
    if (items.empty()) {
      std::fputs("[]", stdout);
      return;
    }
    std::fputc('[', stdout);
    for (size_t i = 0; i < items.size(); ++i) PrintElement(items[i], i == 0);
    std::fputs(pretty() ? "\n  ]" : "]", stdout);
  }

  std::string source_;
  std::string format_;
  Mode mode_;
  const knowledge::EntityExtractor& ex_;
  bool entities_;
  bool begun_ = false;
  size_t documents_ = 0;
  size_t trials_ = 0;
  size_t diagnostics_ = 0;
  std::vector<Json> trials_json_;
  std::vector<Json> diagnostics_json_;
  std::vector<std::string> diagnostics_text_;
};

int RunParse(const GlobalOptions& g, const ParseOptions& o) {
  const auto& ex = knowledge::EntityExtractor::Default();
  const readers::Format* forced = nullptr;
  if (!o.as.empty()) {
    forced = readers::FindFormat(o.as);
    if (!forced) {
      std::fprintf(stderr, "ckb: unknown input format '%s'\n", o.as.c_str());
      return kExitUsage;
    }
  }
  int code = kExitOk;
  bool jsonl = o.files.size() > 1;
  for (const auto& file : o.files) {
    // Each input of the path (the file itself, a compressed file's contents,
    // each member of an archive) is parsed as it is read.
    size_t inputs = 0;
    Status walked = readers::ForEachInput(file, [&](readers::Input& raw) {
      ++inputs;
      // UTF-16 text is read decoded to UTF-8, as `ckb index` reads it.
      readers::PeekInput raw_peek(raw);
      readers::Utf16Order order = readers::DetectUtf16(raw_peek.Head(4096));
      readers::Utf16Input utf16(raw_peek, order);
      readers::Input& in = order == readers::Utf16Order::kNone ? static_cast<readers::Input&>(raw_peek) : utf16;
      readers::PeekInput peek(in);
      const readers::Format* format = forced;
      if (!format) format = readers::DetectFormat(in.name(), peek.Head(4096));
      if (!format) {
        std::fprintf(stderr, "%s\n", readers::NoFormatMessage(in.name(), peek.Head(4096), "--as").c_str());
        code = kExitDataErr;
        return Status::Ok();
      }
      using Mode = PrintingSink::Mode;
      Mode mode = o.output == "text" ? Mode::kText : jsonl ? Mode::kJsonLine : Mode::kJson;
      if (format->name == "citations" && o.output == "json") mode = Mode::kCitations;
      PrintingSink sink(in.name(), format->name, mode, ex, !o.no_entities);
      Status st = format->parse(peek, sink);
      sink.End(st.ok());
      if (!st.ok()) {
        std::fprintf(stderr, "%s\n", st.message().c_str());
        code = kExitDataErr;
      }
      if (sink.diagnostics() > 0) code = kExitDataErr;
      return Status::Ok();
    });
    if (walked.ok() && inputs == 0) {
      walked = Status::ParseError(file + ": no regular files inside; nothing to parse");
    }
    if (!walked.ok()) {
      // An unreadable compressed file or archive is bad data, as in `ckb index`.
      std::fprintf(stderr, "ckb: %s\n", walked.message().c_str());
      code = walked.code() == Status::Code::kNotFound ? kExitNoInput : kExitDataErr;
    }
  }
  return code;
}

}  // namespace

Command AddParseCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ParseOptions>();
  CLI::App* sub = app.add_subcommand("parse", "Parse files without indexing and print what was understood");
  sub->add_option("files", o->files, "Files ('-' for stdin)")->required();
  sub->add_option("--format", o->output, "Output: json or text (default json)")
      ->check(CLI::IsMember({"json", "text"}));
  sub->add_option("--as", o->as,
                  "Read the input as this format; `--as citations` takes one reference string per line "
                  "and prints one JSON object per line");
  sub->add_flag("--no-entities", o->no_entities, "Skip entity extraction");
  sub->footer(ExamplesFooter({
                            "parse corpus/her2-ultralow-review.txt --format text",
                            "parse corpus/her2-library.ris --no-entities"}));
  return {sub, [o, &global] { return RunParse(global, *o); }};
}

}  // namespace ckb::cli
