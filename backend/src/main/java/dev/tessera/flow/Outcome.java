package dev.tessera.flow;

import java.time.OffsetDateTime;
import java.util.Map;

/** What a node's step came to: go on along a branch, wait, or end the path. */
sealed interface Outcome {
  /** What the step recorded as its output (null: nothing worth keeping). */
  Object output();

  /** Go on along {@code branch} (null: the default edges). {@code commitFirst}: the next node runs in a transaction of its own. */
  record Next(String branch, Object output, boolean commitFirst) implements Outcome {
    Next(String branch, Object output) {
      this(branch, output, false);
    }
  }

  /** Wait until {@code due} (or an event {@code waitFor} names wakes the token first). */
  record Wait(OffsetDateTime due, Map<String, Object> waitFor, Object output) implements Outcome {}

  /** Go back to {@code node}, an earlier node of the flow, which runs again (an approval returned to it). */
  record Goto(String node, Object output) implements Outcome {}

  /** This path ends here. */
  record Stop(Object output) implements Outcome {}
}
