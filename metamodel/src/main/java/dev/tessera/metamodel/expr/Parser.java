package dev.tessera.metamodel.expr;

import static dev.tessera.metamodel.expr.ExpressionMessage.DOT_CLASS;
import static dev.tessera.metamodel.expr.ExpressionMessage.ELVIS;
import static dev.tessera.metamodel.expr.ExpressionMessage.EMPTY;
import static dev.tessera.metamodel.expr.ExpressionMessage.ENDS_EARLY;
import static dev.tessera.metamodel.expr.ExpressionMessage.EXPECT_CALL_CLOSING;
import static dev.tessera.metamodel.expr.ExpressionMessage.EXPECT_CLOSING_BRACKET;
import static dev.tessera.metamodel.expr.ExpressionMessage.EXPECT_CLOSING_PAREN;
import static dev.tessera.metamodel.expr.ExpressionMessage.EXPECT_COLON;
import static dev.tessera.metamodel.expr.ExpressionMessage.EXPECT_MAP_COLON;
import static dev.tessera.metamodel.expr.ExpressionMessage.EXTRA_CLOSING;
import static dev.tessera.metamodel.expr.ExpressionMessage.FOUND;
import static dev.tessera.metamodel.expr.ExpressionMessage.INDEXING;
import static dev.tessera.metamodel.expr.ExpressionMessage.MAP_KEY;
import static dev.tessera.metamodel.expr.ExpressionMessage.METHOD_CALL;
import static dev.tessera.metamodel.expr.ExpressionMessage.NOT_CALLABLE;
import static dev.tessera.metamodel.expr.ExpressionMessage.PROPERTY_OF_VALUE;
import static dev.tessera.metamodel.expr.ExpressionMessage.SAFE_NAVIGATION;
import static dev.tessera.metamodel.expr.ExpressionMessage.STATEMENT_WORD;
import static dev.tessera.metamodel.expr.ExpressionMessage.TOO_COMPLEX;
import static dev.tessera.metamodel.expr.ExpressionMessage.TOO_DEEP;
import static dev.tessera.metamodel.expr.ExpressionMessage.TOO_LONG;
import static dev.tessera.metamodel.expr.ExpressionMessage.TOO_MANY_ITEMS;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNEXPECTED_TOKEN;
import static dev.tessera.metamodel.expr.ExpressionMessage.VALUE_MISSING;

import dev.tessera.metamodel.expr.Lexer.Kind;
import dev.tessera.metamodel.expr.Lexer.Token;
import dev.tessera.metamodel.model.LocalizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of the expression language, a small subset of MVEL's syntax. Lowest to
 * highest precedence: {@code ? :}, {@code || or}, {@code && and}, {@code not}, {@code == !=},
 * {@code < <= > >= in, not in}, {@code + -}, {@code * / %}, unary {@code ! -}, then literals,
 * field paths, function calls, brackets, list {@code [a, b]} and lookup-table {@code ['k': v]}
 * literals. Anything else (statements, method calls, indexing, assignment) stops with its position.
 */
final class Parser {
  /** MVEL and Java words that start statements or reach into Java; never values in this language. */
  static final Set<String> STATEMENT_WORDS = Set.of("new", "class", "def", "function", "import", "while", "for",
      "foreach", "do", "until", "if", "else", "return", "assert", "with", "switch", "case", "this", "var", "isdef",
      "instanceof", "is", "contains", "soundslike", "strsim", "convertable_to", "throw", "try", "catch", "synchronized",
      "static", "package", "empty", "nil", "super", "null_safe", "proto");

  private final Lexer tokens;
  private int at;
  private int depth;
  private int nodes;

  private Parser(Lexer tokens) {
    this.tokens = tokens;
  }

  static Node parse(String source) {
    if (source == null || source.isBlank()) {
      throw new ExpressionException(1, 1, EMPTY.text());
    }
    if (source.length() > Limits.MAX_LENGTH) {
      throw new ExpressionException(1, 1, TOO_LONG.text("length", source.length(), "max", Limits.MAX_LENGTH));
    }
    Parser p = new Parser(new Lexer(source));
    Node n = p.expression();
    Token t = p.peek();
    if (t.kind() != Kind.END) {
      throw p.unexpected(t);
    }
    return n;
  }

  private Node expression() {
    enter(peek());
    Node n = ternary();
    depth--;
    return n;
  }

  /** One level deeper; refuses expressions nested beyond the cap (callers decrement on the way out). */
  private void enter(Token at) {
    if (++depth > Limits.MAX_DEPTH) {
      throw ExpressionException.at(at.pos(), TOO_DEEP, "max", Limits.MAX_DEPTH);
    }
  }

