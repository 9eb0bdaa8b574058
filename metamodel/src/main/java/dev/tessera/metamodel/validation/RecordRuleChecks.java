package dev.tessera.metamodel.validation;

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
      add(ProblemCode.UNKNOWN_TARGET, ".entity", "实体“" + name + "”不存在（也不在本次发布中）",
          "The entity \"" + name + "\" does not exist (nor is it in this publish)");
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
      out.add(Problem.of(ProblemCode.INVALID_EXPRESSION, base + at, "条件的取值不合适：" + e.text().get("zh-CN"),
          "A condition's value does not fit: " + e.text().get("en")));
    } catch (IllegalArgumentException e) {
      add(ProblemCode.INVALID_EXPRESSION, at, "条件的取值中有不可见的控制字符，请删除",
          "A condition's value contains an invisible control character; remove it");
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
        add(ProblemCode.INVALID_OPTION, at, "“" + entity.name() + "”没有字段“" + name + "”",
            "\"" + name + "\" is not a field of " + entity.name());
        return null;
      }
      current = i < parts.length - 1 && f.type() == FieldType.REFERENCE ? ctx.entities().get(f.target()) : null;
    }
    if (storage != null && f.type() != null && f.valueType().storage() != storage) {
      add(ProblemCode.INVALID_OPTION, at, "“" + name + "”须是数字类字段", "\"" + name + "\" must be a number field");
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
          add(ProblemCode.UNKNOWN_TARGET, at + ".key", "用户“" + key + "”不存在，按这条规则分配的记录将无人接收；请先创建该用户或改选他人",
              "There is no user \"" + key + "\": the records this rule sends there would reach nobody; create the user first or pick another");
        }
      }
      case TEAM, QUEUE -> team(at + ".key", key, "按这条规则分配的记录将无人接收",
          "the records this rule sends there would reach nobody");
    }
  }

  /** A team named by its code exists; {@code zh} and {@code en} say what its absence would cause. */
  void team(String at, String code, String zh, String en) {
    if (!ctx.directory().hasTeam(code)) {
      add(ProblemCode.UNKNOWN_TARGET, at, "团队“" + code + "”不存在，" + zh + "；请先创建该团队或改选其他团队",
          "There is no team \"" + code + "\": " + en + "; create the team first or pick another");
    }
  }

  private void pool(String at, String pool) {
    PoolDefinition holds = ctx.pools().get(pool);
    if (holds == null) {
      add(ProblemCode.UNKNOWN_TARGET, at + ".key", "公海池“" + pool + "”不存在（也不在本次发布中）",
          "The pool \"" + pool + "\" does not exist (nor is it in this publish)");
    } else if (!entity.name().equals(holds.entity())) {
      add(ProblemCode.INVALID_OPTION, at + ".key", "公海池“" + pool + "”存放的是“" + holds.entity() + "”，不是“" + entity.name() + "”",
          "The pool \"" + pool + "\" holds " + holds.entity() + " records, not " + entity.name());
    }
  }

  void add(ProblemCode code, String rel, String zh, String en) {
    out.add(Problem.of(code, base + rel, zh, en));
  }
}
