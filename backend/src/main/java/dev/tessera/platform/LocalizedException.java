package dev.tessera.platform;

import dev.tessera.metamodel.model.LocalizedText;

/**
 * A problem found before a PlatformException can name its field (a bad value, a malformed request):
 * its message in both languages, the English one as the exception's message.
 */
public class LocalizedException extends RuntimeException {
  private final transient LocalizedText text;

  public LocalizedException(LocalizedText text) {
    super(text.get(LocalizedText.EN));
    this.text = text;
  }

  public LocalizedText text() {
    return text;
  }

  /** The message in a language ({@code zh...} or English). */
  public String message(String locale) {
    return text.get(locale);
  }
}
