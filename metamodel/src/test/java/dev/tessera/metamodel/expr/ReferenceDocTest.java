package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps {@code docs/expressions.md} true: every example on the page is compiled and evaluated here,
 * against the sample lead of {@link ExpressionsTest#lead()} on the fixed day {@link ExpressionsTest#MARCH_10}.
 *
 * <p>The page writes examples in these machine-readable forms (explained on the page itself):
 *
 * <ul>
 *   <li>inline, outside code blocks: {@code `EXPR` ⇒ `RESULT`} (evaluated as a condition) and
 *       {@code `EXPR` ⇒ ✗} (must be rejected with an {@link ExpressionException}); {@code \|} in tables
 *       stands for {@code |};
 *   <li>fenced blocks {@code ```expr [formula|default|rule|condition] [text|number|boolean|date|datetime]}:
 *       one {@code EXPR ⇒ RESULT} per line, optionally followed by {@code // when field = value; ...}
 *       which changes the sample record for that line; rules and explicit conditions must give true/false;
 *   <li>fenced blocks {@code ```expr-error [use] [type]}: one rejected expression per line, optionally
 *       {@code EXPR ⇒ Line 1, column 11: ...} or {@code ⇒ 第 1 行第 11 列：...} with the exact message
 *       (a trailing {@code …} makes it a prefix);
 *   <li>fenced blocks {@code ```expr-known-issue}: expressions that the language accepts but cannot run
 *       yet (a defect); when one starts working the test fails so the page gets updated;
 *   <li>{@code ```json} blocks: metadata snippets whose {@code expression}, {@code defaultExpression}
 *       and {@code assert} must compile against the lead entity.
 * </ul>
 *
 * <p>RESULT is written like a literal: {@code 'text'}, {@code 72}, {@code true}, {@code null} (blank),
 * {@code 2026-03-31} (a date), {@code 2026-03-10T10:00+08:00} (a date-time), {@code ['a', 'b']} (a list).
 * Lines starting with {@code //} inside blocks are comments.
 */
class ReferenceDocTest {
  private static final Pattern INLINE_OK = Pattern.compile("`([^`]+)`\\s*⇒\\s*`([^`]*)`");
  private static final Pattern INLINE_REJECTED = Pattern.compile("`([^`]+)`\\s*⇒\\s*✗");
  private static final Pattern FUNCTION_ROW = Pattern.compile("^\\|\\s*`([A-Za-z]+)\\(([^`]*)\\)`\\s*(⏱?)\\s*\\|");
  private static final Pattern WHEN = Pattern.compile("^//\\s*(?:当\\s*)?when\\s+(.+)$");

  enum Kind { VALUE, REJECTED, KNOWN_ISSUE }

  record Example(int line, Kind kind, String source, Scope.Use use, ExprType expected, String result,
      Map<String, String> given) {
    String name() {
      return "line " + line + ": " + source + (result == null ? "" : " ⇒ " + result)
          + (given.isEmpty() ? "" : " when " + given);
    }
  }

  record Page(List<String> lines, List<Example> examples, List<JsonSnippet> json) {}

  record JsonSnippet(int line, String text) {}

  private static final Page PAGE = read();

  // ---------------------------------------------------------------- examples

  @TestFactory
  Stream<DynamicTest> everyExampleOnThePageHolds() {
    return PAGE.examples().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
  }

  @Test
  void thePageHasExamplesOfEveryKind() {
    long values = PAGE.examples().stream().filter(e -> e.kind() == Kind.VALUE).count();
    long rejected = PAGE.examples().stream().filter(e -> e.kind() == Kind.REJECTED).count();
    assertTrue(values >= 150, "only " + values + " examples with results: did the example syntax change?");
    assertTrue(rejected >= 30, "only " + rejected + " rejected examples: did the example syntax change?");
    assertTrue(PAGE.json().size() >= 5, "only " + PAGE.json().size() + " metadata snippets");
    for (Scope.Use use : Scope.Use.values()) {
      assertTrue(PAGE.examples().stream().anyMatch(e -> e.use() == use), "no example for " + use);
    }
  }

  private static void check(Example e) {
    Scope scope = ExprFixtures.scope(e.use());
    switch (e.kind()) {
      case REJECTED -> {
        ExpressionException x = assertThrows(ExpressionException.class, () -> Expressions.compile(e.source(), scope, e.expected()),
            "the page says this is not allowed, but it compiles");
        if (e.result() != null) {
          String message = e.result().startsWith("第") ? x.positioned().get(LocalizedText.ZH) : x.positioned().get(LocalizedText.EN);
          if (e.result().endsWith("…")) {
            String prefix = e.result().substring(0, e.result().length() - 1);
            assertTrue(message.startsWith(prefix), "message is: " + message);
          } else {
            assertEquals(e.result(), message);
          }
        }
      }
      case KNOWN_ISSUE -> {
        RuntimeException x = assertThrows(RuntimeException.class, () -> Expressions.compile(e.source(), scope, e.expected())
            .evaluate(record(e)::get, ExpressionsTest.MARCH_10), "this known issue seems fixed: update docs/expressions.md");
        assertFalse(x instanceof ExpressionException, "now rejected with a message (" + x.getMessage()
            + "): move it from the known issues of docs/expressions.md");
      }
      default -> {
        CompiledExpression c = Expressions.compile(e.source(), scope, e.expected());
        Object value = c.evaluate(record(e)::get, ExpressionsTest.MARCH_10);
        assertEquals(e.result(), render(value), "MVEL: " + c.mvel());
      }
    }
  }

  private static Map<String, Object> record(Example e) {
    Map<String, Object> r = ExpressionsTest.lead();
    e.given().forEach((field, literal) -> r.put(field, literal(literal)));
    return r;
  }

  /** A value written as an expression literal ({@code null}, {@code 0.4}, {@code '2026-02-01'}, {@code ['a']}). */
  private static Object literal(String source) {
    return Expressions.compile(source, ExprFixtures.scope(Scope.Use.CONDITION), null).evaluate(k -> null, ExpressionsTest.MARCH_10);
  }

  /** A result as the page writes it. */
  static String render(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      StringBuilder b = new StringBuilder("'");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '\'' -> b.append("\\'");
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          default -> b.append(c);
        }
      }
      return b.append('\'').toString();
    }
    if (v instanceof BigDecimal d) {
      return Functions.text(d);
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(o -> items.add(render(o)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        return "[:]";
      }
      List<String> items = new ArrayList<>();
      m.forEach((k, o) -> items.add(render(k) + ": " + render(o)));
      return "[" + String.join(", ", items) + "]";
    }
    return String.valueOf(Values.out(v));
  }

  // ---------------------------------------------------------------- functions

  @Test
  void everyFunctionIsDocumentedWithItsDescriptionsAndAnExample() {
    Map<String, String> rows = functionRows();
    for (FunctionLibrary.Signature s : FunctionLibrary.all()) {
      String row = rows.get(s.name());
      assertNotNull(row, "function " + s.name() + " is missing from the function table of docs/expressions.md");
      Matcher m = FUNCTION_ROW.matcher(row);
      assertTrue(m.find());
      String params = m.group(2).trim();
      List<String> parts = params.isEmpty() ? List.of() : List.of(params.split("\\s*,\\s*"));
      long optional = parts.stream().filter(p -> p.startsWith("[")).count();
      assertEquals(s.params().size(), parts.size(), s.name() + ": number of parameters in " + row);
      assertEquals(s.optional(), optional, s.name() + ": optional parameters (written [like, this]) in " + row);
      assertEquals(s.clock(), !m.group(3).isEmpty(), s.name() + ": ⏱ marks exactly the functions that read the clock");
      assertTrue(row.contains(s.zh()), s.name() + ": the row must contain the library's zh description \"" + s.zh() + "\"");
      assertTrue(row.contains(s.en()), s.name() + ": the row must contain the library's en description \"" + s.en() + "\"");
      Matcher ex = INLINE_OK.matcher(row.replace("\\|", "|"));
      boolean called = false;
      while (ex.find()) {
        called |= Pattern.compile("\\b" + s.name() + "\\(").matcher(ex.group(1)).find();
      }
      assertTrue(called, s.name() + ": the row needs an example `" + s.name() + "(...)` ⇒ `result`");
    }
  }

  @Test
  void everyDocumentedFunctionExists() {
    for (String name : functionRows().keySet()) {
      assertTrue(FunctionLibrary.find(name).isPresent(), "docs/expressions.md documents " + name + "(...), which the library lacks");
    }
  }

  /** The rows of the function table: from the heading "## ... Functions" to the next "## ". */
  private static Map<String, String> functionRows() {
    Map<String, String> rows = new LinkedHashMap<>();
    boolean in = false;
    for (String line : PAGE.lines()) {
      if (line.startsWith("## ")) {
        in = line.contains("Functions");
        continue;
      }
      Matcher m = FUNCTION_ROW.matcher(line);
      if (in && m.find()) {
        assertFalse(rows.containsKey(m.group(1)), "function " + m.group(1) + " has two rows");
        rows.put(m.group(1), line);
      }
    }
    assertFalse(rows.isEmpty(), "no function table found under a heading containing \"Functions\"");
    return rows;
  }

  // ---------------------------------------------------------------- limits and the sample record

  @Test
  void limitsAreTheCodesLimits() throws IllegalAccessException {
    for (Field f : Limits.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        String row = lineWith("`Limits." + f.getName() + "`");
        assertTrue(mentions(row, f.getInt(null)), "Limits." + f.getName() + " is " + f.getInt(null) + ", the page says: " + row);
      }
    }
    String row = lineWith("`Scope.MAX_PATH`");
    assertTrue(mentions(row, Scope.MAX_PATH - 1), "reference hops are " + (Scope.MAX_PATH - 1) + ", the page says: " + row);
  }

  private static boolean mentions(String line, int n) {
    String plain = String.valueOf(n);
    String grouped = String.format(Locale.ROOT, "%,d", n);
    return Pattern.compile("(?<![\\d,.])(" + Pattern.quote(plain) + "|" + Pattern.quote(grouped) + ")(?![\\d,])").matcher(line).find();
  }

  private static String lineWith(String text) {
    return PAGE.lines().stream().filter(l -> l.contains(text)).findFirst()
        .orElseGet(() -> fail("docs/expressions.md does not mention " + text));
  }

  @Test
  void theSampleRecordTableShowsTheFixture() {
    Pattern row = Pattern.compile("^\\|\\s*`([A-Za-z.]+)`\\s*\\|.*\\|\\s*`([^`]*)`\\s*\\|\\s*$");
    Map<String, String> shown = new LinkedHashMap<>();
    boolean in = false;
    for (String line : PAGE.lines()) {
      if (line.startsWith("#")) {
        in = line.contains("Sample record");
        continue;
      }
      Matcher m = row.matcher(line);
      if (in && m.find()) {
        shown.put(m.group(1), m.group(2));
      }
    }
    for (String path : ExpressionsTest.lead().keySet()) {
      assertTrue(shown.containsKey(path), "the sample record table lacks " + path);
    }
    shown.forEach((path, value) -> {
      Object v = Expressions.compile(path, ExprFixtures.scope(Scope.Use.CONDITION), null)
          .evaluate(ExpressionsTest.lead()::get, ExpressionsTest.MARCH_10);
      assertEquals(value, render(v), "sample record value of " + path);
    });
  }

  // ---------------------------------------------------------------- metadata snippets

  @TestFactory
  Stream<DynamicTest> metadataSnippetsCompile() {
    ObjectMapper mapper = new ObjectMapper();
    return PAGE.json().stream().map(s -> DynamicTest.dynamicTest("json at line " + s.line(), () -> {
      JsonNode root = mapper.readTree(s.text());
      int[] found = {0};
      walk(root, found);
      assertTrue(found[0] > 0, "the snippet has no expression");
    }));
  }

  private static void walk(JsonNode n, int[] found) {
    if (n.isArray()) {
      n.forEach(x -> walk(x, found));
      return;
    }
    if (!n.isObject()) {
      return;
    }
    if (n.has("expression")) {
      ExprType t = typeOf(n.path("resultType").asText(null));
      Expressions.compile(n.get("expression").asText(), ExprFixtures.scope(Scope.Use.FORMULA), t);
      found[0]++;
    }
    if (n.has("defaultExpression")) {
      ExprType t = typeOf(n.path("type").asText(null));
      Expressions.compile(n.get("defaultExpression").asText(), ExprFixtures.scope(Scope.Use.DEFAULT), t);
      found[0]++;
    }
    if (n.has("assert")) {
      Expressions.compile(n.get("assert").asText(), ExprFixtures.scope(Scope.Use.RULE), ExprType.BOOLEAN);
      assertTrue(n.path("message").has("zh-CN") && n.path("message").has("en"), "a rule needs a zh-CN and en message: " + n);
      found[0]++;
    }
    n.forEach(x -> walk(x, found));
  }

  private static ExprType typeOf(String fieldType) {
    Optional<FieldType> t = FieldType.fromJson(fieldType);
    assertTrue(t.isPresent(), "unknown field type " + fieldType);
    return ExprType.of(t.get());
  }

  // ---------------------------------------------------------------- reading the page

  private static Page read() {
    Path doc = Path.of("../docs/expressions.md");
    if (!Files.exists(doc)) {
      doc = Path.of("docs/expressions.md");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read docs/expressions.md (working directory " + Path.of("").toAbsolutePath() + ")", e);
    }
    List<Example> examples = new ArrayList<>();
    List<JsonSnippet> json = new ArrayList<>();
    String fence = null;
    int fenceStart = 0;
    StringBuilder jsonText = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int number = i + 1;
      if (line.trim().startsWith("```")) {
        if (fence == null) {
          fence = line.trim().substring(3).trim();
          fenceStart = number;
          jsonText.setLength(0);
        } else {
          if (fence.equals("json")) {
            json.add(new JsonSnippet(fenceStart, jsonText.toString()));
          }
          fence = null;
        }
        continue;
      }
      if (fence == null) {
        inline(line, number, examples);
      } else if (fence.equals("json")) {
        jsonText.append(line).append('\n');
      } else if (fence.startsWith("expr")) {
        block(fence, line, number, examples);
      }
    }
    assertEquals(null, fence, "a code block is not closed");
    return new Page(List.copyOf(lines), List.copyOf(examples), List.copyOf(json));
  }

  private static void inline(String line, int number, List<Example> out) {
    String text = line.replace("\\|", "|");
    Matcher ok = INLINE_OK.matcher(text);
    while (ok.find()) {
      out.add(new Example(number, Kind.VALUE, ok.group(1), Scope.Use.CONDITION, null, ok.group(2).trim(), Map.of()));
    }
    Matcher rejected = INLINE_REJECTED.matcher(text);
    while (rejected.find()) {
      out.add(new Example(number, Kind.REJECTED, rejected.group(1), Scope.Use.CONDITION, null, null, Map.of()));
    }
  }

  private static void block(String info, String line, int number, List<Example> out) {
    String trimmed = line.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("//")) {
      return;
    }
    String[] words = info.split("\\s+");
    Kind kind = switch (words[0]) {
      case "expr" -> Kind.VALUE;
      case "expr-error" -> Kind.REJECTED;
      case "expr-known-issue" -> Kind.KNOWN_ISSUE;
      default -> throw new AssertionError("line " + number + ": unknown block kind " + words[0]);
    };
    Scope.Use use = Scope.Use.CONDITION;
    ExprType expected = null;
    for (int w = 1; w < words.length; w++) {
      switch (words[w]) {
        case "formula", "default", "rule", "condition", "value" -> {
          use = Scope.Use.valueOf(words[w].toUpperCase(Locale.ROOT));
          if (use == Scope.Use.RULE || use == Scope.Use.CONDITION) {
            expected = ExprType.BOOLEAN;
          }
        }
        case "text" -> expected = ExprType.TEXT;
        case "number" -> expected = ExprType.NUMBER;
        case "boolean" -> expected = ExprType.BOOLEAN;
        case "date" -> expected = ExprType.DATE;
        case "datetime" -> expected = ExprType.DATETIME;
        default -> throw new AssertionError("line " + number + ": unknown word in ```" + info);
      }
    }
    Map<String, String> given = new LinkedHashMap<>();
    int comment = indexOutsideQuotes(trimmed, "//");
    if (comment >= 0) {
      Matcher w = WHEN.matcher(trimmed.substring(comment));
      if (w.find()) {
        for (String assignment : w.group(1).split(";")) {
          String[] kv = assignment.split("=", 2);
          assertEquals(2, kv.length, "line " + number + ": write // when field = value; field = value");
          given.put(kv[0].trim(), kv[1].trim());
        }
      }
      trimmed = trimmed.substring(0, comment).trim();
    }
    int arrow = indexOutsideQuotes(trimmed, "⇒");
    if (arrow < 0) {
      arrow = trimmed.lastIndexOf('⇒'); // the source may be an unclosed text, like 'VIP
    }
    String source = arrow < 0 ? trimmed : trimmed.substring(0, arrow).trim();
    String result = arrow < 0 ? null : trimmed.substring(arrow + 1).trim();
    if (kind == Kind.VALUE && result == null) {
      throw new AssertionError("line " + number + ": an example needs \"⇒ result\": " + line);
    }
    out.add(new Example(number, kind, source, use, expected, result, Map.copyOf(given)));
  }

  /** Where {@code token} first occurs outside '...' and "..." text, or -1. */
  private static int indexOutsideQuotes(String s, String token) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (s.startsWith(token, i)) {
        return i;
      }
    }
    return -1;
  }
}
