package dev.tessera.record;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.platform.Actor;
import dev.tessera.support.Gql;
import dev.tessera.support.Race;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No stored value may break reads for others, and no bad value gets an internal error: dates stay in
 * years 1 to 9999 (formulas too), references name live records (also under concurrent deletes), text
 * in an indexed field fits an index entry, NUL characters and half surrogate pairs are refused, huge
 * numbers are refused where they are read, and an import reports each bad row and goes on.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class StoredValuesComponentTest {
  @Inject
  RecordService records;
  @Inject
  MetadataRegistry registry;

  static String cap(String e) {
    return Character.toUpperCase(e.charAt(0)) + e.substring(1);
  }

  static JsonPath create(String e, String input) {
    return Gql.post("mutation { create" + cap(e) + "(input: {" + input + "}) { id } }");
  }

  static void refused(JsonPath r, String field) {
    assertEquals("VALIDATION_FAILED", r.getString("errors[0].extensions.code"), r.prettify());
    assertTrue(r.getList("errors[0].extensions.problems.field").contains(field), r.prettify());
  }

  @Test
  void datesOutsideYears1To9999AreRefusedOnEveryPathAndReadsKeepWorking() {
    String e = Gql.unique("visit");
    Gql.publish(entity(e, field("day", "date", "indexed", true), field("at", "datetime"),
        field("later", "formula", "resultType", "date", "expression", "addDays(day, -800000)")));
    for (String bad : new String[] {"0000-01-01", "-0165-11-12", "+999999999-12-31"}) {
      refused(create(e, "day: \"" + bad + "\""), "day");
    }
    refused(create(e, "at: \"0000-06-01T00:00:00Z\""), "at");
    String id = Gql.ok("mutation { create" + cap(e) + "(input: {day: \"2026-01-31\"}) { id later } }")
        .getString("data.create" + cap(e) + ".id");
    JsonPath list = Gql.ok("{ " + e + "s(orderBy: [{later: ASC}]) { totalCount nodes { id day later } } }");
    assertEquals(id, list.getString("data." + e + "s.nodes[0].id"), list.prettify());
    assertNull(list.get("data." + e + "s.nodes[0].later"), "a formula beyond the range is left blank, not stored");
    Gql.ok("{ " + e + "s(filter: {day: {gt: \"2000-01-01\"}}) { totalCount } }");
  }

  @Test
  void aReferenceMustNameALiveRecordOfItsTarget() {
    String co = Gql.unique("firm");
    String ct = Gql.unique("contact");
    Gql.publish(entity(co, field("name", "text")), entity(ct, field("name", "text"), field("firm", "reference", "target", co)));
    String firm = Gql.ok("mutation { create" + cap(co) + "(input: {name: \"星辰\"}) { id } }").getString("data.create" + cap(co) + ".id");
    for (String bad : new String[] {"not-a-uuid", UUID.randomUUID().toString(), "' OR 1=1 --"}) {
      JsonPath r = Gql.post("mutation C($f: ID) { create" + cap(ct) + "(input: {name: \"x\", firm: $f}) { id } }",
          Map.of("f", bad));
      String code = r.getString("errors[0].extensions.code");
      assertTrue("VALIDATION_FAILED".equals(code) || "BAD_REQUEST".equals(code), r.prettify());
      assertTrue(r.prettify().contains("firm"), "names the field: " + r.prettify());
    }
    Gql.ok("mutation { create" + cap(ct) + "(input: {name: \"ok\", firm: \"" + firm + "\"}) { id } }");
    String gone = Gql.ok("mutation { create" + cap(co) + "(input: {name: \"旧\"}) { id } }").getString("data.create" + cap(co) + ".id");
    Gql.ok("mutation { delete" + cap(co) + "(id: \"" + gone + "\") { id } }");
    JsonPath toDeleted = create(ct, "name: \"late\", firm: \"" + gone + "\"");
    refused(toDeleted, "firm");
    assertTrue(toDeleted.getString("errors[0].extensions.problems[0].message").contains("firm"), toDeleted.prettify());
  }

  @Test
  void aReferenceWrittenWhileItsTargetIsDeletedNeverDangles() throws Exception {
    String co = Gql.unique("firm");
    String ct = Gql.unique("contact");
    Gql.publish(entity(co, field("name", "text")), entity(ct, field("name", "text"), field("firm", "reference", "target", co)));
    try (Race race = new Race(2)) {
      for (int round = 0; round < 15; round++) {
        var meta = registry.current();
        DataRecord firm = records.create(meta, co, Map.of("name", "f" + round), null, new Actor("t")).await().indefinitely();
        List<String> outcomes = race.run(List.of(
            i -> records.create(meta, ct, Map.of("name", "c", "firm", firm.id().toString()), null, new Actor("w"))
                .await().indefinitely().id().toString(),
            i -> String.valueOf(records.delete(meta, co, firm.id(), new Actor("d")).await().indefinitely())));
        String contact = outcomes.get(0);
        String deleted = outcomes.get(1);
        boolean firmGone = Gql.ok("{ " + co + "(id: \"" + firm.id() + "\") { id } }").get("data." + co) == null;
        if (firmGone && !contact.equals("VALIDATION_FAILED")) {
          Object ref = Gql.ok("{ " + ct + "(id: \"" + contact + "\") { firm { id } } }").get("data." + ct);
          Object firmOfContact = ref == null ? null : ((Map<?, ?>) ref).get("firm");
          assertNull(firmOfContact, "round " + round + ": the contact points at a deleted firm (" + contact + ", " + deleted + ")");
        }
      }
    }
  }

  @Test
  void textBeyondAnIndexEntryInAnIndexedOrUniqueFieldIsRefusedNamingTheField() {
    String e = Gql.unique("member");
    Gql.publish(entity(e, field("code", "text", "unique", true), field("city", "text", "indexed", true), field("note", "longText")));
    String huge = "码".repeat(20_000);
    refused(create(e, "code: \"" + huge + "\""), "code");
    refused(create(e, "city: \"" + huge + "\""), "city");
    Gql.ok("mutation { create" + cap(e) + "(input: {note: \"" + huge + "\"}) { id } }");
  }

  @Test
  void nulCharactersHalfSurrogatesAndHugeNumbersAreRefusedNotStoredOrCrashed() {
    String e = Gql.unique("memo");
    Gql.publish(entity(e, field("title", "text"), field("extra", "json"), field("spend", "money")));
    refused(Gql.post("mutation C($t: String) { create" + cap(e) + "(input: {title: $t}) { id } }", Map.of("t", "a\u0000b")), "title");
    // a lone surrogate arrives as a JSON escape (an encoder would have turned it into "?" already)
    refused(Gql.postBody("{\"query\": \"mutation C($t: String) { create" + cap(e) + "(input: {title: $t}) { id } }\","
        + " \"variables\": {\"t\": \"x\\ud800y\"}}"), "title");
    refused(Gql.post("mutation C($j: JSON) { create" + cap(e) + "(input: {extra: $j}) { id } }",
        Map.of("j", Map.of("k", List.of("fine", "bad\u0000")))), "extra");
    for (String n : new String[] {"1e999999999", "-1e999999999", "1e-999999999", "1e1001"}) {
      JsonPath r = Gql.post("mutation C($s: Decimal) { create" + cap(e) + "(input: {spend: $s}) { id } }", Map.of("s", n));
      assertTrue(r.getList("errors") != null && !r.prettify().contains("INTERNAL_ERROR"), r.prettify());
      JsonPath f = Gql.post("{ " + e + "s(filter: {spend: {gt: \"" + n + "\"}}) { totalCount } }");
      assertTrue(f.getList("errors") != null && !f.prettify().contains("INTERNAL_ERROR"), f.prettify());
    }
  }

  @Test
  void anImportReportsEachBadRowAndGoesOn() {
    String e = Gql.unique("lead");
    Gql.publish(entity(e, field("name", "text"), field("day", "date")));
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(Map.of("name", "first"));
    rows.add(Map.of("name", "bad\u0000name"));
    rows.add(Map.of("name", "early", "day", "0000-01-01"));
    rows.add(Map.of("name", "last"));
    JsonPath r = Gql.ok("mutation I($in: [" + cap(e) + "Input!]!) { import" + cap(e) + "s(inputs: $in) { created failed"
        + " rows { row status problems { path code } } } }", Map.of("in", rows));
    assertEquals(2, r.getInt("data.import" + cap(e) + "s.created"), r.prettify());
    assertEquals(2, r.getInt("data.import" + cap(e) + "s.failed"));
    assertEquals(List.of("CREATED", "FAILED", "FAILED", "CREATED"), r.getList("data.import" + cap(e) + "s.rows.status"));
    assertEquals("name", r.getString("data.import" + cap(e) + "s.rows[1].problems[0].path"));
    assertEquals("day", r.getString("data.import" + cap(e) + "s.rows[2].problems[0].path"));
  }
}
