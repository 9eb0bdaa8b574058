package dev.tessera.graphql;

import dev.tessera.assignment.AssignmentService;
import dev.tessera.assignment.AssignmentTraces;
import dev.tessera.dedupe.DuplicateQueries;
import dev.tessera.dedupe.MergeService;
import dev.tessera.dedupe.MergeUndoService;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataService;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.notification.Inbox;
import dev.tessera.pool.PoolListing;
import dev.tessera.pool.PoolRecycler;
import dev.tessera.pool.PoolService;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordService;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the whole GraphQL schema of one metadata snapshot. */
@ApplicationScoped
public class SchemaFactory {
  private final RecordReader reader;
  private final RecordService records;
  private final MetadataRegistry registry;
  private final MetadataService metadata;
  private final AssignmentTraces traces;
  private final PoolService pools;
  private final PoolListing listing;
  private final AssignmentService assignment;
  private final PoolRecycler recycler;
  private final DuplicateQueries duplicates;
  private final MergeService merges;
  private final MergeUndoService undos;
  private final Inbox inbox;

  public SchemaFactory(RecordReader reader, RecordService records, MetadataRegistry registry, MetadataService metadata,
      AssignmentTraces traces, PoolService pools, PoolListing listing, AssignmentService assignment,
      PoolRecycler recycler, DuplicateQueries duplicates, MergeService merges, MergeUndoService undos, Inbox inbox) {
    this.reader = reader;
    this.records = records;
    this.registry = registry;
    this.metadata = metadata;
    this.traces = traces;
    this.pools = pools;
    this.listing = listing;
    this.assignment = assignment;
    this.recycler = recycler;
    this.duplicates = duplicates;
    this.merges = merges;
    this.undos = undos;
    this.inbox = inbox;
  }

  public GraphQLSchema build(MetadataSnapshot snap) {
    GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
    GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name("Query");
    GraphQLObjectType.Builder mutation = GraphQLObjectType.newObject().name("Mutation");
    GraphQLSchema.Builder schema = GraphQLSchema.newSchema().additionalType(Nodes.NODE);
    Nodes.register(code);
    MetadataApi api = new MetadataApi(registry, metadata, code);
    api.queries().forEach(query::field);
    api.mutations().forEach(mutation::field);
    AssignmentApi assigning = new AssignmentApi(traces, assignment, code);
    assigning.queries().forEach(query::field);
    assigning.mutations().forEach(mutation::field);
    PoolApi pooling = new PoolApi(pools, listing, recycler, code);
    pooling.queries().forEach(query::field);
    pooling.mutations().forEach(mutation::field);
    new DuplicateApi(duplicates, snap, code).queries().forEach(query::field);
    MergeApi merging = new MergeApi(merges, undos, duplicates, snap, code);
    merging.queries().forEach(query::field);
    merging.mutations().forEach(mutation::field);
    NotificationApi notifications = new NotificationApi(inbox, code);
    notifications.queries().forEach(query::field);
    notifications.mutations().forEach(mutation::field);
    RecordFetchers fetchers = new RecordFetchers(snap, reader, records);
    for (EntityDefinition e : snap.entities().values()) {
      EntitySchema es = new EntitySchema(snap, e, fetchers, code);
      es.types().forEach(schema::additionalType);
      es.queries().forEach(query::field);
      es.mutations().forEach(mutation::field);
    }
    return schema.query(nullable(query.build())).mutation(nullable(mutation.build())).codeRegistry(code.build()).build();
  }

  /**
   * Root fields are nullable, whatever their builders say: an error in one field then nulls only that
   * field, not {@code data} with every sibling (a failed third mutation must not hide the two that ran).
   */
  private static GraphQLObjectType nullable(GraphQLObjectType root) {
    return root.transform(b -> {
      b.clearFields();
      for (GraphQLFieldDefinition f : root.getFieldDefinitions()) {
        b.field(f.transform(fb -> fb.type((graphql.schema.GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(f.getType()))));
      }
    });
  }
}
