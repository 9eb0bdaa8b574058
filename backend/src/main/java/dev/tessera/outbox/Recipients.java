package dev.tessera.outbox;

/** How a recipient appears in logs: enough to tell messages apart, not enough to read an address or number. */
public final class Recipients {
  private Recipients() {}

  /** {@code 138****8000}, {@code z***@example.com}, {@code https://hooks.example.com/…}. */
  public static String masked(String recipient) {
    if (recipient == null || recipient.isEmpty()) {
      return "";
    }
    int at = recipient.indexOf('@');
    if (at > 0) {
      return recipient.charAt(0) + "***" + recipient.substring(at);
    }
    if (recipient.startsWith("http://") || recipient.startsWith("https://")) {
      int path = recipient.indexOf('/', recipient.indexOf("//") + 2);
      return path < 0 ? recipient : recipient.substring(0, path) + "/…";
    }
    int n = recipient.length();
    if (n <= 4) {
      return "****";
    }
    int keep = Math.min(3, (n - 4) / 2);
    return recipient.substring(0, keep) + "****" + recipient.substring(n - 4);
  }
}
