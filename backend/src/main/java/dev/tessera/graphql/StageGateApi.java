package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.stage.StageGateService;
import dev.tessera.stage.StageRequestStore.Request;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage gates (ADR 0053): asking for a stage that needs an approval ({@code requestStageChange}) and a
 * record's requests with how they ended. Writes into other gated stages go through the entity's own
 * mutations, which the gates check.
 */
@ApplicationScoped
class StageGateApi implements SchemaContributor {
  static final GraphQLObjectType REQUEST = GraphQLObjectType.newObject().name("StageRequest")
      .description("A stage change that waits for (or waited for) its gate's approval")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("recordId").type(nonNull(GraphQLID)))
      .field(f -> f.name("field").type(nonNull(GraphQLString)))
      .field(f -> f.name("from").type(GraphQLString))
      .field(f -> f.name("to").type(nonNull(GraphQLString)))
      .field(f -> f.name("flow").type(nonNull(GraphQLString)).description("The gate's approval flow"))
      .field(f -> f.name("instanceId").type(nonNull(GraphQLID)).description("The approval flow's instance"))
      .field(f -> f.name("requestedBy").type(nonNull(GraphQLString)))
      .field(f -> f.name("comment").type(GraphQLString))
      .field(f -> f.name("status").type(nonNull(GraphQLString)).description("pending, moved, notMoved (approved, but the"
          + " record no longer met the gate), rejected or cancelled"))
      .field(f -> f.name("reason").type(GraphQLString).description("notMoved: what the record no longer met"))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("decidedAt").type(Scalars.DATETIME))
      .build();

  private final StageGateService gates;

  StageGateApi(StageGateService gates) {
    this.gates = gates;
  }

  @Override
  public void contribute(SchemaParts parts) {
    var code = parts.code();
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "requestStageChange"), (DataFetcher<?>) env -> {
      RequestContext rc = RequestContext.of(env);
      return gates.request(env.getArgument("entity"), Ids.argument(env.getArgument("id"), "id"), env.getArgument("field"),
          env.getArgument("to"), env.getArgument("comment"), rc.actor())
          .map(r -> request(r, rc.locale())).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Query", "stageRequests"), (DataFetcher<?>) env -> {
      RequestContext rc = RequestContext.of(env);
      return gates.requests(env.getArgument("entity"), Ids.argument(env.getArgument("id"), "id"), rc.actor())
          .map(list -> list.stream().map(r -> request(r, rc.locale())).toList()).subscribeAsCompletionStage();
    });
    GraphQLArgument entity = arg("entity", nonNull(GraphQLString));
    GraphQLArgument id = arg("id", nonNull(GraphQLID));
    parts.mutation(FlowApi.field("requestStageChange", nonNull(REQUEST), "Asks to move a record into a stage whose gate"
        + " needs an approval: checks the rest of the gate, starts the gate's approval flow and moves the record once it"
        + " is approved", entity, id, arg("field", nonNull(GraphQLString)), arg("to", nonNull(GraphQLString)),
        arg("comment", GraphQLString)));
    parts.query(FlowApi.field("stageRequests", nonNull(list(nonNull(REQUEST))), "A record's stage requests, newest"
        + " first (empty when the caller may not read the record)", entity, id));
    parts.type(REQUEST);
  }

  private static GraphQLArgument arg(String name, graphql.schema.GraphQLInputType type) {
    return GraphQLArgument.newArgument().name(name).type(type).build();
  }

  private static Map<String, Object> request(Request r, String locale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().toString());
    m.put("entity", r.entity());
    m.put("recordId", r.recordId().toString());
    m.put("field", r.field());
    m.put("from", r.from());
    m.put("to", r.to());
    m.put("flow", r.flow());
    m.put("instanceId", r.instanceId().toString());
    m.put("requestedBy", r.requestedBy());
    m.put("comment", r.comment());
    m.put("status", r.status().sql());
    m.put("reason", locale != null && locale.startsWith("zh") && r.reasonZh() != null ? r.reasonZh() : r.reason());
    m.put("createdAt", r.createdAt());
    m.put("decidedAt", r.decidedAt());
    return m;
  }
}
