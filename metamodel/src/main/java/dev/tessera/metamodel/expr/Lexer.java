package dev.tessera.metamodel.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. Only the characters of the language pass: ASCII names, decimal
 * numbers, quoted text (where any character may appear), the operators and brackets. Everything
 * else, including unicode escapes outside text, full-width punctuation and unusual spaces, stops
 * here with its position and a hint.
 */
final class Lexer {
  enum Kind { NUMBER, TEXT, NAME, OP, END }

  record Token(Kind kind, String text, Object value, Node.Pos pos) {
    boolean is(String op) {
      return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
  }

  private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">",
      "!", "?", ":", ",", ".", "(", ")", "[", "]"};

  private final String src;
  private int i;
  private int line = 1;
  private int lineStart;

  private final List<Token> read = new ArrayList<>();

  Lexer(String src) {
    this.src = src;
  }

  /**
   * The token at {@code index}, reading on demand: the parser asks only as far as it has understood,
   * so the first problem in reading order is the one reported ({@code while (x) {}} is about
   * {@code while}, not the braces further on).
   */
  Token token(int index) {
    while (read.size() <= index) {
      if (!read.isEmpty() && read.get(read.size() - 1).kind() == Kind.END) {
        return read.get(read.size() - 1);
      }
      read.add(next());
    }
    return read.get(index);
  }

  private Token next() {
    skipSpace();
    if (i >= src.length()) {
      return new Token(Kind.END, "", null, pos());
    }
    char c = src.charAt(i);
    if (c == '\'' || c == '"') {
      return text(c);
    } else if (c >= '0' && c <= '9') {
      return number();
    } else if (isNameStart(c)) {
      Node.Pos p = pos();
      int start = i;
      while (i < src.length() && isNamePart(src.charAt(i))) {
        i++;
      }
      return new Token(Kind.NAME, src.substring(start, i), null, p);
    }
    return operator(c);
  }

