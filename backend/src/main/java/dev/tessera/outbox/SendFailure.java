package dev.tessera.outbox;

/**
 * A delivery that did not succeed: {@code retryable} ones (a timeout, a 5xx answer, a refused connection)
 * are tried again with backoff, others (a 4xx answer, a bad address) fail at once.
 */
public class SendFailure extends RuntimeException {
  private final boolean retryable;

  public SendFailure(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public SendFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
