package dev.tessera.graphql;

/**
 * How a capability puts its part into the GraphQL schema: its types, root queries and mutations and
 * their fetchers, for one metadata snapshot. Every {@code @ApplicationScoped} implementation is found
 * by {@link SchemaFactory}; a new capability adds one contributor and edits nothing else.
 * Contributors read and write only through their capability's services and the record reader.
 */
public interface SchemaContributor {
  void contribute(SchemaParts parts);
}