  private void skipSpace() {
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\n' || c == '\r') {
        i += c == '\r' && i + 1 < src.length() && src.charAt(i + 1) == '\n' ? 2 : 1;
        line++;
        lineStart = i;
      } else if (c == ' ' || c == '\t') {
        i++;
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT) {
        String code = String.format("U+%04X", (int) c);
        throw fail("这里有一个特殊的空白或不可见字符（" + code + "），请换成普通空格",
            "There is an unusual or invisible space character (" + code + ") here; replace it with a normal space");
      } else {
        return;
      }
    }
  }

  private Token text(char quote) {
    Node.Pos p = pos();
    StringBuilder b = new StringBuilder();
    i++;
    while (true) {
      if (i >= src.length()) {
        throw ExpressionException.at(p, "从这里开始的文本缺少结束引号 " + quote,
            "The text starting here is not closed with " + quote);
      }
      char c = src.charAt(i);
      if (c == quote) {
        i++;
        break;
      }
      if (c == '\n' || c == '\r') {
        throw ExpressionException.at(p, "文本不能跨行，请在同一行内用 " + quote + " 结束",
            "Text cannot span lines; close it with " + quote + " on the same line");
      }
      if (Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029') {
        String code = String.format("U+%04X", (int) c);
        throw fail("文本中有一个不可见的控制字符（" + code + "），请删除它",
            "The text contains an invisible control character (" + code + "); remove it");
      }
      if (c == '\\') {
        char n = i + 1 < src.length() ? src.charAt(i + 1) : ' ';
        String decoded = switch (n) {
          case '\\' -> "\\";
          case '\'' -> "'";
          case '"' -> "\"";
          case 'n' -> "\n";
          case 't' -> "\t";
          default -> null;
        };
        if (decoded == null) {
          throw fail("文本中不支持转义“\\" + n + "”，请直接输入该字符（可用 \\\\ \\' \\\" \\n \\t）",
              "The escape \"\\" + n + "\" is not supported in text; type the character itself (allowed: \\\\ \\' \\\" \\n \\t)");
        }
        b.append(decoded);
        i += 2;
      } else {
        b.append(c);
        i++;
      }
      if (b.length() > Limits.MAX_TEXT_LITERAL) {
        throw ExpressionException.at(p, "文本过长（最多 " + Limits.MAX_TEXT_LITERAL + " 个字符）",
            "The text is too long (at most " + Limits.MAX_TEXT_LITERAL + " characters)");
      }
    }
    return new Token(Kind.TEXT, b.toString(), b.toString(), p);
  }

  private Token number() {
    Node.Pos p = pos();
    int start = i;
    while (i < src.length() && Character.isDigit(src.charAt(i)) && src.charAt(i) < 128) {
      i++;
    }
    if (i + 1 < src.length() && src.charAt(i) == '.' && isDigit(src.charAt(i + 1))) {
      i++;
      while (i < src.length() && isDigit(src.charAt(i))) {
        i++;
      }
    }
    if (i < src.length() && (isNamePart(src.charAt(i)))) {
      throw fail("数字后面紧跟了字母“" + src.charAt(i) + "”；数字只能写成 123 或 12.5 这样的形式",
          "A number is followed by the letter \"" + src.charAt(i) + "\"; write numbers like 123 or 12.5");
    }
    String digits = src.substring(start, i);
    if (digits.length() > Limits.MAX_NUMBER_DIGITS) {
      throw ExpressionException.at(p, "数字位数太多（最多 " + Limits.MAX_NUMBER_DIGITS + " 位）",
          "The number has too many digits (at most " + Limits.MAX_NUMBER_DIGITS + ")");
    }
    return new Token(Kind.NUMBER, digits, new BigDecimal(digits), p);
  }

  private Token operator(char c) {
    Node.Pos p = pos();
    for (String op : OPERATORS) {
      if (src.startsWith(op, i)) {
        i += op.length();
        return new Token(Kind.OP, op, null, p);
      }
    }
    if (src.startsWith("//", i) || src.startsWith("/*", i)) {
      throw fail("表达式中不能写注释（// 或 /* */）", "Comments (// or /* */) are not allowed in expressions");
    }
    throw switch (c) {
      case ';' -> fail("一个表达式只能有一条，请去掉“;”", "An expression is a single formula; remove the \";\"");
      case '=' -> fail("“=”是赋值，表达式不能修改数据；比较相等请用“==”",
          "\"=\" assigns a value, which expressions cannot do; to compare, use \"==\"");
      case '{', '}' -> fail("表达式中不能使用花括号 { }（不支持代码块和模板）",
          "Braces { } are not allowed in expressions (no blocks or templates)");
      case '@' -> fail("表达式中不能使用“@”（不支持模板和注解）", "\"@\" is not allowed in expressions (no templates)");
      case '\\' -> fail("反斜杠“\\”只能出现在引号内的文本中", "A backslash \"\\\" may only appear inside quoted text");
      case '&' -> fail("单个“&”不是运算符；“并且”请写“&&”或 and", "A single \"&\" is not an operator; for \"and\" write && or and");
      case '|' -> fail("单个“|”不是运算符；“或者”请写“||”或 or", "A single \"|\" is not an operator; for \"or\" write || or or");
      default -> unexpected(c);
    };
  }

  private ExpressionException unexpected(char c) {
    char ascii = halfWidth(c);
    if (ascii != 0) {
      return fail("这是全角字符“" + c + "”，请改用半角的“" + ascii + "”", "\"" + c + "\" is a full-width character; type the half-width \""
          + ascii + "\" instead");
    }
    int cp = src.codePointAt(i);
    String whole = new String(Character.toChars(cp));
    if (Character.isLetter(cp)) {
      return fail("“" + whole + "”不能出现在引号外；字段要用英文 API 名称，文本要加引号，例如 '" + whole + "'",
          "\"" + whole + "\" cannot appear outside quotes: fields are referred to by their English API name, text goes in quotes like '"
              + whole + "'");
    }
    String shown = Character.isISOControl(c) || Character.isSurrogate(c) && cp == c ? String.format("U+%04X", cp) : whole;
    return fail("表达式中不允许使用字符“" + shown + "”", "The character \"" + shown + "\" is not allowed in expressions");
  }

  /** The ASCII character a full-width or typographic one stands for, or 0. */
  private static char halfWidth(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      return (char) (c - 0xFEE0);
    }
    return switch (c) {
      case '“', '”' -> '"';
      case '‘', '’' -> '\'';
      case '。' -> '.';
      case '、' -> ',';
      default -> 0;
    };
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Node.Pos pos() {
    return new Node.Pos(line, i - lineStart + 1);
  }

  private ExpressionException fail(String zh, String en) {
    return ExpressionException.at(pos(), zh, en);
  }
}
