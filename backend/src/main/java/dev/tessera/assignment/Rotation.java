package dev.tessera.assignment;

import dev.tessera.metamodel.model.AssignmentRuleDefinition.Strategy;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.StrategyType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Rotating strategies over the available members (sorted by username), driven by the rotation's
 * turn number: round-robin takes them in order; weighted interleaves them smoothly in proportion to
 * their weights (the strategy's per-user weights, else the team membership's), so any window of one
 * cycle holds each member exactly weight times.
 */
final class Rotation {
  private Rotation() {}

  static People.Person pick(StrategyType strategy, List<People.Person> members, Strategy options, long turn) {
    int n = members.size();
    if (strategy != StrategyType.WEIGHTED) {
      return members.get((int) Math.floorMod(turn - 1, (long) n));
    }
    int[] weights = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal weight = options.weights().getOrDefault(members.get(i).username(), members.get(i).weight());
      weights[i] = Math.max(1, weight.setScale(0, RoundingMode.HALF_UP).intValue());
      total += weights[i];
    }
    long position = Math.floorMod(turn - 1, (long) total);
    int[] current = new int[n];
    int chosen = 0;
    for (long step = 0; step <= position; step++) {
      chosen = 0;
      for (int i = 0; i < n; i++) {
        current[i] += weights[i];
        if (current[i] > current[chosen]) {
          chosen = i;
        }
      }
      current[chosen] -= total;
    }
    return members.get(chosen);
  }
}
