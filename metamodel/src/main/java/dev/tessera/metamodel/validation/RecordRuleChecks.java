package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.CONDITION_CONTROL_CHARACTER;
import static dev.tessera.metamodel.validation.MetadataMessage.CONDITION_VALUE;
import static dev.tessera.metamodel.validation.MetadataMessage.NOBODY_RECEIVES;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_A_NUMBER_FIELD;
import static dev.tessera.metamodel.validation.MetadataMessage.NO_SUCH_FIELD;
import static dev.tessera.metamodel.validation.MetadataMessage.POOL_OF_OTHER_ENTITY;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_ENTITY;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_POOL;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_TEAM;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_USER;

import dev.tessera.metamodel.expr.Conditions;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.Condition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.EntityRule;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.metamodel.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every kind that acts on an entity's records shares: the entity exists, named fields
 * exist (through references where allowed), conditions compile as true/false expressions on the
 * entity, and targets name a pool of the same entity, a user or a team that exists.
 */
final class RecordRuleChecks {
  final String base;
  final ValidationContext ctx;
  final List<Problem> out = new ArrayList<>();
  /** The entity the rule acts on; null when it does not exist (the rule's other checks are skipped). */
  final EntityDefinition entity;

  RecordRuleChecks(EntityRule d, String base, ValidationContext ctx) {
    this.base = base;
    this.ctx = ctx;
    String name = d.entity();
    this.entity = name == null ? null : ctx.entities().get(name);
    if (name != null && entity == null) {
      add(ProblemCode.UNKNOWN_TARGET, ".entity", UNKNOWN_ENTITY, "entity", name);
    }
  }

  /** Structured conditions compile as the expression they stand for (a value of the wrong type shows). */
  void structured(String at, List<Condition> conditions) {
    if (conditions.isEmpty() || conditions.stream().anyMatch(c -> c.op() == null)) {
      return;
    }
    try {
      Expressions.compile(Conditions.toExpression(conditions), Scope.of(entity, ctx.entities(), Scope.Use.CONDITION),
          ExprType.BOOLEAN);
    } catch (ExpressionException e) {
      add(ProblemCode.INVALID_EXPRESSION, at, CONDITION_VALUE, "reason", e.text());
    } catch (IllegalArgumentException e) {
      add(ProblemCode.INVALID_EXPRESSION, at, CONDITION_CONTROL_CHARACTER);
    }
  }

  /** Each condition names a field; then they compile together. */
  void conditions(String at, List<Condition> conditions) {
    boolean known = true;
    for (int j = 0; j < conditions.size(); j++) {
      known &= field(at + "[" + j + "].field", conditions.get(j).field(), null) != null;
    }
    if (known) {
      structured(at, conditions);
    }
  }

  /** A true/false expression on the entity's records; nothing when absent. */
  void condition(String at, String expression) {
    if (expression == null) {
      return;
    }
    try {
      Expressions.compile(expression, Scope.of(entity, ctx.entities(), Scope.Use.CONDITION), ExprType.BOOLEAN);
    } catch (ExpressionException e) {
      out.add(Problem.inExpression(base + at, e));
    }
  }

  /** The field {@code name} of the entity (a path through references for conditions); null with a problem if not. */
  FieldDefinition field(String at, String name, FieldType.Storage storage) {
    if (name == null) {
      return null;
    }
    EntityDefinition current = entity;
    FieldDefinition f = null;
    String[] parts = name.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      f = current == null ? null : current.field(parts[i]).orElse(null);
      if (f == null) {
        add(ProblemCode.INVALID_OPTION, at, NO_SUCH_FIELD, "entity", entity.name(), "field", name);
        return null;
      }
      current = i < parts.length - 1 && f.type() == FieldType.REFERENCE ? ctx.entities().get(f.target()) : null;
    }
    if (storage != null && f.type() != null && f.valueType().storage() != storage) {
      add(ProblemCode.INVALID_OPTION, at, NOT_A_NUMBER_FIELD, "field", name);
    }
    return f;
  }

  /** A target names a pool of this entity, or a user or team (or a team's queue) that exists. */
  void target(String at, Target t) {
    if (t == null || t.type() == null || t.key() == null) {
      return;
    }
    String key = t.key();
    switch (t.type()) {
      case POOL -> pool(at, key);
      case USER -> {
        if (!ctx.directory().hasUser(key)) {
          add(ProblemCode.UNKNOWN_TARGET, at + ".key", UNKNOWN_USER, "user", key);
        }
      }
      case TEAM, QUEUE -> team(at + ".key", key, NOBODY_RECEIVES);
    }
  }

  /** A team named by its code exists; {@code consequence} says what its absence would cause. */
  void team(String at, String code, MetadataMessage consequence) {
    if (!ctx.directory().hasTeam(code)) {
      add(ProblemCode.UNKNOWN_TARGET, at, UNKNOWN_TEAM, "team", code, "consequence", consequence.text());
    }
  }

  private void pool(String at, String pool) {
    PoolDefinition holds = ctx.pools().get(pool);
    if (holds == null) {
      add(ProblemCode.UNKNOWN_TARGET, at + ".key", UNKNOWN_POOL, "pool", pool);
    } else if (!entity.name().equals(holds.entity())) {
      add(ProblemCode.INVALID_OPTION, at + ".key", POOL_OF_OTHER_ENTITY, "pool", pool, "holds", holds.entity(),
          "entity", entity.name());
    }
  }

  void add(ProblemCode code, String rel, MetadataMessage message, Object... args) {
    out.add(Problem.of(code, base + rel, message, args));
  }

  /** Inline words, for a kind's checks whose messages are not in the metadata catalog yet (issue 9). */
  void add(ProblemCode code, String rel, String zh, String en) {
    out.add(Problem.of(code, base + rel, zh, en));
  }
}
