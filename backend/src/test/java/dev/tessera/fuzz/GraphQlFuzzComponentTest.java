package dev.tessera.fuzz;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.options;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded generator of GraphQL requests against the running app: documents built from the entity's
 * real fields with values of random types (boundary numbers and dates, control characters, half
 * surrogate pairs, huge texts), deep and wide filters, variables of the wrong JSON type, and documents
 * mangled character by character. None may get HTTP 500 or INTERNAL_ERROR, and the server answers
 * normally afterwards. The seed is printed with every failure, so a failure replays exactly.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class GraphQlFuzzComponentTest {
  static final long SEED = Long.getLong("tessera.fuzz.seed", 20261207L);
  static final int REQUESTS = Integer.getInteger("tessera.fuzz.requests", 1500);
  static final String[] FIELDS = {"name", "spend", "seats", "born", "seen", "vip", "tags", "stage", "extra", "phone", "email", "site", "firm"};
  static final String[] STRINGS = {"", " ", "0", "-0", "1e999999999", "-1e999999999", "1e-999999999", "1e1001", "NaN", "Infinity",
      "9223372036854775808", "-2147483649", "0.000000000000000000000000000000000000000000001", "2026-02-30", "0000-01-01",
      "+999999999-12-31", "-0165-11-12", "2026-01-31T09:30:00+08:00", "2026-01-31T24:00:00Z", "9999-12-31T23:59:59-18:00",
      "not-a-uuid", "' OR 1=1 --", "\"; DROP TABLE x; --", "\\u0000", "a\u0000b", "x\ud800y", "\udc00", "😀", "\u202e",
      "<script>alert(1)</script>", "%s%n", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "客户", "\t\r\n", "\u0001\u001f",
      "0x1p3", "1_000", "１２３"};

  /** Accept-Language headers, malformed ones among them (each must still get an answer in some language). */
  static final String[] LANGUAGES = {"zh-CN", "en", "zh-CN,zh;q=0.9,en;q=0.8", "!!!", "zh-CN;q=abc", ";;;", "*", "en-",
      "x".repeat(4000), "zh-Hans-CN-u-ca-chinese", "q=1"};

  private final Random random = new Random(SEED);
  private String entity;
  private String type;

  @Test
  void noGeneratedRequestGetsAnInternalErrorAndTheServerStillAnswers() {
    entity = Gql.unique("fuzz");
    type = Character.toUpperCase(entity.charAt(0)) + entity.substring(1);
    String firm = Gql.unique("fuzzfirm");
    Gql.publish(entity(firm, field("name", "text")),
        entity(entity, field("name", "text", "indexed", true, "max", 200), field("spend", "money"),
            field("seats", "number", "integer", true, "min", 0), field("born", "date", "indexed", true), field("seen", "datetime"),
            field("vip", "bool"), field("tags", "multiPicklist", "options", options("a", "b")),
            field("stage", "stage", "options", options("new", "won")), field("extra", "json"), field("phone", "phone"),
            field("email", "email", "unique", true), field("site", "url"), field("firm", "reference", "target", firm)));
    for (int i = 0; i < 20; i++) {
      Gql.post("mutation { create" + type + "(input: {name: \"seed" + i + "\", seats: " + i + "}) { id } }");
    }
    List<String> failures = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 180_000;
    for (int i = 0; i < REQUESTS && System.currentTimeMillis() < deadline; i++) {
      String body = request(i);
      Response r = given().contentType("application/json").header("Accept-Language", LANGUAGES[random.nextInt(LANGUAGES.length)])
          .body(body).when().post("/graphql");
      String answer = r.asString();
      if (r.statusCode() >= 500 || answer.contains("INTERNAL_ERROR")) {
        failures.add("#" + i + " (seed " + SEED + ") HTTP " + r.statusCode() + "\n  request: " + cut(body) + "\n  answer: " + cut(answer));
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " requests failed:\n" + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    assertEquals(200, given().contentType("application/json").body("{\"query\": \"{ __typename }\"}").when().post("/graphql").statusCode());
    Gql.ok("{ " + entity + "s(first: 5) { totalCount } }");
  }

  private static String cut(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "…(" + s.length() + ")" : s;
  }

  /** One request body; every seventh is mangled after it is built. */
  private String request(int i) {
    String body = switch (random.nextInt(7)) {
      case 0 -> json(list(), variables());
      case 1 -> json(create(), null);
      case 2 -> json("mutation M($in: " + type + "Input!) { create" + type + "(input: $in) { id } }", "{\"in\": " + input() + "}");
      case 3 -> json("query Q($f: " + type + "Filter) { " + entity + "s(filter: $f, first: " + number() + ") { totalCount } }",
          "{\"f\": " + filterJson(0) + "}");
      case 4 -> json("query Q($n: Int, $a: String) { " + entity + "s(first: $n, after: $a) { nodes { id } } }", variables());
      case 5 -> json("{ " + entity + "(id: " + quoted(string()) + ") { id name } }", null);
      default -> json(list(), random.nextBoolean() ? "\"not an object\"" : random.nextBoolean() ? "[1,2]" : "42");
    };
    if (i % 7 == 6) {
      StringBuilder sb = new StringBuilder(body);
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, "{}[]()\"\\:$!@#,\u0000".charAt(random.nextInt(15)));
          default -> sb.setCharAt(at, (char) random.nextInt(128));
        }
      }
      return sb.toString();
    }
    return body;
  }

  private static String json(String query, String variables) {
    return "{\"query\": " + quoted(query) + (variables == null ? "" : ", \"variables\": " + variables) + "}";
  }

  private String list() {
    return "{ " + entity + "s(filter: " + filterLiteral(0) + ", first: " + number() + ") { totalCount nodes { id name spend born } } }";
  }

  private String create() {
    StringBuilder sb = new StringBuilder("mutation { create" + type + "(input: {");
    for (int k = 0; k < 1 + random.nextInt(4); k++) {
      sb.append(FIELDS[random.nextInt(FIELDS.length)]).append(": ").append(literal()).append(", ");
    }
    return sb.append("}) { id } }").toString();
  }

  private String input() {
    StringBuilder sb = new StringBuilder("{");
    int n = 1 + random.nextInt(4);
    for (int k = 0; k < n; k++) {
      sb.append(quoted(FIELDS[random.nextInt(FIELDS.length)])).append(": ").append(jsonValue(0)).append(k + 1 < n ? ", " : "");
    }
    return sb.append("}").toString();
  }

  private String variables() {
    return random.nextInt(4) == 0 ? jsonValue(0) : "{\"n\": " + jsonValue(1) + ", \"a\": " + jsonValue(1) + "}";
  }

  /** A filter as a GraphQL literal, nested up to depth 12 and up to 30 wide. */
  private String filterLiteral(int depth) {
    if (depth < 12 && random.nextInt(3) == 0) {
      String op = new String[] {"and", "or"}[random.nextInt(2)];
      StringBuilder sb = new StringBuilder("{" + op + ": [");
      int n = random.nextInt(random.nextInt(8) == 0 ? 30 : 3);
      for (int k = 0; k < n; k++) {
        sb.append(filterLiteral(depth + 1)).append(", ");
      }
      return sb.append("]}").toString();
    }
    if (depth < 12 && random.nextInt(6) == 0) {
      return "{not: " + filterLiteral(depth + 1) + "}";
    }
    String f = FIELDS[random.nextInt(FIELDS.length)];
    String op = new String[] {"eq", "ne", "gt", "lt", "in", "contains", "isNull", "startsWith"}[random.nextInt(8)];
    return "{" + f + ": {" + op + ": " + (op.equals("in") ? "[" + literal() + ", " + literal() + "]" : literal()) + "}}";
  }

  private String filterJson(int depth) {
    if (depth < 10 && random.nextInt(3) == 0) {
      StringBuilder sb = new StringBuilder("{\"" + (random.nextBoolean() ? "and" : "or") + "\": [");
      int n = random.nextInt(4);
      for (int k = 0; k < n; k++) {
        sb.append(filterJson(depth + 1)).append(k + 1 < n ? ", " : "");
      }
      return sb.append("]}").toString();
    }
    String op = new String[] {"eq", "gt", "lt", "in", "contains", "isNull"}[random.nextInt(6)];
    return "{" + quoted(FIELDS[random.nextInt(FIELDS.length)]) + ": {\"" + op + "\": " + jsonValue(1) + "}}";
  }

  private String literal() {
    return switch (random.nextInt(6)) {
      case 0 -> number();
      case 1 -> random.nextBoolean() ? "true" : "null";
      case 2 -> "[" + quoted(string()) + "]";
      case 3 -> "{k: " + quoted(string()) + "}";
      default -> quoted(string());
    };
  }

  private String jsonValue(int depth) {
    return switch (random.nextInt(depth > 2 ? 4 : 6)) {
      case 0 -> number();
      case 1 -> random.nextBoolean() ? "true" : "null";
      case 2 -> quoted(string());
      case 3 -> rawEscapes();
      case 4 -> "[" + jsonValue(depth + 1) + ", " + jsonValue(depth + 1) + "]";
      default -> "{\"k\": " + jsonValue(depth + 1) + "}";
    };
  }

  /** A JSON string with escapes an encoder would never write: a lone surrogate, a NUL. */
  private String rawEscapes() {
    return new String[] {"\"x\\ud800y\"", "\"\\udfff\"", "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud83d\\ude00\""}[random.nextInt(5)];
  }

  private String number() {
    return new String[] {"0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9007199254740993", "1e308", "1e999",
        "-0.0", "0.1", "1" + "0".repeat(50), String.valueOf(random.nextInt(200) - 100), "100", "101"}[random.nextInt(15)];
  }

  private String string() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return "长".repeat(random.nextInt(3) == 0 ? 20_000 : 700);
    }
    if (kind == 1) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 1 + random.nextInt(12); k++) {
        sb.append((char) random.nextInt(0x3000));
      }
      return sb.toString();
    }
    return STRINGS[random.nextInt(STRINGS.length)];
  }

  /** A JSON (and GraphQL) string literal of s, escaping quotes, backslashes and control characters. */
  static String quoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
