package dev.tessera.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Client-chosen operation names cannot grow the number of series without bound. */
class OperationMetricsTest {
  private final OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), 2);

  @Test
  void anonymousOperationsShareOneName() {
    assertEquals(OperationMetrics.ANONYMOUS, metrics.name(null));
    assertEquals(OperationMetrics.ANONYMOUS, metrics.name(" "));
  }

  @Test
  void namesBeyondTheCapAreCountedAsOther() {
    assertEquals("First", metrics.name("First"));
    assertEquals("Second", metrics.name("Second"));
    assertEquals(OperationMetrics.OTHER, metrics.name("Third"));
    assertEquals("First", metrics.name("First"), "names seen before keep their series");
  }

  @Test
  void longNamesAreCut() {
    String name = "Q".repeat(500);
    assertEquals(OperationMetrics.MAX_NAME, metrics.name(name).length());
  }
}
