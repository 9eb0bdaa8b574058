package dev.tessera.record;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import java.util.Map;

/**
 * The record capability's messages ({@code messages/record.properties}) and how they name things: a
 * field as {@code “客户名称”} in Chinese and {@code Name (name)} in English, an entity by its Chinese
 * label and its API name in English (integrators read the English).
 */
public final class RecordMessages {
  private static final Messages CATALOG = Messages.of("record");

  private RecordMessages() {}

  public static LocalizedText text(String code, Map<String, ?> args) {
    return CATALOG.text(code, args);
  }

  public static LocalizedText text(String code) {
    return CATALOG.text(code);
  }

  /** A field as a business user knows it. */
  public static LocalizedText field(FieldDefinition f) {
    return f.label() == null ? LocalizedText.of(f.name(), f.name())
        : LocalizedText.of("“" + f.label().get(LocalizedText.ZH) + "”", f.label().get(LocalizedText.EN) + " (" + f.name() + ")");
  }

  /** A field by its label in each language (its API name when it has none). */
  public static LocalizedText label(FieldDefinition f) {
    return f.label() == null ? LocalizedText.of(f.name(), f.name())
        : LocalizedText.of(f.label().get(LocalizedText.ZH), f.label().get(LocalizedText.EN));
  }

  /** A field by its Chinese label, and its API name in English. */
  public static LocalizedText fieldName(FieldDefinition f) {
    return LocalizedText.of(f.label() == null ? f.name() : f.label().get(LocalizedText.ZH), f.name());
  }

  /** An entity by its Chinese label, and its API name in English. */
  public static LocalizedText entity(EntityDefinition e) {
    return LocalizedText.of(e.label() == null ? e.name() : e.label().get(LocalizedText.ZH), e.name());
  }

  /** What kind of value a client sent, for "expected ..., got ..." messages. */
  public static LocalizedText kindOf(Object raw) {
    if (raw instanceof Map) {
      return text("AN_OBJECT");
    }
    if (raw instanceof java.util.Collection) {
      return text("A_LIST");
    }
    return raw instanceof String ? text("A_TEXT")
        : text("A_VALUE", Map.of("type", raw.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
  }
}
