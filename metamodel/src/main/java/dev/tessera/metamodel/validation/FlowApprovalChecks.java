package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowNode.Approver;
import dev.tessera.metamodel.model.FlowNode.ApprovalMode;
import dev.tessera.metamodel.model.FlowNode.NoApprover;
import dev.tessera.metamodel.model.FlowNode.TimeLimit;
import dev.tessera.metamodel.model.RoleDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The checks of an approval node (ADR 0050), each problem at its path: the flow runs on a record to
 * approve; someone decides (or an empty list has a rule that needs nobody); a vote has its pass ratio and
 * only a vote has one; each approver and reader names a user, team or role that exists, a user field of
 * the record, or an expression giving usernames; the time limit is a bounded duration, reminds at most
 * every ten minutes, names a calendar that exists and escalates to someone; field rights name fields of
 * the record and do not write computed ones. The structure (types, enums, ranges) is the schema's.
 */
final class FlowApprovalChecks {
  private static final Set<String> WITHOUT_APPROVERS = Set.of(NoApprover.APPROVE, NoApprover.USER);
  private static final Set<String> KNOWN_ACTIONS = Set.of(NoApprover.APPROVE, NoApprover.ADMIN, NoApprover.USER);

  private final FlowChecks c;
  private final String at;
  private final Scope scope;

  FlowApprovalChecks(FlowChecks c, String at, Scope.FlowVariables vars) {
    this.c = c;
    this.at = at;
    this.scope = c.scope(vars, Scope.Use.VALUE);
  }

