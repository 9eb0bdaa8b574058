package dev.tessera.api;

import dev.tessera.graphql.GraphQlProvider;
import dev.tessera.graphql.RequestContext;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishParticipant;
import dev.tessera.platform.Actor;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GraphQL over WebSocket on /graphql with the graphql-transport-ws protocol (the one Apollo Client,
 * urql and GraphiQL speak through the graphql-ws library): subscriptions stream as they commit, and
 * queries and mutations work over the socket too. On a publish every socket is closed with 1012
 * (service restart), so clients reconnect and subscribe against the new schema.
 */
@ApplicationScoped
public class GraphQlWebSocket implements HttpServerOptionsCustomizer, PublishParticipant {
  static final String PROTOCOL = "graphql-transport-ws";
  private final GraphQlProvider provider;
  private final dev.tessera.identity.Authenticator auth;
  private final List<String> origins;
  private final Set<GraphQlSocketSession> sessions = ConcurrentHashMap.newKeySet();

  private final Actors actors;

  public GraphQlWebSocket(GraphQlProvider provider, dev.tessera.identity.Authenticator auth, Actors actors,
      @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.cors.origins")
      java.util.Optional<List<String>> origins) {
    this.provider = provider;
    this.actors = actors;
    this.auth = auth;
    this.origins = origins.orElse(List.of()).stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
  }

  /**
   * CORS does not cover WebSocket handshakes, so a browser page from another site could open one with
   * the user's cookies: the same allow-list as CORS ({@code TESSERA_CORS_ORIGINS}, exact or
   * {@code /regex/}) decides. Same-origin pages and clients that send no Origin (servers, scripts) pass.
   */
  boolean originAllowed(String origin, String scheme, String host) {
    if (origin == null || origin.equals(scheme + "://" + host)) {
      return true;
    }
    for (String allowed : origins) {
      boolean pattern = allowed.length() > 2 && allowed.startsWith("/") && allowed.endsWith("/");
      if (pattern ? origin.matches(allowed.substring(1, allowed.length() - 1)) : origin.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    List<String> protocols = new ArrayList<>(options.getWebSocketSubProtocols() == null ? List.of()
        : options.getWebSocketSubProtocols());
    if (!protocols.contains(PROTOCOL)) {
      protocols.add(PROTOCOL);
    }
    options.setWebSocketSubProtocols(protocols);
  }

  void routes(@Observes Router router) {
    router.get("/graphql").order(-100).handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.next();
      return;
    }
    if (!originAllowed(ctx.request().getHeader("Origin"), ctx.request().scheme(), ctx.request().getHeader("Host"))) {
      ctx.response().setStatusCode(403).end("This origin may not open a GraphQL WebSocket here (see TESSERA_CORS_ORIGINS)");
      return;
    }
    String header = ctx.request().getHeader("Accept-Language");
    Locale locale = GraphQlRoute.locale(header);
    Caller caller = new Caller(ctx.request().getHeader("Authorization"), GraphQlRoute.language(header), ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress());
    ctx.request().toWebSocket().onSuccess(ws -> open(ws, caller, locale)).onFailure(e -> ctx.fail(400, e));
  }

  /** What the upgrade request said about its caller. */
  private record Caller(String authorization, String language, String address) {}

  /**
   * The caller of a socket, found at connection_init: the payload's {@code Authorization} (graphql-ws
   * clients cannot set headers in browsers), else the upgrade request's header; without either, a
   * refusal while sign-in is required (else an unrestricted anonymous caller, on a developer's machine).
   */
  private java.util.concurrent.CompletionStage<RequestContext> context(Object payload, Caller c) {
    String authorization = c.authorization();
    if (payload instanceof java.util.Map<?, ?> m) {
      Object a = m.get("Authorization") != null ? m.get("Authorization") : m.get("authorization");
      authorization = a instanceof String s ? s : authorization;
    }
    if (authorization == null) {
      if (auth.required()) {
        return java.util.concurrent.CompletableFuture.failedFuture(dev.tessera.identity.IdentityMessages.refused(
            dev.tessera.platform.ErrorCode.UNAUTHENTICATED, "SIGN_IN_REQUIRED", "Authorization"));
      }
      return java.util.concurrent.CompletableFuture.completedFuture(
          new RequestContext(new Actor(null, "graphql"), c.language(), null, false, c.address()));
    }
    return auth.authenticate(authorization).chain(p -> actors.context(p, "graphql", c.language(), c.address()))
        .subscribeAsCompletionStage();
  }

  private void open(ServerWebSocket ws, Caller caller, Locale locale) {
    if (!PROTOCOL.equals(ws.subProtocol())) {
      ws.close((short) 4406, "Subprotocol not acceptable: use " + PROTOCOL);
      return;
    }
    SocketAccess access = new SocketAccess(payload -> context(payload, caller),
        rc -> auth.stillValid(rc.principal()).subscribeAsCompletionStage(), auth.checkInterval().toMillis());
    GraphQlSocketSession session = new GraphQlSocketSession(ws, provider, access, locale, sessions::remove);
    sessions.add(session);
    session.start();
  }

  @Override
  public Object prepare(MetadataSnapshot candidate) {
    return null;
  }

  /** The schema changed: every socket closes with 1012 so its client reconnects to the new one. */
  @Override
  public void activate(MetadataSnapshot snapshot, Object prepared) {
    for (GraphQlSocketSession s : List.copyOf(sessions)) {
      s.close(1012, "The API changed (metadata version " + snapshot.version() + "); reconnect");
    }
  }

  /** Open sockets, for tests and metrics. */
  public int open() {
    return sessions.size();
  }
}
