package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.expr.ExprType.Kind;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The functions expressions may call, with the types they take and give. The compiler checks every
 * call against this table at publish time; MVEL imports exactly these static methods, so nothing else
 * of Java is reachable by name.
 */
public final class FunctionLibrary {

  /** What an argument may be, with the words a message uses for it. */
  enum Param {
    TEXT(t -> t.kind() == Kind.TEXT, ExpressionMessage.PARAM_TEXT),
    NUMBER(t -> t.kind() == Kind.NUMBER, ExpressionMessage.PARAM_NUMBER),
    BOOLEAN(t -> t.kind() == Kind.BOOLEAN, ExpressionMessage.PARAM_BOOLEAN),
    DAY(t -> t.kind() == Kind.DATE || t.kind() == Kind.DATETIME, ExpressionMessage.PARAM_DAY),
    LIST(t -> t.kind() == Kind.LIST, ExpressionMessage.PARAM_LIST),
    NUMBER_LIST(t -> t.kind() == Kind.LIST && (t.element() == null || t.element().kind() == Kind.NUMBER
        || t.element().kind() == Kind.ANY || t.element().kind() == Kind.NULL), ExpressionMessage.PARAM_NUMBER_LIST),
    MAP(t -> t.kind() == Kind.MAP, ExpressionMessage.PARAM_MAP),
    TEXT_OR_LIST(t -> t.kind() == Kind.TEXT || t.kind() == Kind.LIST, ExpressionMessage.PARAM_TEXT_OR_LIST),
    ANY(t -> true, ExpressionMessage.PARAM_ANY);

    final Predicate<ExprType> accepts;
    final ExpressionMessage words;

    Param(Predicate<ExprType> accepts, ExpressionMessage words) {
      this.accepts = accepts;
      this.words = words;
    }

    /** How usage lines name it. */
    String en() {
      return words.text().get(LocalizedText.EN);
    }

    boolean accepts(ExprType t) {
      return t.kind() == Kind.NULL || t.kind() == Kind.ANY || accepts.test(t);
    }
  }

  /**
   * One function: its parameters (the last {@code optional} of them may be left out), how the result
   * type follows from the argument types, whether it reads the clock ({@code volatile}: not allowed in
   * stored formulas); its one-line description is in {@code messages/functions.properties}.
   */
  public record Signature(String name, List<Param> params, int optional, Function<List<ExprType>, ExprType> result,
      boolean usesContext, boolean clock, Map<Integer, Method> methods) {

    /** What the function does, from {@code messages/functions.properties} (keyed by the function's name). */
    public LocalizedText description() {
      return Messages.of("functions").text(name);
    }

    public String zh() {
      return description().get(LocalizedText.ZH);
    }

    public String en() {
      return description().get(LocalizedText.EN);
    }

    int minArgs() {
      return params.size() - optional;
    }

    /** How a call reads, e.g. {@code round(a number, [a number])}; optional parameters in brackets. */
    public String usage() {
      StringBuilder b = new StringBuilder(name).append('(');
      for (int i = 0; i < params.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(i >= minArgs() ? "[" + params.get(i).en() + "]" : params.get(i).en());
      }
      return b.append(')').toString();
    }
  }

  private static final Map<String, Signature> ALL = new LinkedHashMap<>();
  /** The class whose static methods implement the functions being defined. */
  private static Class<?> owner = Functions.class;

