package dev.tessera.platform;

/** Stable error codes; they reach clients as GraphQL {@code extensions.code}. */
public enum ErrorCode {
  VALIDATION_FAILED,
  /** An expression (condition, formula, rule) that the expression language does not accept. */
  INVALID_EXPRESSION,
  VERSION_CONFLICT,
  NOT_FOUND,
  FORBIDDEN,
  BAD_REQUEST,
  QUERY_TOO_DEEP,
  QUERY_TOO_COMPLEX,
  PAGE_SIZE_EXCEEDED,
  PUBLISH_FAILED,
  INTERNAL_ERROR
}
