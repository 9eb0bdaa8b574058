package dev.tessera.metamodel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.expr.Conditions;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semantic checks of the definitions that act on an entity's records: assignment rules, pools and
 * duplicate matching rules. The entity and the fields they name must exist (in the published set or
 * this publish), their conditions must compile as true/false expressions on that entity, pool
 * targets must name a pool of the same entity, and each strategy must have what it needs.
 */
final class AutomationValidator {
  private static final Set<String> MEMBER_STRATEGIES = Set.of("roundRobin", "weighted", "leastLoaded");

  private final JsonNode d;
  private final String base;
  private final Map<String, EntityDefinition> entities;
  /** Pool name to the entity it holds. */
  private final Map<String, String> pools;
  private final List<Problem> out = new ArrayList<>();
  private EntityDefinition entity;

  AutomationValidator(JsonNode definition, String base, Map<String, EntityDefinition> entities, Map<String, String> pools) {
    this.d = definition;
    this.base = base;
    this.entities = entities;
    this.pools = pools;
  }

  List<Problem> validate() {
    String name = d.path("entity").asText(null);
    entity = name == null ? null : entities.get(name);
    if (name != null && entity == null) {
      add(ProblemCode.UNKNOWN_TARGET, ".entity", "实体“" + name + "”不存在（也不在本次发布中）",
          "The entity \"" + name + "\" does not exist (nor is it in this publish)");
    }
    if (entity == null) {
      return out;
    }
    switch (d.path("kind").asText()) {
      case "assignmentRule" -> assignmentRule();
      case "pool" -> pool();
      default -> matchingRule();
    }
    return out;
  }

