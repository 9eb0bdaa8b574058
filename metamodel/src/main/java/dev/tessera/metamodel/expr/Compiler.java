package dev.tessera.metamodel.expr;

import static dev.tessera.metamodel.expr.ExpressionMessage.ARGUMENT_COUNT;
import static dev.tessera.metamodel.expr.ExpressionMessage.ARGUMENT_TYPE;
import static dev.tessera.metamodel.expr.ExpressionMessage.ARGUMENT_TYPES_DIFFER;
import static dev.tessera.metamodel.expr.ExpressionMessage.CLOCK_IN_FORMULA;
import static dev.tessera.metamodel.expr.ExpressionMessage.DATE_ARITHMETIC;
import static dev.tessera.metamodel.expr.ExpressionMessage.DID_YOU_MEAN;
import static dev.tessera.metamodel.expr.ExpressionMessage.DID_YOU_MEAN_FUNCTION;
import static dev.tessera.metamodel.expr.ExpressionMessage.DUPLICATE_KEY;
import static dev.tessera.metamodel.expr.ExpressionMessage.IN_NEEDS_LIST;
import static dev.tessera.metamodel.expr.ExpressionMessage.IN_TYPE;
import static dev.tessera.metamodel.expr.ExpressionMessage.LIST_ITEM_TYPES;
import static dev.tessera.metamodel.expr.ExpressionMessage.MAP_VALUE_TYPES;
import static dev.tessera.metamodel.expr.ExpressionMessage.NEEDS_TYPE;
import static dev.tessera.metamodel.expr.ExpressionMessage.NOT_AN_OPTION;
import static dev.tessera.metamodel.expr.ExpressionMessage.NOT_COMPARABLE;
import static dev.tessera.metamodel.expr.ExpressionMessage.ORDER_NEEDS_COMPARABLE;
import static dev.tessera.metamodel.expr.ExpressionMessage.TERNARY_TYPES;
import static dev.tessera.metamodel.expr.ExpressionMessage.THE_ARGUMENTS;
import static dev.tessera.metamodel.expr.ExpressionMessage.THE_LOOKUP_VALUES;
import static dev.tessera.metamodel.expr.ExpressionMessage.TO_BE_CONDITION;
import static dev.tessera.metamodel.expr.ExpressionMessage.TO_CALCULATE;
import static dev.tessera.metamodel.expr.ExpressionMessage.TO_COMBINE;
import static dev.tessera.metamodel.expr.ExpressionMessage.TO_NEGATE;
import static dev.tessera.metamodel.expr.ExpressionMessage.TO_NOT;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNKNOWN_FUNCTION;

