package dev.tessera.metamodel.i18n;

import dev.tessera.metamodel.model.LocalizedText;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A code of one message catalog, implemented by an enum per catalog ({@code MetadataMessage},
 * {@code ExpressionMessage}), so code can only name messages that exist: a test compares each enum's
 * constants with the codes of its {@code messages/<catalog>.properties}.
 */
public interface MessageCode {
  /** The code, as in the catalog file (the enum constant's name). */
  String name();

  /** The capability whose catalog holds the code, e.g. {@code metadata}. */
  String catalog();

  /**
   * The message in both languages with its placeholders filled from {@code nameValuePairs}
   * ({@code "field", label, "max", 10}); a value may be a {@link LocalizedText} or null.
   */
  default LocalizedText text(Object... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException(name() + ": placeholder names and values must come in pairs");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      args.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return Messages.of(catalog()).text(name(), args);
  }

  /** Names or values as one placeholder value: joined with 、 in zh-CN and with a comma in en. */
  static LocalizedText list(Collection<String> items) {
    return LocalizedText.of(String.join("、", items), String.join(", ", items));
  }
}
