// SPDX-License-Identifier: GPL-3.0-or-later
// Recursive-descent parser of the query language (see docs/QUERY.md) over
// the tokens of query/syntax_lex.cc. Never throws; nesting is bounded.
#include "query/syntax.h"

#include <algorithm>
#include <cstdint>

#include "query/internal/syntax_lex.h"
#include "text/text_util.h"

namespace ckb::query {

namespace {

constexpr int kMaxDepth = 64;

using internal::Tok;
using internal::Token;

class Parser {
 public:
  Parser(std::string_view text, const SyntaxOptions& options) : text_(text), options_(options) {}

  SyntaxResult Run() {
    SyntaxResult r;
    internal::LexResult lexed = internal::LexQuery(text_, options_);
    toks_ = std::move(lexed.tokens);
    error_ = std::move(lexed.error);
    warnings_ = std::move(lexed.warnings);
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
    std::string body = text::LowerAscii(tag.text);
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
