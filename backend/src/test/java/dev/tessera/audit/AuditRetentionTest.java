package dev.tessera.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit retention as configured: days or ISO-8601, never under a day. */
class AuditRetentionTest {
  @Test
  void aNumberIsDaysAndIsoDurationsAreTakenAsTheyAre() {
    assertEquals(Duration.ofDays(180), AuditRetention.parse("180"));
    assertEquals(Duration.ofDays(365), AuditRetention.parse(" 365 "));
    assertEquals(Duration.ofDays(200), AuditRetention.parse("P200D"));
    assertEquals(Duration.ofHours(36), AuditRetention.parse("PT36H"));
    assertEquals(Duration.ofDays(1), AuditRetention.parse("P1D"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "PT23H59M", "PT0S", "-P1D"})
  void lessThanADayStopsTheStartSayingWhy(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditRetention.parse(value));
    assertTrue(e.getMessage().contains("at least one day"), e.getMessage());
    assertTrue(e.getMessage().contains("tessera.audit.retention"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "six months", "180 days", "P6M"})
  void somethingElseIsRefusedNamingTheSettingAndTheForms(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditRetention.parse(value));
    assertTrue(e.getMessage().contains("tessera.audit.retention must be a number of days (e.g. 180) or an ISO-8601"),
        e.getMessage());
  }
}
