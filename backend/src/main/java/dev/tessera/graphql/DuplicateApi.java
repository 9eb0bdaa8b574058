package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.dedupe.DuplicateStore;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import java.util.List;
import java.util.UUID;

/** Duplicates found (撞单), for a record or for an owner on either side, newest first. */
final class DuplicateApi {
  private final DuplicateStore store;
  private final TxRunner tx;
  private final GraphQLCodeRegistry.Builder code;

  DuplicateApi(DuplicateStore store, TxRunner tx, GraphQLCodeRegistry.Builder code) {
    this.store = store;
    this.tx = tx;
    this.code = code;
  }

  List<GraphQLFieldDefinition> queries() {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "duplicateReports"), (DataFetcher<?>) env -> {
      String id = env.getArgument("id");
      String owner = env.getArgument("owner");
      if ((id == null) == (owner == null)) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, "Give either a record id or an owner", "id");
      }
      UUID uuid = null;
      if (id != null) {
        try {
          uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
          throw new PlatformException(ErrorCode.BAD_REQUEST, "\"" + id + "\" is not a record id", "id");
        }
      }
      UUID recordId = uuid;
      return tx.withConnection(t -> store.reports(t, recordId, owner)).subscribeAsCompletionStage();
    });
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("duplicateReports")
        .description("Duplicates found for a record, or reported to an owner (the writer's or the existing record's): "
            + "rule, both records, both owners, action (block, warn, link), score and matched fields")
        .type(nonNull(list(nonNull(Scalars.JSON))))
        .argument(GraphQLArgument.newArgument().name("id").type(GraphQLID))
        .argument(GraphQLArgument.newArgument().name("owner").type(GraphQLString))
        .build());
  }
}
