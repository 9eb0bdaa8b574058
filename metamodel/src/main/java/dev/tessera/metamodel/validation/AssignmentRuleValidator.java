package dev.tessera.metamodel.validation;

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
        c.add(ProblemCode.DUPLICATE, at + ".name", "规则条目名称“" + e.name() + "”重复",
            "The entry name \"" + e.name() + "\" is used twice");
      }
      c.condition(at + ".when", e.when());
      c.conditions(at + ".conditions", e.conditions());
      if (e.target() == null && e.strategy().type() == null) {
        c.add(ProblemCode.REQUIRED, at + ".target", "请指定分配给谁（target），或用按字段/按价值分层的策略选择",
            "Say who gets the records (\"target\"), or use a field-map or value-tier strategy that picks one");
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
      c.add(ProblemCode.INVALID_OPTION, at + ".type", "“" + type.jsonName() + "”在团队成员之间分配，目标须是团队（team）",
          "\"" + type.jsonName() + "\" shares records among a team's members, so the target must be a team");
    }
    if (s.skillField() != null) {
      c.field(at + ".skillField", s.skillField(), null);
    }
    switch (type) {
      case WEIGHTED -> {
        if (s.weights().isEmpty()) {
          c.add(ProblemCode.REQUIRED, at + ".weights", "按权重分配须给出成员权重（weights）", "A weighted strategy needs the members' weights");
        }
      }
      case LEAST_LOADED -> workload(c, at, s.workload());
      case FIELD_MAP -> {
        c.field(at + ".field", s.field(), null);
        if (s.map().isEmpty()) {
          c.add(ProblemCode.REQUIRED, at + ".map", "按字段分配须给出字段值与目标的对应（map）", "A field-map strategy needs the value-to-target map");
        }
        s.map().forEach((value, t) -> c.target(at + ".map" + Problem.key(value), t));
        c.target(at + ".default", s.defaultTarget());
      }
      case VALUE_TIER -> {
        c.field(at + ".field", s.field(), FieldType.Storage.NUMERIC);
        if (s.tiers().isEmpty()) {
          c.add(ProblemCode.REQUIRED, at + ".tiers", "按价值分层须给出分层（tiers）", "A value-tier strategy needs its tiers");
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
      c.add(ProblemCode.REQUIRED, at + ".workload", "按负载分配须说明哪些记录算在手工作（workload），例如 状态 属于 新建、已联系",
          "A least-loaded strategy needs the records that count as open work (\"workload\"), e.g. status in new, contacted");
      return;
    }
    boolean own = true;
    for (int j = 0; j < workload.size(); j++) {
      String f = workload.get(j).field();
      if (f != null && f.contains(".")) {
        c.add(ProblemCode.INVALID_OPTION, at + ".workload[" + j + "].field", "工作量只能按本记录的字段统计，不能经过引用（" + f + "）",
            "Workload counts by the record's own fields, not through references (" + f + ")");
        own = false;
      }
    }
    if (own) {
      c.conditions(at + ".workload", workload);
    }
  }
}
