package dev.tessera.record;

import dev.tessera.metamodel.model.FieldDefinition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Formats autoNumber values: {@code CUS-{0000}} with 7 gives {@code CUS-0007}. */
final class AutoNumbers {
  private static final Pattern COUNTER = Pattern.compile("\\{(0+)}");

  private AutoNumbers() {}

  static String format(FieldDefinition f, long n) {
    String format = f.format() == null ? "{0}" : f.format();
    Matcher m = COUNTER.matcher(format);
    if (!m.find()) {
      return format + n;
    }
    String digits = String.format("%0" + m.group(1).length() + "d", n);
    return format.substring(0, m.start()) + digits + format.substring(m.end());
  }
}
