package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.MessageCode;
import dev.tessera.metamodel.model.LocalizedText;

/**
 * One thing wrong with metadata: a stable {@code code}, the JSON {@code path} into the definitions the
 * client sent ({@code $[1].fields[2].name}) and a message a business user understands, in zh-CN and en.
 * Problems inside an expression also carry the 1-based {@code line} and {@code column} in its text
 * (null otherwise), so the designer can put the cursor there.
 */
public record Problem(String code, String path, LocalizedText message, Integer line, Integer column) {

  public Problem(String code, String path, LocalizedText message) {
    this(code, path, message, null, null);
  }

  public static Problem of(ProblemCode code, String path, String zh, String en) {
    return new Problem(code.name(), path, LocalizedText.of(zh, en));
  }

  /** A problem worded by a catalog message, its placeholders filled from {@code nameValuePairs}. */
  public static Problem of(ProblemCode code, String path, MessageCode message, Object... nameValuePairs) {
    return new Problem(code.name(), path, message.text(nameValuePairs));
  }

  /** A problem in the expression at {@code path}, positioned where the expression goes wrong. */
  public static Problem inExpression(String path, dev.tessera.metamodel.expr.ExpressionException e) {
    return new Problem(ProblemCode.INVALID_EXPRESSION.name(), path, e.positioned(), e.line(), e.column());
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
