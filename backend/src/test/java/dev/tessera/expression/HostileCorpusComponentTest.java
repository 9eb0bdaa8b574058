package dev.tessera.expression;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus of the metamodel's tests (metamodel/src/test/resources/.../hostile.json) through
 * the running product: as formulas, defaults and rules in one real publish over GraphQL, and through
 * the condition API. Every expression is refused with a position; the canary file never appears, the
 * loopback listener is never reached, and the metadata version does not move.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HostileCorpusComponentTest {
  static final Path CORPUS = Path.of("../metamodel/src/test/resources/dev/tessera/metamodel/expr/hostile.json");

  @Inject
  ExpressionCache cache;

  @Inject
  MetadataRegistry registry;

  @Test
  void everyHostileExpressionIsRefusedByPublishAndByTheConditionApi() throws Exception {
    Path canary = Files.createTempDirectory("tessera-canary").resolve("canary");
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(200);
      Thread acceptor = new Thread(() -> {
        while (!listener.isClosed()) {
          try (var s = listener.accept()) {
            connections.incrementAndGet();
          } catch (SocketTimeoutException e) {
            // keep listening
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      List<String> corpus = corpus(canary, listener.getLocalPort());
      assertTrue(corpus.size() >= 60, "corpus size " + corpus.size());
      int versionBefore = registry.current().version();

      String name = Gql.unique("hostile");
      List<Map<String, Object>> fields = new ArrayList<>();
      fields.add(field("name", "text"));
      List<Map<String, Object>> rules = new ArrayList<>();
      for (int i = 0; i < corpus.size(); i++) {
        fields.add(field("f" + i, "formula", "resultType", "text", "expression", corpus.get(i)));
        fields.add(field("d" + i, "text", "defaultExpression", corpus.get(i)));
        rules.add(Map.of("name", "r" + i, "assert", corpus.get(i), "message", label("规则", "rule")));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> e = entity(name, fields.toArray(new Map[0]));
      e.put("rules", rules);
      JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied version "
          + "problems { code path line column message(locale: \"zh-CN\") } } }", Map.of("d", List.of(e)));
      assertFalse(r.getBoolean("data.publishDefinitions.applied"));
      List<Map<String, Object>> problems = r.getList("data.publishDefinitions.problems");
      Map<String, Map<String, Object>> byPath = new LinkedHashMap<>();
      problems.stream().filter(p -> "INVALID_EXPRESSION".equals(p.get("code"))).forEach(p -> byPath.putIfAbsent((String) p.get("path"), p));
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < corpus.size(); i++) {
        for (String path : List.of("$[0].fields[" + (2 * i + 1) + "].expression", "$[0].fields[" + (2 * i + 2) + "].defaultExpression",
            "$[0].rules[" + i + "].assert")) {
          Map<String, Object> p = byPath.get(path);
          if (p == null || p.get("line") == null || (Integer) p.get("column") < 1) {
            missing.add(path + " ← " + corpus.get(i));
          }
        }
      }
      assertEquals(List.of(), missing, "every entry refused at publish, with a position");
      assertEquals(versionBefore, registry.current().version(), "a refused publish changes nothing");

      var snapshot = registry.current();
      String target = snapshot.entities().keySet().iterator().next();
      int refused = 0;
      for (String source : corpus) {
        PlatformException x = assertThrows(PlatformException.class, () -> cache.condition(snapshot, target, source), source);
        assertEquals(ErrorCode.INVALID_EXPRESSION, x.code(), source);
        assertTrue(x.getMessage().startsWith("Line "), x.getMessage());
        refused++;
      }
      assertEquals(corpus.size(), refused);

      Thread.sleep(300);
      assertFalse(Files.exists(canary), "no expression touched the file system");
      assertEquals(0, connections.get(), "no expression opened a socket");
    }
  }

  /** The corpus expressions with CANARY, PORT and repeated parts filled in, as the metamodel test does. */
  static List<String> corpus(Path canary, int port) throws IOException {
    JsonNode all = MetamodelJson.mapper().readTree(Files.readString(CORPUS));
    List<String> out = new ArrayList<>();
    for (JsonNode n : all) {
      String s = n.get("expression").asText();
      var repeats = n.path("repeat").fields();
      while (repeats.hasNext()) {
        var r = repeats.next();
        s = s.replace("<<" + r.getKey() + ">>", r.getValue().get("text").asText().repeat(r.getValue().get("times").asInt()));
      }
      out.add(s.replace("CANARY", canary.toAbsolutePath().toString()).replace("PORT", String.valueOf(port)));
    }
    return out;
  }
}
