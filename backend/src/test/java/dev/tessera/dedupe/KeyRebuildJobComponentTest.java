package dev.tessera.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.Jobs;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A matching rule added to an entity that already holds records: the publish only queues the key
 * rebuild, which runs in the background a page at a time with its progress readable through GraphQL,
 * and once done the rule finds duplicates among records on every page.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class KeyRebuildJobComponentTest {
  @Test
  void theRebuildRunsInTheBackgroundOverEveryPageWithItsProgress() {
    String e = DuplicateComponentTest.publish("block", false);
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 2100; i++) {
      rows.add(Map.of("name", "客户" + i, "phone", String.format("1390000%04d", i)));
    }
    JsonPath created = Gql.ok("mutation C($in: [" + E + "Input!]!) { create" + E + "s(inputs: $in) { id } }", Map.of("in", rows));
    assertEquals(2100, created.getList("data.create" + E + "s").size());

    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes } }",
        Map.of("d", List.of(DuplicateComponentTest.rule(Gql.unique("later"), e, "block", 0.6))));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    String job = Jobs.queuedBy(r.getList("data.publishDefinitions.changes"), "rebuild duplicate-matching keys of " + e);
    JsonPath queued = Gql.ok("{ backgroundJob(id: \"" + job + "\") { kind entity state } }");
    assertEquals("matchKeys", queued.getString("data.backgroundJob.kind"));
    assertEquals(e, queued.getString("data.backgroundJob.entity"));

    JsonPath done = Jobs.awaitDone(job);
    assertEquals("2100", done.getString("data.backgroundJob.done"), done.prettify());
    assertEquals("2100", done.getString("data.backgroundJob.total"));
    assertNotNull(done.getString("data.backgroundJob.finishedAt"));
    JsonPath dup = Gql.post("mutation { create" + E + "(input: {name: \"客户2050\", phone: \"+86 139 0000 2050\"}) { id } }");
    assertEquals("DUPLICATE", dup.getString("errors[0].extensions.problems[0].code"), "found on the third page: " + dup.prettify());
  }

  @Test
  void anUnknownJobIsNullAndABadIdIsRefused() {
    org.junit.jupiter.api.Assertions.assertNull(Gql.ok("{ backgroundJob(id: \"999999999\") { id } }").getString("data.backgroundJob"));
    JsonPath bad = Gql.post("{ backgroundJob(id: \"x\") { id } }");
    assertEquals("BAD_REQUEST", bad.getString("errors[0].extensions.code"), bad.prettify());
  }
}
