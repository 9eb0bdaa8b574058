package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.assignment.AssignmentService;
import dev.tessera.assignment.AssignmentTraces;
import dev.tessera.metamodel.json.MetamodelJson;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** "Why this owner?": the assignment traces of a record, newest first; and re-running assignment. */
@ApplicationScoped
class AssignmentApi implements SchemaContributor {
  static final GraphQLObjectType TARGET = GraphQLObjectType.newObject().name("AssignmentTarget")
      .field(f -> f.name("type").type(nonNull(GraphQLString)).description("user, team, queue or pool"))
      .field(f -> f.name("key").type(nonNull(GraphQLString)))
      .build();
  static final GraphQLObjectType CANDIDATE = GraphQLObjectType.newObject().name("AssignmentCandidate")
      .description("A person a team rotation considered")
      .field(f -> f.name("user").type(nonNull(GraphQLString)))
      .field(f -> f.name("available").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("why").type(GraphQLString).description("Why not, when not available"))
      .field(f -> f.name("load").type(GraphQLInt).description("Open records held (leastLoaded)"))
      .field(f -> f.name("capacity").type(GraphQLInt))
      .build();
  static final GraphQLObjectType SKIP = GraphQLObjectType.newObject().name("AssignmentSkip")
      .description("An entry whose criteria matched but which could not assign, and why")
      .field(f -> f.name("entry").type(nonNull(GraphQLString)))
      .field(f -> f.name("why").type(GraphQLString))
      .build();
  static final GraphQLObjectType TRACE = GraphQLObjectType.newObject().name("AssignmentTrace")
      .description("One assignment: the rule and entry that decided, the strategy, the target, the owner and why")
      .field(f -> f.name("assignedAt").type(Scalars.DATETIME))
      .field(f -> f.name("rule").type(nonNull(GraphQLString)))
      .field(f -> f.name("entry").type(GraphQLString).description("The entry that assigned; null for the fallback"))
      .field(f -> f.name("pickedBy").type(GraphQLString))
      .field(f -> f.name("strategy").type(GraphQLString))
      .field(f -> f.name("target").type(TARGET))
      .field(f -> f.name("owner").type(GraphQLString))
      .field(f -> f.name("turn").type(GraphQLInt))
      .field(f -> f.name("why").type(GraphQLString))
      .field(f -> f.name("skills").type(list(nonNull(GraphQLString))))
      .field(f -> f.name("considered").type(nonNull(list(nonNull(CANDIDATE)))))
      .field(f -> f.name("skipped").type(nonNull(list(nonNull(SKIP)))))
      .field(f -> f.name("details").type(nonNull(Scalars.JSON)).description("The whole trace as stored"))
      .build();
  static final GraphQLObjectType OUTCOME = GraphQLObjectType.newObject().name("AssignmentOutcome")
      .description("What a re-run did (or, in a dry run, would do) to one record")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("ownerBefore").type(GraphQLString))
      .field(f -> f.name("owner").type(GraphQLString))
      .field(f -> f.name("trace").type(nonNull(TRACE)))
      .field(f -> f.name("values").type(nonNull(Scalars.JSON)).description("The record's field values"))
      .build();
  static final GraphQLObjectType PREVIEW = GraphQLObjectType.newObject().name("AssignmentPreview")
      .description("What a rule (published or not) would do to the newest records; nothing is changed")
      .field(f -> f.name("problems").type(nonNull(list(nonNull(GraphQLTypeReference.typeRef("Problem")))))
          .description("What a publish of the rule would refuse ($[0] is the rule); the rule is not run when there are any"))
      .field(f -> f.name("outcomes").type(nonNull(list(nonNull(OUTCOME)))).description("Newest record first"))
      .build();

  private final AssignmentTraces traces;
  private final AssignmentService service;

  AssignmentApi(AssignmentTraces traces, AssignmentService service) {
    this.traces = traces;
    this.service = service;
  }
  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.code()).forEach(parts::query);
    mutations(parts.code()).forEach(parts::mutation);
  }


  private List<GraphQLFieldDefinition> mutations(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "runAssignment"), (DataFetcher<?>) env -> {
      Object conditions = env.getArgument("conditions");
      JsonNode c = conditions == null ? null : MetamodelJson.mapper().valueToTree(conditions);
      boolean dry = Boolean.TRUE.equals(env.getArgument("dryRun"));
      List<String> given = env.getArgument("ids");
      List<UUID> ids = null;
      if (given != null) {
        ids = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
          ids.add(Ids.argument(given.get(i), "ids[" + i + "]"));
        }
      }
      return service.run(env.getArgument("entity"), c, ids, dry, RequestContext.of(env).actor())
          .map(list -> list.stream().map(AssignmentService::json).toList()).subscribeAsCompletionStage();
    });
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("runAssignment")
        .description("Runs the entity's active assignment rule again over its records matching the conditions and ids "
            + "(structured conditions, at most 1,000 records); with dryRun, shows who would get what and changes nothing")
        .type(nonNull(list(nonNull(OUTCOME))))
        .argument(GraphQLArgument.newArgument().name("entity").type(nonNull(graphql.Scalars.GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("conditions").type(Scalars.JSON))
        .argument(GraphQLArgument.newArgument().name("ids").type(list(nonNull(GraphQLID)))
            .description("Only these records (e.g. one record), within the conditions"))
        .argument(GraphQLArgument.newArgument().name("dryRun").type(graphql.Scalars.GraphQLBoolean).defaultValueProgrammatic(false))
        .build());
  }

  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code) {
    DataFetcher<?> fetcher = env -> traces.of(RequestContext.of(env).actor(), Ids.argument(env.getArgument("id")))
        .subscribeAsCompletionStage();
    code.dataFetcher(FieldCoordinates.coordinates("Query", "assignmentTrace"), fetcher);
    code.dataFetcher(FieldCoordinates.coordinates("AssignmentTrace", "considered"),
        SourceFetcher.<Map<String, Object>>of(m -> m.getOrDefault("considered", List.of())));
    code.dataFetcher(FieldCoordinates.coordinates("AssignmentTrace", "skipped"),
        SourceFetcher.<Map<String, Object>>of(m -> m.getOrDefault("skipped", List.of())));
    code.dataFetcher(FieldCoordinates.coordinates("AssignmentTrace", "details"), SourceFetcher.<Object>of(m -> m));
    code.dataFetcher(FieldCoordinates.coordinates("Query", "assignmentPreview"), (DataFetcher<?>) env -> {
      JsonNode rule = MetamodelJson.mapper().valueToTree(env.getArgument("rule"));
      Integer limit = env.getArgument("limit");
      return service.preview(rule, limit == null ? 100 : limit, RequestContext.of(env).actor())
          .map(p -> Map.of("problems", p.problems(), "outcomes", p.outcomes().stream().map(AssignmentService::json).toList()))
          .subscribeAsCompletionStage();
    });
    GraphQLFieldDefinition preview = GraphQLFieldDefinition.newFieldDefinition().name("assignmentPreview")
        .description("Who an assignment rule (e.g. a draft) would give each of its entity's newest records (at most 100), "
            + "with the trace of each decision; a dry run that changes nothing and takes no turns of any rotation")
        .type(nonNull(PREVIEW))
        .argument(GraphQLArgument.newArgument().name("rule").type(nonNull(Scalars.JSON)))
        .argument(GraphQLArgument.newArgument().name("limit").type(GraphQLInt).defaultValueProgrammatic(100))
        .build();
    return List.of(preview, GraphQLFieldDefinition.newFieldDefinition().name("assignmentTrace")
        .description("Why a record has its owner: each assignment's rule, entry, strategy, the people considered "
            + "and why others were skipped, newest first")
        .type(nonNull(list(nonNull(TRACE))))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)))
        .build());
  }
}
