package dev.tessera.sla;

import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition.Escalation;
import dev.tessera.metamodel.time.WorkingTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The clocks of one SLA policy under its calendar (ADR 0052), pure: what a record change does to a record's
 * state ({@link #observe}), what is due when the scheduler looks ({@link #fire}), and the working time left.
 * Only working time of the calendar counts, and none while paused or resolved. A change of target keeps the
 * time elapsed. Due times, warning times and the next moment to look are recomputed on every change.
 */
public final class SlaClock {
  /** What came due: a warning or breach of a clock, or an escalation step (its index). */
  public record Event(Kind kind, String clock, int step) {}

  public enum Kind { WARNING, BREACH, ESCALATION }

  public static final String RESPONSE = "firstResponse";
  public static final String RESOLUTION = "resolution";

  private final SlaPolicyDefinition policy;
  private final WorkingTime time;
  private final Duration day;

  public SlaClock(SlaPolicyDefinition policy, CalendarDefinition calendar) {
    this.policy = policy;
    this.time = new WorkingTime(calendar);
    this.day = dayLength(calendar);
  }

  /** The working hours of one working day: how long a day of a target is. */
  static Duration dayLength(CalendarDefinition calendar) {
    Duration d = Duration.ZERO;
    for (CalendarDefinition.Hours h : calendar.workingHours()) {
      LocalTime to = h.to();
      d = d.plus(Duration.between(h.from(), to)).plusNanos(to.equals(LocalTime.MAX) ? 1 : 0);
    }
    return d;
  }

  /** A new state for a record entering the policy at {@code t}; {@link #observe} then sets its target. */
  public SlaState start(UUID id, String entity, UUID recordId, Instant t) {
    SlaState s = new SlaState();
    s.id = id;
    s.policy = policy.name();
    s.entity = entity;
    s.recordId = recordId;
    s.startedAt = t;
    s.since = t;
    s.target = -1;
    return s;
  }

  /**
   * A change of the record at {@code t}: time counted up to {@code t}, the target that applies now
   * ({@code target} &lt; 0: none does; the last one stays), first response and resolution seen (a resolution
   * that no longer holds reopens the clock), paused or not; then due times and the next moment to look.
   */
  public void observe(SlaState s, Instant t, int target, boolean responded, boolean resolved, boolean paused) {
    advance(s, t);
    if (target >= 0) { // the policy's times as published now, also when the target stays
      SlaPolicyDefinition.Target x = policy.targets().get(target);
      s.target = target;
      s.responseTarget = seconds(x.firstResponse());
      s.resolutionTarget = seconds(x.resolution());
    }
    if (resolved && s.resolvedAt == null) {
      s.resolvedAt = t;
    } else if (!resolved) {
      s.resolvedAt = null;
    }
    if ((responded || resolved) && s.respondedAt == null) {
      s.respondedAt = t;
    }
    s.paused = paused && !resolved;
    schedule(s);
  }

  /** What has come due by {@code now} (each once), recorded on the state; then the next moment to look. */
  public List<Event> fire(SlaState s, Instant now) {
    List<Event> out = new ArrayList<>();
    if (s.running()) {
      Instant since = s.since;
      long before = s.elapsed;
      advance(s, now);
      if (s.respondedAt == null && s.responseTarget != null) {
        clock(s, RESPONSE, s.responseTarget, since, before, out);
      }
      if (s.resolutionTarget != null) {
        clock(s, RESOLUTION, s.resolutionTarget, since, before, out);
      }
      Instant breach = s.firstBreach();
      List<Escalation> steps = policy.escalation();
      while (breach != null && s.escalations < steps.size() && !step(breach, steps.get(s.escalations)).isAfter(now)) {
        out.add(new Event(Kind.ESCALATION, null, s.escalations));
        s.escalations++;
      }
    }
    schedule(s);
    return out;
  }

  /** Working seconds left on the nearest pending clock at {@code now} (negative once overdue); null when none is pending. */
  public Long timeLeft(SlaState s, Instant now) {
    long elapsed = s.elapsed + (s.running() && now.isAfter(s.since) ? time.between(s.since, now).getSeconds() : 0);
    Long left = null;
    if (s.respondedAt == null && s.responseTarget != null && s.resolvedAt == null) {
      left = s.responseTarget - elapsed;
    }
    if (s.resolvedAt == null && s.resolutionTarget != null) {
      long r = s.resolutionTarget - elapsed;
      left = left == null ? r : Math.min(left, r);
    }
    return left;
  }

  private void clock(SlaState s, String name, long target, Instant since, long before, List<Event> out) {
    boolean response = RESPONSE.equals(name);
    long warnAt = warnPoint(target);
    if ((response ? s.responseWarnedAt : s.resolutionWarnedAt) == null && s.elapsed >= warnAt) {
      Instant at = time.plus(since, Duration.ofSeconds(Math.max(0, warnAt - before)));
      if (response) {
        s.responseWarnedAt = at;
      } else {
        s.resolutionWarnedAt = at;
      }
      out.add(new Event(Kind.WARNING, name, -1));
    }
    if ((response ? s.responseBreachedAt : s.resolutionBreachedAt) == null && s.elapsed >= target) {
      Instant at = time.plus(since, Duration.ofSeconds(Math.max(0, target - before)));
      if (response) {
        s.responseBreachedAt = at;
      } else {
        s.resolutionBreachedAt = at;
      }
      out.add(new Event(Kind.BREACH, name, -1));
    }
  }

  /** Counts the working time from {@code since} to {@code t} when the clocks run. */
  private void advance(SlaState s, Instant t) {
    if (!t.isAfter(s.since)) {
      return;
    }
    if (s.running()) {
      s.elapsed += time.between(s.since, t).getSeconds();
    }
    s.since = t;
  }

  /** Due times, the status and the next moment the scheduler must look (null: nothing will come due). */
  private void schedule(SlaState s) {
    boolean responsePending = s.respondedAt == null && s.responseTarget != null && s.running();
    boolean resolutionPending = s.resolutionTarget != null && s.running();
    s.responseDue = responsePending ? at(s, s.responseTarget) : null;
    s.resolutionDue = resolutionPending ? at(s, s.resolutionTarget) : null;
    Instant next = null;
    if (responsePending) {
      next = earliest(next, s.responseWarnedAt == null ? at(s, warnPoint(s.responseTarget)) : null);
      next = earliest(next, s.responseBreachedAt == null ? s.responseDue : null);
    }
    if (resolutionPending) {
      next = earliest(next, s.resolutionWarnedAt == null ? at(s, warnPoint(s.resolutionTarget)) : null);
      next = earliest(next, s.resolutionBreachedAt == null ? s.resolutionDue : null);
    }
    Instant breach = s.firstBreach();
    if (breach != null && s.running() && s.escalations < policy.escalation().size()) {
      next = earliest(next, step(breach, policy.escalation().get(s.escalations)));
    }
    s.nextAt = next;
    s.status = status(s, responsePending && s.responseWarnedAt != null || resolutionPending && s.resolutionWarnedAt != null);
  }

  private static SlaState.Status status(SlaState s, boolean warned) {
    if (s.firstBreach() != null) {
      return SlaState.Status.BREACHED;
    }
    if (s.resolvedAt != null) {
      return SlaState.Status.MET;
    }
    if (s.paused) {
      return SlaState.Status.PAUSED;
    }
    return warned ? SlaState.Status.WARNING : SlaState.Status.OK;
  }

  /** The instant {@code seconds} of working time elapse on the running clock (now when already past). */
  private Instant at(SlaState s, long seconds) {
    return time.plus(s.since, Duration.ofSeconds(Math.max(0, seconds - s.elapsed)));
  }

  private long warnPoint(long target) {
    return (long) Math.ceil(target * policy.warnAt());
  }

  private Instant step(Instant breach, Escalation e) {
    if (SlaPolicyDefinition.AT_BREACH.equals(e.after())) {
      return breach;
    }
    return time.plus(breach, SlaPolicyDefinition.workingTime(e.after(), day).orElse(Duration.ZERO));
  }

  private Long seconds(String iso) {
    return SlaPolicyDefinition.workingTime(iso, day).map(Duration::getSeconds).orElse(null);
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
