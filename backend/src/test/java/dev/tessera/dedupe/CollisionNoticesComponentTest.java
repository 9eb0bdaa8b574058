package dev.tessera.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A collision (撞单) between two different owners lands in both owners' inboxes, whether the write was
 * warned or blocked; none when one person owns both; each user sees and marks only their own.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class CollisionNoticesComponentTest {
  static final String INBOX = "query N($u: Boolean) { notifications(unreadOnly: $u) { id kind title body entity recordId read createdAt } }";

  static JsonPath inbox(String user, String locale, boolean unreadOnly) {
    JsonPath r = Gql.post(user, locale, INBOX, Map.of("u", unreadOnly));
    assertNull(r.get("errors"), r.prettify());
    return r;
  }

  static String create(String e, String input) {
    return DuplicateComponentTest.create(e, input).getString("data.create" + Character.toUpperCase(e.charAt(0)) + e.substring(1) + ".id");
  }

  @Test
  void aWarnedCollisionNotifiesBothOwners() {
    String e = DuplicateComponentTest.publish("warn", true);
    String wang = Gql.unique("wang");
    String li = Gql.unique("li");
    String first = create(e, "name: \"赵六\", phone: \"13512340001\", ownerId: \"" + wang + "\"");
    String second = create(e, "name: \"赵六\", phone: \"135 1234 0001\", ownerId: \"" + li + "\"");
    JsonPath toWang = inbox(wang, "en", false);
    assertEquals(1, toWang.getList("data.notifications").size(), toWang.prettify());
    assertEquals("duplicate", toWang.getString("data.notifications[0].kind"));
    assertEquals(first, toWang.getString("data.notifications[0].recordId"), "the existing owner's own record");
    assertEquals(e, toWang.getString("data.notifications[0].entity"));
    assertTrue(toWang.getString("data.notifications[0].title").contains(li), toWang.prettify());
    assertTrue(toWang.getString("data.notifications[0].body").contains(second));
    assertFalse(toWang.getBoolean("data.notifications[0].read"));
    JsonPath toLi = inbox(li, "zh-CN", false);
    assertEquals(1, toLi.getList("data.notifications").size(), toLi.prettify());
    assertEquals(second, toLi.getString("data.notifications[0].recordId"), "the writer's owner gets the new record");
    assertTrue(toLi.getString("data.notifications[0].title").startsWith("撞单"), toLi.prettify());
    assertTrue(toLi.getString("data.notifications[0].body").contains(first) && toLi.getString("data.notifications[0].body").contains(wang));
    String body = toLi.getString("data.notifications[0].body");
    assertTrue(body.contains(e + "实体") && body.contains("phone字段") && body.contains("“赵六”"),
        "entity and field by their zh-CN labels, the record by its name: " + body);
    assertFalse(body.contains("（phone）") || body.contains(" phone"), "no API names in a business user's message: " + body);
  }

  @Test
  void aBlockedCollisionNotifiesBothOwnersThoughNothingWasSaved() {
    String e = DuplicateComponentTest.publish("block", true);
    String wang = Gql.unique("wang");
    String li = Gql.unique("li");
    String first = create(e, "name: \"孙七\", phone: \"13512340002\", ownerId: \"" + wang + "\"");
    JsonPath blocked = DuplicateComponentTest.create(e, "name: \"孙七\", phone: \"+86 135 1234 0002\", ownerId: \"" + li + "\"");
    assertEquals("VALIDATION_FAILED", blocked.getString("errors[0].extensions.code"), blocked.prettify());
    JsonPath toWang = inbox(wang, "en", true);
    JsonPath toLi = inbox(li, "en", true);
    assertEquals(List.of(first), toWang.getList("data.notifications.recordId"), toWang.prettify());
    assertEquals(List.of(first), toLi.getList("data.notifications.recordId"), "the blocked record does not exist; the match does");
    assertTrue(toLi.getString("data.notifications[0].body").contains("was not saved"), toLi.prettify());
    assertTrue(toWang.getString("data.notifications[0].body").contains("blocked"), toWang.prettify());
    assertTrue(toWang.getString("data.notifications[0].body").contains("\"孙七\"")
        && toWang.getString("data.notifications[0].body").contains("same phone"), "the English label and the name: " + toWang.prettify());
  }

  @Test
  void aRuleThatSaysNotToNotifiesNobody() {
    String e = Gql.unique("quiet");
    Map<String, Object> rule = new java.util.LinkedHashMap<>(DuplicateComponentTest.rule(Gql.unique("quietRule"), e, "warn", 0.6));
    rule.put("notifyOwners", false);
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied problems { path message } } }",
        Map.of("d", List.of(dev.tessera.support.Defs.entity(e, dev.tessera.support.Defs.field("name", "text"),
            dev.tessera.support.Defs.field("phone", "phone"), dev.tessera.support.Defs.field("email", "email")), rule)));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    String wang = Gql.unique("wang");
    String li = Gql.unique("li");
    create(e, "name: \"周八\", phone: \"13512340009\", ownerId: \"" + wang + "\"");
    String second = create(e, "name: \"周八\", phone: \"135 1234 0009\", ownerId: \"" + li + "\"");
    assertEquals("warn", Gql.ok("{ duplicateReports(id: \"" + second + "\") " + DuplicateComponentTest.REPORT + " }").getString("data.duplicateReports[0].action"),
        "still reported");
    assertTrue(inbox(wang, "en", false).getList("data.notifications").isEmpty());
    assertTrue(inbox(li, "en", false).getList("data.notifications").isEmpty());
  }

  @Test
  void noOneIsNotifiedWhenOnePersonOwnsBothRecords() {
    String e = DuplicateComponentTest.publish("warn", true);
    String wang = Gql.unique("wang");
    create(e, "name: \"钱八\", phone: \"13512340003\", ownerId: \"" + wang + "\"");
    create(e, "name: \"钱八\", phone: \"13512340003\", ownerId: \"" + wang + "\"");
    assertEquals(List.of(), inbox(wang, "en", false).getList("data.notifications"));
    assertEquals(1, Gql.ok("{ duplicateReports(owner: \"" + wang + "\") " + DuplicateComponentTest.REPORT + " }").getList("data.duplicateReports").size(),
        "the collision is still reported");
  }

  @Test
  void usersSeeAndMarkOnlyTheirOwnNotifications() {
    String e = DuplicateComponentTest.publish("link", true);
    String wang = Gql.unique("wang");
    String li = Gql.unique("li");
    create(e, "name: \"周九\", email: \"zhou@qq.com\", ownerId: \"" + wang + "\"");
    create(e, "name: \"周九\", email: \"Zhou+x@QQ.com\", ownerId: \"" + li + "\"");
    String wangs = inbox(wang, "en", false).getString("data.notifications[0].id");
    String lis = inbox(li, "en", false).getString("data.notifications[0].id");
    assertNotNull(wangs);
    assertFalse(wangs.equals(lis));
    assertEquals(List.of(), inbox(Gql.unique("zhang"), "en", false).getList("data.notifications"), "a third user sees nothing");
    String mark = "mutation R($ids: [ID!]!) { markNotificationsRead(ids: $ids) }";
    assertEquals(0, Gql.post(li, "en", mark, Map.of("ids", List.of(wangs))).getInt("data.markNotificationsRead"),
        "someone else's notification is left alone");
    assertEquals(1, inbox(wang, "en", true).getList("data.notifications").size());
    assertEquals(1, Gql.post(wang, "en", mark, Map.of("ids", List.of(wangs))).getInt("data.markNotificationsRead"));
    assertEquals(List.of(), inbox(wang, "en", true).getList("data.notifications"));
    assertTrue(inbox(wang, "en", false).getBoolean("data.notifications[0].read"));
    assertEquals(1, inbox(li, "en", true).getList("data.notifications").size(), "li's is still unread");
  }
}
