package dev.tessera.graphql;

import dev.tessera.assignment.AssignmentService;
import dev.tessera.assignment.AssignmentStore;
import dev.tessera.dedupe.DuplicateMatcher;
import dev.tessera.dedupe.DuplicateStore;
import dev.tessera.dedupe.MergeService;
import dev.tessera.dedupe.MergeUndoService;
import dev.tessera.metadata.DraftService;
import dev.tessera.metadata.VersionReader;
import dev.tessera.view.SavedViewService;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataService;
import dev.tessera.pool.PoolRecycler;
import dev.tessera.pool.PoolService;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.notification.NotificationStore;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the whole GraphQL schema of one metadata snapshot. */
@ApplicationScoped
public class SchemaFactory {
  private final RecordStore store;
  private final RecordService records;
  private final TxRunner tx;
  private final MetadataRegistry registry;
  private final MetadataService metadata;
  private final AssignmentStore assignments;
  private final PoolService pools;
  private final AssignmentService assignment;
  private final PoolRecycler recycler;
  private final DuplicateStore duplicates;
  private final MergeService merges;
  private final MergeUndoService undos;
  private final NotificationStore inbox;
  private final DuplicateMatcher matcher;
  private final DraftService drafts;
  private final VersionReader versions;
  private final SavedViewService views;

  public SchemaFactory(RecordStore store, RecordService records, TxRunner tx, MetadataRegistry registry,
      MetadataService metadata, AssignmentStore assignments, PoolService pools, AssignmentService assignment,
      PoolRecycler recycler, DuplicateStore duplicates, MergeService merges, MergeUndoService undos,
      NotificationStore inbox, DuplicateMatcher matcher, DraftService drafts, VersionReader versions, SavedViewService views) {
    this.views = views;
    this.drafts = drafts;
    this.versions = versions;
    this.matcher = matcher;
    this.merges = merges;
    this.undos = undos;
    this.inbox = inbox;
    this.recycler = recycler;
    this.duplicates = duplicates;
    this.assignment = assignment;
    this.assignments = assignments;
    this.pools = pools;
    this.store = store;
    this.records = records;
    this.tx = tx;
    this.registry = registry;
    this.metadata = metadata;
  }

  public GraphQLSchema build(MetadataSnapshot snap) {
    GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
    GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name("Query");
    GraphQLObjectType.Builder mutation = GraphQLObjectType.newObject().name("Mutation");
    GraphQLSchema.Builder schema = GraphQLSchema.newSchema();
    MetadataApi api = new MetadataApi(registry, metadata, code);
    api.queries().forEach(query::field);
    api.mutations().forEach(mutation::field);
    DesignerApi designer = new DesignerApi(snap, drafts, versions, code);
    designer.queries().forEach(query::field);
    designer.mutations().forEach(mutation::field);
    ViewApi saved = new ViewApi(snap, views, code);
    saved.queries().forEach(query::field);
    saved.mutations().forEach(mutation::field);
    AssignmentApi assigning = new AssignmentApi(assignments, assignment, tx, code);
    assigning.queries().forEach(query::field);
    assigning.mutations().forEach(mutation::field);
    PoolApi pooling = new PoolApi(pools, recycler, code);
    pooling.queries().forEach(query::field);
    pooling.mutations().forEach(mutation::field);
    new DuplicateApi(duplicates, matcher, snap, tx, code).queries().forEach(query::field);
    MergeApi merging = new MergeApi(merges, undos, code);
    merging.queries().forEach(query::field);
    merging.mutations().forEach(mutation::field);
    NotificationApi notifications = new NotificationApi(inbox, tx, code);
    notifications.queries().forEach(query::field);
    notifications.mutations().forEach(mutation::field);
    RecordFetchers fetchers = new RecordFetchers(snap, store, records, tx);
    for (EntityDefinition e : snap.entities().values()) {
      EntitySchema es = new EntitySchema(snap, e, fetchers, code);
      es.types().forEach(schema::additionalType);
      es.queries().forEach(query::field);
      es.mutations().forEach(mutation::field);
    }
    return schema.query(query).mutation(mutation).codeRegistry(code.build()).build();
  }
}
