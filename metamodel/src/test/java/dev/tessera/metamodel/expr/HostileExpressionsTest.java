package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.validation.MetadataValidator;
import dev.tessera.metamodel.validation.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mvel2.MVEL;

/**
 * Every expression of {@code hostile.json} (process execution, files, sockets, reflection, nested MVEL,
 * exit, threads, sleep, loops, recursion, allocation bombs, record mutation, escapes and unusual
 * characters, oversized input) goes through every entry point: formula, default expression and
 * validation rule (through {@link MetadataValidator}, as at publish time) and the condition API that
 * assignment rules and flows call. Each must be rejected with a position inside the expression and a
 * message in both languages that a business user can read.
 *
 * <p>Harm is detected for real, not assumed: the expressions name a canary file under a temporary
 * directory ({@code CANARY}) and the port of a loopback listener ({@code PORT}); before and after the
 * corpus the file must not exist, the listener must have accepted no connection and no new
 * non-daemon thread may be running. {@link #controlRawMvelReallyDoesHarm} proves the detectors work by
 * running the file and socket attacks through raw MVEL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileExpressionsTest {
  /** The categories the corpus must cover. */
  static final Set<String> REQUIRED_CATEGORIES = Set.of("process-exec", "file", "socket", "reflection", "nested-mvel",
      "system-exit", "threads", "sleep", "infinite-loop", "recursion", "huge-allocation", "string-doubling",
      "record-mutation", "template", "projection", "import", "with-block", "inline-array", "indexing", "literal-method",
      "static-field", "env-access", "unicode-escape", "fullwidth", "whitespace", "comment", "deep-nesting", "huge-length",
      "many-items", "huge-number", "mvel-keyword");

  /** Entries of the corpus used by the raw-MVEL control (harmless to run for real: a file and a connection). */
  static final String CONTROL_FILE = "file-create";
  static final String CONTROL_SOCKET = "socket-connect";

  /** Longest a rejection may take; anything slower would mean something ran (sleep, loop, allocation). */
  static final long MAX_MILLIS = 2000;

  enum EntryPoint { FORMULA, DEFAULT, RULE, CONDITION }

  record Entry(String id, String category, String template, Map<String, String> repeats, String at, boolean knownGap) {
    /** The expression with CANARY, PORT and repeated parts filled in. */
    String expression(Path canary, int port) {
      String s = template;
      for (Map.Entry<String, String> r : repeats.entrySet()) {
        s = s.replace("<<" + r.getKey() + ">>", r.getValue());
      }
      return s.replace("CANARY", canary.toAbsolutePath().toString()).replace("PORT", String.valueOf(port));
    }
  }

  /** What one entry point did with one expression; {@code issues} is empty when it was rejected properly. */
  record Outcome(Entry entry, EntryPoint point, String expression, boolean rejected, List<String> issues, String shown) {
    boolean ok() {
      return rejected && issues.isEmpty();
    }
  }

  static final List<Entry> CORPUS = loadCorpus();
  static final JsonNode LEAD_JSON = loadLeadJson();
  static final int LEAD_INDEX = 1;
  static final MetadataValidator VALIDATOR = new MetadataValidator();

  @TempDir
  static Path tmp;
  static Path canary;
  static Listener listener;
  static Set<Long> nonDaemonBefore;
  static int threadsBefore;
  static List<String> baselineProblems;

  @BeforeAll
  static void arm() throws IOException {
    canary = tmp.resolve("hostile-canary");
    listener = new Listener();
    nonDaemonBefore = liveNonDaemonThreads().keySet();
    threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    baselineProblems = VALIDATOR.validate(definitions(null, null)).stream().map(Problem::toString).toList();
  }

  @AfterAll
  static void disarm() throws IOException {
    try {
      assertNoHarm("after all tests");
    } finally {
      listener.close();
    }
  }

  @Test
  @Order(1)
  void detectorsAreArmedAndTheFixtureIsClean() {
    assertEquals(List.of(), baselineProblems, "lead.json without hostile additions publishes cleanly");
    assertNoHarm("before the corpus");
  }

  @TestFactory
  @Order(2)
  Stream<DynamicTest> everyHostileExpressionIsRejectedAtEveryEntryPoint() {
    return CORPUS.stream().flatMap(e -> Stream.of(EntryPoint.values()).map(p -> DynamicTest.dynamicTest(
        p.name().toLowerCase() + " ← " + e.id() + " [" + e.category() + "]", () -> {
          Outcome o = run(e, p);
          if (e.knownGap() && !o.ok()) {
            Assumptions.abort("KNOWN GAP " + describe(o));
          }
          assertTrue(o.ok(), () -> describe(o));
        })));
  }

  /**
   * Text that looks like code is data: quoted attacks are accepted as text, run for real through the
   * condition API and the record's formula, and come back unchanged without touching the file or the port.
   */
  @ParameterizedTest
  @Order(3)
  @ValueSource(strings = {
      "@{new java.io.File(\"CANARY\").createNewFile()}",
      "' + new java.io.File('CANARY').createNewFile() + '",
      "\" + new java.net.Socket(\"127.0.0.1\", PORT) + \"",
      "${new java.net.Socket(\"127.0.0.1\", PORT)}",
      "\\u0027 + new java.io.File(\\u0027CANARY\\u0027).createNewFile() + \\u0027",
      "@if{true}@{new java.net.Socket(\"127.0.0.1\", PORT)}@end{}",
      "\\' + new java.io.File('CANARY').createNewFile() + '\\",
      "a\u00a0b' + new java.io.File('CANARY').createNewFile() + '",
      "#{new java.net.Socket('127.0.0.1', PORT)} $ @ \\ \" '"})
  void quotedAttacksAreInertText(String template) {
    String text = new Entry("inert", "inert", template, Map.of(), null, false).expression(canary, listener.port());
    String source = "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    CompiledExpression c = Expressions.compile(source, ExprFixtures.scope(Scope.Use.CONDITION), ExprType.TEXT);
    assertEquals(text, c.evaluate(ExpressionsTest.lead()::get, ExpressionsTest.MARCH_10));
    CompiledExpression b = Expressions.compile("name != " + source, ExprFixtures.scope(Scope.Use.RULE), ExprType.BOOLEAN);
    assertEquals(true, b.evaluate(ExpressionsTest.lead()::get, ExpressionsTest.MARCH_10));
    List<JsonNode> defs = definitions(EntryPoint.FORMULA, source);
    assertEquals(List.of(), VALIDATOR.validate(defs), "quoted text publishes as a formula");
    assertNoHarm("after evaluating " + source);
  }

  @Test
  @Order(4)
  void summary() {
    Map<EntryPoint, Integer> rejected = new EnumMap<>(EntryPoint.class);
    Map<EntryPoint, Integer> proper = new EnumMap<>(EntryPoint.class);
    List<Outcome> bad = new ArrayList<>();
    for (Entry e : CORPUS) {
      for (EntryPoint p : EntryPoint.values()) {
        Outcome o = run(e, p);
        rejected.merge(p, o.rejected() ? 1 : 0, Integer::sum);
        proper.merge(p, o.ok() ? 1 : 0, Integer::sum);
        if (!o.ok()) {
          bad.add(o);
        }
      }
    }
    assertNoHarm("after the corpus");
    Set<String> categories = CORPUS.stream().map(Entry::category).collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(REQUIRED_CATEGORIES);
    missing.removeAll(categories);
    List<String> gaps = CORPUS.stream().filter(Entry::knownGap).map(Entry::id).toList();
    int n = CORPUS.size();
    String line = "hostile corpus: " + n + " expressions in " + categories.size() + " categories; rejected properly "
        + Stream.of(EntryPoint.values()).map(p -> p.name().toLowerCase() + " " + proper.get(p) + "/" + n
            + (rejected.get(p).equals(proper.get(p)) ? "" : " (rejected " + rejected.get(p) + ")"))
            .collect(Collectors.joining(", "))
        + "; 0 executed (canary absent, 0 connections, no new threads); known gaps: " + gaps.size();
    System.out.println(line);
    bad.forEach(o -> System.out.println("  GAP " + describe(o)));
    if (Boolean.getBoolean("hostile.dump")) {
      CORPUS.forEach(e -> System.out.println("  " + describe(run(e, EntryPoint.CONDITION))));
      CORPUS.forEach(e -> System.out.println("  " + describe(run(e, EntryPoint.FORMULA))));
    }
    assertTrue(n >= 60, "at least 60 hostile expressions, got " + n);
    assertTrue(missing.isEmpty(), "categories not covered: " + missing);
    assertTrue(bad.isEmpty(), bad.size() + " outcomes not rejected properly:\n"
        + bad.stream().map(HostileExpressionsTest::describe).collect(Collectors.joining("\n")));
    assertTrue(gaps.isEmpty(), "entries marked knownGap: " + gaps);
  }

  @Test
  @Order(5)
  void noHarmAfterTheCorpus() {
    assertNoHarm("at the end");
  }

  /**
   * The detectors see real harm: the canary-file and socket entries of the corpus, run through raw MVEL
   * (what Tessera's path never does), create the file and connect to the listener. Their own canary and
   * listener keep this apart from the corpus checks.
   */
  @Test
  @Order(6)
  void controlRawMvelReallyDoesHarm(@TempDir Path dir) throws IOException {
    Path controlCanary = dir.resolve("control-canary");
    try (Listener controlListener = new Listener()) {
      String file = byId(CONTROL_FILE).expression(controlCanary, controlListener.port());
      String socket = byId(CONTROL_SOCKET).expression(controlCanary, controlListener.port());
      for (String source : List.of(file, socket)) {
        assertThrowsExpression(source);
      }
      assertFalse(Files.exists(controlCanary), "Tessera's path did nothing");
      assertEquals(0, controlListener.connections(), "Tessera's path did nothing");

      MVEL.eval(file, new HashMap<String, Object>());
      MVEL.eval(socket, new HashMap<String, Object>());

      assertTrue(Files.exists(controlCanary), "raw MVEL created the canary file: the file detector works");
      assertTrue(controlListener.connections() >= 1, "raw MVEL connected to the listener: the socket detector works");
    }
  }

  // ---- running one entry through one entry point ----

  static Outcome run(Entry e, EntryPoint p) {
    String source = e.expression(canary, listener.port());
    List<String> issues = new ArrayList<>();
    long start = System.nanoTime();
    boolean rejected;
    String shown;
    try {
      if (p == EntryPoint.CONDITION) {
        shown = null;
        rejected = false;
        try {
          CompiledExpression c = Expressions.compile(source, ExprFixtures.scope(Scope.Use.CONDITION), ExprType.BOOLEAN);
          shown = "ACCEPTED, compiled to MVEL: " + c.mvel();
          issues.add("accepted by the condition API");
        } catch (ExpressionException x) {
          rejected = true;
          shown = x.positioned().get(LocalizedText.EN) + " | " + x.positioned().get(LocalizedText.ZH);
          checkPosition(source, e, x.line(), x.column(), issues);
          checkMessages(source, x.text().get(LocalizedText.ZH), x.text().get(LocalizedText.EN), issues);
          checkMessages(source, x.positioned().get(LocalizedText.ZH), x.positioned().get(LocalizedText.EN), issues);
        }
      } else {
        String path = "$[" + LEAD_INDEX + "]" + switch (p) {
          case FORMULA -> ".fields[" + LEAD_JSON.path("fields").size() + "].expression";
          case DEFAULT -> ".fields[" + LEAD_JSON.path("fields").size() + "].defaultExpression";
          default -> ".rules[0].assert";
        };
        List<Problem> problems = new ArrayList<>(VALIDATOR.validate(definitions(p, source)));
        problems.removeIf(x -> baselineProblems.contains(x.toString()));
        List<Problem> here = problems.stream().filter(x -> x.path().equals(path)).toList();
        List<Problem> invalid = here.stream().filter(x -> x.code().equals("INVALID_EXPRESSION")).toList();
        rejected = !problems.isEmpty();
        shown = problems.isEmpty() ? "ACCEPTED: no problem reported"
            : problems.stream().map(x -> x + " | " + x.message("zh-CN") + " @" + x.line() + ":" + x.column())
                .collect(Collectors.joining(" || "));
        if (invalid.isEmpty()) {
          issues.add(problems.isEmpty() ? "accepted at publish time" : "no INVALID_EXPRESSION at " + path);
        }
        problems.stream().filter(x -> !x.path().equals(path)).forEach(x -> issues.add("problem elsewhere: " + x));
        for (Problem x : invalid) {
          if (x.line() == null || x.column() == null) {
            issues.add("no position: " + x);
          } else {
            checkPosition(source, e, x.line(), x.column(), issues);
          }
        }
        for (Problem x : here) {
          checkMessages(source, x.message("zh-CN"), x.message("en"), issues);
        }
      }
    } catch (VirtualMachineError | RuntimeException | LinkageError t) {
      rejected = false;
      shown = "CRASHED: " + t;
      issues.add("threw " + t.getClass().getSimpleName() + " instead of rejecting");
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (millis > MAX_MILLIS) {
      issues.add("took " + millis + " ms");
    }
    return new Outcome(e, p, source, rejected, List.copyOf(issues), shown);
  }

  static void checkPosition(String source, Entry e, int line, int column, List<String> issues) {
    String[] lines = source.split("\r\n|\r|\n", -1);
    if (line < 1 || column < 1 || line > lines.length || column > lines[line - 1].length() + 1) {
      issues.add("position " + line + ":" + column + " is outside the expression (" + lines.length + " line(s))");
    }
    if (e.at() != null && !e.at().equals(line + ":" + column)) {
      issues.add("position " + line + ":" + column + ", expected " + e.at());
    }
  }

  /** Java/MVEL internals a business user must never see (unless they typed them themselves). */
  static final List<Pattern> INTERNALS = List.of(Pattern.compile("java\\."), Pattern.compile("javax\\."),
      Pattern.compile("org\\.mvel2"), Pattern.compile("dev\\.tessera"), Pattern.compile("MVEL"),
      Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b"), Pattern.compile("\\bat [\\w$.]+\\("),
      Pattern.compile("Caused by"), Pattern.compile("\\b(v|fn|op|x|c)_\\w+"), Pattern.compile("\\bnull\\b"));

  static void checkMessages(String source, String zh, String en, List<String> issues) {
    if (zh == null || zh.codePoints().noneMatch(cp -> cp >= 0x4e00 && cp <= 0x9fff)) {
      issues.add("zh-CN message has no Chinese: " + (zh == null ? null : escape(zh)));
    }
    if (en == null || en.isBlank()) {
      issues.add("en message is blank");
      return;
    }
    for (String m : List.of(zh == null ? "" : zh, en)) {
      for (Pattern p : INTERNALS) {
        Matcher x = p.matcher(m);
        while (x.find()) {
          if (!source.contains(x.group())) {
            issues.add("message shows internals \"" + x.group() + "\": " + escape(m));
          }
        }
      }
      for (int i = 0; i < m.length(); i++) {
        char c = m.charAt(i);
        boolean lone = Character.isHighSurrogate(c) ? i + 1 >= m.length() || !Character.isLowSurrogate(m.charAt(i + 1))
            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(m.charAt(i - 1)));
        if (lone || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
            || (Character.isSpaceChar(c) && c != ' ')) {
          issues.add(String.format("message contains an unprintable character U+%04X: %s", (int) c, escape(m)));
        }
        if (Character.isHighSurrogate(c) && !lone) {
          i++;
        }
      }
    }
  }

  static String describe(Outcome o) {
    String expr = o.expression().length() > 120 ? o.expression().substring(0, 117) + "..." : o.expression();
    return o.point().name().toLowerCase() + " " + o.entry().id() + " " + escape(expr) + " -> " + o.issues() + " :: "
        + escape(o.shown());
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f || Character.getType(cp) == Character.FORMAT || (Character.isSpaceChar(cp) && cp != ' ')
          || (cp >= 0xd800 && cp <= 0xdfff)) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }

  static void assertThrowsExpression(String source) {
    try {
      Expressions.compile(source, ExprFixtures.scope(Scope.Use.CONDITION), ExprType.BOOLEAN);
      fail("accepted: " + source);
    } catch (ExpressionException expected) {
      // rejected, as it must be
    }
  }

  // ---- harm detectors ----

  static void assertNoHarm(String when) {
    assertFalse(Files.exists(canary), "the canary file exists " + when + ": an expression wrote to disk");
    assertEquals(0, listener.connections(), "the loopback listener saw connections " + when);
    Map<Long, Thread> now = liveNonDaemonThreads();
    now.keySet().removeAll(nonDaemonBefore);
    assertEquals(Map.of(), names(now), "new non-daemon threads " + when);
    int count = ManagementFactory.getThreadMXBean().getThreadCount();
    assertTrue(count <= threadsBefore + 8, "thread count grew from " + threadsBefore + " to " + count + " " + when);
  }

  static Map<Long, Thread> liveNonDaemonThreads() {
    Map<Long, Thread> out = new LinkedHashMap<>();
    Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
        .forEach(t -> out.put(t.getId(), t));
    return out;
  }

  static Map<Long, String> names(Map<Long, Thread> threads) {
    Map<Long, String> out = new LinkedHashMap<>();
    threads.forEach((id, t) -> out.put(id, t.getName()));
    return out;
  }

  /** A loopback server socket on an ephemeral port that counts the connections it accepts. */
  static final class Listener implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong sweeps = new AtomicLong();
    private final Thread thread;

    Listener() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      server.setSoTimeout(50);
      thread = new Thread(this::serve, "hostile-listener-" + server.getLocalPort());
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          accepted.incrementAndGet();
        } catch (SocketTimeoutException e) {
          sweeps.incrementAndGet();
        } catch (IOException e) {
          if (server.isClosed()) {
            return;
          }
        }
      }
    }

    /** Connections accepted so far, once the backlog has been drained (two idle accept timeouts). */
    int connections() {
      long seen = sweeps.get();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (sweeps.get() < seen + 2 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      assertTrue(thread.isAlive(), "the listener is running");
      return accepted.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  // ---- fixtures ----

  static Entry byId(String id) {
    return CORPUS.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  /** company and lead from lead.json; lead gains a formula, a default expression or a rule holding {@code source}. */
  static List<JsonNode> definitions(EntryPoint p, String source) {
    ArrayNode all = ((ArrayNode) readResource("lead.json")).deepCopy();
    ObjectNode lead = (ObjectNode) all.get(LEAD_INDEX);
    ArrayNode fields = (ArrayNode) lead.get("fields");
    if (p == EntryPoint.FORMULA) {
      ObjectNode f = fields.addObject();
      f.put("name", "hostileFormula").put("type", "formula").put("resultType", "text").put("expression", source);
      f.putObject("label").put("zh-CN", "恶意公式").put("en", "Hostile formula");
    } else if (p == EntryPoint.DEFAULT) {
      ObjectNode f = fields.addObject();
      f.put("name", "hostileDefault").put("type", "text").put("defaultExpression", source);
      f.putObject("label").put("zh-CN", "恶意默认值").put("en", "Hostile default");
    } else if (p == EntryPoint.RULE) {
      ObjectNode r = lead.putArray("rules").addObject();
      r.put("name", "hostileRule").put("assert", source);
      r.putObject("message").put("zh-CN", "恶意规则").put("en", "Hostile rule");
    }
    List<JsonNode> out = new ArrayList<>();
    all.forEach(out::add);
    return out;
  }

  static JsonNode loadLeadJson() {
    JsonNode lead = readResource("lead.json").get(LEAD_INDEX);
    assertEquals("lead", lead.path("name").asText());
    return lead;
  }

  static List<Entry> loadCorpus() {
    List<Entry> out = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode n : readResource("hostile.json")) {
      Map<String, String> repeats = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.path("repeat").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> r = it.next();
        repeats.put(r.getKey(), r.getValue().path("text").asText().repeat(r.getValue().path("times").asInt()));
      }
      Entry e = new Entry(n.path("id").asText(), n.path("category").asText(), n.path("expression").asText(),
          repeats, n.hasNonNull("at") ? n.get("at").asText() : null, n.path("knownGap").asBoolean(false));
      if (e.id().isEmpty() || e.category().isEmpty() || e.template().isEmpty() || !ids.add(e.id())) {
        throw new IllegalStateException("hostile.json: entry without id/category/expression or duplicate id: " + n);
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  static JsonNode readResource(String name) {
    try (InputStream in = HostileExpressionsTest.class.getResourceAsStream(name)) {
      return MetamodelJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
