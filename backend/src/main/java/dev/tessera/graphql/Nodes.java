package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.metamodel.naming.Identifiers;
import graphql.execution.DataFetcherResult;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;

/**
 * The {@code Node} interface every entity type implements, so results that hold records of several
 * or any entity (a pool's records, duplicate candidates, merge history, a claimed record) are typed:
 * a client selects {@code ... on Customer { name }} and its cache keeps the record fresh by id and
 * {@code __typename}. A fetcher returning records for a Node field names their entity with
 * {@link #of}; the type resolver reads it back.
 */
final class Nodes {
  static final String NAME = "Node";
  static final GraphQLInterfaceType NODE = GraphQLInterfaceType.newInterface().name(NAME)
      .description("A record of any entity; its type is the entity's (e.g. ... on Customer { name })")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("updatedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("createdBy").type(GraphQLString))
      .field(f -> f.name("updatedBy").type(GraphQLString))
      .field(f -> f.name("ownerId").type(GraphQLString))
      .field(f -> f.name("deletedAt").type(Scalars.DATETIME))
      .build();

  private Nodes() {}

  static void register(GraphQLCodeRegistry.Builder code) {
    code.typeResolver(NAME, env -> {
      String entity = env.getLocalContext();
      GraphQLObjectType t = entity == null ? null : env.getSchema().getObjectType(Identifiers.typeName(entity));
      if (t == null) {
        throw new IllegalStateException("no GraphQL type for the records of entity " + entity);
      }
      return t;
    });
  }

  /** A record (or a list of records) of one entity, for a field typed Node. */
  static DataFetcherResult<Object> of(Object records, String entity) {
    return DataFetcherResult.newResult().data(records).localContext(entity).build();
  }
}
