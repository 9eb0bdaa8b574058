package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.expr.Suggest;
import dev.tessera.metamodel.message.MessageText;
import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the checks of one flow share: where problems go, the flow's entity (null for a schedule without
 * entity, or when it does not exist), and the helpers that compile expressions, check texts with
 * placeholders, durations, users and references to other definitions, each reporting at its path.
 */
final class FlowChecks {
  /** The form of a username, as the built-in {@code user} entity's pattern has it. */
  static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");

  final FlowDefinition flow;
  final String base;
  final ValidationContext ctx;
  final List<Problem> out = new ArrayList<>();
  final EntityDefinition entity;
  final EntityDefinition user;

  FlowChecks(FlowDefinition flow, String base, ValidationContext ctx) {
    this.flow = flow;
    this.base = base;
    this.ctx = ctx;
    this.entity = flow.entity() == null ? null : ctx.entities().get(flow.entity());
    this.user = ctx.entities().getOrDefault("user", BuiltInEntities.entity("user").orElseThrow());
  }

  /** True when the flow runs on records of an entity that exists (expressions may read fields). */
  boolean hasRecord() {
    return entity != null;
  }

  /** True when the flow runs on no record: a schedule without entity. */
  boolean recordless() {
    return flow.trigger() != null && !(flow.trigger() instanceof dev.tessera.metamodel.model.FlowTrigger.Unknown)
        && flow.entity() == null;
  }

  /** True when expressions can be checked: the flow's entity exists, or it has none. */
  boolean checksExpressions() {
    return hasRecord() || recordless();
  }

  void add(ProblemCode code, String rel, FlowMessage message, Object... args) {
    out.add(Problem.of(code, base + rel, message, args));
  }

  /** The entity named {@code name}, or null with a problem at {@code rel}. */
  EntityDefinition entity(String rel, String name) {
    if (name == null) {
      return null;
    }
    EntityDefinition e = ctx.entities().get(name);
    if (e == null) {
      add(ProblemCode.UNKNOWN_TARGET, rel, FlowMessage.UNKNOWN_ENTITY, "entity", name, "hint",
          hint(name, ctx.entities().keySet()));
    }
    return e;
  }

  /** The field {@code name} of {@code e}, or null with a problem at {@code rel}. */
  FieldDefinition field(String rel, EntityDefinition e, String name) {
    if (e == null || name == null) {
      return null;
    }
    Optional<FieldDefinition> f = e.field(name);
    if (f.isEmpty()) {
      add(ProblemCode.INVALID_OPTION, rel, FlowMessage.UNKNOWN_FIELD, "entity", e.name(), "field", name, "hint",
          hint(name, e.fields().stream().map(FieldDefinition::name).toList()));
    }
    return f.orElse(null);
  }

  /** The scope of expressions over the flow's record (none for a record-less schedule) and {@code vars}. */
  Scope scope(Scope.FlowVariables vars) {
    return scope(vars, Scope.Use.CONDITION);
  }

  /** The same for a use: {@link Scope.Use#VALUE} words type errors as the value's, not a condition's. */
  Scope scope(Scope.FlowVariables vars, Scope.Use use) {
    Scope s = Scope.of(entity, ctx.entities(), use);
    return vars == null ? s : s.withFlowVariables(vars);
  }

  /** Compiles an expression; null with the problem (positioned in the expression) when it is not accepted. */
  CompiledExpression expression(String rel, String source, Scope scope, ExprType expected) {
    if (source == null) {
      return null;
    }
    try {
      return Expressions.compile(source, scope, expected);
    } catch (ExpressionException e) {
      out.add(Problem.inExpression(base + rel, e));
      return null;
    } catch (IllegalArgumentException e) {
      add(ProblemCode.INVALID_EXPRESSION, rel, FlowMessage.NOT_A_DURATION, "value", source);
      return null;
    }
  }

  /** A text with placeholders: each unknown placeholder is a problem at {@code rel.<locale>}. */
  void text(String rel, LocalizedText text, MessageText.PlaceholderNames names) {
    for (MessageText.Unknown u : MessageText.check(text, names)) {
      add(ProblemCode.INVALID_EXPRESSION, rel + Problem.key(u.locale()), FlowMessage.TEXT_PLACEHOLDER, "locale", u.locale(),
          "line", u.placeholder().line(), "column", u.placeholder().column(), "reason", u.reason());
    }
  }

  /** An ISO duration of more than zero and at most 366 days; null with a problem otherwise. */
  Duration duration(String rel, String iso) {
    if (iso == null) {
      return null;
    }
    Duration d = FlowDefinition.duration(iso).orElse(null);
    if (d == null) {
      add(ProblemCode.INVALID_VALUE, rel, FlowMessage.NOT_A_DURATION, "value", iso);
    } else if (d.isNegative() || d.isZero()) {
      add(ProblemCode.INVALID_VALUE, rel, FlowMessage.DURATION_NOT_POSITIVE);
    } else if (d.compareTo(FlowDefinition.MAX_WAIT) > 0) {
      add(ProblemCode.INVALID_VALUE, rel, FlowMessage.TOO_LONG, "value", iso);
    }
    return d;
  }

  /** A username of the right form, and one that exists when the publisher passed the users. */
  void username(String rel, String username) {
    if (username == null) {
      return;
    }
    if (!USERNAME.matcher(username).matches()) {
      add(ProblemCode.INVALID_VALUE, rel, FlowMessage.INVALID_USERNAME, "username", username);
    } else if (!ctx.directory().hasUser(username)) {
      add(ProblemCode.UNKNOWN_TARGET, rel, FlowMessage.UNKNOWN_USER, "username", username);
    }
  }

  void timezone(String rel, String zone) {
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      add(ProblemCode.INVALID_VALUE, rel, FlowMessage.UNKNOWN_TIMEZONE, "zone", zone);
    }
  }

  /** The definition of {@code kind} named {@code name}, or empty with {@code unknown} reported at {@code rel}. */
  <T extends Definition> Optional<T> reference(String rel, Class<T> type, String kind, String name, FlowMessage unknown,
      String placeholder) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<T> found = ctx.definition(type, kind, name);
    if (found.isEmpty()) {
      List<String> names = ctx.definitions().keySet().stream().filter(k -> k.startsWith(kind + "/"))
          .map(k -> k.substring(kind.length() + 1)).toList();
      add(ProblemCode.UNKNOWN_TARGET, rel, unknown, placeholder, name, "hint", hint(name, names));
    }
    return found;
  }

  /** A "did you mean" tail naming the closest of {@code names}, or nothing. */
  static LocalizedText hint(String name, Collection<String> names) {
    return Suggest.didYouMean(name, names);
  }

  /** Names joined for a message. */
  static LocalizedText list(Collection<String> items) {
    return dev.tessera.metamodel.i18n.MessageCode.list(List.copyOf(items));
  }
}
