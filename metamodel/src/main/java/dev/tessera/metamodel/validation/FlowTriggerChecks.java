package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.metamodel.model.PicklistOption;
import dev.tessera.metamodel.time.Cron;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The checks of a flow's trigger (its presence and type are the schema's): its entity exists; the enrollment condition (a schedule's filter)
 * compiles as true/false on the entity; changed fields exist, and a changed-from/to value of a
 * picklist is one of its options; a stage trigger's field is a picklist or stage; a relative date's
 * field is a date or date-time; a schedule's cron has 5 valid fields and fires at all; zones exist.
 */
final class FlowTriggerChecks {
  private static final String AT = ".trigger";

  private FlowTriggerChecks() {}

  static void check(FlowChecks c) {
    FlowTrigger t = c.flow.trigger();
    if (t == null || t instanceof FlowTrigger.Unknown) {
      return;
    }
    c.entity(AT + ".entity", t.entity());
    if (t instanceof FlowTrigger.Schedule s) {
      schedule(c, s);
    } else if (c.entity != null) {
      c.expression(AT + ".condition", t.condition(), c.scope(null), ExprType.BOOLEAN);
    }
    if (c.entity == null) {
      return;
    }
    if (t instanceof FlowTrigger.RecordUpdated u) {
      for (int i = 0; i < u.changes().size(); i++) {
        FlowTrigger.Change ch = u.changes().get(i);
        String at = AT + ".changes[" + i + "]";
        FieldDefinition f = c.field(at + ".field", c.entity, ch.field());
        option(c, at + ".from", f, ch.from());
        option(c, at + ".to", f, ch.to());
      }
    } else if (t instanceof FlowTrigger.StageChanged s) {
      FieldDefinition f = c.field(AT + ".field", c.entity, s.field());
      if (f != null && f.type() != FieldType.PICKLIST && f.type() != FieldType.STAGE) {
        c.add(ProblemCode.INVALID_OPTION, AT + ".field", FlowMessage.NOT_A_PICKLIST, "field", s.field());
      } else {
        option(c, AT + ".from", f, s.from());
        option(c, AT + ".to", f, s.to());
      }
    } else if (t instanceof FlowTrigger.RelativeDate r) {
      FieldDefinition f = c.field(AT + ".field", c.entity, r.field());
      if (f != null && f.valueType() != FieldType.DATE && f.valueType() != FieldType.DATETIME) {
        c.add(ProblemCode.INVALID_OPTION, AT + ".field", FlowMessage.NOT_A_DATE_FIELD, "field", r.field());
      }
      c.timezone(AT + ".timezone", r.timezone());
    }
  }

  private static void schedule(FlowChecks c, FlowTrigger.Schedule s) {
    c.timezone(AT + ".timezone", s.timezone());
    if (s.filter() != null && s.entity() == null) {
      c.add(ProblemCode.REQUIRED, AT + ".entity", FlowMessage.FILTER_NEEDS_ENTITY);
    } else if (c.entity != null) {
      c.expression(AT + ".filter", s.filter(), c.scope(null), ExprType.BOOLEAN);
    }
    cron(c, AT + ".cron", s.cron());
  }

  /** A cron of 5 valid fields that fires within the years {@link Cron#next} looks at. */
  static void cron(FlowChecks c, String at, String cron) {
    if (cron == null) {
      return;
    }
    try {
      if (Cron.parse(cron).next(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"))) == null) {
        c.add(ProblemCode.INVALID_VALUE, at, FlowMessage.CRON_NEVER_FIRES, "cron", cron);
      }
    } catch (Cron.InvalidCronException e) {
      if (e.field() == null) {
        c.add(ProblemCode.INVALID_VALUE, at, FlowMessage.INVALID_CRON, "cron", cron);
      } else {
        c.add(ProblemCode.INVALID_VALUE, at, FlowMessage.INVALID_CRON_FIELD, "part",
            FlowMessage.valueOf("TERM_" + e.field().name()).text(), "value", e.part(), "min", e.field().min, "max",
            e.field().max);
      }
    }
  }

  /** A value a picklist or stage field changed from or to is one of its options. */
  static void option(FlowChecks c, String at, FieldDefinition f, String value) {
    if (f == null || value == null || f.options().isEmpty() || f.hasOption(value)) {
      return;
    }
    List<String> values = f.options().stream().map(PicklistOption::value).toList();
    c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.NOT_AN_OPTION, "value", value, "field", f.name(), "options",
        FlowChecks.list(values));
  }
}
