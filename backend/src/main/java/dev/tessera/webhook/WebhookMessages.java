package dev.tessera.webhook;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import java.util.Map;

/** Messages of webhooks and secrets ({@code messages/webhook.properties}). */
public final class WebhookMessages {
  private static final Messages CATALOG = Messages.of("webhook");

  private WebhookMessages() {}

  public static LocalizedText text(String code, Map<String, ?> args) {
    return CATALOG.text(code, args);
  }

  public static LocalizedText text(String code) {
    return CATALOG.text(code);
  }

  static PlatformException refused(ErrorCode code, String message, Map<String, ?> args, String field) {
    return new PlatformException(code, text(message, args), field);
  }
}
