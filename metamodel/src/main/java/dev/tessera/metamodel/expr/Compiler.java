package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.expr.ExprType.Kind;
import dev.tessera.metamodel.model.FieldDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type-checks a syntax tree against a {@link Scope} and writes the MVEL text that computes it. Each
 * node yields its type, whether it can be blank, and its MVEL code. The MVEL text is generated, never
 * copied from the user's source: it contains only literals the compiler wrote, the scope's variables
 * ({@code v_...}), the library's functions ({@code fn_...}) and operators ({@code op_...}), so nothing
 * the author typed can reach MVEL's own syntax.
 */
final class Compiler {
  record Typed(ExprType type, boolean nullable, String code) {}

  private final Scope scope;
  final Map<String, Scope.Variable> inputs = new LinkedHashMap<>();
  final Map<String, java.lang.reflect.Method> imports = new LinkedHashMap<>();
  final Set<String> functions = new LinkedHashSet<>();
  boolean usesClock;
  boolean usesContext;

  Compiler(Scope scope) {
    this.scope = scope;
  }

  Typed compile(Node n) {
    if (n instanceof Node.Num x) {
      return new Typed(ExprType.NUMBER, false, x.value().toPlainString() + "B");
    } else if (n instanceof Node.Text x) {
      return new Typed(ExprType.TEXT, false, quote(x.value()));
    } else if (n instanceof Node.Bool x) {
      return new Typed(ExprType.BOOLEAN, false, String.valueOf(x.value()));
    } else if (n instanceof Node.Null) {
      return new Typed(ExprType.NULL, true, "null");
    } else if (n instanceof Node.Ref x) {
      return ref(x);
    } else if (n instanceof Node.Call x) {
      return call(x);
    } else if (n instanceof Node.Unary x) {
      return unary(x);
    } else if (n instanceof Node.Binary x) {
      return binary(x);
    } else if (n instanceof Node.In x) {
      return in(x);
    } else if (n instanceof Node.Ternary x) {
      return ternary(x);
    } else if (n instanceof Node.ListLit x) {
      return list(x);
    }
    return map((Node.MapLit) n);
  }

  private Typed ref(Node.Ref r) {
    Scope.Variable v = scope.resolve(r.path(), r.pos());
    inputs.put(v.mvelName(), v);
    return new Typed(v.type(), true, v.mvelName());
  }

  private Typed call(Node.Call c) {
    FunctionLibrary.Signature s = FunctionLibrary.find(c.name()).orElseThrow(() -> unknownFunction(c));
    int n = c.args().size();
    if (n < s.minArgs() || n > s.params().size()) {
      String count = s.minArgs() == s.params().size() ? String.valueOf(s.minArgs()) : s.minArgs() + "–" + s.params().size();
      throw ExpressionException.at(c.pos(), "函数 " + c.name() + " 需要 " + count + " 个参数，这里给了 " + n + " 个：" + s.usage(),
          "The function " + c.name() + " takes " + count + " argument(s), not " + n + ": " + s.usage());
    }
    if (s.clock() && scope.use() == Scope.Use.FORMULA) {
      throw ExpressionException.at(c.pos(), "公式字段在保存记录时计算并存储，" + c.name() + "() 会随日期变化而过时；请在校验规则、默认值或条件中使用",
          "Formula fields are computed when the record is saved, so " + c.name() + "() would be out of date the next day; "
              + "use it in a validation rule, default or condition instead");
    }
    List<ExprType> types = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    String alias = "fn_" + s.name() + "_" + n;
    code.append(alias).append('(');
    if (s.usesContext()) {
      code.append("c_ctx");
      usesContext = true;
    }
    for (int i = 0; i < n; i++) {
      Node arg = c.args().get(i);
      Typed t = compile(arg);
      FunctionLibrary.Param p = s.params().get(i);
      if (!p.accepts(t.type())) {
        throw ExpressionException.at(arg.pos(), "函数 " + c.name() + " 的第 " + (i + 1) + " 个参数应是" + p.zh + "，这里是" + t.type().zh(),
            "Argument " + (i + 1) + " of " + c.name() + " must be " + p.en + ", not " + t.type().en());
      }
      types.add(t.type());
      code.append(i == 0 && !s.usesContext() ? "" : ", ").append(t.code());
    }
    ExprType result = s.result().apply(types);
    if (result == null) {
      boolean lookup = s.name().equals("get");
      ExprType a = lookup ? types.get(0).element() : types.get(0);
      ExprType b = lookup ? types.get(2) : types.get(1);
      String zhWhat = lookup ? "对照表的值和默认值" : "参数";
      String enWhat = lookup ? "the table's values and the default" : "the arguments";
      throw ExpressionException.at(c.pos(), "函数 " + c.name() + " 的" + zhWhat + "类型要一致：这里是" + a.zh() + "和" + b.zh(),
          "In " + c.name() + ", " + enWhat + " must have the same type, not " + a.en() + " and " + b.en());
    }
    java.lang.reflect.Method method = FunctionLibrary.method(s, n);
    imports.put(alias, method);
    functions.add(s.name());
    usesClock |= s.clock();
    boolean nullable = !s.name().equals("isBlank") && !s.name().equals("size");
    Typed call = new Typed(result, nullable, code.append(')').toString());
    return narrowed(call, method.getReturnType());
  }

