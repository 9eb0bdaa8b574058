package dev.tessera.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * The SLA state of one record under one policy (a row of {@code tessera_sla}, ADR 0052): a working copy
 * that {@link SlaClock} changes and the store writes back. Working time is counted in seconds:
 * {@link #elapsed} up to {@link #since}; while the clocks run (not paused, not resolved) more accrues from
 * {@code since}. Due times are null while paused, once met, or without target.
 */
public final class SlaState {
  public UUID id;
  public String policy;
  public String entity;
  public UUID recordId;
  public int target;
  public Long responseTarget;
  public Long resolutionTarget;
  public Instant startedAt;
  public Instant since;
  public long elapsed;
  public boolean paused;
  public Instant respondedAt;
  public Instant resolvedAt;
  public Instant responseWarnedAt;
  public Instant resolutionWarnedAt;
  public Instant responseBreachedAt;
  public Instant resolutionBreachedAt;
  public int escalations;
  public Instant responseDue;
  public Instant resolutionDue;
  public Instant nextAt;
  public Status status = Status.OK;

  /** What lists filter on: breached dominates, then met, paused, warning. */
  public enum Status {
    OK, WARNING, PAUSED, BREACHED, MET;

    public String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String sql) {
      return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** The first breach of either clock, or null. */
  public Instant firstBreach() {
    if (responseBreachedAt == null) {
      return resolutionBreachedAt;
    }
    return resolutionBreachedAt == null || responseBreachedAt.isBefore(resolutionBreachedAt) ? responseBreachedAt
        : resolutionBreachedAt;
  }

  /** True while time counts: not paused and not resolved. */
  public boolean running() {
    return !paused && resolvedAt == null;
  }
}
