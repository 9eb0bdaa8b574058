package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.webhook.SecretService;
import dev.tessera.webhook.SecretName;
import dev.tessera.webhook.WebhookDeliveries;
import dev.tessera.webhook.WebhookDelivery;
import dev.tessera.webhook.WebhookMessages;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * For administrators: outgoing webhook deliveries with their attempts ({@code webhookDeliveries},
 * {@code redeliverWebhook}) and named secrets, write-only ({@code setSecret}, {@code deleteSecret}; {@code
 * secrets} lists names and times, never a value).
 */
@ApplicationScoped
class WebhookApi implements SchemaContributor {
  static final GraphQLObjectType ATTEMPT = GraphQLObjectType.newObject().name("WebhookAttempt")
      .field(f -> f.name("attempt").type(nonNull(GraphQLInt)))
      .field(f -> f.name("statusCode").type(GraphQLInt).description("The HTTP status; null when no answer came"))
      .field(f -> f.name("durationMs").type(nonNull(GraphQLInt)))
      .field(f -> f.name("error").type(GraphQLString))
      .field(f -> f.name("responseExcerpt").type(GraphQLString).description("The answer's first 1000 characters"))
      .field(f -> f.name("at").type(nonNull(Scalars.DATETIME)))
      .build();
  static final GraphQLObjectType DELIVERY = GraphQLObjectType.newObject().name("WebhookDelivery")
      .description("One outgoing webhook (its id is the X-Tessera-Delivery header) and its attempts")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("idempotencyKey").type(nonNull(GraphQLString)))
      .field(f -> f.name("url").type(nonNull(GraphQLString)))
      .field(f -> f.name("status").type(nonNull(GraphQLString)).description("succeeded, retrying or failed"))
      .field(f -> f.name("synchronous").type(nonNull(GraphQLBoolean)).description("A flow's call, not through the outbox"))
      .field(f -> f.name("attemptCount").type(nonNull(GraphQLInt)))
      .field(f -> f.name("lastStatusCode").type(GraphQLInt))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("updatedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("attempts").type(nonNull(list(nonNull(ATTEMPT)))))
      .build();
  static final GraphQLObjectType SECRET = GraphQLObjectType.newObject().name("SecretName")
      .description("A named secret, without its value")
      .field(f -> f.name("name").type(nonNull(GraphQLString)))
      .field(f -> f.name("updatedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("updatedBy").type(nonNull(GraphQLString)))
      .build();

  private final WebhookDeliveries deliveries;
  private final SecretService secrets;

  WebhookApi(WebhookDeliveries deliveries, SecretService secrets) {
    this.deliveries = deliveries;
    this.secrets = secrets;
  }

  @Override
  public void contribute(SchemaParts parts) {
    parts.query(field(parts, "Query", "webhookDeliveries", nonNull(list(nonNull(DELIVERY))),
        "Administrators: outgoing webhook deliveries, newest first, of a status when given",
        env -> deliveries.list(RequestContext.of(env).principal(), env.getArgument("status"), env.getArgument("limit"))
            .map(l -> l.stream().map(WebhookApi::json).toList()),
        GraphQLArgument.newArgument().name("status").type(GraphQLString).build(),
        GraphQLArgument.newArgument().name("limit").type(GraphQLInt).defaultValueProgrammatic(20).build()));
    parts.mutation(field(parts, "Mutation", "redeliverWebhook", nonNull(GraphQLBoolean),
        "Administrators: sends an outbox delivery again (same key and delivery id), its attempts counted anew",
        env -> deliveries.redeliver(RequestContext.of(env).principal(), id(env.getArgument("id"))),
        GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)).build()));
    parts.query(field(parts, "Query", "secrets", nonNull(list(nonNull(SECRET))),
        "Administrators: the names of stored secrets (never their values)",
        env -> secrets.names(RequestContext.of(env).principal()).map(l -> l.stream().map(WebhookApi::json).toList())));
    parts.mutation(field(parts, "Mutation", "setSecret", nonNull(GraphQLBoolean),
        "Administrators: stores a secret (webhook signing, inbound sources) under a name; it can never be read back",
        env -> secrets.set(RequestContext.of(env).principal(), env.getArgument("name"), env.getArgument("value")),
        GraphQLArgument.newArgument().name("name").type(nonNull(GraphQLString)).build(),
        GraphQLArgument.newArgument().name("value").type(nonNull(GraphQLString)).build()));
    parts.mutation(field(parts, "Mutation", "deleteSecret", nonNull(GraphQLBoolean),
        "Administrators: deletes a secret (false when there was none of that name)",
        env -> secrets.delete(RequestContext.of(env).principal(), env.getArgument("name")),
        GraphQLArgument.newArgument().name("name").type(nonNull(GraphQLString)).build()));
  }

  private static GraphQLFieldDefinition field(SchemaParts parts, String parent, String name, GraphQLOutputType type,
      String description, Function<DataFetchingEnvironment, Uni<?>> fetch, GraphQLArgument... args) {
    parts.code().dataFetcher(FieldCoordinates.coordinates(parent, name),
        (DataFetcher<?>) env -> fetch.apply(env).subscribeAsCompletionStage());
    return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description).type(type)
        .arguments(List.of(args)).build();
  }

  private static UUID id(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, WebhookMessages.text("NOT_A_DELIVERY_ID", Map.of("id", id)), "id");
    }
  }

  private static Map<String, Object> json(WebhookDelivery d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id().toString());
    m.put("idempotencyKey", d.idempotencyKey());
    m.put("url", d.url());
    m.put("status", d.status());
    m.put("synchronous", d.outboxId() == null);
    m.put("attemptCount", d.attemptCount());
    m.put("lastStatusCode", d.lastStatusCode());
    m.put("createdAt", d.createdAt());
    m.put("updatedAt", d.updatedAt());
    m.put("attempts", d.attempts().stream().map(a -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("attempt", a.attempt());
      x.put("statusCode", a.statusCode());
      x.put("durationMs", a.durationMs());
      x.put("error", a.error());
      x.put("responseExcerpt", a.responseExcerpt());
      x.put("at", a.at());
      return x;
    }).toList());
    return m;
  }

  private static Map<String, Object> json(SecretName s) {
    return Map.of("name", s.name(), "updatedAt", s.updatedAt(), "updatedBy", s.updatedBy());
  }
}
