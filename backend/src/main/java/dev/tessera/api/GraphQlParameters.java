package dev.tessera.api;

import dev.tessera.platform.RequestMessages;
import java.util.Map;

/**
 * The parameters of a GraphQL-over-HTTP request, checked as the specification asks: {@code query} a
 * non-empty string, {@code operationName} a string or null, {@code variables} and {@code extensions}
 * a JSON object or null. Anything else is a malformed request (400), refused before GraphQL sees it.
 */
record GraphQlParameters(String query, String operationName, Map<String, Object> variables) {

  /** A malformed request: what is wrong with which parameter, in English and Chinese. */
  static final class Malformed extends dev.tessera.platform.LocalizedException {
    Malformed(String code, Map<String, ?> args) {
      super(RequestMessages.text(code, args));
    }
  }

  /** The parameters of a JSON request body or of GET's decoded query string (variables already parsed). */
  @SuppressWarnings("unchecked")
  static GraphQlParameters of(Object body) {
    if (!(body instanceof Map<?, ?> map)) {
      throw new Malformed("BODY_NOT_OBJECT", Map.of());
    }
    Object query = map.get("query");
    if (!(query instanceof String q) || q.isBlank()) {
      throw new Malformed("NO_QUERY", Map.of());
    }
    Object name = map.get("operationName");
    if (name != null && !(name instanceof String)) {
      throw new Malformed("OPERATION_NAME", Map.of());
    }
    for (String p : new String[] {"variables", "extensions"}) {
      if (map.get(p) != null && !(map.get(p) instanceof Map)) {
        throw new Malformed("NOT_AN_OBJECT", Map.of("name", p));
      }
    }
    return new GraphQlParameters(q, (String) name, (Map<String, Object>) map.get("variables"));
  }
}
