package dev.tessera.audit;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import java.util.Map;

/** Messages of the audit trail and the security log ({@code messages/audit.properties}). */
public final class AuditMessages {
  private static final Messages CATALOG = Messages.of("audit");

  private AuditMessages() {}

  public static LocalizedText text(String code, Map<String, ?> args) {
    return CATALOG.text(code, args);
  }

  /** A refusal with a catalog message. */
  public static PlatformException refused(ErrorCode code, String message) {
    return new PlatformException(code, CATALOG.text(message), null);
  }
}
