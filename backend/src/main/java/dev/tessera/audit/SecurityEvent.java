package dev.tessera.audit;

import dev.tessera.platform.Actor;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the security audit log: what happened ({@link Kind}), who did it and through which path,
 * whom or what it concerns ({@code subject}: a username, an API key's id, a metadata version), from which
 * address, and details (reason codes, names, versions). It never holds a password, a token or a key.
 * {@code id} and {@code at} are set by the database (0 and null before it is written).
 */
public record SecurityEvent(long id, OffsetDateTime at, Kind kind, String actor, String path, String subject,
    String address, Map<String, Object> details) {
  /** Longest text kept of a value a caller typed (an attempted username): no one fills the log through it. */
  public static final int MAX_TEXT = 200;

  /** What an event records. */
  public enum Kind {
    SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, PASSWORD_CHANGED, PASSWORD_CHANGE_FAILED, PASSWORD_SET, API_KEY_CREATED,
    API_KEY_REVOKED, METADATA_PUBLISHED, METADATA_RESTORED, PACK_INSTALLED, SECRET_SET, SECRET_DELETED,
    /** An action on an approval (ADR 0050): submitted, approved, rejected, handed over, ...; details name it. */
    APPROVAL
  }

  public SecurityEvent {
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    subject = cut(subject);
    address = cut(address);
  }

  /** A new event by {@code actor} (its user and path). */
  public static SecurityEvent of(Kind kind, Actor actor, String subject, String address, Map<String, Object> details) {
    return new SecurityEvent(0, null, kind, actor.userId(), actor.source(), subject, address, details);
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }
}
