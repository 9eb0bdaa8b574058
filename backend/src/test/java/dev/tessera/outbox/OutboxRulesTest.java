package dev.tessera.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backoff doubling to its cap, recipients masked in logs, SMTP replies that are final, message invariants. */
class OutboxRulesTest {
  @Test
  void backoffDoublesUpToItsCap() {
    Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1));
    assertEquals(Duration.ofSeconds(10), b.after(1));
    assertEquals(Duration.ofSeconds(20), b.after(2));
    assertEquals(Duration.ofSeconds(40), b.after(3));
    assertEquals(Duration.ofMinutes(1), b.after(4));
    assertEquals(Duration.ofMinutes(1), b.after(100));
  }

  @Test
  void recipientsAreMasked() {
    assertEquals("138****5678", Recipients.masked("13812345678"));
    assertEquals("z***@kehu.example.cn", Recipients.masked("zhang.san@kehu.example.cn"));
    assertEquals("https://hooks.example.com/…", Recipients.masked("https://hooks.example.com/t/secret-token"));
    assertEquals("****", Recipients.masked("1234"));
  }

  @Test
  void smtpReplyClass5IsFinal() {
    assertTrue(MailSender.permanent("550 5.1.1 no such user here"));
    assertFalse(MailSender.permanent("421 4.7.0 try again later"));
    assertFalse(MailSender.permanent("Connection refused: /127.0.0.1:25"));
  }

  @Test
  void aMessageNeedsAKeyAndARecipient() {
    assertThrows(IllegalArgumentException.class, () -> new OutboundMessage(" ", Channel.SMS, "13812345678", null, "x", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new OutboundMessage("k", Channel.SMS, "", null, "x", Map.of()));
    assertEquals(Map.of(), new OutboundMessage("k", Channel.SMS, "13812345678", null, "x", null).data());
  }
}
