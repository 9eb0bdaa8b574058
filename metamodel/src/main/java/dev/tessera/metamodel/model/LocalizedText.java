package dev.tessera.metamodel.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Text in several locales, keyed by BCP 47 tag ({@code zh-CN}, {@code en}). Order is kept. */
public record LocalizedText(Map<String, String> values) {
  public static final String ZH = "zh-CN";
  public static final String EN = "en";

  public LocalizedText {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static LocalizedText of(String zh, String en) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ZH, zh);
    m.put(EN, en);
    return new LocalizedText(m);
  }

  /** The text for a locale, falling back to English, then to any text present. */
  public String get(String locale) {
    if (locale != null) {
      String exact = values.get(locale);
      if (exact != null) {
        return exact;
      }
      if (locale.startsWith("zh") && values.containsKey(ZH)) {
        return values.get(ZH);
      }
    }
    if (values.containsKey(EN)) {
      return values.get(EN);
    }
    return values.values().stream().findFirst().orElse("");
  }
}
