package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowNode.Approver;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition.Escalation;
import dev.tessera.metamodel.model.SlaPolicyDefinition.Target;
import java.time.Duration;
import java.util.List;

/**
 * Semantic checks of an SLA policy (ADR 0052), each problem at its path: the entity exists and leaves the
 * name {@code sla} to the SLA state; the calendar exists; every condition compiles as true/false on the
 * entity's records; durations parse, are more than zero and at most 366 days; a target without condition
 * is the last; the conditions that stop the clocks are given when targets need them; the people to notify
 * name users, teams and roles that exist, user fields of the record, or expressions giving usernames.
 * The structure (types, ranges, required properties) is the schema's.
 */
final class SlaPolicyValidator {
  private static final Duration MAX_TARGET = Duration.ofDays(366);

  private final RecordRuleChecks c;

  private SlaPolicyValidator(RecordRuleChecks c) {
    this.c = c;
  }

  static List<Problem> validate(SlaPolicyDefinition d, String base, ValidationContext ctx) {
    RecordRuleChecks c = new RecordRuleChecks(d, base, ctx);
    SlaPolicyValidator v = new SlaPolicyValidator(c);
    if (d.calendar() != null && ctx.definition(CalendarDefinition.class, CalendarDefinition.KIND, d.calendar()).isEmpty()) {
      v.add(ProblemCode.UNKNOWN_TARGET, ".calendar", SlaMessage.UNKNOWN_CALENDAR, "calendar", d.calendar());
    }
    for (int i = 0; i < d.targets().size(); i++) {
      v.target(".targets[" + i + "]", d.targets().get(i), i, d.targets().size());
    }
    for (int i = 0; i < d.escalation().size(); i++) {
      Escalation e = d.escalation().get(i);
      if (e.after() != null && !SlaPolicyDefinition.AT_BREACH.equals(e.after())) {
        v.duration(".escalation[" + i + "].after", e.after());
      }
    }
    if (c.entity == null) {
      return c.out;
    }
    if (c.entity.field(SlaPolicyDefinition.STATE_FIELD).isPresent()) {
      v.add(ProblemCode.NAME_COLLISION, ".entity", SlaMessage.STATE_FIELD_TAKEN, "entity", c.entity.name());
    }
    v.stops(d);
    for (int i = 0; i < d.targets().size(); i++) {
      c.condition(".targets[" + i + "].when", d.targets().get(i).when());
    }
    v.people(".warnNotify", d.warnNotify());
    for (int i = 0; i < d.escalation().size(); i++) {
      v.people(".escalation[" + i + "].notify", d.escalation().get(i).people());
    }
    return c.out;
  }

  private void target(String at, Target t, int index, int count) {
    duration(at + ".firstResponse", t.firstResponse());
    duration(at + ".resolution", t.resolution());
    if (t.when() == null && index < count - 1) {
      add(ProblemCode.INVALID_OPTION, ".targets[" + (index + 1) + "]", SlaMessage.TARGET_UNREACHABLE, "index", index + 1);
    }
  }

  /** The conditions that pause and stop the clocks compile, and are given when a target needs them. */
  private void stops(SlaPolicyDefinition d) {
    boolean response = d.targets().stream().anyMatch(t -> t.firstResponse() != null);
    boolean resolution = d.targets().stream().anyMatch(t -> t.resolution() != null);
    if (response && d.firstResponseWhen() == null) {
      add(ProblemCode.REQUIRED, ".firstResponseWhen", SlaMessage.FIRST_RESPONSE_WHEN_REQUIRED);
    }
    if (resolution && d.resolvedWhen() == null) {
      add(ProblemCode.REQUIRED, ".resolvedWhen", SlaMessage.RESOLVED_WHEN_REQUIRED);
    }
    c.condition(".firstResponseWhen", d.firstResponseWhen());
    c.condition(".resolvedWhen", d.resolvedWhen());
    c.condition(".pauseWhen", d.pauseWhen());
  }

