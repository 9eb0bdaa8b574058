package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.dedupe.DuplicateMatcher;
import dev.tessera.dedupe.DuplicateQueries;
import dev.tessera.dedupe.MatchingPreview;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.RecordValidator;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Duplicates found (撞单), for a record or for an owner on either side, newest first; and the duplicates
 * a record would be, checked before saving it (a form can warn while the user types).
 */
@ApplicationScoped
class DuplicateApi implements SchemaContributor {
  static final GraphQLObjectType CANDIDATE = GraphQLObjectType.newObject().name("DuplicateCandidate")
      .description("A record that saving the values would duplicate, by one matching rule")
      .field(f -> f.name("rule").type(nonNull(GraphQLString)))
      .field(f -> f.name("action").type(nonNull(GraphQLString)).description("block, warn or link"))
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("ownerId").type(GraphQLString))
      .field(f -> f.name("score").type(nonNull(graphql.Scalars.GraphQLFloat)).description("0 to 1"))
      .field(f -> f.name("matched").type(nonNull(list(nonNull(GraphQLString)))).description("The fields that matched"))
      .field(f -> f.name("record").type(GraphQLTypeReference.typeRef(Nodes.NAME))
          .description("The record; null when the caller may not read it (then only that it exists and its owner are told)"))
      .build();

  static final GraphQLObjectType REPORT = GraphQLObjectType.newObject().name("DuplicateReport")
      .description("A duplicate found on a write: the rule, the written record and the one it duplicates, both owners")
      .field(f -> f.name("rule").type(nonNull(GraphQLString)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("recordId").type(nonNull(GraphQLID)).description("The record written (a blocked write's was never stored)"))
      .field(f -> f.name("duplicateOf").type(nonNull(GraphQLID)))
      .field(f -> f.name("owner").type(GraphQLString).description("The writer's owner"))
      .field(f -> f.name("otherOwner").type(GraphQLString).description("The existing record's owner"))
      .field(f -> f.name("action").type(nonNull(GraphQLString)).description("block, warn or link"))
      .field(f -> f.name("score").type(nonNull(graphql.Scalars.GraphQLFloat)))
      .field(f -> f.name("matched").type(nonNull(list(nonNull(GraphQLString)))))
      .field(f -> f.name("foundAt").type(nonNull(Scalars.DATETIME)))
      .build();

  /** Excluded from the candidates of a record not yet created: no record has it. */
  private static final UUID NO_RECORD = new UUID(0, 0);

  static final GraphQLObjectType FLAGGED = GraphQLObjectType.newObject().name("FlaggedDuplicate")
      .description("Two stored records a matching rule would call duplicates")
      .field(f -> f.name("id").type(nonNull(GraphQLID)).description("The newer record of the pair"))
      .field(f -> f.name("values").type(nonNull(Scalars.JSON)))
      .field(f -> f.name("duplicateOfId").type(nonNull(GraphQLID)))
      .field(f -> f.name("duplicateOfValues").type(nonNull(Scalars.JSON)))
      .field(f -> f.name("score").type(nonNull(graphql.Scalars.GraphQLFloat)).description("0 to 1"))
      .field(f -> f.name("matched").type(nonNull(list(nonNull(GraphQLString)))))
      .build();
  static final GraphQLObjectType MATCHING_PREVIEW = GraphQLObjectType.newObject().name("MatchingPreview")
      .description("Which stored records a matching rule (published or not) would flag; nothing is changed")
      .field(f -> f.name("problems").type(nonNull(list(nonNull(GraphQLTypeReference.typeRef("Problem")))))
          .description("What a publish of the rule would refuse ($[0] is the rule); the rule is not run when there are any"))
      .field(f -> f.name("flagged").type(nonNull(list(nonNull(FLAGGED)))).description("Best score first"))
      .build();

  private final DuplicateQueries queries;
  private final MatchingPreview preview;

  DuplicateApi(DuplicateQueries queries, MatchingPreview preview) {
    this.queries = queries;
    this.preview = preview;
  }
  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.code(), parts.snapshot()).forEach(parts::query);
  }


  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code, MetadataSnapshot meta) {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "duplicateReports"), (DataFetcher<?>) env -> {
      String id = env.getArgument("id");
      String owner = env.getArgument("owner");
      if ((id == null) == (owner == null)) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("ID_OR_OWNER"), "id");
      }
      UUID recordId = id == null ? null : Ids.argument(id);
      return queries.reports(RequestContext.of(env).actor(), recordId, owner).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Query", "duplicateCandidates"), (DataFetcher<?>) env -> candidates(env, meta));
    code.dataFetcher(FieldCoordinates.coordinates("Query", "matchingPreview"), (DataFetcher<?>) env -> {
      Integer limit = env.getArgument("limit");
      return preview.preview(MetamodelJson.mapper().valueToTree(env.getArgument("rule")), limit == null ? 100 : limit,
          RequestContext.of(env).actor()).map(p -> Map.of("problems", p.problems(), "flagged",
              p.flagged().stream().map(DuplicateApi::flagged).toList())).subscribeAsCompletionStage();
    });
    GraphQLFieldDefinition matching = GraphQLFieldDefinition.newFieldDefinition().name("matchingPreview")
        .description("Which stored records a matching rule (e.g. a draft) would flag: each of the entity's newest records "
            + "(at most 100) checked as a write would check it; only reads")
        .type(nonNull(MATCHING_PREVIEW))
        .argument(GraphQLArgument.newArgument().name("rule").type(nonNull(Scalars.JSON)))
        .argument(GraphQLArgument.newArgument().name("limit").type(graphql.Scalars.GraphQLInt).defaultValueProgrammatic(100))
        .build();
    return List.of(candidatesField(), matching, GraphQLFieldDefinition.newFieldDefinition().name("duplicateReports")
        .description("Duplicates found for a record, or reported to an owner (the writer's or the existing record's): "
            + "rule, both records, both owners, action (block, warn, link), score and matched fields")
        .type(nonNull(list(nonNull(REPORT))))
        .argument(GraphQLArgument.newArgument().name("id").type(GraphQLID))
        .argument(GraphQLArgument.newArgument().name("owner").type(GraphQLString))
        .build());
  }

  private Object candidates(DataFetchingEnvironment env, MetadataSnapshot meta) {
    EntityDefinition e = meta.entity(env.getArgument("entity"));
    Map<String, Object> data = RecordValidator.merge(e, null, env.getArgument("data"), true);
    String id = env.getArgument("id");
    UUID self = id == null ? NO_RECORD : Ids.argument(id);
    return queries.candidates(RequestContext.of(env).actor(), meta, e, data, self).map(found -> found.stream().map(shown -> {
      DuplicateMatcher.Candidate c = shown.candidate();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", c.rule());
      m.put("action", c.action());
      m.put("id", c.match().record().id().toString());
      m.put("ownerId", c.match().record().ownerId());
      m.put("score", Math.round(c.match().score() * 1000) / 1000.0);
      m.put("matched", c.match().matched());
      m.put("record", shown.visible() == null ? null : Nodes.of(shown.visible(), e.name()));
      return m;
    }).toList()).subscribeAsCompletionStage();
  }

  private static Map<String, Object> flagged(MatchingPreview.Flagged f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.record().id().toString());
    m.put("values", f.record().data());
    m.put("duplicateOfId", f.duplicateOf().id().toString());
    m.put("duplicateOfValues", f.duplicateOf().data());
    m.put("score", Math.round(f.score() * 1000) / 1000.0);
    m.put("matched", f.matched());
    return m;
  }

  private static GraphQLFieldDefinition candidatesField() {
    return GraphQLFieldDefinition.newFieldDefinition().name("duplicateCandidates")
        .description("The records that saving these values would be a duplicate of, by the entity's active matching rules,"
            + " without saving: rule, action, the record, score and matched fields, best first (at most 5 per rule)")
        .type(nonNull(list(nonNull(CANDIDATE))))
        .argument(GraphQLArgument.newArgument().name("entity").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("data").type(nonNull(Scalars.JSON))
            .description("Field values as for create"))
        .argument(GraphQLArgument.newArgument().name("id").type(GraphQLID).description("The record being edited, left out"))
        .build();
  }
}
