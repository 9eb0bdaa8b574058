package dev.tessera.api;

import dev.tessera.platform.RequestMessages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.graphql.GraphQlProvider;
import dev.tessera.graphql.RequestContext;
import dev.tessera.identity.Authenticator;
import dev.tessera.platform.PlatformException;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.Actor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GraphQL over HTTP on /graphql, as the GraphQL-over-HTTP specification says: POST with a JSON body
 * {query, variables, operationName, extensions}, or GET with those as query parameters (queries only;
 * a mutation over GET is 405). The response is {@code application/graphql-response+json} when the
 * client accepts it (a request that did not run, e.g. a parse, validation or variable error, is 4xx),
 * else legacy {@code application/json} (200 for every well-formed request); 406 when the client
 * accepts neither, 415 for a POST body that is not JSON, 400 for malformed parameters, 503 with
 * Retry-After when nothing ran because the database could not be reached ({@code UNAVAILABLE}). The
 * caller is the one {@code Authorization: Bearer <access token or API key>} names (a bad one is 401,
 * UNAUTHENTICATED); without it the request may only sign in (else 401), unless {@code
 * tessera.auth.required} is turned off on a developer's machine. Messages follow Accept-Language.
 */
@ApplicationScoped
public class GraphQlRoute {
  private static final ObjectMapper MAPPER = MetamodelJson.mapper();
  /** When a client may try again after a 503 (the database could not be reached). */
  private static final String RETRY_AFTER_SECONDS = "5";
  private final GraphQlProvider provider;
  private final Authenticator auth;

  private final Actors actors;

  public GraphQlRoute(GraphQlProvider provider, Authenticator auth, Actors actors) {
    this.actors = actors;
    this.provider = provider;
    this.auth = auth;
  }

  void routes(@Observes Router router) {
    router.post("/graphql").handler(BodyHandler.create().setBodyLimit(20 * 1024 * 1024)).handler(this::handle);
    router.get("/graphql").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String locale = language(ctx.request().getHeader("Accept-Language"));
    Optional<ResponseMediaType> media = ResponseMediaType.negotiate(ctx.request().getHeader("Accept"));
    if (media.isEmpty()) {
      reply(ctx, 406, ResponseMediaType.JSON, error("NOT_ACCEPTABLE", RequestMessages.text("NOT_ACCEPTABLE").get(locale)));
      return;
    }
    boolean get = ctx.request().method() == HttpMethod.GET;
    if (!get && !json(ctx.request().getHeader("Content-Type"))) {
      reply(ctx, 415, media.get(), error("UNSUPPORTED_MEDIA_TYPE", RequestMessages.text("NOT_JSON_TYPE").get(locale)));
      return;
    }
    if (!get && ctx.body().length() > LARGE_BODY) {
      // a large body (an import, a long list in variables) is parsed on a worker thread, so reading it
      // never holds the event loop that serves every other request
      ctx.vertx().<GraphQlParameters>executeBlocking(() -> parse(ctx, false), false).onComplete(ar -> {
        if (ar.succeeded()) {
          authenticate(ctx, locale, media.get(), rc -> execute(ctx, ar.result(), false, rc, media.get()));
        } else {
          refuse(ctx, ar.cause(), locale, media.get());
        }
      });
      return;
    }
    GraphQlParameters params;
    try {
      params = parse(ctx, get);
    } catch (JsonProcessingException | GraphQlParameters.Malformed e) {
      refuse(ctx, e, locale, media.get());
      return;
    }
    authenticate(ctx, locale, media.get(), rc -> execute(ctx, params, get, rc, media.get()));
  }

  /** Bytes of a request body from which it is parsed off the event loop. */
  static final int LARGE_BODY = 256 * 1024;

  private static GraphQlParameters parse(RoutingContext ctx, boolean get) throws JsonProcessingException {
    return GraphQlParameters.of(get ? query(ctx) : MAPPER.readValue(body(ctx), Object.class));
  }