  private Node ternary() {
    Node cond = or();
    if (peek().is("?")) {
      Token q = next();
      if (peek().is(":")) {
        throw ExpressionException.at(q.pos(), ELVIS);
      }
      Node then = expression();
      expect(":", EXPECT_COLON);
      Node otherwise = expression();
      return count(new Node.Ternary(q.pos(), cond, then, otherwise));
    }
    return cond;
  }

  private Node or() {
    Node left = and();
    while (peek().is("||") || peek().is("or")) {
      Token op = next();
      left = count(new Node.Binary(op.pos(), "||", left, and()));
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (peek().is("&&") || peek().is("and")) {
      Token op = next();
      left = count(new Node.Binary(op.pos(), "&&", left, not()));
    }
    return left;
  }

  /** The word {@code not} reads like English: {@code not score > 50} is {@code not (score > 50)}. */
  private Node not() {
    Token t = peek();
    if (t.is("not") && !peek(1).is("in")) {
      next();
      enter(t);
      Node operand = not();
      depth--;
      return count(new Node.Unary(t.pos(), "!", operand));
    }
    return equality();
  }

  private Node equality() {
    Node left = relational();
    while (peek().is("==") || peek().is("!=")) {
      Token op = next();
      left = count(new Node.Binary(op.pos(), op.text(), left, relational()));
    }
    return left;
  }

  private Node relational() {
    Node left = additive();
    Token t = peek();
    if (t.is("<") || t.is("<=") || t.is(">") || t.is(">=")) {
      next();
      return count(new Node.Binary(t.pos(), t.text(), left, additive()));
    }
    if (t.is("in")) {
      next();
      return count(new Node.In(t.pos(), left, additive(), false));
    }
    if (t.is("not") && peek(1).is("in")) {
      next();
      next();
      return count(new Node.In(t.pos(), left, additive(), true));
    }
    return left;
  }

  private Node additive() {
    Node left = multiplicative();
    while (peek().is("+") || peek().is("-")) {
      Token op = next();
      left = count(new Node.Binary(op.pos(), op.text(), left, multiplicative()));
    }
    return left;
  }

  private Node multiplicative() {
    Node left = unary();
    while (peek().is("*") || peek().is("/") || peek().is("%")) {
      Token op = next();
      left = count(new Node.Binary(op.pos(), op.text(), left, unary()));
    }
    return left;
  }

  private Node unary() {
    Token t = peek();
    if (t.is("!") || t.is("-") || t.is("+")) {
      next();
      enter(t);
      Node operand = unary();
      depth--;
      if (t.is("+")) {
        return operand;
      }
      return count(new Node.Unary(t.pos(), t.is("-") ? "-" : "!", operand));
    }
    return postfix(primary());
  }

  /** Nothing may follow a value but an operator: no method calls, property reads on results or indexing. */
  private Node postfix(Node n) {
    Token t = peek();
    if (t.is(".") && peek(1).is("?")) {
      throw ExpressionException.at(t.pos(), SAFE_NAVIGATION);
    }
    if (t.is(".")) {
      Token name = peek(1);
      if (name.is("class")) {
        throw ExpressionException.at(name.pos(), DOT_CLASS);
      }
      if (peek(2).is("(")) {
        throw methodCall(name);
      }
      throw ExpressionException.at(t.pos(), PROPERTY_OF_VALUE);
    }
    if (t.is("[")) {
      throw ExpressionException.at(t.pos(), INDEXING);
    }
    if (t.is("(")) {
      throw ExpressionException.at(t.pos(), NOT_CALLABLE);
    }
    return n;
  }

  private Node primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return count(new Node.Num(t.pos(), (java.math.BigDecimal) t.value()));
      case TEXT:
        return count(new Node.Text(t.pos(), t.text()));
      case NAME:
        return name(t);
      case END:
        throw ExpressionException.at(t.pos(), VALUE_MISSING);
      default:
        break;
    }
    if (t.is("(")) {
      Node inner = expression();
      expect(")", EXPECT_CLOSING_PAREN);
      return inner;
    }
    if (t.is("[")) {
      return listOrMap(t);
    }
    throw unexpected(t);
  }

  private Node name(Token t) {
    switch (t.text()) {
      case "true":
        return count(new Node.Bool(t.pos(), true));
      case "false":
        return count(new Node.Bool(t.pos(), false));
      case "null":
        return count(new Node.Null(t.pos()));
      default:
        break;
    }
    if (peek().is("(")) {
      if (STATEMENT_WORDS.contains(t.text())) {
        throw statementWord(t);
      }
      return call(t);
    }
    List<String> path = new ArrayList<>();
    path.add(t.text());
    while (peek().is(".") && peek(1).kind() == Kind.NAME && !peek(1).is("class")) {
      next();
      Token part = next();
      if (peek().is("(")) {
        throw methodCall(part);
      }
      path.add(part.text());
    }
    if (STATEMENT_WORDS.contains(t.text())) {
      Token after = peek();
      boolean valueFollows = after.kind() == Kind.NAME && !isWordOperator(after) || after.kind() == Kind.NUMBER
          || after.kind() == Kind.TEXT || after.is("(") || after.is("[") || path.size() > 1;
      if (valueFollows) {
        throw statementWord(t);
      }
    }
    return count(new Node.Ref(t.pos(), List.copyOf(path)));
  }

  private static boolean isWordOperator(Token t) {
    return t.is("and") || t.is("or") || t.is("in") || t.is("not");
  }

  private Node call(Token name) {
    next();
    List<Node> args = new ArrayList<>();
    if (!peek().is(")")) {
      do {
        args.add(expression());
      } while (accept(","));
    }
    expect(")", EXPECT_CALL_CLOSING, "function", name.text());
    return count(new Node.Call(name.pos(), name.text(), List.copyOf(args)));
  }

  private Node listOrMap(Token open) {
    if (peek().is(":") && peek(1).is("]")) {
      next();
      next();
      return count(new Node.MapLit(open.pos(), List.of(), List.of()));
    }
    List<Node> items = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    boolean map = peek(1).is(":") && (peek().kind() == Kind.TEXT || peek().kind() == Kind.NUMBER);
    if (!peek().is("]")) {
      do {
        if (items.size() >= Limits.MAX_ITEMS) {
          throw ExpressionException.at(peek().pos(), TOO_MANY_ITEMS, "max", Limits.MAX_ITEMS);
        }
        if (map) {
          Token key = next();
          if (key.kind() != Kind.TEXT && key.kind() != Kind.NUMBER) {
            throw ExpressionException.at(key.pos(), MAP_KEY);
          }
          expect(":", EXPECT_MAP_COLON);
          keys.add(key.text());
        }
        items.add(expression());
      } while (accept(","));
    }
    expect("]", EXPECT_CLOSING_BRACKET);
    return count(map ? new Node.MapLit(open.pos(), List.copyOf(keys), List.copyOf(items))
        : new Node.ListLit(open.pos(), List.copyOf(items)));
  }

  private ExpressionException methodCall(Token name) {
    return ExpressionException.at(name.pos(), METHOD_CALL, "method", name.text());
  }

  private static ExpressionException statementWord(Token t) {
    return ExpressionException.at(t.pos(), STATEMENT_WORD, "word", t.text());
  }

  private ExpressionException unexpected(Token t) {
    if (t.kind() == Kind.END) {
      return ExpressionException.at(t.pos(), ENDS_EARLY);
    }
    if (t.is(")") || t.is("]")) {
      return ExpressionException.at(t.pos(), EXTRA_CLOSING, "token", t.text());
    }
    if (t.kind() == Kind.NAME && STATEMENT_WORDS.contains(t.text())) {
      return statementWord(t);
    }
    return ExpressionException.at(t.pos(), UNEXPECTED_TOKEN, "token", t.text());
  }

  private Node count(Node n) {
    if (++nodes > Limits.MAX_NODES) {
      throw ExpressionException.at(n.pos(), TOO_COMPLEX, "max", Limits.MAX_NODES);
    }
    return n;
  }

  private Token peek() {
    return tokens.token(at);
  }

  private Token peek(int ahead) {
    return tokens.token(at + ahead);
  }

  private Token next() {
    Token t = tokens.token(at);
    if (t.kind() != Kind.END) {
      at++;
    }
    return t;
  }

  private boolean accept(String op) {
    if (peek().is(op)) {
      next();
      return true;
    }
    return false;
  }

  /** Takes the token {@code op}; else says what is {@code missing}, and what stands there instead. */
  private void expect(String op, ExpressionMessage missing, Object... args) {
    if (!peek().is(op)) {
      Token t = peek();
      LocalizedText m = missing.text(args);
      throw new ExpressionException(t.pos().line(), t.pos().column(),
          t.kind() == Kind.END ? m : FOUND.text("message", m, "token", t.text()));
    }
    next();
  }
}
