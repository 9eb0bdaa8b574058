package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.pool.PoolListing;
import dev.tessera.pool.PoolRecycler;
import dev.tessera.pool.PoolService;
import dev.tessera.record.DataRecord;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public pools over GraphQL: claim a record (exactly one of simultaneous claims wins) or give one back. */
final class PoolApi {
  static final GraphQLObjectType CLAIM = GraphQLObjectType.newObject().name("PoolClaim")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("ownerId").type(GraphQLString))
      .field(f -> f.name("version").type(nonNull(graphql.Scalars.GraphQLInt)))
      .build();

  private final PoolService pools;
  private final PoolListing listing;
  private final PoolRecycler recycler;
  private final GraphQLCodeRegistry.Builder code;

  PoolApi(PoolService pools, PoolListing listing, PoolRecycler recycler, GraphQLCodeRegistry.Builder code) {
    this.pools = pools;
    this.listing = listing;
    this.recycler = recycler;
    this.code = code;
  }

  List<GraphQLFieldDefinition> mutations() {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "recyclePool"),
        (DataFetcher<?>) env -> recycler.recycle(env.getArgument("pool")).subscribeAsCompletionStage());
    return List.of(
        GraphQLFieldDefinition.newFieldDefinition().name("recyclePool")
            .description("Sends the records whose recycle conditions hold back to the pool now (the scheduled job does "
                + "this every checkEveryMinutes); returns how many")
            .type(nonNull(graphql.Scalars.GraphQLInt))
            .argument(GraphQLArgument.newArgument().name("pool").type(nonNull(GraphQLString))).build(),
        mutation("claimRecord", "Takes a record from a pool: you become its owner, unless someone was first "
            + "(ALREADY_CLAIMED) or the pool's limits refuse (CLAIM_REFUSED)",
            env -> pools.claim(env.getArgument("pool"), Ids.argument(env.getArgument("id")), RequestContext.of(env).actor())
                .map(PoolApi::result).subscribeAsCompletionStage()),
        mutation("releaseRecord", "Gives a record you own back to a pool",
            env -> pools.release(env.getArgument("pool"), Ids.argument(env.getArgument("id")), RequestContext.of(env).actor())
                .map(PoolApi::result).subscribeAsCompletionStage()));
  }

  List<GraphQLFieldDefinition> queries() {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "poolRecords"), (DataFetcher<?>) env -> {
      String after = env.getArgument("after");
      Integer first = env.getArgument("first");
      return listing.waiting(RequestContext.of(env).actor(), env.getArgument("pool"),
          after == null ? null : Ids.argument(after, "after"), first == null ? 20 : first)
          .map(page -> page.stream().map(PoolApi::waiting).toList()).subscribeAsCompletionStage();
    });
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("poolRecords")
        .description("The records waiting in a pool (or a team's queue, \"queue:<team>\"), longest waiting first:"
            + " id, entity, enteredAt, previousOwner and values; page with first (at most 100) and after (the last id seen)")
        .type(nonNull(graphql.schema.GraphQLList.list(nonNull(dev.tessera.graphql.Scalars.JSON))))
        .argument(GraphQLArgument.newArgument().name("pool").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("first").type(graphql.Scalars.GraphQLInt))
        .argument(GraphQLArgument.newArgument().name("after").type(GraphQLID))
        .build());
  }

  private GraphQLFieldDefinition mutation(String name, String description, DataFetcher<?> df) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", name), df);
    return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description).type(nonNull(CLAIM))
        .argument(GraphQLArgument.newArgument().name("pool").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)))
        .build();
  }

  private static Map<String, Object> waiting(PoolListing.Waiting w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.record().id().toString());
    m.put("entity", w.entry().entity());
    m.put("enteredAt", w.entry().enteredAt().toString());
    m.put("previousOwner", w.entry().previousOwner());
    m.put("values", w.record().data());
    return m;
  }

  private static Map<String, Object> result(DataRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().toString());
    m.put("ownerId", r.ownerId());
    m.put("version", r.version());
    return m;
  }
}
