package dev.tessera.metamodel.expr;

/**
 * A failure while evaluating an accepted expression (a value out of range, text beyond the size cap).
 * Accepted expressions cannot reach Java, so this is the only exception evaluation throws.
 */
public final class EvaluationException extends RuntimeException {
  public EvaluationException(String message) {
    super(message, null, false, false);
  }

  public EvaluationException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
