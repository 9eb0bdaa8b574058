package dev.tessera.audit;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.RequestMessages;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors of audit listings: base64url of the sort key's parts joined by '|'. A cursor that does not
 * decode into the expected number of parts is refused with BAD_REQUEST naming {@code after}.
 */
public final class AuditCursors {
  private AuditCursors() {}

  public static String encode(Object... parts) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      s.append(i == 0 ? "" : "|").append(parts[i]);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The parts of {@code cursor} (null: none, the listing starts at the newest). */
  public static List<String> decode(String cursor, int parts) {
    if (cursor == null) {
      return null;
    }
    try {
      List<String> out = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1));
      if (out.size() != parts) {
        throw new IllegalArgumentException("parts");
      }
      return out;
    } catch (IllegalArgumentException e) {
      throw bad();
    }
  }

  /** The refusal of a cursor that does not belong to the listing. */
  public static PlatformException bad() {
    return new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("BAD_CURSOR"), "after");
  }
}
