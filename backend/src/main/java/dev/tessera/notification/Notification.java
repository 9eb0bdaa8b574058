package dev.tessera.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One message in a user's inbox, with title and body in Chinese and English; {@code entity} and
 * {@code recordId} name the record it is about (both null when none). {@code id} and
 * {@code createdAt} are null until stored.
 */
public record Notification(Long id, String recipient, String kind, String titleZh, String titleEn, String bodyZh,
    String bodyEn, String entity, UUID recordId, boolean read, OffsetDateTime createdAt) {

  /** A new, unread notification. */
  public static Notification of(String recipient, String kind, String titleZh, String titleEn, String bodyZh,
      String bodyEn, String entity, UUID recordId) {
    return new Notification(null, recipient, kind, titleZh, titleEn, bodyZh, bodyEn, entity, recordId, false, null);
  }

  public String title(String locale) {
    return zh(locale) ? titleZh : titleEn;
  }

  public String body(String locale) {
    return zh(locale) ? bodyZh : bodyEn;
  }

  private static boolean zh(String locale) {
    return locale != null && locale.startsWith("zh");
  }
}
