package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.LocalizedText;

/**
 * One thing wrong with metadata: a stable {@code code}, the JSON {@code path} into the definitions the
 * client sent ({@code $[1].fields[2].name}) and a message a business user understands, in zh-CN and en.
 */
public record Problem(String code, String path, LocalizedText message) {

  public static Problem of(ProblemCode code, String path, String zh, String en) {
    return new Problem(code.name(), path, LocalizedText.of(zh, en));
  }

  /** A JSON path step for an object key: {@code .name}, or {@code ['zh-CN']} when the key is not a plain word. */
  public static String key(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name.replace("'", "\\'") + "']";
  }

  /** The message in a locale ({@code zh-CN} or {@code en}), falling back to English. */
  public String message(String locale) {
    return message.get(locale);
  }

  @Override
  public String toString() {
    return code + " at " + path + ": " + message.get(LocalizedText.EN);
  }
}
