package dev.tessera.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseMediaTypeTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "NONE | JSON",
      "'' | JSON",
      "*/* | JSON",
      "application/* | JSON",
      "application/json | JSON",
      "application/graphql-response+json | GRAPHQL_RESPONSE_JSON",
      "application/graphql-response+json, application/json;q=0.9 | GRAPHQL_RESPONSE_JSON",
      "application/json, application/graphql-response+json | GRAPHQL_RESPONSE_JSON",
      "application/graphql-response+json;q=0.5, application/json | JSON",
      "application/graphql-response+json, multipart/mixed, application/json | GRAPHQL_RESPONSE_JSON",
      "text/html, */*;q=0.1 | JSON",
      "application/json;q=0 | EMPTY",
      "text/html | EMPTY"})
  void negotiates(String accept, String expected) {
    Optional<ResponseMediaType> want = expected.equals("EMPTY") ? Optional.empty()
        : Optional.of(ResponseMediaType.valueOf(expected));
    assertEquals(want, ResponseMediaType.negotiate(accept));
  }
}
