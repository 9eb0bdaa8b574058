package dev.tessera.assignment;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;

/**
 * Where rotations get their turns. Writes take them from the database: round-robin and weighted from
 * a lock-free sequence, least-loaded from the rotation's locked row (its workload counts must be
 * taken one writer at a time). A dry run takes none: it reads where each rotation stands once and
 * counts on from there, so previewing a rule never moves a rotation.
 */
interface Turns {
  Uni<Long> take(Tx tx, String rule, String entry, String target, boolean serialized);

  static Turns live(AssignmentStore store) {
    return (tx, rule, entry, target, serialized) -> serialized ? store.takeTurn(tx, rule, entry, target)
        : store.nextTurn(tx, rule, entry, target);
  }

  /** For one dry run; the locked row it may take is rolled back with the dry run. */
  static Turns simulated(AssignmentStore store) {
    Map<String, Long> next = new HashMap<>();
    return (tx, rule, entry, target, serialized) -> {
      if (serialized) {
        return store.takeTurn(tx, rule, entry, target);
      }
      String key = rule + '/' + entry + '/' + target;
      Long n = next.get(key);
      if (n != null) {
        next.put(key, n + 1);
        return Uni.createFrom().item(n);
      }
      return store.peekTurn(tx, rule, entry, target).invoke(p -> next.put(key, p + 1));
    };
  }
}
