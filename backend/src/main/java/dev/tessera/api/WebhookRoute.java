package dev.tessera.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.webhook.inbound.InboundRefusal;
import dev.tessera.webhook.inbound.InboundWebhooks;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Inbound webhooks: {@code POST /hooks/<source>} with a JSON body, checked by the source's own secret
 * (no bearer token: callers are shops and ad platforms). Answers 200 {@code {recordId, created, repeated}},
 * or a status with {@code {code, message, path}} in the language of Accept-Language: 400 not JSON, 401
 * signature or token, 403 the run-as user may not write, 404 no such source, 409 a concurrent edit,
 * 413 too large, 422 a payload value the mapping cannot use (path: its JSON pointer), 503 no secret set.
 */
@ApplicationScoped
public class WebhookRoute {
  private static final Logger LOG = Logger.getLogger(WebhookRoute.class);
  static final int MAX_BODY = 1024 * 1024;
  private final InboundWebhooks hooks;

  public WebhookRoute(InboundWebhooks hooks) {
    this.hooks = hooks;
  }

  void routes(@Observes Router router) {
    router.post("/hooks/:source").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String locale = GraphQlRoute.language(ctx.request().getHeader("Accept-Language"));
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    try {
      hooks.receive(ctx.pathParam("source"), ctx.request()::getHeader, body).subscribe().with(r -> {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("recordId", r.recordId().toString());
        ok.put("created", r.created());
        ok.put("repeated", r.repeated());
        reply(ctx, 200, ok);
      }, e -> refuse(ctx, e, locale));
    } catch (RuntimeException e) {
      refuse(ctx, e, locale);
    }
  }

  private static void refuse(RoutingContext ctx, Throwable e, String locale) {
    if (e instanceof InboundRefusal r) {
      reply(ctx, r.status(), problem(r.code(), r.message(locale), r.path()));
    } else if (e instanceof PlatformException p) {
      reply(ctx, status(p.code()), problem(p.code().name(), p.message(locale), null));
    } else {
      LOG.errorf(e, "inbound webhook %s failed", ctx.pathParam("source"));
      reply(ctx, 500, problem(ErrorCode.INTERNAL_ERROR.name(), "internal error", null));
    }
  }

  private static int status(ErrorCode code) {
    return switch (code) {
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case VERSION_CONFLICT -> 409;
      case VALIDATION_FAILED, STAGE_GATE, STAGE_NEEDS_APPROVAL -> 422;
      case UNAVAILABLE -> 503;
      default -> code.name().startsWith("DUPLICATE") ? 409 : 400;
    };
  }

  private static Map<String, Object> problem(String code, String message, String path) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("message", message);
    m.put("path", path);
    return m;
  }

  private static void reply(RoutingContext ctx, int status, Object body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(Buffer.buffer(MetamodelJson.mapper().writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
