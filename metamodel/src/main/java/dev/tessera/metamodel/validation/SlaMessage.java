package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.MessageCode;

/** The codes of {@code messages/sla.properties}, the words of the checks of SLA policies. */
public enum SlaMessage implements MessageCode {
  STATE_FIELD_TAKEN, UNKNOWN_CALENDAR, NOT_A_DURATION, DURATION_NOT_POSITIVE, TOO_LONG, TARGET_UNREACHABLE,
  FIRST_RESPONSE_WHEN_REQUIRED, RESOLVED_WHEN_REQUIRED, INVALID_USERNAME, UNKNOWN_USER, UNKNOWN_TEAM, UNKNOWN_ROLE,
  NOT_A_USER_FIELD, NOTIFY_EXPRESSION_TYPE;

  @Override
  public String catalog() {
    return "sla";
  }
}
