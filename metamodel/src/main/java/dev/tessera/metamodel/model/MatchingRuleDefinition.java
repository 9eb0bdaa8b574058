package dev.tessera.metamodel.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A duplicate rule (撞单) of one entity: weighted criteria, exact on normalized keys or fuzzy, a
 * threshold the summed weights must reach, and what happens to a write that matches ({@code action};
 * on import {@code importAction}, the action when absent). Defaults of the JSON Schema are applied
 * here, once ({@link #DEFAULT_THRESHOLD}, action block, notify owners, weight 1, compare as text).
 */
public record MatchingRuleDefinition(String id, String name, LocalizedText label, LocalizedText description,
    String entity, boolean active, Action action, Action importAction, BigDecimal threshold, boolean notifyOwners,
    List<Criterion> criteria) implements EntityRule {
  public static final String KIND = "matchingRule";
  public static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.ONE;
  public static final Action DEFAULT_ACTION = Action.BLOCK;

  public MatchingRuleDefinition {
    action = action == null ? DEFAULT_ACTION : action;
    importAction = importAction == null ? action : importAction;
    threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
    criteria = List.copyOf(criteria);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The actions; {@code skip} is for imports only. */
  public enum Action {
    BLOCK("block"), WARN("warn"), LINK("link"), SKIP("skip");

    private final String jsonName;

    Action(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<Action> fromJson(String name) {
      return Arrays.stream(values()).filter(a -> a.jsonName.equals(name)).findFirst();
    }
  }

  /** How a criterion compares: normalized keys exactly, or by similarity. */
  public enum Match { EXACT, FUZZY }

  /** What a fuzzy criterion compares: trigrams of the text, or names of people or companies. */
  public enum CompareAs {
    TEXT("text"), PERSON_NAME("personName"), COMPANY_NAME("companyName");

    private final String jsonName;

    CompareAs(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<CompareAs> fromJson(String name) {
      return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst();
    }
  }

  /**
   * One criterion: a field, how it is compared, its weight in the score ({@link #DEFAULT_WEIGHT}) and,
   * for fuzzy ones, the similarity below which it counts nothing (null: none set) and what is
   * compared ({@code compareAs}, null when not set; {@link #comparedAs()} applies the default).
   */
  public record Criterion(String field, Match match, BigDecimal weight, BigDecimal minSimilarity, CompareAs compareAs) {
    public static final BigDecimal DEFAULT_WEIGHT = BigDecimal.ONE;

    public Criterion {
      weight = weight == null ? DEFAULT_WEIGHT : weight;
    }

    /** What is compared: the text unless {@code compareAs} says names. */
    public CompareAs comparedAs() {
      return compareAs == null ? CompareAs.TEXT : compareAs;
    }

    public boolean exact() {
      return match == Match.EXACT;
    }

    public boolean fuzzy() {
      return match == Match.FUZZY;
    }
  }
}
