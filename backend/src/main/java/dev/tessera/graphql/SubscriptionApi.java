package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.change.Change;
import dev.tessera.change.ChangeTail;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscriptions, fed by the change feed: {@code recordChanged(entity, filter)} streams an entity's
 * changes as they commit (on any node), filtered by record ids, operations, changed fields or path.
 * Each subscription holds at most {@link #BUFFER} undelivered changes: a client that falls further
 * behind is dropped with {@code SUBSCRIPTION_OVERFLOW} rather than growing the server's memory.
 */
@jakarta.enterprise.context.ApplicationScoped
class SubscriptionApi implements SchemaContributor {
  static final int BUFFER = 256;
  static final GraphQLInputObjectType FILTER = GraphQLInputObjectType.newInputObject().name("RecordChangeFilter")
      .description("Which changes to receive; every given list must match (an empty filter takes all)")
      .field(GraphQLInputObjectField.newInputObjectField().name("ids").type(list(nonNull(GraphQLID))))
      .field(GraphQLInputObjectField.newInputObjectField().name("operations").type(list(nonNull(GraphQLString)))
          .description("CREATE, UPDATE, DELETE, RESTORE"))
      .field(GraphQLInputObjectField.newInputObjectField().name("fields").type(list(nonNull(GraphQLString)))
          .description("Only changes that changed one of these fields"))
      .field(GraphQLInputObjectField.newInputObjectField().name("sources").type(list(nonNull(GraphQLString)))
          .description("Only changes made through these paths: graphql, import, merge, pool, recycle, assignment ..."))
      .build();

  private final ChangeTail tail;
  private final dev.tessera.record.RecordReader reader;
  private final dev.tessera.security.Permissions permissions;

  SubscriptionApi(ChangeTail tail, dev.tessera.record.RecordReader reader, dev.tessera.security.Permissions permissions) {
    this.tail = tail;
    this.reader = reader;
    this.permissions = permissions;
  }

  /**
   * The change as a restricted {@code actor} may see it: null when it may not read the record (now), else
   * without the fields it may not read there.
   */
  static io.smallrye.mutiny.Uni<Change> visible(dev.tessera.record.RecordReader reader, dev.tessera.platform.Actor actor,
      dev.tessera.metamodel.model.EntityDefinition e, Change c) {
    return reader.rights(actor, e, c.recordId()).map(r -> {
      if (!r.read()) {
        return null;
      }
      Map<String, Object> changes = new java.util.LinkedHashMap<>(c.changes());
      changes.keySet().removeIf(k -> e.field(k).isPresent() && !r.readable().getOrDefault(k, false));
      return new Change(c.position(), c.entity(), c.recordId(), c.operation(), c.version(), changes, c.ownerBefore(),
          c.ownerAfter(), c.actor(), c.source(), c.committedAt());
    });
  }

  @Override
  public void contribute(SchemaParts parts) {
    parts.subscription(recordChanged(parts.snapshot(), parts.code()));
  }

  private GraphQLFieldDefinition recordChanged(MetadataSnapshot snap, GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Subscription", "recordChanged"), (DataFetcher<?>) env -> {
      String entity = snap.entity(env.getArgument("entity")).name();
      Map<String, Object> f = env.getArgument("filter");
      Set<String> ids = set(f, "ids");
      Set<String> ops = set(f, "operations");
      Set<String> fields = set(f, "fields");
      Set<String> sources = set(f, "sources");
      Multi<Change> matching = tail.live().filter(c -> c.entity().equals(entity)
          && (ids == null || ids.contains(c.recordId().toString())) && (ops == null || ops.contains(c.operation()))
          && (sources == null || sources.contains(c.source()))
          && (fields == null || c.changes().keySet().stream().anyMatch(fields::contains)));
      dev.tessera.platform.Actor actor = RequestContext.of(env).actor();
      dev.tessera.metamodel.model.EntityDefinition e = snap.entity(entity);
      // the buffer comes first: the live tail does not wait, while a restricted caller's check reads the record
      Multi<Change> buffered = bounded(matching, "recordChanged", "recordHistory");
      Multi<Change> seen = permissions.seesEverything(actor) ? buffered
          : buffered.onItem().transformToUniAndConcatenate(c -> visible(reader, actor, e, c)).filter(c -> c != null);
      return seen.map(ChangeFeedApi::json);
    });
    return GraphQLFieldDefinition.newFieldDefinition().name("recordChanged")
        .description("An entity's changes as they commit (over WebSocket, protocol graphql-transport-ws)")
        .type(nonNull(ChangeFeedApi.RECORD_CHANGE))
        .argument(GraphQLArgument.newArgument().name("entity").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("filter").type(FILTER)).build();
  }

  /**
   * The stream with at most {@link #BUFFER} items waiting for a slow client; past that the subscription
   * ends with {@code SUBSCRIPTION_OVERFLOW}, telling the client where to read what it missed.
   */
  static <T> Multi<T> bounded(Multi<T> items, String field, String reread) {
    return items.onOverflow().buffer(BUFFER).onFailure(io.smallrye.mutiny.subscription.BackPressureFailure.class)
        .transform(e -> new PlatformException(ErrorCode.SUBSCRIPTION_OVERFLOW,
            RequestMessages.text("OVERFLOW", Map.of("max", BUFFER, "reread", reread)), field));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> set(Map<String, Object> filter, String key) {
    Object v = filter == null ? null : filter.get(key);
    return v == null ? null : Set.copyOf((List<String>) v);
  }
}
