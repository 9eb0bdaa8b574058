package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.MessageCode;

/** The codes of {@code messages/stageGate.properties}, the words of the checks of stage gates (ADR 0053). */
public enum StageGateMessage implements MessageCode {
  GATES_NOT_FOR_TYPE, GATE_NOT_AN_OPTION, GATE_UNKNOWN_FIELD, GATE_COMPUTED_FIELD, GATE_OWN_FIELD,
  GATE_FIELD_TWICE, MESSAGE_WITHOUT_CONDITION, UNKNOWN_FLOW, FLOW_OF_OTHER_ENTITY, FLOW_NOT_MANUAL,
  APPROVAL_FLOW_WITHOUT_APPROVAL, APPROVAL_FLOW_DISABLED, DEFAULT_NEEDS_APPROVAL;

  @Override
  public String catalog() {
    return "stageGate";
  }
}
