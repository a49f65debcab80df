// SPDX-License-Identifier: GPL-3.0-or-later
// Tokens of the query language (see query/internal/syntax_lex.h and
// docs/QUERY.md): words and their field names, phrases, tags, operators.
#include "query/internal/syntax_lex.h"

#include "text/text_util.h"

namespace ckb::query::internal {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool Ends(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"' || c == '['; }

class Lexer {
 public:
  Lexer(std::string_view text, const SyntaxOptions& options) : text_(text), options_(options) {}

  LexResult Run() {
    Lex();
    LexResult r;
    r.tokens = std::move(toks_);
    r.error = std::move(error_);
    r.warnings = std::move(warnings_);
    return r;
  }

 private:
  void Fail(size_t offset, std::string message) {
    if (!error_) error_ = QueryError{offset, std::move(message)};
  }

  void Lex() {
    size_t i = 0;
    const size_t n = text_.size();
    while (i < n && !error_) {
      bool space = i == 0 || IsSpace(text_[i - 1]);
      char c = text_[i];
      if (IsSpace(c)) {
        ++i;
        continue;
      }
      Token t;
      t.offset = i;
      t.space_before = space;
      if (c == '(' || c == ')') {
        t.tok = c == '(' ? Tok::kLParen : Tok::kRParen;
        t.length = 1;
        ++i;
      } else if (c == '"' || c == '[') {
        const bool phrase = c == '"';
        size_t close = text_.find(phrase ? '"' : ']', i + 1);
        if (close == std::string_view::npos) {
          Fail(i, phrase ? "unterminated phrase: this '\"' has no closing '\"'"
                         : "unterminated field tag: this '[' has no closing ']'");
          return;
        }
        t.tok = phrase ? Tok::kPhrase : Tok::kTag;
        t.text = std::string(text_.substr(i + 1, close - i - 1));
        t.length = close + 1 - i;
        i = close + 1;
      } else if ((c == '-' || c == '+') && space && i + 1 < n && !Ends(text_[i + 1]) && text_[i + 1] != '-') {
        if (c == '+') {  // "+word": required, which every word already is
          ++i;
          continue;
        }
        t.tok = Tok::kMinus;
        t.length = 1;
        ++i;
      } else {
        size_t j = i;
        while (j < n && !Ends(text_[j])) ++j;
        std::string word(text_.substr(i, j - i));
        t.length = j - i;
        i = j;
        ClassifyWord(word, &t);
      }
      toks_.push_back(std::move(t));
    }
    Token end;
    end.offset = n;
    toks_.push_back(end);
    MergeDateRanges();
  }

  static bool IsDateTag(const Token& t) { return t.tok == Tok::kTag && IsDateTagName(text::LowerAscii(t.text)); }
  static bool IsDateTagName(const std::string& body) {
    return FieldForTag(body) == "year" || body == "edat" || body == "date - entry" || body == "crdt" ||
           body == "date - create" || body == "mhda" || body == "date - mesh" || body == "lr" ||
           body == "date - last revision" || body == "dcom" || body == "date - completion";
  }
  static bool IsValue(const Token& t) { return t.tok == Tok::kWord || t.tok == Tok::kPhrase; }

  // PubMed writes a date range over two dates, each tagged or the second
  // only: `"2020/01/01"[dp] : "2024/12/31"[dp]`, `2020/01/01 : 2024/12/31[dp]`
  // or `2020/01/01: 2024/12/31[dp]`. Each becomes one value `from:to` with the
  // last tag, as `2020:2024[dp]` is read.
  void MergeDateRanges() {
    std::vector<Token> out;
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Token& a = toks_[i];
      auto at = [&](size_t k) -> const Token* { return i + k < toks_.size() ? &toks_[i + k] : nullptr; };
      auto colon = [](const Token* t) { return t && t->tok == Tok::kWord && t->text == ":"; };
      size_t span = 0;  // tokens from a to the closing tag
      if (IsValue(a) && at(1) && IsDateTag(*at(1)) && colon(at(2)) && at(3) && IsValue(*at(3)) && at(4) &&
          IsDateTag(*at(4))) {
        span = 4;
      } else if (IsValue(a) && colon(at(1)) && at(2) && IsValue(*at(2)) && at(3) && IsDateTag(*at(3))) {
        span = 3;
      } else if (a.tok == Tok::kWord && a.text.size() > 1 && a.text.back() == ':' && at(1) && IsValue(*at(1)) &&
                 at(2) && IsDateTag(*at(2))) {
        span = 2;
      }
      if (span == 0) {
        out.push_back(a);
        continue;
      }
      Token v = a;
      std::string from = a.text;
      if (!from.empty() && from.back() == ':') from.pop_back();
      v.tok = Tok::kWord;
      v.text = from + ":" + toks_[i + span - 1].text;
      v.length = toks_[i + span - 1].offset + toks_[i + span - 1].length - a.offset;
      out.push_back(v);
      out.push_back(toks_[i + span]);
      i += span;
    }
    toks_ = std::move(out);
  }

  void ClassifyWord(const std::string& word, Token* t) {
    if (word == "AND" || word == "&&") {
      t->tok = Tok::kAnd;
      return;
    }
    if (word == "OR" || word == "||") {
      t->tok = Tok::kOr;
      return;
    }
    if (word == "NOT") {
      t->tok = Tok::kNot;
      return;
    }
    if (word == "NEAR" || word.rfind("NEAR/", 0) == 0) {
      t->tok = Tok::kNear;
      t->window = 10;
      if (word.size() > 5) {
        std::string num = word.substr(5);
        bool digits = !num.empty() && num.size() <= 3 &&
                      num.find_first_not_of("0123456789") == std::string::npos;
        if (!digits) {
          Fail(t->offset + 5, "NEAR/n needs a number of words (1-999) after the '/'");
          return;
        }
        t->window = static_cast<unsigned>(std::stoi(num));
      }
      return;
    }
    size_t colon = word.find(':');
    if (colon != std::string::npos && colon > 0) {
      std::string name = word.substr(0, colon);
      std::string field = FieldForName(text::LowerAscii(name));
      if (!field.empty()) {
        t->tok = Tok::kField;
        t->field = field;
        t->text = word.substr(colon + 1);
        return;
      }
      bool alpha = name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") ==
                   std::string::npos;
      // "name:value" with an unknown name is refused (a word ending in a
      // colon, "cancer: a review", is text).
      bool valued = colon + 1 < word.size();
      if (alpha && valued && name != "http" && name != "https" && !options_.lenient) {
        Fail(t->offset, "unknown field '" + name + ":'; ckb reads " + KnownFieldList() +
                            " (docs/QUERY.md; --lenient searches it as text)");
        return;
      }
      if (alpha && name != "http" && name != "https") {
        warnings_.push_back("unknown field '" + name + ":' (column " + std::to_string(t->offset + 1) +
                            "); searched as text");
      }
    }
    t->tok = Tok::kWord;
    t->text = word;
  }

  std::string_view text_;
  SyntaxOptions options_;
  std::vector<Token> toks_;
  std::optional<QueryError> error_;
  std::vector<std::string> warnings_;
};

}  // namespace

LexResult LexQuery(std::string_view text, const SyntaxOptions& options) { return Lexer(text, options).Run(); }

}  // namespace ckb::query::internal
