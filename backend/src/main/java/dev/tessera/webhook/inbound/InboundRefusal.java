package dev.tessera.webhook.inbound;

import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.platform.LocalizedException;

/**
 * An inbound webhook refused before anything was written: the HTTP status to answer (401 bad
 * credentials, 404 unknown source, 400 not JSON, 422 a payload the mapping cannot use, 503 the source's
 * secret is not set), a stable code, and the JSON pointer into the payload when a value is at fault.
 */
public class InboundRefusal extends LocalizedException {
  private final int status;
  private final String code;
  private final String path;

  public InboundRefusal(int status, String code, LocalizedText text, String path) {
    super(text);
    this.status = status;
    this.code = code;
    this.path = path;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String path() {
    return path;
  }
}
