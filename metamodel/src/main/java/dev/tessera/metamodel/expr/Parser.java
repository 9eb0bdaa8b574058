package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.expr.Lexer.Kind;
import dev.tessera.metamodel.expr.Lexer.Token;
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
      throw new ExpressionException(1, 1, "表达式是空的", "The expression is empty");
    }
    if (source.length() > Limits.MAX_LENGTH) {
      throw new ExpressionException(1, 1, "表达式太长（" + source.length() + " 个字符，最多 " + Limits.MAX_LENGTH + " 个）",
          "The expression is too long (" + source.length() + " characters, at most " + Limits.MAX_LENGTH + ")");
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
      throw ExpressionException.at(at.pos(), "表达式嵌套太深（最多 " + Limits.MAX_DEPTH + " 层），请拆成几个公式字段",
          "The expression is nested too deeply (at most " + Limits.MAX_DEPTH + " levels); split it into several formula fields");
    }
  }

  private Node ternary() {
    Node cond = or();
    if (peek().is("?")) {
      Token q = next();
      if (peek().is(":")) {
        throw ExpressionException.at(q.pos(), "不支持“?:”简写；取第一个有值的请用 coalesce(a, b)",
            "The \"?:\" shortcut is not supported; for the first value that is set, use coalesce(a, b)");
      }
      Node then = expression();
      expect(":", "“?”之后需要“:”和另一种情况的值", "After \"?\" a \":\" and the value for the other case are needed");
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
      throw ExpressionException.at(t.pos(), "不需要“.?”：空值会自动处理，直接写 company.name 即可",
          "\".?\" is not needed: blanks are handled automatically, so write company.name");
    }
    if (t.is(".")) {
      Token name = peek(1);
      if (name.is("class")) {
        throw ExpressionException.at(name.pos(), "不允许使用“.class”", "\".class\" is not allowed in expressions");
      }
      if (peek(2).is("(")) {
        throw methodCall(name);
      }
      throw ExpressionException.at(t.pos(), "只能从字段引用对方记录的字段（如 company.industry），不能从计算结果中读取属性",
          "Only a reference field can be followed by a field (like company.industry), not a computed value");
    }
    if (t.is("[")) {
      throw ExpressionException.at(t.pos(), "不支持用 [ ] 取下标；请用函数 get(对照表, 键) 或 at(列表, 序号)",
          "Indexing with [ ] is not supported; use get(table, key) or at(list, position)");
    }
    if (t.is("(")) {
      throw ExpressionException.at(t.pos(), "这里不能调用；只有函数名后面可以跟“(”",
          "Nothing can be called here; only a function name may be followed by \"(\"");
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
        throw ExpressionException.at(t.pos(), "表达式在这里意外结束，缺少一个值", "The expression ends too early; a value is missing here");
      default:
        break;
    }
    if (t.is("(")) {
      Node inner = expression();
      expect(")", "缺少右括号“)”", "A closing \")\" is missing");
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
    expect(")", "函数 " + name.text() + "(...) 缺少右括号“)”", "The call of " + name.text() + "(...) is missing its closing \")\"");
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
          throw ExpressionException.at(peek().pos(), "列表或对照表最多 " + Limits.MAX_ITEMS + " 项",
              "A list or lookup table has at most " + Limits.MAX_ITEMS + " items");
        }
        if (map) {
          Token key = next();
          if (key.kind() != Kind.TEXT && key.kind() != Kind.NUMBER) {
            throw ExpressionException.at(key.pos(), "对照表的键必须是引号中的文本或数字，例如 ['上海': '华东']",
                "A lookup table key must be quoted text or a number, like ['Shanghai': 'East']");
          }
          expect(":", "对照表的每一项写成 键: 值", "Each entry of a lookup table is written key: value");
          keys.add(key.text());
        }
        items.add(expression());
      } while (accept(","));
    }
    expect("]", "缺少右方括号“]”", "A closing \"]\" is missing");
    return count(map ? new Node.MapLit(open.pos(), List.copyOf(keys), List.copyOf(items))
        : new Node.ListLit(open.pos(), List.copyOf(items)));
  }

  private ExpressionException methodCall(Token name) {
    return ExpressionException.at(name.pos(), "不允许调用值的方法（." + name.text() + "(...)）；请使用函数，例如 len(文本)、upper(文本)",
        "Calling methods on values (." + name.text() + "(...)) is not allowed; use the functions, like len(text) or upper(text)");
  }

  private static ExpressionException statementWord(Token t) {
    return ExpressionException.at(t.pos(), "表达式中不能使用“" + t.text() + "”：表达式只计算一个值，不能包含语句、循环、定义或创建对象",
        "\"" + t.text() + "\" cannot be used in expressions: an expression computes one value and has no statements, loops, "
            + "definitions or object creation");
  }

  private ExpressionException unexpected(Token t) {
    if (t.kind() == Kind.END) {
      return ExpressionException.at(t.pos(), "表达式在这里意外结束", "The expression ends too early here");
    }
    if (t.is(")") || t.is("]")) {
      return ExpressionException.at(t.pos(), "多余的“" + t.text() + "”，没有与之对应的左括号",
          "There is an extra \"" + t.text() + "\" with no opening bracket");
    }
    if (t.kind() == Kind.NAME && STATEMENT_WORDS.contains(t.text())) {
      return statementWord(t);
    }
    return ExpressionException.at(t.pos(), "这里不应出现“" + t.text() + "”；两个值之间需要运算符（如 +、==、&&）",
        "\"" + t.text() + "\" is not expected here; two values need an operator between them (like +, ==, &&)");
  }

  private Node count(Node n) {
    if (++nodes > Limits.MAX_NODES) {
      throw ExpressionException.at(n.pos(), "表达式太复杂（超过 " + Limits.MAX_NODES + " 个部分），请拆成几个公式字段",
          "The expression is too complex (more than " + Limits.MAX_NODES + " parts); split it into several formula fields");
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

  private void expect(String op, String zh, String en) {
    if (!peek().is(op)) {
      Token t = peek();
      throw ExpressionException.at(t.pos(), zh + (t.kind() == Kind.END ? "" : "（此处是“" + t.text() + "”）"),
          en + (t.kind() == Kind.END ? "" : " (found \"" + t.text() + "\")"));
    }
    next();
  }
}
