package dev.tessera.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.execution.AbortExecutionException;
import graphql.introspection.GoodFaithIntrospection;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors graphql-java raises before any field runs (parse, validation, variable coercion), as response
 * entries with a specific {@code extensions.code}: a client can tell a typo in the document
 * ({@code GRAPHQL_PARSE_FAILED}), a document the schema refuses ({@code GRAPHQL_VALIDATION_FAILED}), a bad
 * argument literal or variable value ({@code BAD_USER_INPUT}, as Apollo Server names it) and a query
 * over the limits ({@code QUERY_TOO_DEEP}, {@code QUERY_TOO_COMPLEX}) apart. Locations come from
 * graphql-java and name the offending field.
 */
final class RequestErrors {
  private RequestErrors() {}

  static String code(GraphQLError e) {
    if (e instanceof InvalidSyntaxError) {
      return "GRAPHQL_PARSE_FAILED";
    }
    if (e instanceof GoodFaithIntrospection.BadFaithIntrospectionError || e instanceof AbortExecutionException) {
      return "QUERY_TOO_COMPLEX";
    }
    if (e instanceof ValidationError v) {
      return validation(v);
    }
    if (e.getErrorType() == ErrorType.ValidationError) {
      return "BAD_USER_INPUT";
    }
    return "BAD_REQUEST";
  }

  private static String validation(ValidationError v) {
    if (v.getValidationErrorType() instanceof ValidationErrorType t) {
      return switch (t) {
        case WrongType, NullValueForNonNullArgument, BadValueForDefaultArg -> "BAD_USER_INPUT";
        case MaxQueryDepthExceeded -> "QUERY_TOO_DEEP";
        case MaxQueryFieldsExceeded -> "QUERY_TOO_COMPLEX";
        default -> "GRAPHQL_VALIDATION_FAILED";
      };
    }
    return "GRAPHQL_VALIDATION_FAILED";
  }

  /** One error as a response entry, its code added when it has none. */
  static Map<String, Object> entry(GraphQLError e) {
    Map<String, Object> spec = new LinkedHashMap<>(e.toSpecification());
    Map<String, Object> ext = new LinkedHashMap<>();
    if (spec.get("extensions") instanceof Map<?, ?> given) {
      given.forEach((k, v) -> ext.put(String.valueOf(k), v));
    }
    ext.putIfAbsent("code", code(e));
    spec.put("extensions", ext);
    return spec;
  }

  /** A response of errors only (no data: nothing ran). */
  static Map<String, Object> response(List<? extends GraphQLError> errors) {
    return Map.of("errors", errors.stream().map(RequestErrors::entry).toList());
  }
}
