package dev.tessera.metamodel.model;

import java.util.List;

/**
 * What starts a flow: one record per trigger type of ADR 0046. Every trigger on records has an
 * {@link #entity()} and may have an enrollment {@link #condition()} (an expression over the record,
 * checked before an instance is created). {@link Unknown} holds a type the platform does not know; it
 * only appears in definitions that were refused.
 */
public sealed interface FlowTrigger {
  /** The default time zone of schedules and relative dates. */
  String DEFAULT_TIMEZONE = "Asia/Shanghai";

  /** The type as the JSON writes it ({@code recordCreated} ...). */
  String type();

  /** The entity whose records the flow runs on; null for a schedule without entity. */
  String entity();

  /** The enrollment condition; null when every record enrolls. */
  String condition();

  /** True when a record change in the change feed fires the trigger. */
  default boolean isRecordChange() {
    return this instanceof RecordCreated || this instanceof RecordUpdated || this instanceof RecordDeleted
        || this instanceof StageChanged || this instanceof OwnerChanged;
  }

  record RecordCreated(String entity, String condition) implements FlowTrigger {
    @Override
    public String type() {
      return "recordCreated";
    }

  }

  /** Fires when all {@code changes} hold (none: on every update). */
  record RecordUpdated(String entity, String condition, List<Change> changes) implements FlowTrigger {
    public RecordUpdated {
      changes = List.copyOf(changes);
    }
    @Override
    public String type() {
      return "recordUpdated";
    }

  }

  /**
   * A field change: without {@code from}/{@code to} "changed"; with them "changed from" / "changed to".
   * Values are compared with the field's value written as JSON text ({@code "won"}, {@code "12.5"}, {@code "true"}).
   */
  record Change(String field, String from, String to) {}

  record RecordDeleted(String entity, String condition) implements FlowTrigger {
    @Override
    public String type() {
      return "recordDeleted";
    }

  }

  /** A picklist or stage field changed (optionally from / to a value). */
  record StageChanged(String entity, String condition, String field, String from, String to) implements FlowTrigger {
    @Override
    public String type() {
      return "stageChanged";
    }

  }

  /** The owner changed, by one of {@code via} ({@link #VIA}); empty: by any of them. */
  record OwnerChanged(String entity, String condition, List<String> via) implements FlowTrigger {
    /** The ways an owner changes. */
    public static final List<String> VIA = List.of("claim", "release", "recycle", "assignment", "edit");

    public OwnerChanged {
      via = List.copyOf(via);
    }
    @Override
    public String type() {
      return "ownerChanged";
    }

  }

  /**
   * A cron schedule (5 fields, see {@code dev.tessera.metamodel.time.Cron}) in {@code timezone}; with
   * an {@code entity}, one instance per record matching {@code filter} (its {@link #condition()}).
   */
  record Schedule(String cron, String timezone, String entity, String filter) implements FlowTrigger {
    public Schedule {
      timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
    }
    @Override
    public String type() {
      return "schedule";
    }

    @Override
    public String condition() {
      return filter;
    }
  }

  /**
   * {@code offsetDays} days after (negative: before) the date in {@code field}, at {@code at} (HH:mm,
   * default {@value #DEFAULT_AT}) in {@code timezone}; {@code annual} repeats every year (birthdays).
   */
  record RelativeDate(String entity, String condition, String field, int offsetDays, String at, boolean annual,
      String timezone) implements FlowTrigger {
    public static final String DEFAULT_AT = "09:00";

    public RelativeDate {
      at = at == null ? DEFAULT_AT : at;
      timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
    }
    @Override
    public String type() {
      return "relativeDate";
    }
  }

  /** An instance on each record of {@code entity} that the inbound source {@code webhook} creates or updates. */
  record Webhook(String webhook, String entity, String condition) implements FlowTrigger {
    @Override
    public String type() {
      return "webhook";
    }
  }

  /** Started by {@code startFlow} on a record or a filtered set; the only trigger a sub-flow may have. */
  record Manual(String entity, String condition) implements FlowTrigger {
    @Override
    public String type() {
      return "manual";
    }
  }

  /** A type the platform does not know (refused by the checks). */
  record Unknown(String type) implements FlowTrigger {
    @Override
    public String entity() {
      return null;
    }

    @Override
    public String condition() {
      return null;
    }
  }
}
