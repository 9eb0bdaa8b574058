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
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("assignmentTrace")
        .description("Why a record has its owner: each assignment's rule, entry, strategy, the people considered "
            + "and why others were skipped, newest first")
        .type(nonNull(list(nonNull(TRACE))))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)))
        .build());
  }
}