  private void assignmentRule() {
    JsonNode fields = d.path("runOn").path("updateFields");
    for (int i = 0; i < fields.size(); i++) {
      field(".runOn.updateFields[" + i + "]", fields.get(i).asText(), null);
    }
    Set<String> names = new HashSet<>();
    JsonNode entries = d.path("entries");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String at = ".entries[" + i + "]";
      if (e.hasNonNull("name") && !names.add(e.get("name").asText())) {
        add(ProblemCode.DUPLICATE, at + ".name", "规则条目名称“" + e.get("name").asText() + "”重复",
            "The entry name \"" + e.get("name").asText() + "\" is used twice");
      }
      condition(at + ".when", e.path("when"));
      JsonNode conditions = e.path("conditions");
      boolean known = true;
      for (int j = 0; j < conditions.size(); j++) {
        known &= field(at + ".conditions[" + j + "].field", conditions.get(j).path("field").asText(), null) != null;
      }
      if (known && conditions.size() > 0 && conditions.findValues("op").stream().allMatch(JsonNode::isTextual)) {
        structured(at + ".conditions", conditions);
      }
      JsonNode strategy = e.path("strategy");
      if (!e.has("target") && !strategy.has("type")) {
        add(ProblemCode.REQUIRED, at + ".target", "请指定分配给谁（target），或用按字段/按价值分层的策略选择",
            "Say who gets the records (\"target\"), or use a field-map or value-tier strategy that picks one");
      }
      target(at + ".target", e.path("target"));
      strategy(at + ".strategy", strategy, e.path("target"));
    }
    target(".fallback", d.path("fallback"));
  }

  private void strategy(String at, JsonNode s, JsonNode target) {
    String type = s.path("type").asText(null);
    if (type == null) {
      return;
    }
    if (MEMBER_STRATEGIES.contains(type) && !"team".equals(target.path("type").asText())) {
      add(ProblemCode.INVALID_OPTION, at + ".type", "“" + type + "”在团队成员之间分配，目标须是团队（team）",
          "\"" + type + "\" shares records among a team's members, so the target must be a team");
    }
    if (s.has("skillField")) {
      field(at + ".skillField", s.path("skillField").asText(), null);
    }
    switch (type) {
      case "weighted" -> {
        if (!s.has("weights") || s.get("weights").isEmpty()) {
          add(ProblemCode.REQUIRED, at + ".weights", "按权重分配须给出成员权重（weights）", "A weighted strategy needs the members' weights");
        }
      }
      case "leastLoaded" -> {
        if (!s.has("workload")) {
          add(ProblemCode.REQUIRED, at + ".workload", "按负载分配须说明哪些记录算在手工作（workload），例如 状态 属于 新建、已联系",
              "A least-loaded strategy needs the records that count as open work (\"workload\"), e.g. status in new, contacted");
        }
        JsonNode workload = s.path("workload");
        boolean known = true;
        for (int j = 0; j < workload.size(); j++) {
          String f = workload.get(j).path("field").asText();
          if (f.contains(".")) {
            add(ProblemCode.INVALID_OPTION, at + ".workload[" + j + "].field", "工作量只能按本记录的字段统计，不能经过引用（" + f + "）",
                "Workload counts by the record's own fields, not through references (" + f + ")");
            known = false;
          } else {
            known &= field(at + ".workload[" + j + "].field", f, null) != null;
          }
        }
        if (known && workload.size() > 0) {
          structured(at + ".workload", workload);
        }
      }
      case "fieldMap" -> {
        field(at + ".field", s.path("field").asText(null), null);
        if (!s.has("map") || s.get("map").isEmpty()) {
          add(ProblemCode.REQUIRED, at + ".map", "按字段分配须给出字段值与目标的对应（map）", "A field-map strategy needs the value-to-target map");
        }
        s.path("map").fields().forEachRemaining(m -> target(at + ".map" + Problem.key(m.getKey()), m.getValue()));
        target(at + ".default", s.path("default"));
      }
      case "valueTier" -> {
        field(at + ".field", s.path("field").asText(null), FieldType.Storage.NUMERIC);
        if (!s.has("tiers")) {
          add(ProblemCode.REQUIRED, at + ".tiers", "按价值分层须给出分层（tiers）", "A value-tier strategy needs its tiers");
        }
        for (int i = 0; i < s.path("tiers").size(); i++) {
          target(at + ".tiers[" + i + "].target", s.path("tiers").get(i).path("target"));
        }
        target(at + ".default", s.path("default"));
      }
      default -> { }
    }
  }

  private void pool() {
    JsonNode recycle = d.path("recycle");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < recycle.size(); i++) {
      JsonNode r = recycle.get(i);
      if (r.hasNonNull("name") && !names.add(r.get("name").asText())) {
        add(ProblemCode.DUPLICATE, ".recycle[" + i + "].name", "回收条件名称“" + r.get("name").asText() + "”重复",
            "The recycle condition name \"" + r.get("name").asText() + "\" is used twice");
      }
      condition(".recycle[" + i + "].when", r.path("when"));
    }
    JsonNode held = d.path("claimLimits").path("heldWhen");
    boolean known = true;
    for (int i = 0; i < held.size(); i++) {
      known &= field(".claimLimits.heldWhen[" + i + "].field", held.get(i).path("field").asText(), null) != null;
    }
    if (known && held.size() > 0) {
      structured(".claimLimits.heldWhen", held);
    }
  }

  private void matchingRule() {
    JsonNode criteria = d.path("criteria");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < criteria.size(); i++) {
      JsonNode c = criteria.get(i);
      String at = ".criteria[" + i + "]";
      String name = c.path("field").asText(null);
      FieldDefinition f = field(at + ".field", name, null);
      if (name != null && !seen.add(name)) {
        add(ProblemCode.DUPLICATE, at + ".field", "字段“" + name + "”在匹配条件中出现了两次", "The field \"" + name + "\" is matched twice");
      }
      if (f != null && f.type() != null && f.valueType().storage() != FieldType.Storage.TEXT) {
        add(ProblemCode.INVALID_OPTION, at + ".field", "只能按文本类字段（文本、手机、邮箱等）查重，“" + name + "”是 " + f.type().jsonName(),
            "Duplicates are matched on text-like fields (text, phone, email ...); \"" + name + "\" is " + f.type().jsonName());
      }
      if ("fuzzy".equals(c.path("match").asText()) && f != null && (f.type() == FieldType.PHONE || f.type() == FieldType.EMAIL)) {
        add(ProblemCode.INVALID_OPTION, at + ".match", "手机和邮箱先规范化再精确比较，请用 exact", "Phones and emails are normalized and compared exactly; use exact");
      }
      if (c.has("minSimilarity") && !"fuzzy".equals(c.path("match").asText())) {
        add(ProblemCode.INVALID_OPTION, at + ".minSimilarity", "只有模糊匹配（fuzzy）才有最低相似度", "Only a fuzzy criterion has a minimum similarity");
      }
      if (c.has("compareAs") && !"fuzzy".equals(c.path("match").asText())) {
        add(ProblemCode.INVALID_OPTION, at + ".compareAs", "只有模糊匹配（fuzzy）才能按人名或公司名比较", "Only a fuzzy criterion compares as a person or company name");
      }
    }
  }

  /** Structured conditions compile as the expression they stand for (a value of the wrong type shows). */
  private void structured(String at, JsonNode conditions) {
    try {
      Expressions.compile(Conditions.toExpression(conditions), Scope.of(entity, entities, Scope.Use.CONDITION), ExprType.BOOLEAN);
    } catch (ExpressionException e) {
      out.add(Problem.of(ProblemCode.INVALID_EXPRESSION, base + at, "条件的取值不合适：" + e.text().get("zh-CN"),
          "A condition's value does not fit: " + e.text().get("en")));
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().startsWith("unknown condition operator")) {
        add(ProblemCode.INVALID_EXPRESSION, at, "条件的取值中有不可见的控制字符，请删除", "A condition's value contains an invisible control character; remove it");
      }
    }
  }

  /** A true/false expression on the entity's records; nothing when absent. */
  private void condition(String at, JsonNode expression) {
    if (!expression.isTextual()) {
      return;
    }
    try {
      Expressions.compile(expression.asText(), Scope.of(entity, entities, Scope.Use.CONDITION), ExprType.BOOLEAN);
    } catch (ExpressionException e) {
      out.add(Problem.inExpression(base + at, e));
    }
  }

  /** The field {@code name} of the entity (a path through references for conditions); null with a problem if not. */
  private FieldDefinition field(String at, String name, FieldType.Storage storage) {
    if (name == null) {
      return null;
    }
    EntityDefinition current = entity;
    FieldDefinition f = null;
    String[] parts = name.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      f = current == null ? null : current.field(parts[i]).orElse(null);
      if (f == null) {
        add(ProblemCode.INVALID_OPTION, at, "“" + entity.name() + "”没有字段“" + name + "”", "\"" + name + "\" is not a field of " + entity.name());
        return null;
      }
      current = i < parts.length - 1 && f.type() == FieldType.REFERENCE ? entities.get(f.target()) : null;
    }
    if (storage != null && f.type() != null && f.valueType().storage() != storage) {
      add(ProblemCode.INVALID_OPTION, at, "“" + name + "”须是数字类字段", "\"" + name + "\" must be a number field");
    }
    return f;
  }

  private void target(String at, JsonNode t) {
    if (!t.isObject() || !"pool".equals(t.path("type").asText())) {
      return;
    }
    String pool = t.path("key").asText();
    String holds = pools.get(pool);
    if (holds == null) {
      add(ProblemCode.UNKNOWN_TARGET, at + ".key", "公海池“" + pool + "”不存在（也不在本次发布中）",
          "The pool \"" + pool + "\" does not exist (nor is it in this publish)");
    } else if (!holds.equals(entity.name())) {
      add(ProblemCode.INVALID_OPTION, at + ".key", "公海池“" + pool + "”存放的是“" + holds + "”，不是“" + entity.name() + "”",
          "The pool \"" + pool + "\" holds " + holds + " records, not " + entity.name());
    }
  }

  private void add(ProblemCode code, String rel, String zh, String en) {
    out.add(Problem.of(code, base + rel, zh, en));
  }
}
