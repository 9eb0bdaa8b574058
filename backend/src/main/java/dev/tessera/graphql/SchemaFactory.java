package dev.tessera.graphql;

import dev.tessera.metadata.MetadataSnapshot;
import graphql.schema.GraphQLSchema;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the whole GraphQL schema of one metadata snapshot from what every {@link SchemaContributor}
 * adds, in a stable order (by contributor name), so the generated schema does not change between starts.
 */
@ApplicationScoped
public class SchemaFactory {
  private final List<SchemaContributor> contributors;

  public SchemaFactory(Instance<SchemaContributor> contributors) {
    this.contributors = contributors.stream()
        .sorted(Comparator.comparing(SchemaFactory::name)).toList();
  }

  private static String name(SchemaContributor c) {
    String n = c.getClass().getSimpleName();
    int proxy = n.indexOf('_');
    return proxy > 0 ? n.substring(0, proxy) : n;
  }

  public GraphQLSchema build(MetadataSnapshot snap) {
    SchemaParts parts = new SchemaParts(snap);
    contributors.forEach(c -> c.contribute(parts));
    return parts.build();
  }
}
