package dev.tessera.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StepInputTest {
  @Test
  void longTextsListsMapsAndDeepNestingAreCut() {
    String text = "长".repeat(StepInput.TEXT + 10);
    assertEquals("长".repeat(StepInput.TEXT) + StepInput.MORE, StepInput.small(text));
    List<?> list = (List<?>) StepInput.small(IntStream.range(0, StepInput.ITEMS + 5).boxed().toList());
    assertEquals(StepInput.ITEMS + 1, list.size());
    assertEquals(StepInput.MORE + 5, list.get(StepInput.ITEMS));
    Map<String, Object> deep = Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1)))));
    assertEquals(Map.of("a", Map.of("b", Map.of("c", Map.of("d", StepInput.MORE)))), StepInput.small(deep));
  }

  @Test
  void plainValuesStayAndOthersBecomeText() {
    assertEquals(Map.of("n", 3, "ok", true, "when", "2026-12-07"),
        StepInput.small(Map.of("n", 3, "ok", true, "when", java.time.LocalDate.of(2026, 12, 7))));
    assertEquals(null, StepInput.small(null));
  }
}
