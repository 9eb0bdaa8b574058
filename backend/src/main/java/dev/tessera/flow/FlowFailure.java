package dev.tessera.flow;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import java.util.Map;

/**
 * A step that cannot be done, with the reason in words a business user reads ({@code messages/flowengine.properties},
 * zh-CN and en). It is retried, then becomes an incident naming this reason.
 */
public final class FlowFailure extends RuntimeException {
  static final Messages MESSAGES = Messages.of("flowengine");
  private final String code;
  private final LocalizedText text;

  public FlowFailure(String code, Map<String, ?> args) {
    this(code, MESSAGES.text(code, args));
  }

  private FlowFailure(String code, LocalizedText text) {
    super(text.get(LocalizedText.EN));
    this.code = code;
    this.text = text;
  }

  public String code() {
    return code;
  }

  public LocalizedText text() {
    return text;
  }

  /** The reason stored with a failed step or incident: "CODE: English text | 中文" so both languages survive. */
  static String describe(Throwable e) {
    if (e instanceof FlowFailure f) {
      return f.code + ": " + f.text.get(LocalizedText.EN) + " | " + f.text.get(LocalizedText.ZH);
    }
    if (e instanceof dev.tessera.platform.PlatformException p) {
      return p.code().name() + ": " + p.getMessage() + " | " + p.message("zh");
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
