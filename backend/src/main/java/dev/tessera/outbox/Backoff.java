package dev.tessera.outbox;

import java.time.Duration;

/** Exponential backoff: {@code base}, then doubling per attempt, never above {@code max}. */
public record Backoff(Duration base, Duration max) {
  /** The wait after the {@code attempt}-th failed attempt (1-based). */
  public Duration after(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    long millis = base.toMillis() << doublings;
    return millis < 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
