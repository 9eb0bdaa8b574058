package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_ENTRY_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.ENTRY_NEEDS_TARGET;
import static dev.tessera.metamodel.validation.MetadataMessage.MAP_REQUIRED;
import static dev.tessera.metamodel.validation.MetadataMessage.STRATEGY_NEEDS_TEAM;
import static dev.tessera.metamodel.validation.MetadataMessage.TIERS_REQUIRED;
import static dev.tessera.metamodel.validation.MetadataMessage.WEIGHTS_REQUIRED;
import static dev.tessera.metamodel.validation.MetadataMessage.WORKLOAD_REQUIRED;
import static dev.tessera.metamodel.validation.MetadataMessage.WORKLOAD_THROUGH_REFERENCE;

import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Entry;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Strategy;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.StrategyType;
import dev.tessera.metamodel.model.Condition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic checks of an assignment rule: fields and conditions exist on the entity and compile,
 * entry names are unique, every entry says who gets the records, each strategy has what it needs,
 * and every target exists (a pool of the same entity, a user, a team or a team's queue).
 */
final class AssignmentRuleValidator {
  private AssignmentRuleValidator() {}

  static List<Problem> validate(AssignmentRuleDefinition d, String base, ValidationContext ctx) {
    RecordRuleChecks c = new RecordRuleChecks(d, base, ctx);
    if (c.entity == null) {
      return c.out;
    }
    List<String> fields = d.runOn().updateFields();
    for (int i = 0; i < fields.size(); i++) {
      c.field(".runOn.updateFields[" + i + "]", fields.get(i), null);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < d.entries().size(); i++) {
      Entry e = d.entries().get(i);
      String at = ".entries[" + i + "]";
      if (e.name() != null && !names.add(e.name())) {
        c.add(ProblemCode.DUPLICATE, at + ".name", DUPLICATE_ENTRY_NAME, "name", e.name());
      }
      c.condition(at + ".when", e.when());
      c.conditions(at + ".conditions", e.conditions());
      if (e.target() == null && e.strategy().type() == null) {
        c.add(ProblemCode.REQUIRED, at + ".target", ENTRY_NEEDS_TARGET);
      }
      c.target(at + ".target", e.target());
      strategy(c, at + ".strategy", e.strategy(), e.target());
    }
    c.target(".fallback", d.fallback());
    return c.out;
  }

  private static void strategy(RecordRuleChecks c, String at, Strategy s, Target target) {
    StrategyType type = s.type();
    if (type == null) {
      return;
    }
    if (!type.picksTarget() && (target == null || target.type() != Target.Type.TEAM)) {
      c.add(ProblemCode.INVALID_OPTION, at + ".type", STRATEGY_NEEDS_TEAM, "strategy", type.jsonName());
    }
    if (s.skillField() != null) {
      c.field(at + ".skillField", s.skillField(), null);
    }
    switch (type) {
      case WEIGHTED -> {
        if (s.weights().isEmpty()) {
          c.add(ProblemCode.REQUIRED, at + ".weights", WEIGHTS_REQUIRED);
        }
      }
      case LEAST_LOADED -> workload(c, at, s.workload());
      case FIELD_MAP -> {
        c.field(at + ".field", s.field(), null);
        if (s.map().isEmpty()) {
          c.add(ProblemCode.REQUIRED, at + ".map", MAP_REQUIRED);
        }
        s.map().forEach((value, t) -> c.target(at + ".map" + Problem.key(value), t));
        c.target(at + ".default", s.defaultTarget());
      }
      case VALUE_TIER -> {
        c.field(at + ".field", s.field(), FieldType.Storage.NUMERIC);
        if (s.tiers().isEmpty()) {
          c.add(ProblemCode.REQUIRED, at + ".tiers", TIERS_REQUIRED);
        }
        for (int i = 0; i < s.tiers().size(); i++) {
          c.target(at + ".tiers[" + i + "].target", s.tiers().get(i).target());
        }
        c.target(at + ".default", s.defaultTarget());
      }
      default -> { }
    }
  }

  private static void workload(RecordRuleChecks c, String at, List<Condition> workload) {
    if (workload == null) {
      c.add(ProblemCode.REQUIRED, at + ".workload", WORKLOAD_REQUIRED);
      return;
    }
    boolean own = true;
    for (int j = 0; j < workload.size(); j++) {
      String f = workload.get(j).field();
      if (f != null && f.contains(".")) {
        c.add(ProblemCode.INVALID_OPTION, at + ".workload[" + j + "].field", WORKLOAD_THROUGH_REFERENCE, "field", f);
        own = false;
      }
    }
    if (own) {
      c.conditions(at + ".workload", workload);
    }
  }
}
