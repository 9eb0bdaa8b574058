package dev.tessera.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of the test app: the system's until a test sets it, then standing still at the time set
 * (engines that read {@link Clock}, such as SLA clocks, see exactly that time); {@link #reset} returns to
 * the system's. Replaces the platform's default clock bean in tests.
 */
@Singleton
public class MovableClock extends Clock {
  private volatile Instant fixed;

  public void set(Instant at) {
    fixed = at;
  }

  public void reset() {
    fixed = null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    Instant at = fixed;
    return at == null ? Instant.now() : at;
  }
}
