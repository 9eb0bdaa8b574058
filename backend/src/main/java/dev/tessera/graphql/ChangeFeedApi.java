package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.change.Change;
import dev.tessera.change.ChangeDispatcher;
import dev.tessera.change.ChangeFeedStore;
import dev.tessera.metadata.MetadataSnapshot;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed's state (each subscriber's checkpoint and lag) and the type of one change, which
 * subscriptions deliver. A record's history is in {@link AuditApi}.
 */
@jakarta.enterprise.context.ApplicationScoped
class ChangeFeedApi implements SchemaContributor {
  static final GraphQLObjectType RECORD_CHANGE = GraphQLObjectType.newObject().name("RecordChange")
      .description("One change of a record, as the change feed recorded it")
      .field(f -> f.name("position").type(nonNull(GraphQLString)).description("Commit order in the change feed (a 64-bit number as text)"))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("recordId").type(nonNull(GraphQLID)))
      .field(f -> f.name("operation").type(nonNull(GraphQLString)).description("CREATE, UPDATE, DELETE or RESTORE"))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("changes").type(nonNull(Scalars.JSON))
          .description("The fields whose value changed: {field: {before, after}}"))
      .field(f -> f.name("ownerBefore").type(GraphQLString))
      .field(f -> f.name("ownerAfter").type(GraphQLString))
      .field(f -> f.name("actor").type(nonNull(GraphQLString)))
      .field(f -> f.name("source").type(nonNull(GraphQLString))
          .description("The path of the change: graphql, import, merge, pool, recycle, assignment, flow ..."))
      .field(f -> f.name("committedAt").type(nonNull(Scalars.DATETIME)))
      .build();
  static final GraphQLObjectType SUBSCRIBER = GraphQLObjectType.newObject().name("ChangeSubscriberState")
      .field(f -> f.name("name").type(nonNull(GraphQLString)))
      .field(f -> f.name("position").type(nonNull(GraphQLString)).description("The last position it has taken"))
      .field(f -> f.name("lag").type(nonNull(GraphQLString)).description("Changes committed after its position"))
      .field(f -> f.name("delivered").type(nonNull(GraphQLString)))
      .field(f -> f.name("updatedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("lastError").type(GraphQLString))
      .build();
  static final GraphQLObjectType STATUS = GraphQLObjectType.newObject().name("ChangeFeedStatus")
      .field(f -> f.name("head").type(nonNull(GraphQLString)).description("The newest position"))
      .field(f -> f.name("unpositioned").type(nonNull(GraphQLString)).description("Committed changes not positioned yet"))
      .field(f -> f.name("subscribers").type(nonNull(list(nonNull(SUBSCRIBER)))))
      .build();

  private final ChangeDispatcher dispatcher;

  ChangeFeedApi(ChangeDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.snapshot(), parts.code()).forEach(parts::query);
  }

  private List<GraphQLFieldDefinition> queries(MetadataSnapshot snap, GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "changeFeed"), (DataFetcher<?>) env ->
        dispatcher.status().map(ChangeFeedApi::json).subscribeAsCompletionStage());
    return List.of(
        GraphQLFieldDefinition.newFieldDefinition().name("changeFeed")
            .description("Where the change feed stands: its head and each subscriber's checkpoint and lag")
            .type(nonNull(STATUS)).build());
  }

  static Map<String, Object> json(Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("position", Long.toString(c.position()));
    m.put("entity", c.entity());
    m.put("recordId", c.recordId().toString());
    m.put("operation", c.operation());
    m.put("version", c.version());
    m.put("changes", c.changes());
    m.put("ownerBefore", c.ownerBefore());
    m.put("ownerAfter", c.ownerAfter());
    m.put("actor", c.actor());
    m.put("source", c.source());
    m.put("committedAt", c.committedAt());
    return m;
  }

  private static Map<String, Object> json(ChangeFeedStore.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("head", Long.toString(s.head()));
    m.put("unpositioned", Long.toString(s.unpositioned()));
    m.put("subscribers", s.subscribers().stream().map(x -> {
      Map<String, Object> sub = new LinkedHashMap<>();
      sub.put("name", x.name());
      sub.put("position", Long.toString(x.position()));
      sub.put("lag", Long.toString(x.lag()));
      sub.put("delivered", Long.toString(x.delivered()));
      sub.put("updatedAt", x.updatedAt());
      sub.put("lastError", x.lastError());
      return sub;
    }).toList());
    return m;
  }
}
