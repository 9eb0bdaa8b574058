package dev.tessera.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.graphql.GraphQlProvider;
import dev.tessera.graphql.RequestContext;
import dev.tessera.platform.Actor;
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

/**
 * GraphQL over HTTP on /graphql: POST with a JSON body {query, variables, operationName}, or GET with
 * query parameters (queries only). The caller is named by the X-Tessera-User header until sign-in
 * arrives; the locale of messages follows Accept-Language.
 */
@ApplicationScoped
public class GraphQlRoute {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final GraphQlProvider provider;

  public GraphQlRoute(GraphQlProvider provider) {
    this.provider = provider;
  }

  void routes(@Observes Router router) {
    router.post("/graphql").handler(BodyHandler.create().setBodyLimit(20 * 1024 * 1024)).handler(this::handle);
    router.get("/graphql").handler(this::handle);
  }

  @SuppressWarnings("unchecked")
  private void handle(RoutingContext ctx) {
    Map<String, Object> body;
    try {
      if (ctx.request().method() == HttpMethod.GET) {
        body = new LinkedHashMap<>();
        body.put("query", ctx.request().getParam("query"));
        body.put("operationName", ctx.request().getParam("operationName"));
        String vars = ctx.request().getParam("variables");
        body.put("variables", vars == null || vars.isBlank() ? null : MAPPER.readValue(vars, Map.class));
      } else {
        body = MAPPER.readValue(ctx.body().buffer() == null ? "" : ctx.body().asString(), Map.class);
      }
    } catch (JsonProcessingException | ClassCastException e) {
      reply(ctx, 400, error("BAD_REQUEST", "The request body must be JSON: {\"query\": \"...\", \"variables\": {...}}"));
      return;
    }
    Object query = body.get("query");
    if (!(query instanceof String q) || q.isBlank()) {
      reply(ctx, 400, error("BAD_REQUEST", "Missing \"query\""));
      return;
    }
    Locale locale = locale(ctx.request().getHeader("Accept-Language"));
    RequestContext rc = new RequestContext(new Actor(ctx.request().getHeader("X-Tessera-User"), "graphql"),
        locale.toLanguageTag().startsWith("zh") ? "zh-CN" : "en");
    GraphQlProvider.Request req = new GraphQlProvider.Request(q, (Map<String, Object>) body.get("variables"),
        (String) body.get("operationName"), ctx.request().method() == HttpMethod.GET, rc, locale);
    provider.execute(req).whenComplete((result, err) -> {
      if (err != null) {
        reply(ctx, 500, error("INTERNAL_ERROR", "Internal error"));
      } else {
        reply(ctx, 200, result);
      }
    });
  }

  private static Locale locale(String header) {
    if (header == null || header.isBlank()) {
      return Locale.ENGLISH;
    }
    List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
    return ranges.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(ranges.get(0).getRange());
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))));
  }

  private static void reply(RoutingContext ctx, int status, Object body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(io.vertx.core.buffer.Buffer.buffer(MAPPER.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      ctx.response().setStatusCode(500).end();
    }
  }
}
