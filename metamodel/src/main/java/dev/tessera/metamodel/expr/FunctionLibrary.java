package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.expr.ExprType.Kind;
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
   * stored formulas) and a one-line description for the reference page and the designer.
   */
  public record Signature(String name, List<Param> params, int optional, Function<List<ExprType>, ExprType> result,
      boolean usesContext, boolean clock, String zh, String en, Map<Integer, Method> methods) {

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

    def("today", List.of(), 0, date, true, true, "今天的日期", "Today's date");
    def("now", List.of(), 0, a -> ExprType.DATETIME, true, true, "当前的日期时间", "The current date and time");
    def("daysBetween", List.of(d, d), 0, number, true, false, "从第一个日期到第二个日期相隔的天数", "Days from the first date to the second");
    def("daysSince", List.of(d), 0, number, true, true, "从该日期到今天过了多少天", "Days from the date until today");
    def("daysUntil", List.of(d), 0, number, true, true, "从今天到该日期还有多少天", "Days from today until the date");
    def("addDays", List.of(d, n), 0, sameAsFirst, false, false, "日期加若干天（可为负数）", "The date plus a number of days (may be negative)");
    def("addMonths", List.of(d, n), 0, sameAsFirst, false, false, "日期加若干个月", "The date plus a number of months");
    def("addYears", List.of(d, n), 0, sameAsFirst, false, false, "日期加若干年", "The date plus a number of years");
    def("year", List.of(d), 0, number, true, false, "日期的年份", "The year of a date");
    def("month", List.of(d), 0, number, true, false, "日期的月份（1–12）", "The month of a date (1-12)");
    def("day", List.of(d), 0, number, true, false, "日期是当月第几天", "The day of the month");
    def("weekday", List.of(d), 0, number, true, false, "星期几（1=星期一 … 7=星期日）", "The day of the week (1 = Monday ... 7 = Sunday)");
    def("date", List.of(n, n, n), 0, date, false, false, "由年、月、日组成日期", "A date from year, month and day");
    def("toDate", List.of(t), 0, date, false, false, "把文本读成日期（2026-03-08、2026/3/8、2026年3月8日）",
        "Reads text as a date (2026-03-08, 2026/3/8, 2026年3月8日)");
    def("dateOf", List.of(d), 0, date, true, false, "日期时间所在的日期（按系统时区）", "The calendar day of a date-time");

    def("len", List.of(t), 0, number, false, false, "文本的字符数", "Number of characters of the text");
    def("upper", List.of(t), 0, text, false, false, "转为大写", "Upper-case text");
    def("lower", List.of(t), 0, text, false, false, "转为小写", "Lower-case text");
    def("trim", List.of(t), 0, text, false, false, "去掉首尾空格", "Text without leading and trailing spaces");
    def("left", List.of(t, n), 0, text, false, false, "左边若干个字符", "The first n characters");
    def("right", List.of(t, n), 0, text, false, false, "右边若干个字符", "The last n characters");
    def("mid", List.of(t, n, n), 0, text, false, false, "从第 start 个字符起取 n 个字符", "n characters from position start (1 = first)");
    def("startsWith", List.of(t, t), 0, bool, false, false, "文本是否以某段开头", "Whether the text starts with a part");
    def("endsWith", List.of(t, t), 0, bool, false, false, "文本是否以某段结尾", "Whether the text ends with a part");
    def("includes", List.of(Param.TEXT_OR_LIST, Param.ANY), 0, bool, false, false, "文本是否包含某段，或列表是否包含某值",
        "Whether the text contains a part, or the list a value");
    def("replace", List.of(t, t, t), 0, text, false, false, "替换文本中所有出现的某段", "Replaces every occurrence of a part");
    def("text", List.of(Param.ANY), 0, text, false, false, "把值写成文本", "The value written as text");
    def("number", List.of(t), 0, number, false, false, "把文本读成数字（不是数字时为空）", "Reads text as a number (blank if it is not one)");
    def("isBlank", List.of(Param.ANY), 0, bool, false, false, "是否为空（无值、空文本或空列表）", "Whether the value is blank (none, empty text, empty list)");
    def("coalesce", List.of(Param.ANY, Param.ANY), 0, unify, false, false, "第一个有值的参数", "The first argument that has a value");
    def("ifBlank", List.of(Param.ANY, Param.ANY), 0, unify, false, false, "第一个值为空时取第二个", "The second value when the first is blank");

    def("round", List.of(n, n), 1, number, false, false, "四舍五入到若干位小数（默认 0 位）", "Rounds half up to n decimals (default 0)");
    def("ceil", List.of(n), 0, number, false, false, "向上取整", "Rounds up to a whole number");
    def("floor", List.of(n), 0, number, false, false, "向下取整", "Rounds down to a whole number");
    def("abs", List.of(n), 0, number, false, false, "绝对值", "The absolute value");
    def("min", List.of(n, n), 0, number, false, false, "较小的数", "The smaller number");
    def("max", List.of(n, n), 0, number, false, false, "较大的数", "The larger number");

    def("size", List.of(Param.LIST), 0, number, false, false, "列表的项数", "Number of items in the list");
    def("join", List.of(Param.LIST, t), 0, text, false, false, "用分隔符把列表连成文本", "The items joined with a separator");
    def("sum", List.of(Param.NUMBER_LIST), 0, number, false, false, "数字列表的合计", "The total of a list of numbers");
    def("at", List.of(Param.LIST, n), 0, element, false, false, "列表的第 n 项（1 = 第一项）", "The n-th item (1 = first)");
    def("first", List.of(Param.LIST), 0, element, false, false, "列表的第一项", "The first item");
    def("get", List.of(Param.MAP, Param.ANY, Param.ANY), 1, lookup, false, false, "在对照表中查键对应的值（可给默认值）",
        "The value for a key in a lookup table (with an optional default)");

    owner = ChinaFunctions.class;
    def("isMobile", List.of(t), 0, bool, false, false, "是否为中国大陆手机号", "Whether it is a mainland China mobile number");
    def("mobileCarrier", List.of(t), 0, text, false, false, "手机号所属运营商（中国移动/联通/电信/广电）",
        "The carrier of a mainland China mobile number");
    def("idCardValid", List.of(t), 0, bool, false, false, "18 位身份证号码是否有效（含校验位）", "Whether an 18-digit ID-card number is valid (checksum included)");
    def("idCardProvince", List.of(t), 0, text, false, false, "身份证号码所属省份", "The province of an ID-card number");
    def("idCardBirthday", List.of(t), 0, date, false, false, "身份证号码中的出生日期", "The birthday in an ID-card number");
    def("idCardGender", List.of(t), 0, text, false, false, "身份证号码对应的性别（男/女）", "The gender in an ID-card number (男/女)");
  }

  private FunctionLibrary() {}

  private static void def(String name, List<Param> params, int optional, Function<List<ExprType>, ExprType> result,
      boolean usesContext, boolean clock, String zh, String en) {
    Map<Integer, Method> methods = new LinkedHashMap<>();
    for (int arity = params.size() - optional; arity <= params.size(); arity++) {
      int javaArity = arity + (usesContext ? 1 : 0);
      methods.put(arity, Arrays.stream(owner.getMethods())
          .filter(m -> m.getName().equals(name) && m.getParameterCount() == javaArity)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no implementation of " + name + "/" + javaArity)));
    }
    ALL.put(name, new Signature(name, params, optional, result, usesContext, clock, zh, en, Map.copyOf(methods)));
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
