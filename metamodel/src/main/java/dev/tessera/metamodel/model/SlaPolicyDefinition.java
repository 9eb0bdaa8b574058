package dev.tessera.metamodel.model;

import dev.tessera.metamodel.model.FlowNode.Approver;
import dev.tessera.metamodel.model.FlowNode.ApproverType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An SLA policy ({@code slaPolicy}, ADR 0052): first-response and resolution targets in working time of a
 * {@code calendar} for the records of {@code entity}. The first target whose {@code when} holds applies
 * (re-chosen on every change, keeping the working time elapsed); the clocks stand still while
 * {@code pauseWhen} holds; {@code firstResponseWhen} and {@code resolvedWhen} stop them. At {@code warnAt}
 * of a target the record is in warning and {@code warnNotify} is told; after the first breach the
 * {@code escalation} steps tell their people, each once. Durations are working time: a day counts as the
 * working hours of one working day of the calendar ({@link #workingTime}). The reader is lenient (lists keep
 * nulls at their index); the checks report what is wrong. Defaults: active, warnAt {@value #DEFAULT_WARN_AT},
 * warnNotify the record owner.
 */
public record SlaPolicyDefinition(String id, String name, LocalizedText label, LocalizedText description, String entity,
    Boolean activeFlag, String calendar, List<Target> targets, String firstResponseWhen, String resolvedWhen,
    String pauseWhen, Double warnAt, List<Approver> warnNotify, List<Escalation> escalation) implements EntityRule {
  public static final String KIND = "slaPolicy";
  public static final double DEFAULT_WARN_AT = 0.8;
  /** The value of an escalation's {@code after} that means "at the breach". */
  public static final String AT_BREACH = "breach";
  /** The GraphQL field of an entity's records that shows their SLA state; an entity with a policy may not have such a field. */
  public static final String STATE_FIELD = "sla";

  public SlaPolicyDefinition {
    activeFlag = activeFlag == null ? Boolean.TRUE : activeFlag;
    targets = copy(targets);
    warnAt = warnAt == null ? DEFAULT_WARN_AT : warnAt;
    warnNotify = warnNotify == null ? List.of(new Approver(ApproverType.RECORD_OWNER, null, null, null, null, null, null))
        : copy(warnNotify);
    escalation = copy(escalation);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean active() {
    return activeFlag;
  }

  /**
   * An ISO-8601 duration as working time: its day part counts {@code workingDay} per day (P2D with 9-hour
   * days is 18 working hours), the rest as written; empty when it does not parse.
   */
  public static Optional<Duration> workingTime(String iso, Duration workingDay) {
    if (iso == null) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.parse(iso);
      long days = d.toDays();
      return Optional.of(workingDay.multipliedBy(days).plus(d.minusDays(days)));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static <T> List<T> copy(List<T> items) {
    return items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
  }

  /** One target: when it applies (null: always) and the first-response and resolution times (either may be absent). */
  public record Target(String when, String firstResponse, String resolution) {}

  /** An escalation step: {@code after} the breach ({@value #AT_BREACH} or a working-time duration), whom to tell ({@code notify} in the JSON). */
  public record Escalation(String after, List<Approver> people) {
    public Escalation {
      people = copy(people);
    }
  }
}
