package dev.tessera.metamodel.model;

import java.util.List;

/**
 * What a record must meet to enter one stage of a {@code stage} field (ADR 0053): an entry
 * {@code condition} (a true/false expression on the record as it will be stored) with an optional
 * {@code message} said when it does not hold, {@code requiredFields} that must have a value, an
 * {@code approval} (the name of a flow with a manual trigger on the same entity holding an approval
 * node: a direct write into the stage is refused and {@code requestStageChange} starts that flow instead)
 * and {@code onEnter} flows started on the record once it has entered. Every part is optional.
 */
public record StageGate(String condition, LocalizedText message, List<String> requiredFields, String approval,
    List<String> onEnter) {
  public StageGate {
    requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
    onEnter = onEnter == null ? List.of() : List.copyOf(onEnter);
  }

  /** True when entering the stage needs an approval first. */
  public boolean needsApproval() {
    return approval != null;
  }

  /** True when a write into the stage has something to check (fields or a condition). */
  public boolean checksValues() {
    return condition != null || !requiredFields.isEmpty();
  }
}
