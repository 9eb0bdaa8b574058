package dev.tessera.graphql;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values survive every client: exact decimals as strings (JavaScript rounds 9007199254740993.01 to
 * 9007199254740994), whole numbers as Int, instants in RFC 3339 with seconds, scalars with @specifiedBy.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class WireFormatComponentTest {
  static String name;
  static String type;

  @BeforeEach
  void publishOnce() {
    if (name != null) {
      return;
    }
    name = Gql.unique("offer");
    type = RecordApiComponentTest.cap(name);
    Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied } }", Map.of("d", List.of(
        entity(name, field("price", "money"), field("seats", "number", "integer", true), field("weight", "number"),
            field("rate", "percent"), field("due", "datetime"), field("day", "date")))));
  }

  String create(String input) {
    return Gql.ok("mutation { create" + type + "(input: " + input + ") { id } }").getString("data.create" + type + ".id");
  }

  @Test
  void moneyBeyondDoublePrecisionComesBackExactAsAString() {
    JsonPath r = Gql.ok("mutation { create" + type + "(input: {price: \"9007199254740993.01\", rate: 12.5}) { price rate } }");
    assertEquals("9007199254740993.01", r.getString("data.create" + type + ".price"));
    assertInstanceOf(String.class, r.get("data.create" + type + ".price"));
    assertEquals("12.5", r.get("data.create" + type + ".rate"));
  }

  @Test
  void decimalsAreAcceptedAsJsonNumbersToo() {
    String body = "{\"query\": \"mutation M($p: Decimal) { create" + type + "(input: {price: $p}) { price } }\","
        + " \"variables\": {\"p\": 9007199254740993.01}}";
    JsonPath r = io.restassured.RestAssured.given().contentType("application/json").body(body).post("/graphql")
        .then().statusCode(200).extract().jsonPath();
    assertEquals("9007199254740993.01", r.getString("data.create" + type + ".price"), r.prettify());
  }

  @Test
  void wholeNumbersOfAnIntegerFieldAreInts() {
    JsonPath r = Gql.ok("mutation { create" + type + "(input: {seats: 26, weight: 26}) { seats weight } }");
    assertEquals(26, (Integer) r.get("data.create" + type + ".seats"));
    assertEquals("26", r.get("data.create" + type + ".weight"), "a number without the integer option stays exact");
    JsonPath filtered = Gql.ok("{ " + name + "s(filter: {seats: {gte: 26}}) { nodes { seats } } }");
    assertTrue(filtered.getList("data." + name + "s.nodes.seats").contains(26));
  }

  @Test
  void anIntegerFieldRefusesFractionsAndValuesBeyond32Bits() {
    JsonPath half = Gql.post("mutation { create" + type + "(input: {seats: 2.5}) { id } }");
    assertEquals("BAD_USER_INPUT", half.getString("errors[0].extensions.code"), half.prettify());
    JsonPath big = Gql.post("mutation { create" + type + "(input: {seats: 3000000000}) { id } }");
    assertEquals("BAD_USER_INPUT", big.getString("errors[0].extensions.code"), big.prettify());
  }

  @Test
  void dateTimesCarrySecondsAndOffset() {
    String id = create("{due: \"2025-06-01T10:00+08:00\", day: \"2025-06-01\"}");
    JsonPath r = Gql.ok("{ " + name + "(id: \"" + id + "\") { due day createdAt updatedAt } }");
    assertEquals("2025-06-01T02:00:00Z", r.getString("data." + name + ".due"));
    assertEquals("2025-06-01", r.getString("data." + name + ".day"));
    assertTrue(r.getString("data." + name + ".createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)"),
        r.getString("data." + name + ".createdAt"));
  }

  @Test
  void aggregatesAreExactDecimals() {
    create("{price: \"0.10\", seats: 1}");
    create("{price: \"0.20\", seats: 2}");
    JsonPath r = Gql.ok("{ " + name + "sAggregate(filter: {price: {in: [\"0.10\", \"0.20\"]}}) { sum { price seats } } }");
    assertEquals(0, new java.math.BigDecimal("0.30").compareTo(new java.math.BigDecimal(r.getString("data." + name + "sAggregate[0].sum.price"))));
    assertInstanceOf(String.class, r.get("data." + name + "sAggregate[0].sum.seats"));
  }

  @Test
  void customScalarsCarrySpecifiedBy() {
    for (String scalar : List.of("Decimal", "DateTime", "Date", "JSON")) {
      JsonPath r = Gql.ok("{ __type(name: \"" + scalar + "\") { specifiedByURL } }");
      assertTrue(r.getString("data.__type.specifiedByURL").startsWith("https://"), scalar + ": " + r.prettify());
    }
  }
}
