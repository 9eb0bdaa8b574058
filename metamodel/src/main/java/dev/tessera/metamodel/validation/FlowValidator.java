package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.FlowDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic checks of a flow (ADR 0046, 0047). Messages: {@code messages/flow.properties}.
 */
final class FlowValidator {
  private FlowValidator() {}

  static List<Problem> validate(FlowDefinition d, String base, ValidationContext ctx) {
    return new ArrayList<>();
  }
}