  /** A working-time duration: more than zero, at most 366 days (a day counted as 24 hours here, the most it can be). */
  private void duration(String at, String iso) {
    if (iso == null) {
      return;
    }
    Duration d = SlaPolicyDefinition.workingTime(iso, Duration.ofDays(1)).orElse(null);
    if (d == null) {
      add(ProblemCode.INVALID_VALUE, at, SlaMessage.NOT_A_DURATION, "value", iso);
    } else if (d.isNegative() || d.isZero()) {
      add(ProblemCode.INVALID_VALUE, at, SlaMessage.DURATION_NOT_POSITIVE);
    } else if (d.compareTo(MAX_TARGET) > 0) {
      add(ProblemCode.INVALID_VALUE, at, SlaMessage.TOO_LONG, "value", iso);
    }
  }

  private void people(String at, List<Approver> people) {
    for (int i = 0; i < people.size(); i++) {
      Approver a = people.get(i);
      if (a != null && a.type() != null) {
        person(at + "[" + i + "]", a);
      }
    }
  }

  private void person(String at, Approver a) {
    switch (a.type()) {
      case USER -> username(at + ".username", a.username());
      case TEAM -> {
        if (a.team() != null && !c.ctx.directory().hasTeam(a.team())) {
          add(ProblemCode.UNKNOWN_TARGET, at + ".team", SlaMessage.UNKNOWN_TEAM, "team", a.team());
        }
      }
      case ROLE -> {
        if (a.role() != null && !RoleDefinition.ADMIN.equals(a.role())
            && c.ctx.definition(RoleDefinition.class, RoleDefinition.KIND, a.role()).isEmpty()) {
          add(ProblemCode.UNKNOWN_TARGET, at + ".role", SlaMessage.UNKNOWN_ROLE, "role", a.role());
        }
      }
      case FIELD -> {
        FieldDefinition f = a.field() == null ? null : c.entity.field(a.field()).orElse(null);
        if (a.field() != null && f == null) {
          c.add(ProblemCode.INVALID_OPTION, at + ".field", MetadataMessage.NO_SUCH_FIELD, "entity", c.entity.name(),
              "field", a.field());
        } else if (f != null && f.type() != FieldType.USER && !(f.type() == FieldType.REFERENCE && "user".equals(f.target()))) {
          add(ProblemCode.INVALID_OPTION, at + ".field", SlaMessage.NOT_A_USER_FIELD, "field", a.field());
        }
      }
      case EXPRESSION -> expression(at + ".expression", a.expression());
      default -> { }
    }
  }

  private void username(String at, String username) {
    if (username == null) {
      return;
    }
    if (!FlowChecks.USERNAME.matcher(username).matches()) {
      add(ProblemCode.INVALID_VALUE, at, SlaMessage.INVALID_USERNAME, "username", username);
    } else if (!c.ctx.directory().hasUser(username)) {
      add(ProblemCode.UNKNOWN_TARGET, at, SlaMessage.UNKNOWN_USER, "username", username);
    }
  }

  /** An expression over the record giving a username or a list of them. */
  private void expression(String at, String source) {
    if (source == null) {
      return;
    }
    CompiledExpression e;
    try {
      e = Expressions.compile(source, Scope.of(c.entity, c.ctx.entities(), Scope.Use.VALUE), null);
    } catch (ExpressionException x) {
      c.out.add(Problem.inExpression(c.base + at, x));
      return;
    } catch (IllegalArgumentException x) {
      c.out.add(Problem.of(ProblemCode.INVALID_EXPRESSION, c.base + at, MetadataMessage.CONDITION_CONTROL_CHARACTER));
      return;
    }
    if (!FlowApprovalChecks.givesUsernames(e.type())) {
      add(ProblemCode.INVALID_EXPRESSION, at, SlaMessage.NOTIFY_EXPRESSION_TYPE, "type", e.type().label());
    }
  }

  private void add(ProblemCode code, String rel, SlaMessage message, Object... args) {
    c.out.add(Problem.of(code, c.base + rel, message, args));
  }
}
