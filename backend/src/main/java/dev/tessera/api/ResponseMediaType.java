package dev.tessera.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The media type of a GraphQL response, negotiated from the request's Accept header as the
 * GraphQL-over-HTTP specification asks. {@code application/graphql-response+json} answers request
 * errors (parse, validation, variable coercion, limits) with 4xx, so HTTP tooling sees them;
 * {@code application/json} is the legacy format that answers every well-formed request with 200. A
 * missing Accept, {@code *}{@code /*} and {@code application/*} get the legacy format (what curl and
 * older clients expect); an Accept naming neither is not acceptable (406).
 */
enum ResponseMediaType {
  GRAPHQL_RESPONSE_JSON("application/graphql-response+json"),
  JSON("application/json");

  private final String name;

  ResponseMediaType(String name) {
    this.name = name;
  }

  /** The Content-Type header value. */
  String contentType() {
    return name + "; charset=utf-8";
  }

  /** The preferred supported type (highest q; on a tie the newer format); empty when none is acceptable. */
  static Optional<ResponseMediaType> negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(JSON);
    }
    ResponseMediaType best = null;
    double bestQ = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(parts);
      ResponseMediaType t = switch (type) {
        case "application/graphql-response+json" -> GRAPHQL_RESPONSE_JSON;
        case "application/json", "application/*", "*/*" -> JSON;
        default -> null;
      };
      if (t != null && q > 0 && (q > bestQ || (q == bestQ && t == GRAPHQL_RESPONSE_JSON))) {
        best = t;
        bestQ = q;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
