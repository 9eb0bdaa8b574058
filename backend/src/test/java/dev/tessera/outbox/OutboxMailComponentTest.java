package dev.tessera.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.notification.Inbox;
import dev.tessera.platform.Actor;
import dev.tessera.platform.TxRunner;
import dev.tessera.support.GreenMail;
import dev.tessera.support.Gql;
import dev.tessera.support.Outboxes;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages through the outbox: email over SMTP to a real server in its own process (GreenMail), once per
 * key even when workers race; SMS through the logging sender; in-app messages once per key in the inbox.
 */
@QuarkusTest
@TestProfile(OutboxMailComponentTest.WithSmtp.class)
@QuarkusTestResource(TestDatabase.class)
class OutboxMailComponentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * The mailer pointed at a GreenMail process this test starts and stops; the worker polls once an hour,
   * so what it delivers without a test running it, it delivered because the commit woke it (NOTIFY).
   */
  public static class WithSmtp implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(GreenMail.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tessera.outbox.interval", "1H");
    }
  }

  @Inject
  Outbox outbox;
  @Inject
  OutboxWorker worker;
  @Inject
  OutboxStore store;
  @Inject
  TxRunner tx;
  @Inject
  Inbox inbox;

  @Test
  void emailGoesOverSmtpOnceInUtf8EvenWhenWorkersRace() {
    String run = Gql.unique("m");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String key = "test:" + run + ":" + i;
      keys.add(key);
      OutboundMessage m = new OutboundMessage(key, Channel.EMAIL, run + i + "@kehu.example.cn", "订单已发货 #" + i,
          "尊敬的张先生：您的订单 " + i + " 已发货，请注意查收。Order shipped.", Map.of());
      assertTrue(tx.inTransaction(t -> outbox.enqueue(t, m)).await().atMost(WAIT), "new");
      assertFalse(tx.inTransaction(t -> outbox.enqueue(t, m)).await().atMost(WAIT), "the same key again is a no-op");
    }
    // three workers at once (plus this node's own poller): SKIP LOCKED hands each message to one of them
    Uni.join().all(worker.runDue(), worker.runDue(), worker.runDue()).andFailFast().await().atMost(WAIT);
    for (String key : keys) {
      awaitState(key, "sent");
    }
    worker.runDue().await().atMost(WAIT);
    for (int i = 0; i < 5; i++) {
      List<GreenMail.Received> got = GreenMail.inbox(run + i + "@kehu.example.cn");
      assertEquals(1, got.size(), "sent exactly once: " + got);
      assertEquals("订单已发货 #" + i, got.get(0).subject());
      assertTrue(got.get(0).body().contains("尊敬的张先生：您的订单 " + i + " 已发货"), got.get(0).body());
    }
  }

  @Test
  void smsGoesThroughTheLoggingSender() {
    String key = "test:" + Gql.unique("sms");
    OutboundMessage m = new OutboundMessage(key, Channel.SMS, "13800138000", "验证码", "您的验证码是 123456", Map.of());
    tx.inTransaction(t -> outbox.enqueue(t, m)).await().atMost(WAIT);
    worker.runDue().await().atMost(WAIT);
    awaitState(key, "sent");
  }

  @Test
  void aCommittedMessageWakesTheWorker() {
    String key = "test:" + Gql.unique("wake");
    String to = Gql.unique("wake") + "@kehu.example.cn";
    OutboundMessage m = new OutboundMessage(key, Channel.EMAIL, to, "欢迎加入", "您好，欢迎注册会员。", Map.of());
    tx.inTransaction(t -> outbox.enqueue(t, m)).await().atMost(WAIT);
    Outboxes.awaitState(tx, store, worker, key, "sent", false);
    assertEquals("欢迎加入", GreenMail.inbox(to).get(0).subject());
  }

  @Test
  void inAppMessagesLandInTheInboxOncePerKey() {
    String user = Gql.unique("u");
    String key = "test:" + user;
    OutboundMessage m = new OutboundMessage(key, Channel.IN_APP, user, "新线索", "请跟进 李雷",
        Map.of("subjectEn", "New lead", "bodyEn", "Follow up Li Lei", "kind", "flow"));
    assertTrue(tx.inTransaction(t -> outbox.enqueue(t, m)).await().atMost(WAIT));
    assertFalse(tx.inTransaction(t -> outbox.enqueue(t, m)).await().atMost(WAIT));
    var got = inbox.list(new Actor(user), false, 10).await().atMost(WAIT);
    assertEquals(1, got.size());
    assertEquals("新线索", got.get(0).title("zh-CN"));
    assertEquals("Follow up Li Lei", got.get(0).body("en"));
  }

  @Test
  void aRolledBackEnqueueSendsNothing() {
    String key = "test:" + Gql.unique("rb");
    OutboundMessage m = new OutboundMessage(key, Channel.EMAIL, "rb@kehu.example.cn", "x", "y", Map.of());
    try {
      tx.inTransaction(t -> outbox.enqueue(t, m).chain(() -> Uni.createFrom().failure(new IllegalStateException("boom"))))
          .await().atMost(WAIT);
    } catch (IllegalStateException expected) {
      // rolled back
    }
    assertEquals(null, tx.withConnection(t -> store.byKey(t, key)).await().atMost(WAIT));
  }

  private void awaitState(String key, String state) {
    Outboxes.awaitState(tx, store, worker, key, state);
  }
}