import dev.tessera.metamodel.expr.ExprType.Kind;
import dev.tessera.metamodel.i18n.MessageCode;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.LocalizedText;
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
      throw ExpressionException.at(c.pos(), ARGUMENT_COUNT, "function", c.name(), "count", count, "given", n, "usage",
          s.usage());
    }
    if (s.clock() && scope.use() == Scope.Use.FORMULA) {
      throw ExpressionException.at(c.pos(), CLOCK_IN_FORMULA, "function", c.name());
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
        throw ExpressionException.at(arg.pos(), ARGUMENT_TYPE, "function", c.name(), "position", i + 1, "expected",
            p.words.text(), "actual", t.type().label());
      }
      types.add(t.type());
      code.append(i == 0 && !s.usesContext() ? "" : ", ").append(t.code());
    }
    ExprType result = s.result().apply(types);
    if (result == null) {
      boolean lookup = s.name().equals("get");
      ExprType a = lookup ? types.get(0).element() : types.get(0);
      ExprType b = lookup ? types.get(2) : types.get(1);
      throw ExpressionException.at(c.pos(), ARGUMENT_TYPES_DIFFER, "function", c.name(), "what",
          (lookup ? THE_LOOKUP_VALUES : THE_ARGUMENTS).text(), "a", a.label(), "b", b.label());
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
    return ExpressionException.at(c.pos(), UNKNOWN_FUNCTION, "function", c.name(), "hint",
        Scope.hint(DID_YOU_MEAN_FUNCTION, hint));
  }

  private Typed unary(Node.Unary u) {
    Typed t = compile(u.operand());
    if (u.op().equals("-")) {
      require(u.operand(), t, Kind.NUMBER, TO_NEGATE.text());
      return t.nullable() ? op("neg", ExprType.NUMBER, true, t) : new Typed(ExprType.NUMBER, false, "(-" + t.code() + ")");
    }
    require(u.operand(), t, Kind.BOOLEAN, TO_NOT.text());
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
        require(b.left(), l, Kind.BOOLEAN, TO_COMBINE.text("op", b.op()));
        require(b.right(), r, Kind.BOOLEAN, TO_COMBINE.text("op", b.op()));
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
      throw ExpressionException.at(b.pos(), DATE_ARITHMETIC, "op", b.op());
    }
    require(b.left(), l, Kind.NUMBER, TO_CALCULATE.text("op", b.op()));
    require(b.right(), r, Kind.NUMBER, TO_CALCULATE.text("op", b.op()));
    if (l.nullable() || r.nullable()) {
      return op(name, ExprType.NUMBER, true, l, r);
    }
    return new Typed(ExprType.NUMBER, false, "(" + l.code() + " " + b.op() + " " + r.code() + ")");
  }

  private Typed in(Node.In n) {
    Typed v = compile(n.value());
    Typed list = compile(n.list());
    if (list.type().kind() != Kind.LIST) {
      throw ExpressionException.at(n.list().pos(), IN_NEEDS_LIST, "actual", list.type().label());
    }
    ExprType element = list.type().element();
    if (element != null && !element.accepts(v.type()) && !v.type().accepts(element)) {
      throw ExpressionException.at(n.value().pos(), IN_TYPE, "list", list.type().label(), "value", v.type().label());
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
    require(t.condition(), c, Kind.BOOLEAN, TO_BE_CONDITION.text());
    Typed a = compile(t.then());
    Typed b = compile(t.otherwise());
    ExprType type = ExprType.unify(a.type(), b.type());
    if (type == null) {
      throw ExpressionException.at(t.otherwise().pos(), TERNARY_TYPES, "a", a.type().label(), "b", b.type().label());
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
        throw ExpressionException.at(item.pos(), LIST_ITEM_TYPES, "before", element.label(), "here", t.type().label());
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
        throw ExpressionException.at(item.pos(), DUPLICATE_KEY, "key", m.keys().get(i));
      }
      Typed t = compile(item);
      ExprType u = ExprType.unify(value, t.type());
      if (u == null || t.type().kind() == Kind.LIST || t.type().kind() == Kind.MAP) {
        throw ExpressionException.at(item.pos(), MAP_VALUE_TYPES, "before", value.label(), "here", t.type().label());
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
    throw ExpressionException.at(value.pos(), NOT_AN_OPTION, "value", text.value(), "field", ref.dotted(), "hint",
        Scope.hint(DID_YOU_MEAN, hint), "options", MessageCode.list(values));
  }

  private void comparable(Node.Binary b, Typed l, Typed r, boolean equality) {
    ExprType a = l.type();
    ExprType c = r.type();
    boolean ok = a.accepts(c) || c.accepts(a);
    if (!equality && (a.kind() == Kind.BOOLEAN || a.kind() == Kind.LIST || a.kind() == Kind.MAP || a.kind() == Kind.NULL
        || c.kind() == Kind.NULL)) {
      throw ExpressionException.at(b.pos(), ORDER_NEEDS_COMPARABLE, "op", b.op(), "a", a.label(), "b", c.label());
    }
    if (!ok) {
      throw ExpressionException.at(b.pos(), NOT_COMPARABLE, "a", a.label(), "b", c.label());
    }
  }

  /** The value of {@code n} is of {@code kind}, else says so; {@code what} (a {@code TO_} text) says what for. */
  private static void require(Node n, Typed t, Kind kind, LocalizedText what) {
    if (t.type().kind() == kind || t.type().kind() == Kind.NULL || t.type().kind() == Kind.ANY) {
      return;
    }
    ExprType want = new ExprType(kind, null);
    throw ExpressionException.at(n.pos(), NEEDS_TYPE, "expected", want.label(), "what", what, "actual", t.type().label());
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
