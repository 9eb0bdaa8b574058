package dev.tessera.metamodel.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who gets the records of one entity ({@code assignmentRule}): ordered entries, the first whose
 * criteria hold decides through its target and strategy; the fallback takes the rest. Defaults of the
 * JSON Schema are applied here, once, by the reader ({@link #DEFAULT_RUN_ON}, {@code active} true,
 * {@code skipUnavailable} true).
 */
public record AssignmentRuleDefinition(String id, String name, LocalizedText label, LocalizedText description,
    String entity, boolean active, RunOn runOn, List<Entry> entries, Target fallback) implements EntityRule {
  public static final String KIND = "assignmentRule";
  /** On create only, as when {@code runOn} is absent. */
  public static final RunOn DEFAULT_RUN_ON = new RunOn(true, false, List.of());

  public AssignmentRuleDefinition {
    runOn = runOn == null ? DEFAULT_RUN_ON : runOn;
    entries = List.copyOf(entries);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** When the rule runs: on create, on update (only when one of {@code updateFields} changed, if any are named). */
  public record RunOn(boolean create, boolean update, List<String> updateFields) {
    public RunOn {
      updateFields = List.copyOf(updateFields);
    }
  }

  /**
   * One entry: its criteria (a written {@code when} expression and/or structured {@code conditions}),
   * its target and strategy; unavailable people are skipped unless {@code skipUnavailable} is false.
   */
  public record Entry(String id, String name, LocalizedText label, String when, List<Condition> conditions,
      Target target, Strategy strategy, boolean skipUnavailable) {
    public Entry {
      conditions = List.copyOf(conditions);
    }

    /** The id, else the name: the key of this entry's rotations. */
    public String key() {
      return id != null ? id : name;
    }
  }

  /** The strategies; {@code jsonName} is how the JSON writes them. */
  public enum StrategyType {
    ROUND_ROBIN("roundRobin"), WEIGHTED("weighted"), LEAST_LOADED("leastLoaded"), FIELD_MAP("fieldMap"),
    VALUE_TIER("valueTier");

    private final String jsonName;

    StrategyType(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    /** Strategies that pick the target from the record instead of sharing among a team's members. */
    public boolean picksTarget() {
      return this == FIELD_MAP || this == VALUE_TIER;
    }

    public static Optional<StrategyType> fromJson(String name) {
      return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
  }

  /**
   * How an entry's target is chosen or shared: rotations (weights per username), least-loaded
   * (workload conditions: null when not given, empty for all a member owns; a capacity), or a target picked from the record (field map, value tiers,
   * a default); skills limit a team to the members who have them. {@code type} is null when absent.
   */
  public record Strategy(StrategyType type, Map<String, BigDecimal> weights, List<Condition> workload, Integer capacity,
      String field, Map<String, Target> map, List<Tier> tiers, Target defaultTarget, List<String> skills,
      String skillField) {
    /** No strategy: a team target rotates round-robin. */
    public static final Strategy NONE = new Strategy(null, Map.of(), null, null, null, Map.of(), List.of(), null,
        List.of(), null);

    public Strategy {
      weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
      workload = workload == null ? null : List.copyOf(workload);
      map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
      tiers = List.copyOf(tiers);
      skills = List.copyOf(skills);
    }

    /** How a team's members share records: the type, round-robin when none is given. */
    public StrategyType sharing() {
      return type == null || type.picksTarget() ? StrategyType.ROUND_ROBIN : type;
    }
  }

  /** A value tier: records whose field is at least {@code min} go to {@code target}. */
  public record Tier(BigDecimal min, Target target) {}
}