  /** Wraps a call whose Java return type is wider than the type the compiler proved (coalesce gives Object). */
  private Typed narrowed(Typed t, Class<?> returns) {
    ExprType.Kind k = t.type().kind();
    if (k == Kind.ANY || k == Kind.NULL) {
      // only empty literals ([], [:]) and null give these types, so the call can only give blank
      return new Typed(ExprType.NULL, true, "null");
    }
    Class<?> proven = t.type().javaClass();
    if (proven == Object.class || proven.isAssignableFrom(returns)) {
      return t;
    }
    String kind = t.type().kind().name();
    String name = "as" + kind.charAt(0) + kind.substring(1).toLowerCase(java.util.Locale.ROOT);
    return op(name, t.type(), t.nullable(), t);
  }

  private ExpressionException unknownFunction(Node.Call c) {
    String hint = Suggest.closest(c.name(), FunctionLibrary.names()).orElse(null);
    return ExpressionException.at(c.pos(), "没有名为“" + c.name() + "”的函数" + (hint == null ? "" : "，是不是 " + hint + "(...)？"),
        "There is no function \"" + c.name() + "\"" + (hint == null ? "" : "; did you mean " + hint + "(...)?"));
  }

  private Typed unary(Node.Unary u) {
    Typed t = compile(u.operand());
    if (u.op().equals("-")) {
      require(u.operand(), t, Kind.NUMBER, "取负数", "negate");
      return t.nullable() ? op("neg", ExprType.NUMBER, true, t) : new Typed(ExprType.NUMBER, false, "(-" + t.code() + ")");
    }
    require(u.operand(), t, Kind.BOOLEAN, "取反（!）", "negate with !");
    return new Typed(ExprType.BOOLEAN, false, t.nullable() ? "(" + t.code() + " != true)" : "(!" + t.code() + ")");
  }

  private Typed binary(Node.Binary b) {
    Typed l = compile(b.left());
    Typed r = compile(b.right());
    if (l.type().kind() == Kind.DATE && r.type().kind() == Kind.DATETIME) {
      r = calendarDay(r);
    } else if (l.type().kind() == Kind.DATETIME && r.type().kind() == Kind.DATE) {
      l = calendarDay(l);
    }
    switch (b.op()) {
      case "&&", "||" -> {
        require(b.left(), l, Kind.BOOLEAN, "用 " + b.op() + " 连接", "combine with " + b.op());
        require(b.right(), r, Kind.BOOLEAN, "用 " + b.op() + " 连接", "combine with " + b.op());
        return new Typed(ExprType.BOOLEAN, false, "(" + truth(l) + " " + b.op() + " " + truth(r) + ")");
      }
      case "==", "!=" -> {
        comparable(b, l, r, true);
        optionCheck(b.left(), b.right());
        optionCheck(b.right(), b.left());
        Kind k = l.type().kind() == Kind.NULL ? r.type().kind() : l.type().kind();
        boolean nativeEq = k == Kind.TEXT || k == Kind.BOOLEAN || k == Kind.NULL;
        if (nativeEq) {
          return new Typed(ExprType.BOOLEAN, false, "(" + l.code() + " " + b.op() + " " + r.code() + ")");
        }
        return op(b.op().equals("==") ? "eq" : "ne", ExprType.BOOLEAN, false, l, r);
      }
      case "<", "<=", ">", ">=" -> {
        comparable(b, l, r, false);
        Kind k = l.type().kind();
        if (k == Kind.NUMBER || k == Kind.TEXT) {
          return new Typed(ExprType.BOOLEAN, false, "(" + l.code() + " " + b.op() + " " + r.code() + ")");
        }
        String name = switch (b.op()) {
          case "<" -> "lt";
          case "<=" -> "le";
          case ">" -> "gt";
          default -> "ge";
        };
        return op(name, ExprType.BOOLEAN, false, l, r);
      }
      case "+" -> {
        if (l.type().kind() == Kind.TEXT || r.type().kind() == Kind.TEXT) {
          return op("concat", ExprType.TEXT, false, l, r);
        }
        return arithmetic(b, l, r, "add");
      }
      case "-" -> {
        return arithmetic(b, l, r, "sub");
      }
      case "*" -> {
        return arithmetic(b, l, r, "mul");
      }
      case "/" -> {
        arithmetic(b, l, r, "div");
        return op("div", ExprType.NUMBER, true, l, r);
      }
      default -> {
        arithmetic(b, l, r, "rem");
        return op("rem", ExprType.NUMBER, true, l, r);
      }
    }
  }

