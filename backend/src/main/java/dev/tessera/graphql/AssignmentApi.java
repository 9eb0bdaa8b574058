package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
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
import java.util.List;
import java.util.UUID;

/** "Why this owner?": the assignment traces of a record, newest first. */
final class AssignmentApi {
  private final AssignmentTraces traces;
  private final AssignmentService service;
  private final GraphQLCodeRegistry.Builder code;

  AssignmentApi(AssignmentTraces traces, AssignmentService service, GraphQLCodeRegistry.Builder code) {
    this.traces = traces;
    this.service = service;
    this.code = code;
  }

  List<GraphQLFieldDefinition> mutations() {
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
        .type(nonNull(list(nonNull(Scalars.JSON))))
        .argument(GraphQLArgument.newArgument().name("entity").type(nonNull(graphql.Scalars.GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("conditions").type(Scalars.JSON))
        .argument(GraphQLArgument.newArgument().name("ids").type(list(nonNull(GraphQLID)))
            .description("Only these records (e.g. one record), within the conditions"))
        .argument(GraphQLArgument.newArgument().name("dryRun").type(graphql.Scalars.GraphQLBoolean).defaultValueProgrammatic(false))
        .build());
  }

  List<GraphQLFieldDefinition> queries() {
    DataFetcher<?> fetcher = env -> traces.of(RequestContext.of(env).actor(), Ids.argument(env.getArgument("id")))
        .subscribeAsCompletionStage();
    code.dataFetcher(FieldCoordinates.coordinates("Query", "assignmentTrace"), fetcher);
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("assignmentTrace")
        .description("Why a record has its owner: each assignment's rule, entry, strategy, the people considered "
            + "and why others were skipped, newest first")
        .type(nonNull(list(nonNull(Scalars.JSON))))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)))
        .build());
  }
}
