package dev.tessera.platform;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import java.util.Map;

/** Messages about a request itself and about small platform services ({@code messages/request.properties}). */
public final class RequestMessages {
  private static final Messages CATALOG = Messages.of("request");

  private RequestMessages() {}

  public static LocalizedText text(String code, Map<String, ?> args) {
    return CATALOG.text(code, args);
  }

  public static LocalizedText text(String code) {
    return CATALOG.text(code);
  }

  /** A refused page size ({@code first} outside 1..max). */
  public static PlatformException pageSize(int max) {
    return new PlatformException(ErrorCode.PAGE_SIZE_EXCEEDED, text("PAGE_SIZE", Map.of("max", max)), "first");
  }

  /** A refused id of a numbered thing ({@code what}: VIEW, JOB, NOTIFICATION). */
  public static PlatformException notAnId(String id, String what, String path) {
    return new PlatformException(ErrorCode.BAD_REQUEST, text("NOT_AN_ID", Map.of("id", id, "what", text(what))), path);
  }
}
