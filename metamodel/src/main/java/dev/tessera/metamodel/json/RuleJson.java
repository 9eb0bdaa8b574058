package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Entry;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.RunOn;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Strategy;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.StrategyType;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Tier;
import dev.tessera.metamodel.model.Condition;
import dev.tessera.metamodel.model.FormDefinition;
import dev.tessera.metamodel.model.FormDefinition.Placement;
import dev.tessera.metamodel.model.FormDefinition.Section;
import dev.tessera.metamodel.model.FormDefinition.Tab;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.model.MatchingRuleDefinition.Action;
import dev.tessera.metamodel.model.MatchingRuleDefinition.CompareAs;
import dev.tessera.metamodel.model.MatchingRuleDefinition.Criterion;
import dev.tessera.metamodel.model.MatchingRuleDefinition.Match;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.metamodel.model.PoolDefinition.ClaimLimits;
import dev.tessera.metamodel.model.PoolDefinition.Recycle;
import dev.tessera.metamodel.model.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Readers from the JSON of the kinds that act on an entity's records (assignment rules, pools,
 * matching rules, forms) to their typed records. Like {@link MetamodelJson}'s readers they assume the
 * document was validated and never fail: what they cannot read becomes null or is left out, and the
 * validator reports it. Defaults are applied by the records themselves.
 */
public final class RuleJson {
  private RuleJson() {}

  public static AssignmentRuleDefinition assignmentRule(JsonNode n) {
    JsonNode on = n.path("runOn");
    RunOn runOn = on.isObject() ? new RunOn(bool(on, "create", true), bool(on, "update", false), texts(on.path("updateFields")))
        : null;
    return new AssignmentRuleDefinition(text(n, "id"), text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), text(n, "entity"), bool(n, "active", true), runOn,
        list(n.path("entries"), RuleJson::entry), target(n.get("fallback")));
  }

  private static Entry entry(JsonNode e) {
    JsonNode s = e.get("strategy");
    return new Entry(text(e, "id"), text(e, "name"), MetamodelJson.label(e.get("label")), text(e, "when"),
        conditions(e.path("conditions")), target(e.get("target")), s == null || !s.isObject() ? Strategy.NONE : strategy(s),
        bool(e, "skipUnavailable", true));
  }

  private static Strategy strategy(JsonNode s) {
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    s.path("weights").fields().forEachRemaining(w -> {
      if (w.getValue().isNumber()) {
        weights.put(w.getKey(), w.getValue().decimalValue());
      }
    });
    Map<String, Target> map = new LinkedHashMap<>();
    s.path("map").fields().forEachRemaining(m -> map.put(m.getKey(), target(m.getValue())));
    List<Tier> tiers = list(s.path("tiers"), t -> new Tier(decimal(t, "min"), target(t.get("target"))));
    JsonNode capacity = s.get("capacity");
    return new Strategy(StrategyType.fromJson(text(s, "type")).orElse(null), weights, s.has("workload") ? conditions(s.path("workload")) : null,
        capacity != null && capacity.canConvertToInt() ? capacity.intValue() : null, text(s, "field"), map, tiers,
        target(s.get("default")), texts(s.path("skills")), text(s, "skillField"));
  }

  public static PoolDefinition pool(JsonNode n) {
    JsonNode limits = n.path("claimLimits");
    ClaimLimits claimLimits = limits.isObject()
        ? new ClaimLimits(integer(limits, "perDay"), integer(limits, "held"), conditions(limits.path("heldWhen"))) : null;
    Integer every = integer(n, "checkEveryMinutes");
    Integer cooldown = integer(n, "cooldownDays");
    return new PoolDefinition(text(n, "id"), text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), text(n, "entity"), texts(n.path("teams")),
        list(n.path("recycle"), r -> new Recycle(text(r, "id"), text(r, "name"), MetamodelJson.label(r.get("label")),
            text(r, "when"))),
        every == null ? PoolDefinition.DEFAULT_CHECK_EVERY_MINUTES : every, cooldown == null ? 0 : cooldown, claimLimits);
  }

  public static MatchingRuleDefinition matchingRule(JsonNode n) {
    return new MatchingRuleDefinition(text(n, "id"), text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), text(n, "entity"), bool(n, "active", true),
        Action.fromJson(text(n, "action")).orElse(null), Action.fromJson(text(n, "importAction")).orElse(null),
        decimal(n, "threshold"), bool(n, "notifyOwners", true), list(n.path("criteria"), RuleJson::criterion));
  }

  private static Criterion criterion(JsonNode c) {
    String match = text(c, "match");
    return new Criterion(text(c, "field"), "exact".equals(match) ? Match.EXACT : "fuzzy".equals(match) ? Match.FUZZY : null,
        decimal(c, "weight"), decimal(c, "minSimilarity"), CompareAs.fromJson(text(c, "compareAs")).orElse(null));
  }

  public static FormDefinition form(JsonNode n) {
    return new FormDefinition(text(n, "id"), text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), text(n, "entity"), bool(n, "default", false),
        list(n.path("tabs"), t -> new Tab(text(t, "id"), text(t, "name"), MetamodelJson.label(t.get("label")))),
        list(n.path("sections"), RuleJson::section));
  }

  private static Section section(JsonNode s) {
    Integer columns = integer(s, "columns");
    return new Section(text(s, "id"), text(s, "name"), MetamodelJson.label(s.get("label")), text(s, "tab"),
        columns == null ? FormDefinition.DEFAULT_COLUMNS : columns, text(s, "visibleWhen"),
        list(s.path("fields"), RuleJson::placement));
  }

  private static Placement placement(JsonNode p) {
    Integer column = integer(p, "column");
    Integer span = integer(p, "span");
    return new Placement(text(p, "field"), column == null ? Placement.DEFAULT_COLUMN : column,
        span == null ? Placement.DEFAULT_SPAN : span, MetamodelJson.label(p.get("help")), text(p, "visibleWhen"),
        text(p, "requiredWhen"), text(p, "readOnlyWhen"));
  }

  /** Structured conditions; an unknown operator is read as null. */
  public static List<Condition> conditions(JsonNode items) {
    return list(items, c -> new Condition(text(c, "field"), Condition.Op.fromJson(text(c, "op")).orElse(null), c.get("value")));
  }

  /** A target; null when absent or not an object (its type null when unknown). */
  static Target target(JsonNode t) {
    if (t == null || !t.isObject()) {
      return null;
    }
    return new Target(Target.Type.fromJson(text(t, "type")).orElse(null), text(t, "key"));
  }

  static <T> List<T> list(JsonNode items, Function<JsonNode, T> read) {
    List<T> out = new ArrayList<>();
    if (items.isArray()) {
      items.forEach(i -> {
        if (i.isObject()) {
          out.add(read.apply(i));
        }
      });
    }
    return out;
  }

  static List<String> texts(JsonNode items) {
    List<String> out = new ArrayList<>();
    if (items.isArray()) {
      items.forEach(i -> {
        if (i.isTextual()) {
          out.add(i.asText());
        }
      });
    }
    return out;
  }

  static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  static boolean bool(JsonNode n, String key, boolean absent) {
    JsonNode v = n.get(key);
    return v != null && v.isBoolean() ? v.booleanValue() : absent;
  }

  static Integer integer(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : null;
  }

  private static BigDecimal decimal(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isNumber() ? v.decimalValue() : null;
  }
}
