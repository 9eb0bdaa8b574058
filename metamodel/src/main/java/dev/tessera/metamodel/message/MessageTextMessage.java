package dev.tessera.metamodel.message;

import dev.tessera.metamodel.i18n.MessageCode;

/** The codes of {@code messages/messageText.properties}: why a placeholder cannot be filled in. */
public enum MessageTextMessage implements MessageCode {
  NOT_A_NAME, UNKNOWN_FIELD, UNKNOWN_OWNER_FIELD, UNKNOWN_VARIABLE, NO_RECORD;

  @Override
  public String catalog() {
    return "messageText";
  }
}
