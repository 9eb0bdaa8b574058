package dev.tessera.metamodel.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A first, lexical check of an expression at publish time: strings and brackets are closed, only
 * the characters of the expression language appear, no statement keywords or method calls, and the
 * field paths it mentions ({@code annualSpend}, {@code company.industry}) are collected so the caller
 * can resolve them. The full grammar and type checker of the expression language build on this.
 */
final class ExpressionReferences {
  /** Words that are values or operators, not field references. */
  static final Set<String> LITERALS = Set.of("true", "false", "null", "nil", "empty", "in", "and", "or", "not");
  /** Statement words of MVEL that the expression language does not have. */
  static final Set<String> FORBIDDEN = Set.of("new", "class", "def", "function", "import", "while", "for", "foreach",
      "do", "until", "if", "else", "return", "assert", "with", "switch", "this", "var", "isdef");
  private static final String OPERATOR_CHARS = "+-*/%<>=!&|?:,";

  /** Field paths referenced, or the first error with its 1-based column. */
  record Result(List<List<String>> references, String error, String errorZh, int errorColumn) {}

  private ExpressionReferences() {}

  static Result scan(String s) {
    List<List<String>> refs = new ArrayList<>();
    StringBuilder brackets = new StringBuilder();
    List<Integer> opened = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int end = closeString(s, i);
        if (end < 0) {
          return error("the text starting here is not closed with " + c, "从这里开始的文本缺少结束引号 " + c, i);
        }
        i = end + 1;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        List<String> path = new ArrayList<>();
        while (true) {
          int end = i;
          while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
          }
          path.add(s.substring(i, end));
          if (end + 1 < s.length() && s.charAt(end) == '.' && Character.isLetter(s.charAt(end + 1))) {
            i = end + 1;
          } else {
            i = end;
            break;
          }
        }
        String first = path.get(0);
        if (FORBIDDEN.contains(first) || path.contains("class")) {
          return error("\"" + first + "\" is not allowed in expressions", "表达式中不允许使用“" + first + "”", start);
        }
        boolean call = nextNonSpace(s, i) == '(';
        if (call && path.size() > 1) {
          return error("calling methods on values (" + String.join(".", path) + "(...)) is not allowed",
              "不允许调用值的方法（" + String.join(".", path) + "(...)）", start);
        }
        if (!call && !LITERALS.contains(first)) {
          refs.add(path);
        }
      } else if (c == '(' || c == '[' || c == '{') {
        brackets.append(c);
        opened.add(i);
        i++;
      } else if (c == ')' || c == ']' || c == '}') {
        char open = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (brackets.length() == 0 || brackets.charAt(brackets.length() - 1) != open) {
          return error("\"" + c + "\" has no matching \"" + open + "\"", "“" + c + "”没有对应的“" + open + "”", i);
        }
        brackets.setLength(brackets.length() - 1);
        opened.remove(opened.size() - 1);
        i++;
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        if (c == '=' && !isComparison(s, i)) {
          return error("\"=\" assigns; compare with \"==\"", "“=”是赋值，比较请用“==”", i);
        }
        i += isComparison(s, i) ? 2 : 1;
      } else {
        return error("the character \"" + c + "\" is not allowed", "不允许使用字符“" + c + "”", i);
      }
    }
    if (brackets.length() > 0) {
      return error("\"" + brackets.charAt(brackets.length() - 1) + "\" is not closed",
          "“" + brackets.charAt(brackets.length() - 1) + "”缺少对应的结束括号", opened.get(opened.size() - 1));
    }
    return new Result(refs, null, null, 0);
  }

  /** True at the first character of ==, !=, <=, >=. */
  private static boolean isComparison(String s, int i) {
    return i + 1 < s.length() && s.charAt(i + 1) == '=' && "=!<>".indexOf(s.charAt(i)) >= 0;
  }

  private static int closeString(String s, int start) {
    char q = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == q) {
        return i;
      }
    }
    return -1;
  }

  private static char nextNonSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i < s.length() ? s.charAt(i) : 0;
  }

  private static Result error(String en, String zh, int index) {
    return new Result(List.of(), en, zh, index + 1);
  }
}