  void check(FlowNode.Approval x) {
    if (c.recordless()) {
      c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.APPROVAL_NEEDS_RECORD);
    }
    if (c.hasRecord() && x.title() != null) {
      c.text(at + ".title", x.title(), new FlowPlaceholders(scope, c.user, false));
    }
    if (x.mode() == ApprovalMode.VOTE && x.passRatio() == null) {
      c.add(ProblemCode.REQUIRED, at + ".passRatio", FlowMessage.VOTE_NEEDS_RATIO);
    } else if (x.mode() != ApprovalMode.VOTE && x.passRatio() != null) {
      c.add(ProblemCode.INVALID_OPTION, at + ".passRatio", FlowMessage.RATIO_ONLY_FOR_VOTE);
    }
    ifNoApprover(x);
    approvers(".approvers", x.approvers());
    approvers(".copyTo", x.copyTo());
    if (x.timeLimit() != null) {
      timeLimit(x.timeLimit());
    }
    fields(x);
  }

  private void ifNoApprover(FlowNode.Approval x) {
    NoApprover none = x.ifNoApprover();
    String path = at + ".ifNoApprover";
    boolean known = none.action() == null || KNOWN_ACTIONS.contains(none.action());
    if (x.approvers().isEmpty() && known && !WITHOUT_APPROVERS.contains(none.action())) {
      c.add(ProblemCode.REQUIRED, at + ".approvers", FlowMessage.APPROVAL_NO_APPROVER);
    }
    if (NoApprover.USER.equals(none.action()) && none.username() == null) {
      c.add(ProblemCode.REQUIRED, path + ".username", FlowMessage.NO_APPROVER_NEEDS_USER);
    } else if (!NoApprover.USER.equals(none.action()) && none.username() != null) {
      c.add(ProblemCode.INVALID_OPTION, path + ".username", FlowMessage.NO_APPROVER_USERNAME_NOT_USED);
    }
    c.username(path + ".username", none.username());
  }

  private void approvers(String rel, List<Approver> list) {
    for (int j = 0; j < list.size(); j++) {
      approver(at + rel + "[" + j + "]", list.get(j));
    }
  }

  /** One approver (or reader): what it names exists and suits; the structure is the schema's. */
  private void approver(String path, Approver a) {
    if (a == null || a.type() == null) {
      return;
    }
    switch (a.type()) {
      case USER -> c.username(path + ".username", a.username());
      case TEAM -> {
        if (a.team() != null && !c.ctx.directory().hasTeam(a.team())) {
          c.add(ProblemCode.UNKNOWN_TARGET, path + ".team", FlowMessage.UNKNOWN_TEAM, "team", a.team());
        }
      }
      case ROLE -> {
        if (!RoleDefinition.ADMIN.equals(a.role())) {
          c.reference(path + ".role", RoleDefinition.class, RoleDefinition.KIND, a.role(), FlowMessage.UNKNOWN_ROLE, "role");
        }
      }
      case FIELD -> userField(path + ".field", a.field());
      case EXPRESSION -> expression(path + ".expression", a.expression());
      default -> { }
    }
  }

  /** A field of the record naming a user: a user field or a reference to {@code user}. */
  private void userField(String path, String name) {
    FieldDefinition f = c.field(path, c.entity, name);
    if (f != null && f.type() != FieldType.USER && !(f.type() == FieldType.REFERENCE && "user".equals(f.target()))) {
      c.add(ProblemCode.INVALID_OPTION, path, FlowMessage.NOT_A_USER_FIELD, "field", name);
    }
  }

  /** An expression over the record and the flow's variables giving a username or a list of them. */
  private void expression(String path, String source) {
    if (!c.hasRecord()) {
      return;
    }
    CompiledExpression e = c.expression(path, source, scope, null);
    if (e == null) {
      return;
    }
    if (!givesUsernames(e.type())) {
      c.add(ProblemCode.INVALID_EXPRESSION, path, FlowMessage.APPROVER_EXPRESSION_TYPE, "type", e.type().label());
    }
  }

  /** True when a value of type {@code t} can be a username or a list of them (text, a list of text, or unknown). */
  static boolean givesUsernames(ExprType t) {
    return switch (t.kind()) {
      case TEXT, ANY, NULL -> true;
      case LIST -> t.element() == null || t.element().kind() == ExprType.Kind.TEXT || t.element().kind() == ExprType.Kind.ANY;
      default -> false;
    };
  }

  private void timeLimit(TimeLimit t) {
    String path = at + ".timeLimit";
    c.duration(path + ".after", t.after());
    Duration every = c.duration(path + ".remindEvery", t.remindEvery());
    if (every != null && !every.isNegative() && !every.isZero() && every.compareTo(TimeLimit.MIN_REMIND_EVERY) < 0) {
      c.add(ProblemCode.INVALID_VALUE, path + ".remindEvery", FlowMessage.REMIND_TOO_OFTEN, "value", t.remindEvery());
    }
    if (t.remindEvery() != null && !TimeLimit.REMIND.equals(t.action())) {
      c.add(ProblemCode.INVALID_OPTION, path + ".remindEvery", FlowMessage.REMIND_EVERY_NOT_USED);
    }
    FlowNodeChecks.calendar(c, path + ".calendar", t.calendar());
    if (TimeLimit.ESCALATE.equals(t.action()) && t.escalateTo() == null) {
      c.add(ProblemCode.REQUIRED, path + ".escalateTo", FlowMessage.ESCALATE_NEEDS_TARGET);
    } else if (!TimeLimit.ESCALATE.equals(t.action()) && t.escalateTo() != null) {
      c.add(ProblemCode.INVALID_OPTION, path + ".escalateTo", FlowMessage.ESCALATE_TO_NOT_USED);
    }
    approver(path + ".escalateTo", t.escalateTo());
  }

  /** Field rights name fields of the record; {@code write} needs a field the flow may write. */
  private void fields(FlowNode.Approval x) {
    x.fields().forEach((name, access) -> {
      String path = at + ".fields" + Problem.key(name);
      FieldDefinition f = c.field(path, c.entity, name);
      if (f != null && f.computed() && "write".equals(access)) {
        c.add(ProblemCode.INVALID_OPTION, path, FlowMessage.FIELD_NOT_WRITABLE, "field", name);
      }
    });
  }
}
