package dev.tessera.graphql;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The records capability's part of the schema: the {@code Node} interface and, for every entity of the
 * snapshot, its types, queries and mutations ({@link EntitySchema}), read through the
 * {@link RecordReader} and written through the {@link RecordService}.
 */
@ApplicationScoped
class RecordApi implements SchemaContributor {
  private final RecordReader reader;
  private final RecordService records;

  RecordApi(RecordReader reader, RecordService records) {
    this.reader = reader;
    this.records = records;
  }

  @Override
  public void contribute(SchemaParts parts) {
    MetadataSnapshot snap = parts.snapshot();
    parts.type(Nodes.NODE);
    Nodes.register(parts.code());
    RecordFetchers fetchers = new RecordFetchers(snap, reader, records);
    for (EntityDefinition e : snap.entities().values()) {
      EntitySchema es = new EntitySchema(snap, e, fetchers, parts.code());
      es.types().forEach(parts::type);
      es.queries().forEach(parts::query);
      es.mutations().forEach(parts::mutation);
    }
  }
}
