package dev.tessera.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.CalendarJson;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.json.SlaJson;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The clocks of an SLA policy under the starter pack's 法定工作日 calendar (chinaMainland: 09:00–18:00, the
 * National Day holiday 10-01..10-07 and the 调休 Saturday 10-10), with the time set by the test: due times
 * skip the holiday and count the make-up Saturday, paused time does not count, a new target keeps the time
 * elapsed, warnings come at the share, the breach once, escalation steps in order.
 */
class SlaClockTest {
  private static final String POLICY = """
      {"kind": "slaPolicy", "name": "ticketSla", "entity": "ticket", "calendar": "chinaMainland",
       "targets": [{"when": "priority == 'P0'", "firstResponse": "PT1H", "resolution": "PT4H"},
                   {"firstResponse": "PT4H", "resolution": "P3D"}],
       "firstResponseWhen": "status != 'new'", "resolvedWhen": "status == 'resolved'", "pauseWhen": "status == 'waiting'",
       "warnAt": 0.8,
       "escalation": [{"after": "breach", "notify": [{"type": "recordOwner"}]},
                      {"after": "PT2H", "notify": [{"type": "manager"}]}]}""";

  private final SlaClock clock = new SlaClock(policy(), calendar());

  @Test
  void aResolutionDueCrossingNationalDayCountsTheMakeUpSaturday() {
    // Wed 09-30 17:00: 1 h that day, 10-01..10-07 off, Thu 10-08 and Fri 10-09 9 h each, Sat 10-10 (调休) 8 h more
    SlaState s = entered("2026-09-30T17:00+08:00", 1);
    assertEquals(at("2026-10-10T17:00+08:00"), s.resolutionDue);
    // four working hours to the first response: 1 h on 09-30, 3 h on 10-08
    assertEquals(at("2026-10-08T12:00+08:00"), s.responseDue);
    assertEquals(SlaState.Status.OK, s.status);
  }

  @Test
  void pausedTimeDoesNotCount() {
    SlaState s = entered("2026-11-02T09:00+08:00", 0); // Monday; resolution PT4H due 13:00
    assertEquals(at("2026-11-02T13:00+08:00"), s.resolutionDue);
    clock.observe(s, at("2026-11-02T10:00+08:00"), 0, true, false, true); // waiting on the customer after 1 h
    assertEquals(SlaState.Status.PAUSED, s.status);
    assertNull(s.resolutionDue);
    assertNull(s.nextAt);
    clock.observe(s, at("2026-11-03T10:00+08:00"), 0, true, false, false); // answered a day later: 3 h left
    assertEquals(3600, s.elapsed);
    assertEquals(at("2026-11-03T13:00+08:00"), s.resolutionDue);
    assertEquals(3 * 3600, clock.timeLeft(s, at("2026-11-03T10:00+08:00")));
  }

  @Test
  void aNewTargetKeepsTheTimeElapsed() {
    SlaState s = entered("2026-11-02T09:00+08:00", 1); // P3D = 27 working hours
    clock.observe(s, at("2026-11-02T12:00+08:00"), 0, false, false, false); // raised to P0 after 3 h: 1 h left
    assertEquals(0, s.target);
    assertEquals(3 * 3600, s.elapsed);
    assertEquals(at("2026-11-02T13:00+08:00"), s.resolutionDue);
    // the first response (1 h) is already overdue: the scheduler looks at once
    assertEquals(at("2026-11-02T12:00+08:00"), s.responseDue);
    assertEquals(at("2026-11-02T12:00+08:00"), s.nextAt);
  }

  @Test
  void warningAtTheShareThenBreachThenEscalationsEachOnce() {
    SlaState s = entered("2026-11-02T09:00+08:00", 0);
    clock.observe(s, at("2026-11-02T09:10+08:00"), 0, true, false, false); // responded in time
    assertEquals(at("2026-11-02T12:12+08:00"), s.nextAt); // 80 % of 4 h
    assertEquals(List.of(new SlaClock.Event(SlaClock.Kind.WARNING, SlaClock.RESOLUTION, -1)),
        clock.fire(s, at("2026-11-02T12:12+08:00")));
    assertEquals(SlaState.Status.WARNING, s.status);
    assertEquals(List.of(), clock.fire(s, at("2026-11-02T12:30+08:00")));
    assertEquals(List.of(new SlaClock.Event(SlaClock.Kind.BREACH, SlaClock.RESOLUTION, -1),
        new SlaClock.Event(SlaClock.Kind.ESCALATION, null, 0)), clock.fire(s, at("2026-11-02T13:05+08:00")));
    assertEquals(at("2026-11-02T13:00+08:00"), s.resolutionBreachedAt);
    assertEquals(SlaState.Status.BREACHED, s.status);
    assertEquals(at("2026-11-02T15:00+08:00"), s.nextAt);
    assertEquals(List.of(new SlaClock.Event(SlaClock.Kind.ESCALATION, null, 1)), clock.fire(s, at("2026-11-02T15:00+08:00")));
    assertNull(s.nextAt);
    assertEquals(List.of(), clock.fire(s, at("2026-11-03T15:00+08:00")));
  }

  @Test
  void resolvedInTimeIsMetAndStopsTheClocks() {
    SlaState s = entered("2026-11-02T09:00+08:00", 0);
    clock.observe(s, at("2026-11-02T11:00+08:00"), 0, true, true, false);
    assertEquals(SlaState.Status.MET, s.status);
    assertEquals(at("2026-11-02T11:00+08:00"), s.respondedAt);
    assertNull(s.nextAt);
    assertNull(clock.timeLeft(s, at("2026-11-05T11:00+08:00")));
  }

  private SlaState entered(String t, int target) {
    SlaState s = clock.start(UUID.randomUUID(), "ticket", UUID.randomUUID(), at(t));
    clock.observe(s, at(t), target, false, false, false);
    return s;
  }

  private static Instant at(String t) {
    return OffsetDateTime.parse(t).toInstant();
  }

  private static SlaPolicyDefinition policy() {
    try {
      return SlaJson.slaPolicy(MetamodelJson.mapper().readTree(POLICY));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CalendarDefinition calendar() {
    try (InputStream in = SlaClockTest.class.getResourceAsStream("/templates/starter/calendars/chinaMainland.json")) {
      JsonNode c = MetamodelJson.mapper().readTree(in);
      return CalendarJson.calendar(c);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
