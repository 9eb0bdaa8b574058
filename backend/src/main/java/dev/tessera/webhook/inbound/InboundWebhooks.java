package dev.tessera.webhook.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.dedupe.DuplicateMatcher;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.WebhookSourceDefinition;
import dev.tessera.metamodel.model.WebhookSourceDefinition.AuthType;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordService;
import dev.tessera.security.Callers;
import dev.tessera.webhook.SecretService;
import dev.tessera.webhook.WebhookMessages;
import dev.tessera.webhook.WebhookSignature;
import dev.tessera.webhook.WebhookVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Inbound webhooks ({@code POST /hooks/<source>}): checks the caller against the source's stored secret
 * (HMAC with a replay window, or a token; both in constant time), applies each idempotency key once,
 * maps the payload to the entity's fields and creates a record, or updates the one the source's match
 * finds, through the {@link RecordService} as the source's run-as user (or the system), with the source
 * path {@code webhook:<name>} that flows' webhook triggers key on. The write and the key commit together.
 */
@ApplicationScoped
public class InboundWebhooks {
  /** Header of token-checked sources. */
  public static final String TOKEN = "X-Tessera-Token";
  private final MetadataRegistry registry;
  private final SecretService secrets;
  private final RecordService records;
  private final InboundMatcher matcher;
  private final ReceivedWebhookStore received;
  private final TxRunner tx;
  private final Callers callers;
  private final WebhookVerifier verifier;
  private final Duration window;

  public InboundWebhooks(MetadataRegistry registry, SecretService secrets, RecordService records, InboundMatcher matcher,
      ReceivedWebhookStore received, TxRunner tx, Callers callers,
      @ConfigProperty(name = "tessera.webhooks.replay-window", defaultValue = "5M") Duration window) {
    this.registry = registry;
    this.secrets = secrets;
    this.records = records;
    this.matcher = matcher;
    this.received = received;
    this.tx = tx;
    this.callers = callers;
    this.window = window;
    this.verifier = new WebhookVerifier(window, Clock.systemUTC());
  }

  /** Applies one payload; {@code header} gives a request header by name (any case), null when absent. */
  public Uni<InboundResult> receive(String sourceName, Function<String, String> header, byte[] body) {
    MetadataSnapshot meta = registry.current();
    WebhookSourceDefinition source = meta.named(WebhookSourceDefinition.class, sourceName).filter(s -> s.active())
        .orElseThrow(() -> new InboundRefusal(404, "NO_SOURCE", WebhookMessages.text("NO_SOURCE",
            Map.of("source", String.valueOf(sourceName))), null));
    return secrets.value(source.auth().secret()).chain(secret -> {
      checkAuth(source, secret, header, body);
      JsonNode payload = parse(body);
      String key = PayloadMapping.key(source, payload);
      return tx.withConnection(t -> received.find(t, source.name(), key)).chain(seen -> seen != null
          ? Uni.createFrom().item(seen) : apply(meta, source, key, payload));
    });
  }

  private void checkAuth(WebhookSourceDefinition source, String secret, Function<String, String> header, byte[] body) {
    if (secret == null) {
      throw new InboundRefusal(503, "NO_SOURCE_SECRET", WebhookMessages.text("NO_SOURCE_SECRET",
          Map.of("source", source.name(), "secret", source.auth().secret())), null);
    }
    if (source.auth().type() == AuthType.TOKEN) {
      if (!WebhookVerifier.tokenMatches(secret, header.apply(TOKEN))) {
        throw new InboundRefusal(401, "TOKEN_BAD", WebhookMessages.text("TOKEN_BAD"), null);
      }
      return;
    }
    switch (verifier.verify(secret, header.apply(WebhookSignature.TIMESTAMP), header.apply(WebhookSignature.SIGNATURE), body)) {
      case VALID -> { }
      case STALE -> throw new InboundRefusal(401, "SIGNATURE_STALE",
          WebhookMessages.text("SIGNATURE_STALE", Map.of("minutes", window.toMinutes())), null);
      case MISSING -> throw new InboundRefusal(401, "SIGNATURE_MISSING", WebhookMessages.text("SIGNATURE_MISSING"), null);
      case BAD_SIGNATURE -> throw new InboundRefusal(401, "SIGNATURE_BAD", WebhookMessages.text("SIGNATURE_BAD"), null);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode n = MetamodelJson.mapper().readTree(body);
      if (n != null && n.isObject()) {
        return n;
      }
    } catch (IOException e) {
      // answered below
    }
    throw new InboundRefusal(400, "NOT_JSON", WebhookMessages.text("NOT_JSON"), null);
  }

  private Uni<InboundResult> apply(MetadataSnapshot meta, WebhookSourceDefinition source, String key, JsonNode payload) {
    EntityDefinition e = meta.entity(source.entity());
    Map<String, Object> input = PayloadMapping.input(source, payload);
    String path = "webhook:" + source.name();
    Uni<Actor> actor = source.runAs() == null ? Uni.createFrom().item(new Actor(Actor.SYSTEM.userId(), path))
        : callers.user(source.runAs(), path, false);
    return actor.chain(a -> matcher.find(meta, e, source, input, a).chain(found -> records.inOneTransaction((t, events) -> {
      Uni<DataRecord> write = found == null ? records.create(t, meta, e, input, null, a, events)
          : records.update(t, meta, e, found.id(), found.version(), input, null, a, events);
      return write.chain(r -> received.add(t, source.name(), key, e.name(), r.id(), found == null).map(fresh -> {
        if (!fresh) {
          throw new Repeated();
        }
        return new InboundResult(r.id(), found == null, false);
      }));
    }))).onFailure(Repeated.class).recoverWithUni(() -> tx.withConnection(t -> received.find(t, source.name(), key)))
        .onFailure(PlatformException.class).transform(x -> refusal(source, (PlatformException) x));
  }

  /** A record service refusal, its field named by the payload pointer it was mapped from. */
  private static Throwable refusal(WebhookSourceDefinition source, PlatformException x) {
    if (x.code() != ErrorCode.VALIDATION_FAILED) {
      return x;
    }
    String field = x.details().isEmpty() ? x.field() : x.details().get(0).field();
    WebhookSourceDefinition.Mapping m = field == null ? null : source.mapping().get(field);
    String pointer = m == null ? null : m.from();
    var reason = x.details().isEmpty() ? dev.tessera.metamodel.model.LocalizedText.of(x.message("zh-CN"), x.message("en"))
        : dev.tessera.metamodel.model.LocalizedText.of(x.details().get(0).message("zh-CN"), x.details().get(0).message("en"));
    return new InboundRefusal(PayloadMapping.UNPROCESSABLE, "BAD_VALUE", WebhookMessages.text("BAD_VALUE",
        Map.of("path", pointer == null ? "" : pointer, "field", String.valueOf(field), "reason", reason)), pointer);
  }

  /** A payload of the same key was applied by a concurrent request: this write rolls back, that one answers. */
  private static final class Repeated extends RuntimeException {
    Repeated() {
      super(null, null, false, false);
    }
  }

}