  /** A date-time as its calendar day in the deployment's time zone, to compare it with a date. */
  private Typed calendarDay(Typed dateTime) {
    FunctionLibrary.Signature s = FunctionLibrary.find("dateOf").orElseThrow();
    imports.put("fn_dateOf_1", FunctionLibrary.method(s, 1));
    usesContext = true;
    return new Typed(ExprType.DATE, dateTime.nullable(), "fn_dateOf_1(c_ctx, " + dateTime.code() + ")");
  }

  private Typed arithmetic(Node.Binary b, Typed l, Typed r, String name) {
    if (isDay(l.type()) || isDay(r.type())) {
      throw ExpressionException.at(b.pos(), "日期不能直接做“" + b.op() + "”运算；请用 addDays(日期, 天数) 或 daysBetween(日期1, 日期2)",
          "Dates cannot be used with \"" + b.op() + "\"; use addDays(date, days) or daysBetween(date1, date2)");
    }
    require(b.left(), l, Kind.NUMBER, "做“" + b.op() + "”运算", "use with \"" + b.op() + "\"");
    require(b.right(), r, Kind.NUMBER, "做“" + b.op() + "”运算", "use with \"" + b.op() + "\"");
    if (l.nullable() || r.nullable()) {
      return op(name, ExprType.NUMBER, true, l, r);
    }
    return new Typed(ExprType.NUMBER, false, "(" + l.code() + " " + b.op() + " " + r.code() + ")");
  }

  private Typed in(Node.In n) {
    Typed v = compile(n.value());
    Typed list = compile(n.list());
    if (list.type().kind() != Kind.LIST) {
      throw ExpressionException.at(n.list().pos(), "“in”的右边应是列表，例如 ['华东', '华南']，这里是" + list.type().zh(),
          "The right side of \"in\" must be a list, like ['East', 'South'], not " + list.type().en());
    }
    ExprType element = list.type().element();
    if (element != null && !element.accepts(v.type()) && !v.type().accepts(element)) {
      throw ExpressionException.at(n.value().pos(), "无法在" + list.type().zh() + "中查找" + v.type().zh(),
          "Cannot look for " + v.type().en() + " in " + list.type().en());
    }
    if (n.list() instanceof Node.ListLit items) {
      for (Node item : items.items()) {
        optionCheck(n.value(), item);
      }
    }
    Typed found = op("in", ExprType.BOOLEAN, false, v, list);
    return n.negated() ? new Typed(ExprType.BOOLEAN, false, "(!" + found.code() + ")") : found;
  }

  private Typed ternary(Node.Ternary t) {
    Typed c = compile(t.condition());
    require(t.condition(), c, Kind.BOOLEAN, "作为“?”的条件", "be the condition before \"?\"");
    Typed a = compile(t.then());
    Typed b = compile(t.otherwise());
    ExprType type = ExprType.unify(a.type(), b.type());
    if (type == null) {
      throw ExpressionException.at(t.otherwise().pos(), "“?”两种情况的结果类型要一致：一边是" + a.type().zh() + "，一边是" + b.type().zh(),
          "Both results of \"?\" must have the same type, not " + a.type().en() + " and " + b.type().en());
    }
    return new Typed(type, a.nullable() || b.nullable(), "(" + truth(c) + " ? " + a.code() + " : " + b.code() + ")");
  }

  private Typed list(Node.ListLit l) {
    ExprType element = ExprType.ANY;
    StringBuilder code = new StringBuilder("[");
    for (Node item : l.items()) {
      Typed t = compile(item);
      ExprType u = ExprType.unify(element, t.type());
      if (u == null || t.type().kind() == Kind.LIST || t.type().kind() == Kind.MAP) {
        throw ExpressionException.at(item.pos(), "列表中的值类型要一致（简单值）：前面是" + element.zh() + "，这里是" + t.type().zh(),
            "All items of a list must be simple values of one type: " + element.en() + " so far, " + t.type().en() + " here");
      }
      element = u;
      code.append(code.length() == 1 ? "" : ", ").append(t.code());
    }
    return new Typed(ExprType.listOf(element), false, code.append(']').toString());
  }

