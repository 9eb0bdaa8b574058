package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Infers the result type of a formula's expression where it can be seen without evaluating it
 * (literals, field references, comparisons, arithmetic, the branches of a ternary) and reports a
 * declared {@code resultType} that cannot be right, e.g. {@code number} for {@code a > 1 ? 'A' : 'B'}.
 */
final class FormulaTypes {
  private enum Kind { TEXT, NUMBER, BOOL, DATE, DATETIME, UNKNOWN }

  private FormulaTypes() {}

  /** {en, zh} when the declared result type does not fit what the expression yields. */
  static Optional<String[]> mismatch(FieldDefinition formula, EntityDefinition entity) {
    Kind inferred = infer(formula.expression().trim(), entity);
    Kind declared = kindOf(formula.resultType());
    if (inferred == Kind.UNKNOWN || inferred == declared || (declared == Kind.DATETIME && inferred == Kind.DATE)) {
      return Optional.empty();
    }
    return Optional.of(new String[] {
        "The formula yields " + en(inferred) + " but its result type is " + formula.resultType().jsonName(),
        "公式的结果是" + zh(inferred) + "，但声明的结果类型是 " + formula.resultType().jsonName()});
  }

  private static Kind infer(String s, EntityDefinition e) {
    s = stripParens(s);
    List<Integer> q = topLevel(s, "?");
    if (!q.isEmpty()) {
      int colon = matchingColon(s, q.get(0));
      if (colon < 0) {
        return Kind.UNKNOWN;
      }
      Kind a = infer(s.substring(q.get(0) + 1, colon).trim(), e);
      Kind b = infer(s.substring(colon + 1).trim(), e);
      return a == b ? a : Kind.UNKNOWN;
    }
    for (String op : new String[] {"||", "&&", "==", "!=", "<=", ">=", "<", ">", " in "}) {
      if (!topLevel(s, op).isEmpty()) {
        return Kind.BOOL;
      }
    }
    if (s.startsWith("!")) {
      return Kind.BOOL;
    }
    List<String> parts = splitArithmetic(s);
    if (parts.size() > 1) {
      boolean text = false;
      boolean unknown = false;
      for (String p : parts) {
        Kind k = infer(p.trim(), e);
        text |= k == Kind.TEXT;
        unknown |= k == Kind.UNKNOWN;
      }
      return text ? Kind.TEXT : unknown ? Kind.UNKNOWN : Kind.NUMBER;
    }
    return atom(s, e);
  }

  private static Kind atom(String s, EntityDefinition e) {
    if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
      return Kind.TEXT;
    }
    if (s.matches("-?\\d+(\\.\\d+)?[BbDdLlFf]?")) {
      return Kind.NUMBER;
    }
    if (s.equals("true") || s.equals("false")) {
      return Kind.BOOL;
    }
    FieldDefinition f = s.matches("[a-z][A-Za-z0-9]*") ? e.field(s).orElse(null) : null;
    return f == null || f.type() == null ? Kind.UNKNOWN : kindOf(f.valueType());
  }

  private static Kind kindOf(FieldType t) {
    if (t == null) {
      return Kind.UNKNOWN;
    }
    return switch (t.storage()) {
      case NUMERIC -> Kind.NUMBER;
      case BOOLEAN -> Kind.BOOL;
      case DATE -> Kind.DATE;
      case TIMESTAMP -> Kind.DATETIME;
      case TEXT -> t == FieldType.FORMULA ? Kind.UNKNOWN : Kind.TEXT;
      default -> Kind.UNKNOWN;
    };
  }

  private static String stripParens(String s) {
    while (s.startsWith("(") && s.endsWith(")") && closes(s)) {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  /** True when the first character's bracket closes at the last character. */
  private static boolean closes(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      i = skipString(s, i);
      char c = s.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0 && i < s.length() - 1) {
        return false;
      }
    }
    return true;
  }

  /** Positions where {@code op} occurs outside strings and brackets. */
  private static List<Integer> topLevel(String s, String op) {
    List<Integer> at = new ArrayList<>();
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      i = skipString(s, i);
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && s.startsWith(op, i)) {
        at.add(i);
      }
    }
    return at;
  }

  /** The ':' that belongs to the '?' at {@code question}, skipping nested ternaries; -1 if none. */
  private static int matchingColon(String s, int question) {
    int open = 1;
    int depth = 0;
    for (int i = question + 1; i < s.length(); i++) {
      i = skipString(s, i);
      char c = s.charAt(i);
      depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
      if (depth == 0 && (c == '?' || c == ':')) {
        open += c == '?' ? 1 : -1;
        if (open == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static List<String> splitArithmetic(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      i = skipString(s, i);
      char c = s.charAt(i);
      depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
      boolean binary = i > start && "+-*/%".indexOf(c) >= 0 && depth == 0
          && "+-*/%(".indexOf(lastNonSpace(s, i)) < 0;
      if (binary) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static char lastNonSpace(String s, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return s.charAt(i);
      }
    }
    return '(';
  }

  /** Index of the closing quote when a string starts at i, else i. */
  private static int skipString(String s, int i) {
    char q = s.charAt(i);
    if (q != '\'' && q != '"') {
      return i;
    }
    for (int j = i + 1; j < s.length(); j++) {
      if (s.charAt(j) == '\\') {
        j++;
      } else if (s.charAt(j) == q) {
        return j;
      }
    }
    return s.length() - 1;
  }

  private static String en(Kind k) {
    return switch (k) {
      case TEXT -> "text";
      case NUMBER -> "a number";
      case BOOL -> "true/false";
      case DATE -> "a date";
      case DATETIME -> "a date and time";
      case UNKNOWN -> "an unknown type";
    };
  }

  private static String zh(Kind k) {
    return switch (k) {
      case TEXT -> "文本";
      case NUMBER -> "数字";
      case BOOL -> "是/否";
      case DATE -> "日期";
      case DATETIME -> "日期时间";
      case UNKNOWN -> "未知类型";
    };
  }
}