  static {
    Function<List<ExprType>, ExprType> number = a -> ExprType.NUMBER;
    Function<List<ExprType>, ExprType> text = a -> ExprType.TEXT;
    Function<List<ExprType>, ExprType> bool = a -> ExprType.BOOLEAN;
    Function<List<ExprType>, ExprType> date = a -> ExprType.DATE;
    Function<List<ExprType>, ExprType> sameAsFirst = a -> a.get(0);
    Function<List<ExprType>, ExprType> element = a -> a.get(0).element() == null ? ExprType.ANY : a.get(0).element();
    Function<List<ExprType>, ExprType> unify = a -> a.size() < 2 ? a.get(0) : ExprType.unify(a.get(0), a.get(1));
    Function<List<ExprType>, ExprType> lookup = a -> {
      ExprType v = a.get(0).element() == null ? ExprType.ANY : a.get(0).element();
      return a.size() < 3 ? v : ExprType.unify(v, a.get(2));
    };
    Param t = Param.TEXT;
    Param n = Param.NUMBER;
    Param d = Param.DAY;

    def("today", List.of(), 0, date, true, true);
    def("now", List.of(), 0, a -> ExprType.DATETIME, true, true);
    def("daysBetween", List.of(d, d), 0, number, true, false);
    def("daysSince", List.of(d), 0, number, true, true);
    def("daysUntil", List.of(d), 0, number, true, true);
    def("addDays", List.of(d, n), 0, sameAsFirst, false, false);
    def("addMonths", List.of(d, n), 0, sameAsFirst, false, false);
    def("addYears", List.of(d, n), 0, sameAsFirst, false, false);
    def("year", List.of(d), 0, number, true, false);
    def("month", List.of(d), 0, number, true, false);
    def("day", List.of(d), 0, number, true, false);
    def("weekday", List.of(d), 0, number, true, false);
    def("date", List.of(n, n, n), 0, date, false, false);
    def("toDate", List.of(t), 0, date, false, false);
    def("dateOf", List.of(d), 0, date, true, false);

    def("len", List.of(t), 0, number, false, false);
    def("upper", List.of(t), 0, text, false, false);
    def("lower", List.of(t), 0, text, false, false);
    def("trim", List.of(t), 0, text, false, false);
    def("left", List.of(t, n), 0, text, false, false);
    def("right", List.of(t, n), 0, text, false, false);
    def("mid", List.of(t, n, n), 0, text, false, false);
    def("startsWith", List.of(t, t), 0, bool, false, false);
    def("endsWith", List.of(t, t), 0, bool, false, false);
    def("includes", List.of(Param.TEXT_OR_LIST, Param.ANY), 0, bool, false, false);
    def("replace", List.of(t, t, t), 0, text, false, false);
    def("text", List.of(Param.ANY), 0, text, false, false);
    def("number", List.of(t), 0, number, false, false);
    def("isBlank", List.of(Param.ANY), 0, bool, false, false);
    def("coalesce", List.of(Param.ANY, Param.ANY), 0, unify, false, false);
    def("ifBlank", List.of(Param.ANY, Param.ANY), 0, unify, false, false);

    def("round", List.of(n, n), 1, number, false, false);
    def("ceil", List.of(n), 0, number, false, false);
    def("floor", List.of(n), 0, number, false, false);
    def("abs", List.of(n), 0, number, false, false);
    def("min", List.of(n, n), 0, number, false, false);
    def("max", List.of(n, n), 0, number, false, false);

    def("size", List.of(Param.LIST), 0, number, false, false);
    def("join", List.of(Param.LIST, t), 0, text, false, false);
    def("sum", List.of(Param.NUMBER_LIST), 0, number, false, false);
    def("at", List.of(Param.LIST, n), 0, element, false, false);
    def("first", List.of(Param.LIST), 0, element, false, false);
    def("get", List.of(Param.MAP, Param.ANY, Param.ANY), 1, lookup, false, false);

    owner = ChinaFunctions.class;
    def("isMobile", List.of(t), 0, bool, false, false);
    def("mobileCarrier", List.of(t), 0, text, false, false);
    def("idCardValid", List.of(t), 0, bool, false, false);
    def("idCardProvince", List.of(t), 0, text, false, false);
    def("idCardBirthday", List.of(t), 0, date, false, false);
    def("idCardGender", List.of(t), 0, text, false, false);
  }

  private FunctionLibrary() {}

  private static void def(String name, List<Param> params, int optional, Function<List<ExprType>, ExprType> result,
      boolean usesContext, boolean clock) {
    Map<Integer, Method> methods = new LinkedHashMap<>();
    for (int arity = params.size() - optional; arity <= params.size(); arity++) {
      int javaArity = arity + (usesContext ? 1 : 0);
      methods.put(arity, Arrays.stream(owner.getMethods())
          .filter(m -> m.getName().equals(name) && m.getParameterCount() == javaArity)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no implementation of " + name + "/" + javaArity)));
    }
    ALL.put(name, new Signature(name, params, optional, result, usesContext, clock, Map.copyOf(methods)));
  }

  public static Optional<Signature> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  public static Collection<Signature> all() {
    return ALL.values();
  }

  /** Names of all functions, for "did you mean" hints. */
  static List<String> names() {
    return ALL.keySet().stream().toList();
  }

  /** The static method behind a call with {@code arity} arguments. */
  static Method method(Signature s, int arity) {
    return s.methods().get(arity);
  }
}
