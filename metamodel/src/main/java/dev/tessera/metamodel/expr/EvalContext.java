package dev.tessera.metamodel.expr;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * What an evaluation may know besides its inputs: the clock and the time zone that "today" means
 * (China Standard Time unless the deployment says otherwise). Passed to the date functions, so tests
 * can fix the day.
 */
public record EvalContext(Clock clock) {
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final EvalContext SYSTEM = new EvalContext(Clock.system(CHINA));

  public static EvalContext system() {
    return SYSTEM;
  }

  public ZoneId zone() {
    return clock.getZone();
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  public OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
