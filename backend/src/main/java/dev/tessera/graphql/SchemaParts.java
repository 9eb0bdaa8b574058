package dev.tessera.graphql;

import dev.tessera.metadata.MetadataSnapshot;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

/**
 * The schema of one metadata snapshot while contributors add to it: root fields, additional types and
 * the code registry (fetchers, type resolvers). Built once by {@link SchemaFactory}.
 */
public final class SchemaParts {
  private final MetadataSnapshot snapshot;
  private final GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
  private final GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name("Query");
  private final GraphQLObjectType.Builder mutation = GraphQLObjectType.newObject().name("Mutation");
  private final GraphQLObjectType.Builder subscription = GraphQLObjectType.newObject().name("Subscription");
  private boolean subscriptions;
  private final GraphQLSchema.Builder schema = GraphQLSchema.newSchema();

  SchemaParts(MetadataSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** The metadata version being built. */
  public MetadataSnapshot snapshot() {
    return snapshot;
  }

  public GraphQLCodeRegistry.Builder code() {
    return code;
  }

  public SchemaParts query(GraphQLFieldDefinition field) {
    query.field(field);
    return this;
  }

  public SchemaParts mutation(GraphQLFieldDefinition field) {
    mutation.field(field);
    return this;
  }

  /** A root field of the Subscription type (served over WebSocket). */
  public SchemaParts subscription(GraphQLFieldDefinition field) {
    subscription.field(field);
    subscriptions = true;
    return this;
  }

  /** A type no root field reaches by itself (e.g. an entity type only reached through an interface). */
  public SchemaParts type(GraphQLNamedType type) {
    schema.additionalType(type);
    return this;
  }

  GraphQLSchema build() {
    if (subscriptions) {
      schema.subscription(subscription.build());
    }
    return schema.query(nullable(query.build())).mutation(nullable(mutation.build())).codeRegistry(code.build()).build();
  }

  /**
   * Root fields are nullable, whatever their contributors say: an error in one field then nulls only
   * that field, not {@code data} with every sibling (a failed third mutation must not hide the two that ran).
   */
  private static GraphQLObjectType nullable(GraphQLObjectType root) {
    return root.transform(b -> {
      b.clearFields();
      for (GraphQLFieldDefinition f : root.getFieldDefinitions()) {
        b.field(f.transform(fb -> fb.type((GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(f.getType()))));
      }
    });
  }
}
