package dev.tessera.record;

import java.util.regex.Pattern;

/**
 * Phone normalisation to E.164. Mainland-China numbers are understood with or without +86 / 0086,
 * with spaces, dashes, dots and brackets: {@code 138 0013 8000}, {@code +86-138-0013-8000} and
 * {@code 008613800138000} all become {@code +8613800138000}; landlines {@code 010-12345678} become
 * {@code +861012345678}.
 */
public final class PhoneNumbers {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()（）]");
  private static final Pattern CN_MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern CN_LANDLINE = Pattern.compile("0[1-9]\\d{8,10}");
  private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9]\\d{6,14}");

  private PhoneNumbers() {}

  /** The E.164 form, or null when the text is not a phone number. */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String s = SEPARATORS.matcher(raw.trim()).replaceAll("");
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    if (s.startsWith("+86")) {
      s = s.substring(3);
    } else if (s.startsWith("86") && s.length() == 13 && CN_MOBILE.matcher(s.substring(2)).matches()) {
      s = s.substring(2);
    }
    if (CN_MOBILE.matcher(s).matches()) {
      return "+86" + s;
    }
    if (CN_LANDLINE.matcher(s).matches()) {
      return "+86" + s.substring(1);
    }
    if (!s.startsWith("+") && s.matches("[1-9]\\d{6,11}") && raw.trim().startsWith("+86")) {
      return "+86" + s; // +86 followed by a landline without the trunk 0
    }
    if (INTERNATIONAL.matcher(s).matches()) {
      return s;
    }
    return null;
  }

  /** True for a normalised mainland-China mobile number. */
  public static boolean isChinaMobile(String normalized) {
    return normalized != null && normalized.startsWith("+86") && CN_MOBILE.matcher(normalized.substring(3)).matches();
  }
}
