package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.MessageCode;

/** The codes of {@code messages/webhookSource.properties}, the words of the checks of inbound webhook sources. */
public enum WebhookSourceMessage implements MessageCode {
  MATCH_FIELD_NOT_MAPPED, UNKNOWN_RUN_AS;

  @Override
  public String catalog() {
    return "webhookSource";
  }
}
