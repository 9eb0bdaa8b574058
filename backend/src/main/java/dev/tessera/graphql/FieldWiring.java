package dev.tessera.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLOutputType;

/** A root field with its fetcher registered in one step, so an API class cannot declare one without the other. */
final class FieldWiring {
  private final GraphQLCodeRegistry.Builder code;

  FieldWiring(GraphQLCodeRegistry.Builder code) {
    this.code = code;
  }

  GraphQLFieldDefinition.Builder field(String parent, String name, GraphQLOutputType type, DataFetcher<?> fetcher) {
    code.dataFetcher(FieldCoordinates.coordinates(parent, name), fetcher);
    return GraphQLFieldDefinition.newFieldDefinition().name(name).type(type);
  }

  static GraphQLArgument.Builder arg(String name, GraphQLInputType type) {
    return GraphQLArgument.newArgument().name(name).type(type);
  }
}
