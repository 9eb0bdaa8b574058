package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.dedupe.DuplicateQueries;
import dev.tessera.dedupe.MergeEntry;
import dev.tessera.dedupe.MergeOutcome;
import dev.tessera.dedupe.MergeRequest;
import dev.tessera.dedupe.MergeService;
import dev.tessera.dedupe.MergeUndoService;
import dev.tessera.metadata.MetadataSnapshot;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Merging duplicates over GraphQL: merge with per-field choices, undo, and the history of a record's merges. */
@ApplicationScoped
class MergeApi implements SchemaContributor {
  static final GraphQLInputObjectType CHOICE = GraphQLInputObjectType.newInputObject().name("MergeFieldChoice")
      .description("Take this field's value from this record (the survivor or one of the merged records)")
      .field(f -> f.name("field").type(nonNull(GraphQLString)))
      .field(f -> f.name("fromId").type(nonNull(GraphQLID)))
      .build();
  static final GraphQLObjectType RESULT = GraphQLObjectType.newObject().name("MergeResult")
      .field(f -> f.name("mergeId").type(nonNull(GraphQLID)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("survivorId").type(nonNull(GraphQLID)))
      .field(f -> f.name("mergedIds").type(nonNull(list(nonNull(GraphQLID)))))
      .field(f -> f.name("survivor").type(nonNull(GraphQLTypeReference.typeRef(Nodes.NAME)))
          .description("The survivor as it is now, typed (... on Customer { name }), so a client cache stays fresh"))
      .field(f -> f.name("repointed").type(nonNull(GraphQLInt)).description("References re-pointed (undo: pointed back)"))
      .field(f -> f.name("repointedByField").type(nonNull(Scalars.JSON)).description("Those counts per entity.field"))
      .field(f -> f.name("undone").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("keptFields").type(nonNull(list(nonNull(GraphQLString))))
          .description("Undo only: survivor fields changed since the merge, left as they are"))
      .build();

  static final GraphQLObjectType CHANGE = GraphQLObjectType.newObject().name("MergeChange")
      .description("A survivor field the merge changed: before, after, and the record the value came from")
      .field(f -> f.name("field").type(nonNull(GraphQLString)))
      .field(f -> f.name("before").type(Scalars.JSON))
      .field(f -> f.name("after").type(Scalars.JSON))
      .field(f -> f.name("fromId").type(GraphQLID))
      .build();
  static final GraphQLObjectType REPOINTED = GraphQLObjectType.newObject().name("RepointedReference")
      .description("A reference the merge moved: entity.field of recordId held from, a merged record")
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("field").type(nonNull(GraphQLString)))
      .field(f -> f.name("recordId").type(nonNull(GraphQLID)))
      .field(f -> f.name("from").type(nonNull(GraphQLID)))
      .build();
  static final GraphQLObjectType HISTORY = GraphQLObjectType.newObject().name("MergeHistoryEntry")
      .field(f -> f.name("mergeId").type(nonNull(GraphQLID)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("survivorId").type(nonNull(GraphQLID)))
      .field(f -> f.name("mergedIds").type(nonNull(list(nonNull(GraphQLID)))))
      .field(f -> f.name("mergedBy").type(GraphQLString))
      .field(f -> f.name("mergedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("undone").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("undoneBy").type(GraphQLString))
      .field(f -> f.name("undoneAt").type(Scalars.DATETIME))
      .field(f -> f.name("changes").type(nonNull(list(nonNull(CHANGE)))))
      .field(f -> f.name("survivorBefore").type(GraphQLTypeReference.typeRef(Nodes.NAME))
          .description("The survivor as it was before the merge (null if it no longer fits its entity's type)"))
      .field(f -> f.name("merged").type(nonNull(list(GraphQLTypeReference.typeRef(Nodes.NAME))))
          .description("The merged records as they were, all columns"))
      .field(f -> f.name("repointed").type(nonNull(list(nonNull(REPOINTED)))))
      .build();

  private final MergeService merges;
  private final MergeUndoService undos;
  private final DuplicateQueries queries;

  MergeApi(MergeService merges, MergeUndoService undos, DuplicateQueries queries) {
    this.merges = merges;
    this.undos = undos;
    this.queries = queries;
  }
  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.code(), parts.snapshot()).forEach(parts::query);
    mutations(parts.code()).forEach(parts::mutation);
  }


  private List<GraphQLFieldDefinition> mutations(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "mergeRecords"), (DataFetcher<?>) env ->
        merges.merge(request(env), RequestContext.of(env).actor()).map(MergeApi::result).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "undoMerge"), (DataFetcher<?>) env ->
        undos.undo(Ids.argument(env.getArgument("mergeId"), "mergeId"), RequestContext.of(env).actor())
            .map(MergeApi::result).subscribeAsCompletionStage());
    return List.of(
        GraphQLFieldDefinition.newFieldDefinition().name("mergeRecords")
            .description("Merges duplicates into the survivor in one transaction: the survivor keeps its values, fills "
                + "its blank fields from the merged records (first non-blank, in mergedIds order) and takes the chosen "
                + "fields from the chosen records; references to merged records point at the survivor; the merged "
                + "records are removed and kept in the merge history")
            .type(nonNull(RESULT))
            .argument(GraphQLArgument.newArgument().name("entity").type(nonNull(GraphQLString)))
            .argument(GraphQLArgument.newArgument().name("survivorId").type(nonNull(GraphQLID)))
            .argument(GraphQLArgument.newArgument().name("mergedIds").type(nonNull(list(nonNull(GraphQLID)))))
            .argument(GraphQLArgument.newArgument().name("fields").type(list(nonNull(CHOICE))))
            .build(),
        GraphQLFieldDefinition.newFieldDefinition().name("undoMerge")
            .description("Undoes a merge: the merged records come back with their ids, the survivor's fields the merge "
                + "changed get their old values (unless changed again since), references point back")
            .type(nonNull(RESULT))
            .argument(GraphQLArgument.newArgument().name("mergeId").type(nonNull(GraphQLID)))
            .build());
  }

  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code, MetadataSnapshot meta) {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "mergeHistory"), (DataFetcher<?>) env ->
        queries.mergeHistory(RequestContext.of(env).actor(), meta, Ids.argument(env.getArgument("id"), "id"))
            .map(list -> list.stream().map(MergeApi::history).toList()).subscribeAsCompletionStage());
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("mergeHistory")
        .description("Merges a record took part in (as survivor or merged), newest first: who merged when, the changes "
            + "to the survivor and where each value came from, the merged records as they were, the references re-pointed")
        .type(nonNull(list(nonNull(HISTORY))))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)))
        .build());
  }

  @SuppressWarnings("unchecked")
  private static MergeRequest request(DataFetchingEnvironment env) {
    List<String> ids = env.getArgument("mergedIds");
    List<UUID> merged = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      merged.add(Ids.argument(ids.get(i), "mergedIds[" + i + "]"));
    }
    List<Map<String, Object>> fields = env.getArgument("fields");
    List<MergeRequest.Choice> choices = new ArrayList<>();
    for (int i = 0; fields != null && i < fields.size(); i++) {
      choices.add(new MergeRequest.Choice((String) fields.get(i).get("field"),
          Ids.argument(fields.get(i).get("fromId"), "fields[" + i + "].fromId")));
    }
    return new MergeRequest(env.getArgument("entity"), Ids.argument(env.getArgument("survivorId"), "survivorId"), merged,
        choices);
  }

  private static Map<String, Object> result(MergeOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mergeId", o.merge().id().toString());
    m.put("entity", o.merge().entity());
    m.put("survivorId", o.merge().survivorId().toString());
    m.put("mergedIds", o.merge().mergedIds().stream().map(UUID::toString).toList());
    m.put("survivor", Nodes.of(o.survivor(), o.merge().entity()));
    m.put("repointed", o.repointedTotal());
    m.put("repointedByField", o.repointed());
    m.put("undone", o.merge().undone());
    m.put("keptFields", o.keptFields());
    return m;
  }

  private static Map<String, Object> history(MergeEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mergeId", e.id().toString());
    m.put("entity", e.entity());
    m.put("survivorId", e.survivorId().toString());
    m.put("mergedIds", e.mergedIds().stream().map(UUID::toString).toList());
    m.put("mergedBy", e.mergedBy());
    m.put("mergedAt", e.mergedAt());
    m.put("undone", e.undone());
    m.put("undoneBy", e.undoneBy());
    m.put("undoneAt", e.undoneAt());
    m.put("changes", changes(e));
    m.put("survivorBefore", Nodes.of(e.survivorBefore(), e.entity()));
    m.put("merged", Nodes.of(e.merged(), e.entity()));
    m.put("repointed", e.repointed().stream().map(r -> Map.of("entity", r.entity(), "field", r.field(),
        "recordId", r.recordId().toString(), "from", r.from().toString())).toList());
    return m;
  }

  /** The survivor's fields the merge changed: value before and after, and the record the value came from. */
  private static List<Map<String, Object>> changes(MergeEntry e) {
    List<Map<String, Object>> out = new ArrayList<>();
    java.util.Set<String> fields = new java.util.LinkedHashSet<>(e.survivorBefore().data().keySet());
    fields.addAll(e.survivorAfter().data().keySet());
    for (String f : fields) {
      Object before = e.survivorBefore().get(f);
      Object after = e.survivorAfter().get(f);
      if (!Objects.equals(before, after)) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("field", f);
        c.put("before", before);
        c.put("after", after);
        UUID from = e.sources().get(f);
        c.put("fromId", from == null ? null : from.toString());
        out.add(c);
      }
    }
    return out;
  }
}
