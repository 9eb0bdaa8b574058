package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.pool.PoolListing;
import dev.tessera.pool.PoolRecycler;
import dev.tessera.pool.PoolService;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Public pools over GraphQL: claim a record (exactly one of simultaneous claims wins) or give one back. */
@ApplicationScoped
class PoolApi implements SchemaContributor {
  static final GraphQLObjectType WAITING = GraphQLObjectType.newObject().name("PoolRecord")
      .description("A record waiting in a pool or queue")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("enteredAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("previousOwner").type(GraphQLString))
      .field(f -> f.name("record").type(nonNull(GraphQLTypeReference.typeRef(Nodes.NAME)))
          .description("The record, typed: ... on Customer { name }"))
      .field(f -> f.name("values").type(nonNull(Scalars.JSON)).description("The record's field values as JSON"))
      .build();

  private final PoolService pools;
  private final PoolListing listing;
  private final PoolRecycler recycler;

  PoolApi(PoolService pools, PoolListing listing, PoolRecycler recycler) {
    this.pools = pools;
    this.listing = listing;
    this.recycler = recycler;
  }
  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.code()).forEach(parts::query);
    mutations(parts.code()).forEach(parts::mutation);
  }


  private List<GraphQLFieldDefinition> mutations(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "recyclePool"),
        (DataFetcher<?>) env -> recycler.recycle(env.getArgument("pool")).subscribeAsCompletionStage());
    return List.of(
        GraphQLFieldDefinition.newFieldDefinition().name("recyclePool")
            .description("Sends the records whose recycle conditions hold back to the pool now (the scheduled job does "
                + "this every checkEveryMinutes); returns how many")
            .type(nonNull(graphql.Scalars.GraphQLInt))
            .argument(GraphQLArgument.newArgument().name("pool").type(nonNull(GraphQLString))).build(),
        mutation(code, "claimRecord", "Takes a record from a pool: you become its owner, unless someone was first "
            + "(ALREADY_CLAIMED) or the pool's limits refuse (CLAIM_REFUSED); returns the claimed record", env -> {
              UUID id = Ids.argument(env.getArgument("id"));
              dev.tessera.platform.Actor actor = RequestContext.of(env).actor();
              return listing.entry(id).chain(entry -> pools.claim(env.getArgument("pool"), id, actor)
                  .chain(r -> listing.shown(actor, entry == null ? null : entry.entity(), r))
                  .map(r -> r == null ? null : Nodes.of(r, entry == null ? null : entry.entity()))).subscribeAsCompletionStage();
            }),
        mutation(code, "releaseRecord", "Gives a record you own back to a pool; returns the released record", env -> {
          UUID id = Ids.argument(env.getArgument("id"));
          dev.tessera.platform.Actor actor = RequestContext.of(env).actor();
          return pools.release(env.getArgument("pool"), id, actor)
              .chain(r -> listing.entry(id).chain(entry -> listing.shown(actor, entry == null ? null : entry.entity(), r)
                  .map(shown -> shown == null ? null : Nodes.of(shown, entry == null ? null : entry.entity()))))
              .subscribeAsCompletionStage();
        }));
  }

  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("PoolRecord", "id"), SourceFetcher.<PoolListing.Waiting>of(w -> w.record().id()));
    code.dataFetcher(FieldCoordinates.coordinates("PoolRecord", "entity"), SourceFetcher.<PoolListing.Waiting>of(w -> w.entry().entity()));
    code.dataFetcher(FieldCoordinates.coordinates("PoolRecord", "enteredAt"),
        SourceFetcher.<PoolListing.Waiting>of(w -> w.entry().enteredAt()));
    code.dataFetcher(FieldCoordinates.coordinates("PoolRecord", "previousOwner"),
        SourceFetcher.<PoolListing.Waiting>of(w -> w.entry().previousOwner()));
    code.dataFetcher(FieldCoordinates.coordinates("PoolRecord", "record"),
        SourceFetcher.<PoolListing.Waiting>of(w -> Nodes.of(w.record(), w.entry().entity())));
    code.dataFetcher(FieldCoordinates.coordinates("PoolRecord", "values"), SourceFetcher.<PoolListing.Waiting>of(w -> w.record().data()));
    code.dataFetcher(FieldCoordinates.coordinates("Query", "poolRecords"), (DataFetcher<?>) env -> {
      String after = env.getArgument("after");
      Integer first = env.getArgument("first");
      return listing.waiting(RequestContext.of(env).actor(), env.getArgument("pool"),
          after == null ? null : Ids.argument(after, "after"), first == null ? 20 : first)
          .subscribeAsCompletionStage();
    });
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("poolRecords")
        .description("The records waiting in a pool (or a team's queue, \"queue:<team>\"), longest waiting first:"
            + " id, entity, enteredAt, previousOwner and values; page with first (at most 100) and after (the last id seen)")
        .type(nonNull(graphql.schema.GraphQLList.list(nonNull(WAITING))))
        .argument(GraphQLArgument.newArgument().name("pool").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("first").type(graphql.Scalars.GraphQLInt))
        .argument(GraphQLArgument.newArgument().name("after").type(GraphQLID))
        .build());
  }

  private static GraphQLFieldDefinition mutation(GraphQLCodeRegistry.Builder code, String name, String description,
      DataFetcher<?> df) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", name), df);
    return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description)
        .type(nonNull(GraphQLTypeReference.typeRef(Nodes.NAME)))
        .argument(GraphQLArgument.newArgument().name("pool").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)))
        .build();
  }
}
