package dev.tessera.identity;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import java.util.Map;

/** Messages of sign-in, sessions and API keys ({@code messages/identity.properties}). */
public final class IdentityMessages {
  private static final Messages CATALOG = Messages.of("identity");

  private IdentityMessages() {}

  public static LocalizedText text(String code, Map<String, ?> args) {
    return CATALOG.text(code, args);
  }

  public static LocalizedText text(String code) {
    return CATALOG.text(code);
  }

  /** A refusal with a catalog message. */
  public static PlatformException refused(ErrorCode code, String message, String field) {
    return new PlatformException(code, text(message), field);
  }
}
