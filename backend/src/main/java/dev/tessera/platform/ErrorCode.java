package dev.tessera.platform;

/** Stable error codes; they reach clients as GraphQL {@code extensions.code}. */
public enum ErrorCode {
  VALIDATION_FAILED,
  /** A write into a stage whose gate the record does not meet (fields missing, condition false; ADR 0053). */
  STAGE_GATE,
  /** A write straight into a stage that needs an approval first: ask with {@code requestStageChange}. */
  STAGE_NEEDS_APPROVAL,
  /** A stage change asked for while another one of the record waits for its approval. */
  STAGE_CHANGE_PENDING,
  /** An expression (condition, formula, rule) that the expression language does not accept. */
  INVALID_EXPRESSION,
  VERSION_CONFLICT,
  NOT_FOUND,
  /** A pool record someone else claimed first. */
  ALREADY_CLAIMED,
  /** A claim the pool's rules refuse: claim caps, cool-down, not a member of the pool's teams. */
  CLAIM_REFUSED,
  FORBIDDEN,
  /** No valid credential: not signed in, or a token or API key that is invalid, expired or revoked (HTTP 401). */
  UNAUTHENTICATED,
  /** Too many failed sign-ins for an account or from an address; wait for the window to pass. */
  TOO_MANY_ATTEMPTS,
  /** A merge that was undone already. */
  ALREADY_UNDONE,
  BAD_REQUEST,
  QUERY_TOO_DEEP,
  QUERY_TOO_COMPLEX,
  /** A query document longer than the server reads. */
  QUERY_TOO_LARGE,
  PAGE_SIZE_EXCEEDED,
  PUBLISH_FAILED,
  /** A subscription whose client fell too far behind; it was dropped. */
  SUBSCRIPTION_OVERFLOW,
  /**
   * The database cannot be reached (refused, connection lost, no connection free in time, shutting
   * down). Worth retrying: HTTP 503 with Retry-After when nothing of the request ran.
   */
  UNAVAILABLE,
  INTERNAL_ERROR
}
