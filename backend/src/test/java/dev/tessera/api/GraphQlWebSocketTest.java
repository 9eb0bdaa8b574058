package dev.tessera.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The WebSocket handshake follows the CORS allow-list: exact origins, /regex/ patterns, same origin, no origin. */
class GraphQlWebSocketTest {
  private final GraphQlWebSocket socket = new GraphQlWebSocket(null, null, null,
      Optional.of(List.of("https://app.example", " /https://[a-z]+\\.corp\\.example/ ")));

  @Test
  void onlyTheAllowListSameOriginAndOriginlessClientsPass() {
    assertTrue(socket.originAllowed(null, "http", "localhost:8080"), "a script or server sends no Origin");
    assertTrue(socket.originAllowed("http://localhost:8080", "http", "localhost:8080"), "the designer served here");
    assertTrue(socket.originAllowed("https://app.example", "http", "api:8080"));
    assertTrue(socket.originAllowed("https://crm.corp.example", "http", "api:8080"));
    assertFalse(socket.originAllowed("https://app.example.evil", "http", "api:8080"));
    assertFalse(socket.originAllowed("https://evil.example", "http", "api:8080"));
    assertFalse(new GraphQlWebSocket(null, null, null, Optional.empty()).originAllowed("https://app.example", "http", "api:8080"),
        "closed by default");
  }
}
