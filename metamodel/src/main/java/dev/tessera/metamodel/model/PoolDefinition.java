package dev.tessera.metamodel.model;

import java.util.List;

/**
 * A public pool (公海池) of one entity's records: who may claim (members of {@code teams}, everyone
 * when empty), when records come back ({@code recycle} conditions checked every
 * {@code checkEveryMinutes}), a cool-down for the previous owner and claim limits. Defaults of the
 * JSON Schema are applied here, once ({@link #DEFAULT_CHECK_EVERY_MINUTES}, no cool-down, no limits).
 */
public record PoolDefinition(String id, String name, LocalizedText label, LocalizedText description, String entity,
    List<String> teams, List<Recycle> recycle, int checkEveryMinutes, int cooldownDays, ClaimLimits claimLimits)
    implements EntityRule {
  public static final String KIND = "pool";
  public static final int DEFAULT_CHECK_EVERY_MINUTES = 60;

  public PoolDefinition {
    teams = List.copyOf(teams);
    recycle = List.copyOf(recycle);
    claimLimits = claimLimits == null ? ClaimLimits.NONE : claimLimits;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** A recycle condition: records for which {@code when} holds go back to the pool. */
  public record Recycle(String id, String name, LocalizedText label, String when) {}

  /**
   * Claims per user and day, records a user may hold ({@code heldWhen} says which count, all they own
   * when empty); null means no limit.
   */
  public record ClaimLimits(Integer perDay, Integer held, List<Condition> heldWhen) {
    public static final ClaimLimits NONE = new ClaimLimits(null, null, List.of());

    public ClaimLimits {
      heldWhen = List.copyOf(heldWhen);
    }
  }
}
