package dev.tessera.api;

import java.util.Map;

/**
 * The parameters of a GraphQL-over-HTTP request, checked as the specification asks: {@code query} a
 * non-empty string, {@code operationName} a string or null, {@code variables} and {@code extensions}
 * a JSON object or null. Anything else is a malformed request (400), refused before GraphQL sees it.
 */
record GraphQlParameters(String query, String operationName, Map<String, Object> variables) {

  /** A malformed request: what is wrong with which parameter, in English and Chinese. */
  static final class Malformed extends RuntimeException {
    private final String zh;

    Malformed(String en, String zh) {
      super(en);
      this.zh = zh;
    }

    String message(String locale) {
      return locale.startsWith("zh") ? zh : getMessage();
    }
  }

  /** The parameters of a JSON request body or of GET's decoded query string (variables already parsed). */
  @SuppressWarnings("unchecked")
  static GraphQlParameters of(Object body) {
    if (!(body instanceof Map<?, ?> map)) {
      throw new Malformed("The request body must be a JSON object: {\"query\": \"...\", \"variables\": {...}}",
          "请求体必须是 JSON 对象：{\"query\": \"...\", \"variables\": {...}}");
    }
    Object query = map.get("query");
    if (!(query instanceof String q) || q.isBlank()) {
      throw new Malformed("\"query\" must be a non-empty string (the GraphQL document)",
          "“query”必须是非空字符串（GraphQL 文档）");
    }
    Object name = map.get("operationName");
    if (name != null && !(name instanceof String)) {
      throw new Malformed("\"operationName\" must be a string or null", "“operationName”必须是字符串或 null");
    }
    for (String p : new String[] {"variables", "extensions"}) {
      if (map.get(p) != null && !(map.get(p) instanceof Map)) {
        throw new Malformed("\"" + p + "\" must be a JSON object or null", "“" + p + "”必须是 JSON 对象或 null");
      }
    }
    return new GraphQlParameters(q, (String) name, (Map<String, Object>) map.get("variables"));
  }
}