  private Typed map(Node.MapLit m) {
    if (m.keys().isEmpty()) {
      return new Typed(ExprType.mapOf(ExprType.ANY), false, "[:]");
    }
    ExprType value = ExprType.ANY;
    StringBuilder code = new StringBuilder("[");
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < m.keys().size(); i++) {
      Node item = m.values().get(i);
      if (!seen.add(m.keys().get(i))) {
        throw ExpressionException.at(item.pos(), "对照表中的键“" + m.keys().get(i) + "”重复", "The key \"" + m.keys().get(i) + "\" appears twice");
      }
      Typed t = compile(item);
      ExprType u = ExprType.unify(value, t.type());
      if (u == null || t.type().kind() == Kind.LIST || t.type().kind() == Kind.MAP) {
        throw ExpressionException.at(item.pos(), "对照表中的值类型要一致（简单值）：前面是" + value.zh() + "，这里是" + t.type().zh(),
            "All values of a lookup table must be simple values of one type: " + value.en() + " so far, " + t.type().en() + " here");
      }
      value = u;
      code.append(i == 0 ? "" : ", ").append(quote(m.keys().get(i))).append(": ").append(t.code());
    }
    return new Typed(ExprType.mapOf(value), false, code.append(']').toString());
  }

  /** A picklist or stage compared with a quoted value that is not one of its options: a typo caught at publish. */
  private void optionCheck(Node field, Node value) {
    if (!(field instanceof Node.Ref ref) || !(value instanceof Node.Text text)) {
      return;
    }
    Scope.Variable v = inputs.values().stream().filter(x -> x.path().equals(ref.dotted())).findFirst().orElse(null);
    FieldDefinition f = v == null ? null : v.field();
    if (f == null || f.options().isEmpty() || f.hasOption(text.value())) {
      return;
    }
    List<String> values = f.options().stream().map(o -> o.value()).toList();
    String hint = Suggest.closest(text.value(), values).orElse(null);
    throw ExpressionException.at(value.pos(), "“" + text.value() + "”不是“" + ref.dotted() + "”的选项" + (hint == null ? "" : "，是不是“" + hint + "”？")
        + "（可选：" + String.join("、", values) + "）", "\"" + text.value() + "\" is not an option of " + ref.dotted()
        + (hint == null ? "" : "; did you mean \"" + hint + "\"?") + " (options: " + String.join(", ", values) + ")");
  }

  private void comparable(Node.Binary b, Typed l, Typed r, boolean equality) {
    ExprType a = l.type();
    ExprType c = r.type();
    boolean ok = a.accepts(c) || c.accepts(a);
    if (!equality && (a.kind() == Kind.BOOLEAN || a.kind() == Kind.LIST || a.kind() == Kind.MAP || a.kind() == Kind.NULL
        || c.kind() == Kind.NULL)) {
      throw ExpressionException.at(b.pos(), "“" + b.op() + "”只能比较数字、文本或日期，这里是" + a.zh() + "和" + c.zh(),
          "\"" + b.op() + "\" compares numbers, text or dates, not " + a.en() + " and " + c.en());
    }
    if (!ok) {
      throw ExpressionException.at(b.pos(), "不能比较" + a.zh() + "和" + c.zh() + "（结果永远不成立）",
          "Cannot compare " + a.en() + " with " + c.en() + " (it would never be true)");
    }
  }

  private static void require(Node n, Typed t, Kind kind, String zhWhat, String enWhat) {
    if (t.type().kind() == kind || t.type().kind() == Kind.NULL || t.type().kind() == Kind.ANY) {
      return;
    }
    ExprType want = new ExprType(kind, null);
    throw ExpressionException.at(n.pos(), "这里需要" + want.zh() + "才能" + zhWhat + "，但它是" + t.type().zh(),
        "This must be " + want.en() + " to " + enWhat + ", but it is " + t.type().en());
  }

  private static boolean isDay(ExprType t) {
    return t.kind() == Kind.DATE || t.kind() == Kind.DATETIME;
  }

  private static String truth(Typed t) {
    return t.nullable() ? "(" + t.code() + " == true)" : t.code();
  }

  private Typed op(String name, ExprType type, boolean nullable, Typed... args) {
    imports.put("op_" + name, Operators.method(name));
    StringBuilder code = new StringBuilder("op_").append(name).append('(');
    for (int i = 0; i < args.length; i++) {
      code.append(i == 0 ? "" : ", ").append(args[i].code());
    }
    return new Typed(type, nullable, code.append(')').toString());
  }

  /** A quoted MVEL text literal whose content is exactly {@code s}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\'' -> b.append("\\'");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            throw new IllegalArgumentException("control characters are refused by the lexer");
          }
          b.append(c);
        }
      }
    }
    return b.append('\'').toString();
  }
}