  /** A request whose parameters cannot be read: 400 with what is wrong. */
  private static void refuse(RoutingContext ctx, Throwable e, String locale, ResponseMediaType media) {
    if (e instanceof JsonProcessingException json) {
      reply(ctx, 400, media, error("BAD_REQUEST",
          RequestMessages.text("NOT_JSON", Map.of("reason", String.valueOf(json.getOriginalMessage()))).get(locale)));
    } else if (e instanceof GraphQlParameters.Malformed m) {
      reply(ctx, 400, media, error("BAD_REQUEST", m.message(locale)));
    } else {
      reply(ctx, 500, media, error("INTERNAL_ERROR", "Internal error"));
    }
  }

  /** The caller of a request, then {@code next}; a credential that does not check out ends the request with 401. */
  private void authenticate(RoutingContext ctx, String locale, ResponseMediaType media,
      java.util.function.Consumer<RequestContext> next) {
    String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null) {
      boolean required = auth.required();
      Actor actor = new Actor(null, "graphql");
      next.accept(new RequestContext(actor, locale, null, required, address));
      return;
    }
    auth.authenticate(authorization)
        .chain(p -> actors.context(p, "graphql", locale, address))
        .subscribe().with(next::accept,
        err -> {
          if (err instanceof PlatformException pe && pe.code() == dev.tessera.platform.ErrorCode.UNAVAILABLE) {
            // the credential could not be checked: the database is down, not the caller wrong
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            reply(ctx, 503, media, error(pe.code().name(), pe.message(locale)));
          } else if (err instanceof PlatformException pe) {
            unauthorized(ctx, media, error(pe.code().name(), pe.message(locale)));
          } else {
            reply(ctx, 500, media, error("INTERNAL_ERROR", "Internal error"));
          }
        });
  }

  private static void unauthorized(RoutingContext ctx, ResponseMediaType media, Object body) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    reply(ctx, 401, media, body);
  }

  private void execute(RoutingContext ctx, GraphQlParameters p, boolean get, RequestContext rc, ResponseMediaType media) {
    Locale requested = locale(ctx.request().getHeader("Accept-Language"));
    provider.execute(new GraphQlProvider.Request(p.query(), p.variables(), p.operationName(), get, rc, requested))
        .whenComplete((response, err) -> {
          if (err != null) {
            reply(ctx, 500, media, error("INTERNAL_ERROR", "Internal error"));
          } else if (response.outcome() == GraphQlProvider.Outcome.UNAVAILABLE) {
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            reply(ctx, 503, media, response.body());
          } else if (response.outcome() == GraphQlProvider.Outcome.UNAUTHENTICATED) {
            unauthorized(ctx, media, response.body());
          } else if (response.outcome() == GraphQlProvider.Outcome.MUTATION_OVER_GET) {
            ctx.response().putHeader("Allow", "POST");
            reply(ctx, 405, media, response.body());
          } else {
            boolean refused = response.outcome() == GraphQlProvider.Outcome.REFUSED;
            reply(ctx, refused && media == ResponseMediaType.GRAPHQL_RESPONSE_JSON ? 400 : 200, media, response.body());
          }
        });
  }

  /** GET's parameters; variables and extensions arrive JSON-encoded. */
  private static Map<String, Object> query(RoutingContext ctx) throws JsonProcessingException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("query", ctx.request().getParam("query"));
    params.put("operationName", ctx.request().getParam("operationName"));
    for (String p : new String[] {"variables", "extensions"}) {
      String text = ctx.request().getParam(p);
      params.put(p, text == null || text.isBlank() ? null : MAPPER.readValue(text, Object.class));
    }
    return params;
  }

  private static String body(RoutingContext ctx) {
    return ctx.body().buffer() == null ? "" : ctx.body().asString();
  }

  private static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.equals("application/graphql-response+json");
  }

  /** The request's first Accept-Language, English when absent or unreadable; the WebSocket uses it too. */
  static Locale locale(String header) {
    if (header == null || header.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
      return ranges.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(ranges.get(0).getRange());
    } catch (IllegalArgumentException e) {
      return Locale.ENGLISH;
    }
  }

  /** zh-CN or en, the languages messages are written in. */
  static String language(String header) {
    return locale(header).toLanguageTag().startsWith("zh") ? "zh-CN" : "en";
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))));
  }

  private static void reply(RoutingContext ctx, int status, ResponseMediaType media, Object body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", media.contentType())
          .end(Buffer.buffer(MAPPER.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      ctx.response().setStatusCode(500).end();
    }
  }
}
