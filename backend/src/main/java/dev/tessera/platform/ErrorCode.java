package dev.tessera.platform;

/** Stable error codes; they reach clients as GraphQL {@code extensions.code}. */
public enum ErrorCode {
  VALIDATION_FAILED,
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
