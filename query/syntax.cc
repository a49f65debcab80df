// SPDX-License-Identifier: GPL-3.0-or-later
// Lexer and recursive-descent parser of the query language (see
// docs/QUERY.md). Never throws; nesting is bounded.
#include "query/syntax.h"

#include <algorithm>
#include <cstdint>
#include <map>

namespace ckb::query {

namespace {

constexpr int kMaxDepth = 64;

enum class Tok { kEnd, kLParen, kRParen, kAnd, kOr, kNot, kNear, kWord, kPhrase, kTag, kField, kMinus };

struct Token {
  Tok tok = Tok::kEnd;
  std::string text;   // word, phrase, tag body, field value (may be empty)
  std::string field;  // kField: canonical field name
  unsigned window = 0;
  size_t offset = 0, length = 0;
  bool space_before = true;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool Ends(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"' || c == '['; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, const SyntaxOptions& options) : text_(text), options_(options) {}

  SyntaxResult Run() {
    SyntaxResult r;
    Lex();
    if (!error_) {
      if (toks_.size() == 1) {
        Fail(0, "the query is empty");
      } else {
        r.ast = ParseOr();
        if (!error_ && Peek().tok != Tok::kEnd) {
          Fail(Peek().offset, Peek().tok == Tok::kRParen ? "unexpected ')' without a matching '('"
                                                         : "unexpected text");
        }
      }
    }
    r.error = error_;
    r.warnings = warnings_;
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
      } else if (c == '"') {
        size_t close = text_.find('"', i + 1);
        if (close == std::string_view::npos) {
          Fail(i, "unterminated phrase: this '\"' has no closing '\"'");
          return;
        }
        t.tok = Tok::kPhrase;
        t.text = std::string(text_.substr(i + 1, close - i - 1));
        t.length = close + 1 - i;
        i = close + 1;
      } else if (c == '[') {
        size_t close = text_.find(']', i + 1);
        if (close == std::string_view::npos) {
          Fail(i, "unterminated field tag: this '[' has no closing ']'");
          return;
        }
        t.tok = Tok::kTag;
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

  static bool IsDateTag(const Token& t) { return t.tok == Tok::kTag && IsDateTagName(Lower(t.text)); }
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
      std::string field = FieldForName(Lower(name));
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

  const Token& Peek() const { return toks_[pos_]; }
  const Token& Next() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool AtOperand() const {
    Tok k = Peek().tok;
    return k == Tok::kLParen || k == Tok::kWord || k == Tok::kPhrase || k == Tok::kField || k == Tok::kMinus;
  }

  void ExpectOperand(const Token& op, const char* name) {
    if (!AtOperand()) {
      Fail(op.offset, std::string(name) + " needs a term after it");
    }
  }

  // Explicit operators, left to right as PubMed reads them; each operand is
  // a run of adjacent terms.
  Ast ParseOr() {
    const Token& first = Peek();
    Ast acc;
    if (first.tok == Tok::kAnd || first.tok == Tok::kOr) {
      Fail(first.offset, std::string(first.tok == Tok::kAnd ? "AND" : "OR") + " needs a term before it");
      return acc;
    }
    if (first.tok == Tok::kNot) {
      acc.type = Ast::Type::kAll;  // "NOT b": everything but b
      acc.offset = first.offset;
    } else {
      acc = ParseRun();
    }
    while (!error_ && (Peek().tok == Tok::kAnd || Peek().tok == Tok::kOr || Peek().tok == Tok::kNot)) {
      const Token& op = Next();
      Tok kind = op.tok;
      const char* name = kind == Tok::kAnd ? "AND" : kind == Tok::kOr ? "OR" : "NOT";
      if (kind == Tok::kAnd && Peek().tok == Tok::kNot) {  // "a AND NOT b"
        Next();
        kind = Tok::kNot;
        name = "NOT";
      }
      ExpectOperand(op, name);
      if (error_) break;
      Ast rhs = ParseRun();
      if (error_) break;
      acc = Combine(kind, std::move(acc), std::move(rhs));
    }
    return acc;
  }

  // acc OP rhs, flattened into acc when acc is already of that kind.
  static Ast Combine(Tok op, Ast acc, Ast rhs) {
    Ast::Type type = op == Tok::kOr ? Ast::Type::kOr : op == Tok::kAnd ? Ast::Type::kAnd : Ast::Type::kNot;
    if (acc.type == type && !acc.grouped) {
      acc.kids.push_back(std::move(rhs));
      return acc;
    }
    Ast a;
    a.type = type;
    a.offset = acc.offset;
    a.kids.push_back(std::move(acc));
    a.kids.push_back(std::move(rhs));
    return a;
  }

  struct Item {
    Ast ast;
    bool negated = false;
    bool bare = false;      // an unfielded, untagged run of words
    bool adjacent = false;  // joined to the previous item without an operator
  };

  static bool IsBare(const Ast& a) { return a.type == Ast::Type::kWords && a.field.empty() && !a.tagged; }

  // Adjacent terms (an implicit AND), "-word" exclusions and the PubMed
  // tags after them, up to the next explicit operator.
  Ast ParseRun() {
    std::vector<Item> items;
    bool first = true;
    while (!error_) {
      const Token& t = Peek();
      if (t.tok == Tok::kEnd || t.tok == Tok::kRParen || t.tok == Tok::kOr || t.tok == Tok::kAnd ||
          t.tok == Tok::kNot) {
        break;
      }
      Item it;
      it.adjacent = !first;
      if (t.tok == Tok::kMinus) {
        Next();
        it.negated = true;
        it.adjacent = false;
      } else if (t.tok == Tok::kTag) {
        ApplyTagToItems(items);
        first = false;
        continue;
      } else if (t.tok == Tok::kNear) {
        Fail(t.offset, "NEAR needs a term before it");
        break;
      }
      if (!AtOperand()) {
        Fail(Peek().offset, Peek().tok == Tok::kEnd ? "the query ends where a term was expected"
                                                    : "a term was expected here");
        break;
      }
      it.ast = ParseNear();
      it.bare = IsBare(it.ast) && !it.negated;
      items.push_back(std::move(it));
      first = false;
    }
    if (!error_ && items.empty()) {
      const Token& t = Peek();
      Fail(t.offset, t.tok == Tok::kOr    ? "OR needs a term before it"
                     : t.tok == Tok::kAnd ? "AND needs a term before it"
                     : t.tok == Tok::kEnd ? "the query ends where a term was expected"
                                          : "a term was expected here");
    }
    // Coalesce runs of adjacent bare words ("T-DXd breast cancer").
    std::vector<Item> merged;
    for (auto& it : items) {
      if (!merged.empty() && it.bare && it.adjacent && merged.back().bare) {
        Ast& prev = merged.back().ast;
        prev.text += " " + it.ast.text;
        prev.length = it.ast.offset + it.ast.length - prev.offset;
        continue;
      }
      merged.push_back(std::move(it));
    }
    std::vector<Ast> pos, neg;
    for (auto& it : merged) (it.negated ? neg : pos).push_back(std::move(it.ast));
    Ast a;
    if (pos.size() == 1) {
      a = std::move(pos[0]);
    } else if (pos.empty()) {
      a.type = Ast::Type::kAll;
    } else {
      a.type = Ast::Type::kAnd;
      a.offset = pos.front().offset;
      a.kids = std::move(pos);
    }
    if (neg.empty()) return a;
    Ast n;
    n.type = Ast::Type::kNot;
    n.offset = a.offset;
    n.kids.push_back(std::move(a));
    for (auto& x : neg) n.kids.push_back(std::move(x));
    return n;
  }

  // A PubMed tag after "breast cancer" applies to the whole run of words
  // since the last operator, parenthesis or tag.
  void ApplyTagToItems(std::vector<Item>& items) {
    const Token& tag = Next();
    if (items.empty()) {
      Fail(tag.offset, "a field tag needs a term before it");
      return;
    }
    size_t start = items.size() - 1;
    auto untagged = [&](size_t k) {
      return items[k].bare || (items[k].ast.type == Ast::Type::kWildcard && items[k].ast.field.empty() &&
                               !items[k].ast.tagged && !items[k].negated);
    };
    if (untagged(start)) {
      while (start > 0 && items[start].adjacent && untagged(start - 1)) --start;
    }
    bool wildcards = false;
    for (size_t k = start; k < items.size(); ++k) wildcards = wildcards || !items[k].bare;
    if (wildcards && items.size() - start > 1) {
      // "breast neoplasm*[tiab]": each word and the wildcard in the field.
      for (size_t k = start; k < items.size(); ++k) {
        ApplyTag(tag, &items[k].ast);
        items[k].bare = false;
      }
      return;
    }
    Ast merged = std::move(items[start].ast);
    for (size_t k = start + 1; k < items.size(); ++k) {
      merged.text += " " + items[k].ast.text;
      merged.length = items[k].ast.offset + items[k].ast.length - merged.offset;
    }
    bool negated = items[start].negated, adjacent = items[start].adjacent;
    items.resize(start);
    ApplyTag(tag, &merged);
    Item it;
    it.ast = std::move(merged);
    it.negated = negated;
    it.adjacent = adjacent;
    items.push_back(std::move(it));
  }

  void ApplyTag(const Token& tag, Ast* a) {
    std::string body = Lower(tag.text);
    unsigned window = 0;
    size_t prox = body.find(":~");
    if (prox != std::string::npos) {
      std::string num = body.substr(prox + 2);
      if (num.empty() || num.size() > 3 || num.find_first_not_of("0123456789") != std::string::npos) {
        Fail(tag.offset + 1 + prox, "proximity needs a number of words, as in [tiab:~3]");
        return;
      }
      window = static_cast<unsigned>(std::stoi(num));
      body = body.substr(0, prox);
    }
    std::string field = FieldForTag(body);
    if (field.empty()) {
      std::string plain = body.size() > 6 && body.compare(body.size() - 6, 6, ":noexp") == 0
                              ? body.substr(0, body.size() - 6) : body;
      std::string reason = UnsupportedTagReason(plain);
      if (!options_.lenient) {
        Fail(tag.offset, reason.empty() ? "unknown field tag [" + tag.text + "]; ckb reads " + KnownTagList() +
                                              " (docs/QUERY.md; --lenient leaves unknown tags out)"
                                        : "[" + tag.text + "] cannot be honoured: " + reason +
                                              " (--lenient leaves it out)");
        return;
      }
      warnings_.push_back("field tag [" + tag.text + "] (column " + std::to_string(tag.offset + 1) + ") " +
                          (reason.empty() ? std::string("is unknown") : "cannot be honoured: " + reason) + "; '" +
                          a->text + "[" + tag.text + "]' was left out of the query");
      field = "ignore";
    } else if (body == "1au" || body == "lastau" || body == "author - first" || body == "author - last") {
      warnings_.push_back("[" + tag.text + "] '" + a->text + "': author positions are not indexed; any author matches");
    } else if (body == "majr" || body == "mesh major topic") {
      warnings_.push_back("[" + tag.text + "] '" + a->text + "': major topics are not marked; any MeSH heading matches");
    } else if (body == "mh" || body == "mesh" || body == "mesh terms") {
      warnings_.push_back("[" + tag.text + "] '" + a->text +
                          "': MeSH headings match exactly (no explosion to narrower headings); "
                          "the lexicon's disease and drug synonyms are searched too");
    }
    if (a->type == Ast::Type::kWords && a->text.find(' ') != std::string::npos &&
        (field == "title" || field == "abstract" || field == "tiab" || field == "text" || field == "author" ||
         field == "journal")) {
      a->type = Ast::Type::kPhrase;  // PubMed searches a tagged run of words as a phrase
    }
    if (window > 0) {
      if (a->type == Ast::Type::kWords) a->type = Ast::Type::kPhrase;
      a->window = window;
    }
    SetField(a, field == "text" ? "" : field, true);
    a->length = tag.offset + tag.length - a->offset;
  }

  static void SetField(Ast* a, const std::string& field, bool tagged) {
    if (a->type == Ast::Type::kWords || a->type == Ast::Type::kPhrase || a->type == Ast::Type::kWildcard) {
      if (a->field.empty()) a->field = field;
      a->tagged = a->tagged || tagged;
      return;
    }
    for (auto& k : a->kids) SetField(&k, field, tagged);
  }

  Ast ParseNear() {
    Ast left = ParsePrimary();
    if (error_ || Peek().tok != Tok::kNear) return left;
    Ast near;
    near.type = Ast::Type::kNear;
    near.offset = left.offset;
    near.window = Peek().window;
    near.kids.push_back(std::move(left));
    while (!error_ && Peek().tok == Tok::kNear) {
      const Token& op = Next();
      near.window = std::max(near.window, op.window);
      ExpectOperand(op, "NEAR");
      if (error_) break;
      near.kids.push_back(ParsePrimary());
    }
    for (const auto& k : near.kids) {
      if (k.type != Ast::Type::kWords && k.type != Ast::Type::kPhrase) {
        Fail(k.offset, "NEAR joins words or \"phrases\", not groups or wildcards");
        break;
      }
      if (k.field != near.kids[0].field) {
        Fail(k.offset, "both sides of NEAR must search the same field");
        break;
      }
    }
    if (!near.kids.empty()) near.field = near.kids[0].field;
    return near;
  }

  Ast Leaf(Ast::Type type, const Token& t, std::string text) {
    Ast a;
    a.type = type;
    a.text = std::move(text);
    a.offset = t.offset;
    a.length = t.length;
    return a;
  }

  Ast WordLeaf(const Token& t, const std::string& word, size_t offset) {
    size_t star = word.find('*');
    if (star == std::string::npos) return Leaf(Ast::Type::kWords, t, word);
    if (star != word.size() - 1) {
      Fail(offset + star, "a wildcard '*' may only end a word");
      return Ast();
    }
    std::string stem = word.substr(0, star);
    size_t cps = 0;
    for (unsigned char c : stem) cps += (c & 0xC0) != 0x80;
    if (cps < 2) {
      Fail(offset + star, "a wildcard needs at least two letters before the '*'");
      return Ast();
    }
    return Leaf(Ast::Type::kWildcard, t, stem);
  }

  Ast ParsePrimary() {
    if (++depth_ > kMaxDepth) {
      Fail(Peek().offset, "the query nests too deeply");
      return Ast();
    }
    Ast a = ParsePrimaryInner();
    --depth_;
    return a;
  }

  Ast ParsePrimaryInner() {
    const Token& t = Peek();
    switch (t.tok) {
      case Tok::kLParen: {
        Next();
        if (Peek().tok == Tok::kRParen) {
          Fail(t.offset, "empty parentheses");
          return Ast();
        }
        Ast inner = ParseOr();
        if (error_) return inner;
        if (Peek().tok != Tok::kRParen) {
          Fail(t.offset, "unclosed parenthesis: this '(' has no matching ')'");
          return inner;
        }
        const Token& close = Next();
        inner.offset = t.offset;
        inner.length = close.offset + 1 - t.offset;
        inner.grouped = true;
        if (inner.type == Ast::Type::kWords && inner.field.empty()) inner.tagged = true;  // not merged
        return inner;
      }
      case Tok::kPhrase: {
        Next();
        Ast a = Leaf(Ast::Type::kPhrase, t, t.text);
        if (a.text.find_first_not_of(" \t") == std::string::npos) Fail(t.offset, "empty phrase");
        return a;
      }
      case Tok::kWord: {
        Next();
        return WordLeaf(t, t.text, t.offset);
      }
      case Tok::kField: {
        Token field = Next();
        Ast a;
        size_t value_offset = field.offset + (field.length - field.text.size());
        if (!field.text.empty()) {
          a = WordLeaf(field, field.text, value_offset);
        } else if (Peek().tok == Tok::kPhrase || Peek().tok == Tok::kLParen ||
                   (Peek().tok == Tok::kWord && !Peek().space_before)) {
          a = ParsePrimary();
        } else {
          Fail(value_offset > 0 ? value_offset - 1 : 0, field.field + ": needs a value");
          return Ast();
        }
        SetField(&a, field.field == "text" ? "" : field.field, false);
        if (a.type == Ast::Type::kWords || a.type == Ast::Type::kPhrase || a.type == Ast::Type::kWildcard) {
          a.tagged = true;
          size_t end = std::max(field.offset + field.length, a.offset + a.length);
          a.offset = field.offset;
          a.length = end - field.offset;
        }
        return a;
      }
      case Tok::kRParen:
        Fail(t.offset, "unexpected ')' without a matching '('");
        return Ast();
      case Tok::kEnd:
        Fail(t.offset, "the query ends where a term was expected");
        return Ast();
      default:
        Fail(t.offset, "a term was expected here");
        return Ast();
    }
  }

  std::string_view text_;
  SyntaxOptions options_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::optional<QueryError> error_;
  std::vector<std::string> warnings_;
};

}  // namespace

SyntaxResult ParseSyntax(std::string_view text, const SyntaxOptions& options) { return Parser(text, options).Run(); }

}  // namespace ckb::query
