package dev.tessera.metamodel.expr;

import static dev.tessera.metamodel.expr.ExpressionMessage.ASSIGNMENT;
import static dev.tessera.metamodel.expr.ExpressionMessage.AT_SIGN;
import static dev.tessera.metamodel.expr.ExpressionMessage.BACKSLASH;
import static dev.tessera.metamodel.expr.ExpressionMessage.BRACES;
import static dev.tessera.metamodel.expr.ExpressionMessage.CHARACTER_NOT_ALLOWED;
import static dev.tessera.metamodel.expr.ExpressionMessage.COMMENT;
import static dev.tessera.metamodel.expr.ExpressionMessage.CONTROL_CHARACTER;
import static dev.tessera.metamodel.expr.ExpressionMessage.FULL_WIDTH;
import static dev.tessera.metamodel.expr.ExpressionMessage.LETTER_AFTER_NUMBER;
import static dev.tessera.metamodel.expr.ExpressionMessage.LETTER_OUTSIDE_QUOTES;
import static dev.tessera.metamodel.expr.ExpressionMessage.SEMICOLON;
import static dev.tessera.metamodel.expr.ExpressionMessage.SINGLE_AMPERSAND;
import static dev.tessera.metamodel.expr.ExpressionMessage.SINGLE_BAR;
import static dev.tessera.metamodel.expr.ExpressionMessage.TEXT_SPANS_LINES;
import static dev.tessera.metamodel.expr.ExpressionMessage.TEXT_TOO_LONG;
import static dev.tessera.metamodel.expr.ExpressionMessage.TOO_MANY_DIGITS;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNCLOSED_TEXT;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNKNOWN_ESCAPE;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNUSUAL_SPACE;

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
        throw fail(UNUSUAL_SPACE, "code", code);
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
        throw ExpressionException.at(p, UNCLOSED_TEXT, "quote", quote);
      }
      char c = src.charAt(i);
      if (c == quote) {
        i++;
        break;
      }
      if (c == '\n' || c == '\r') {
        throw ExpressionException.at(p, TEXT_SPANS_LINES, "quote", quote);
      }
      if (Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029') {
        String code = String.format("U+%04X", (int) c);
        throw fail(CONTROL_CHARACTER, "code", code);
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
          throw fail(UNKNOWN_ESCAPE, "char", n);
        }
        b.append(decoded);
        i += 2;
      } else {
        b.append(c);
        i++;
      }
      if (b.length() > Limits.MAX_TEXT_LITERAL) {
        throw ExpressionException.at(p, TEXT_TOO_LONG, "max", Limits.MAX_TEXT_LITERAL);
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
      throw fail(LETTER_AFTER_NUMBER, "letter", src.charAt(i));
    }
    String digits = src.substring(start, i);
    if (digits.length() > Limits.MAX_NUMBER_DIGITS) {
      throw ExpressionException.at(p, TOO_MANY_DIGITS, "max", Limits.MAX_NUMBER_DIGITS);
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
      throw fail(COMMENT);
    }
    throw switch (c) {
      case ';' -> fail(SEMICOLON);
      case '=' -> fail(ASSIGNMENT);
      case '{', '}' -> fail(BRACES);
      case '@' -> fail(AT_SIGN);
      case '\\' -> fail(BACKSLASH);
      case '&' -> fail(SINGLE_AMPERSAND);
      case '|' -> fail(SINGLE_BAR);
      default -> unexpected(c);
    };
  }

  private ExpressionException unexpected(char c) {
    char ascii = halfWidth(c);
    if (ascii != 0) {
      return fail(FULL_WIDTH, "char", c, "ascii", ascii);
    }
    int cp = src.codePointAt(i);
    String whole = new String(Character.toChars(cp));
    if (Character.isLetter(cp)) {
      return fail(LETTER_OUTSIDE_QUOTES, "letter", whole);
    }
    String shown = Character.isISOControl(c) || Character.isSurrogate(c) && cp == c ? String.format("U+%04X", cp) : whole;
    return fail(CHARACTER_NOT_ALLOWED, "char", shown);
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

  private ExpressionException fail(ExpressionMessage code, Object... args) {
    return ExpressionException.at(pos(), code, args);
  }
}
