package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.flow.FlowInstance;
import dev.tessera.flow.FlowService;
import dev.tessera.flow.FlowStep;
import dev.tessera.flow.FlowToken;
import dev.tessera.platform.RequestMessages;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.record.DataRecord;
import dev.tessera.security.Permissions;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flows at run time: start one by hand, see instances with their paths (each node's status, times,
 * inputs and outputs, error), handle incidents, a flow's summary, and complete tasks. Incidents, their
 * handling and summaries need the capability to change metadata (see {@code GraphQlProvider.CAPABILITIES});
 * instances of a record need the right to read that record.
 */
@ApplicationScoped
class FlowApi implements SchemaContributor {
  static final GraphQLObjectType STEP = GraphQLObjectType.newObject().name("FlowStep")
      .description("One node an instance ran (a wait's step ends when the wait ends)")
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("status").type(nonNull(GraphQLString)).description("completed, waiting, failed, skipped or cancelled"))
      .field(f -> f.name("attempt").type(nonNull(GraphQLInt)))
      .field(f -> f.name("branch").type(GraphQLString).description("The branch it took (condition, split, timeout, error)"))
      .field(f -> f.name("startedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("endedAt").type(Scalars.DATETIME))
      .field(f -> f.name("input").type(Scalars.JSON))
      .field(f -> f.name("output").type(Scalars.JSON))
      .field(f -> f.name("error").type(GraphQLString))
      .build();
  static final GraphQLObjectType TOKEN = GraphQLObjectType.newObject().name("FlowToken")
      .description("Where a path of an instance is now")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("state").type(nonNull(GraphQLString)).description("ready, waiting or incident"))
      .field(f -> f.name("dueAt").type(Scalars.DATETIME).description("When it runs next; null while only an event can wake it"))
      .field(f -> f.name("attempt").type(nonNull(GraphQLInt)))
      .field(f -> f.name("error").type(GraphQLString))
      .build();
  static final GraphQLObjectType INSTANCE = GraphQLObjectType.newObject().name("FlowInstance")
      .description("One run of a flow, on the version it started on")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("flow").type(nonNull(GraphQLString)))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("status").type(nonNull(GraphQLString)).description("running, waiting, failed, completed or cancelled"))
      .field(f -> f.name("outcome").type(GraphQLString).description("end, goal or cancelled once it ended"))
      .field(f -> f.name("entity").type(GraphQLString))
      .field(f -> f.name("recordId").type(GraphQLID))
      .field(f -> f.name("startedBy").type(nonNull(GraphQLString)))
      .field(f -> f.name("startedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("endedAt").type(Scalars.DATETIME))
      .field(f -> f.name("variables").type(nonNull(Scalars.JSON)))
      .field(f -> f.name("path").type(nonNull(list(nonNull(STEP)))))
      .field(f -> f.name("tokens").type(nonNull(list(nonNull(TOKEN)))))
      .build();
  static final GraphQLObjectType INCIDENT = GraphQLObjectType.newObject().name("FlowIncident")
      .description("A step that failed every attempt: retry it, skip it, or cancel the instance")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("instanceId").type(nonNull(GraphQLID)))
      .field(f -> f.name("flow").type(nonNull(GraphQLString)))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("attempts").type(nonNull(GraphQLInt)))
      .field(f -> f.name("error").type(GraphQLString))
      .field(f -> f.name("entity").type(GraphQLString))
      .field(f -> f.name("recordId").type(GraphQLID))
      .build();
  static final GraphQLObjectType NODE_COUNT = GraphQLObjectType.newObject().name("FlowNodeCount")
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("count").type(nonNull(GraphQLInt)))
      .build();
  static final GraphQLObjectType SUMMARY = GraphQLObjectType.newObject().name("FlowSummary")
      .description("How many instances of a flow are in each status, and how many wait at each node")
      .field(f -> f.name("flow").type(nonNull(GraphQLString)))
      .field(f -> f.name("running").type(nonNull(GraphQLInt)))
      .field(f -> f.name("waiting").type(nonNull(GraphQLInt)))
      .field(f -> f.name("failed").type(nonNull(GraphQLInt)))
      .field(f -> f.name("completed").type(nonNull(GraphQLInt)))
      .field(f -> f.name("cancelled").type(nonNull(GraphQLInt)))
      .field(f -> f.name("waitingPerNode").type(nonNull(list(nonNull(NODE_COUNT)))))
      .build();
  static final GraphQLObjectType TASK = GraphQLObjectType.newObject().name("FlowTask")
      .description("A task (the built-in task entity) as the caller may see it")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("title").type(GraphQLString))
      .field(f -> f.name("status").type(GraphQLString))
      .field(f -> f.name("priority").type(GraphQLString))
      .field(f -> f.name("due").type(Scalars.DATETIME))
      .field(f -> f.name("assignee").type(GraphQLID))
      .field(f -> f.name("owner").type(GraphQLString))
      .field(f -> f.name("relatedEntity").type(GraphQLString))
      .field(f -> f.name("relatedId").type(GraphQLID))
      .field(f -> f.name("flowInstance").type(GraphQLID))
      .field(f -> f.name("completedAt").type(Scalars.DATETIME))
      .build();

  static final GraphQLObjectType TEST_STEP = GraphQLObjectType.newObject().name("FlowTestStep")
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("type").type(nonNull(GraphQLString)))
      .field(f -> f.name("status").type(nonNull(GraphQLString)).description("completed, waitSkipped or failed"))
      .field(f -> f.name("branch").type(GraphQLString))
      .field(f -> f.name("output").type(Scalars.JSON))
      .field(f -> f.name("error").type(GraphQLString))
      .build();
  static final GraphQLObjectType TEST_RUN = GraphQLObjectType.newObject().name("FlowTestRun")
      .description("What a flow would do on a record: the nodes it would run and the effects it would have")
      .field(f -> f.name("flow").type(nonNull(GraphQLString)))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("path").type(nonNull(list(nonNull(TEST_STEP)))))
      .field(f -> f.name("effects").type(nonNull(list(nonNull(Scalars.JSON)))))
      .build();

  static final graphql.schema.GraphQLInputObjectType NODE_MAP = graphql.schema.GraphQLInputObjectType.newInputObject()
      .name("FlowNodeMapping")
      .field(f -> f.name("from").type(nonNull(GraphQLString)))
      .field(f -> f.name("to").type(nonNull(GraphQLString)))
      .build();
  static final GraphQLObjectType MIGRATION_PROBLEM = GraphQLObjectType.newObject().name("FlowMigrationProblem")
      .field(f -> f.name("instanceId").type(nonNull(GraphQLID)))
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("code").type(nonNull(GraphQLString)))
      .field(f -> f.name("message").type(nonNull(GraphQLString)))
      .build();
  static final GraphQLObjectType MIGRATION = GraphQLObjectType.newObject().name("FlowMigration")
      .field(f -> f.name("fromVersion").type(nonNull(GraphQLInt)))
      .field(f -> f.name("toVersion").type(nonNull(GraphQLInt)))
      .field(f -> f.name("instances").type(nonNull(GraphQLInt)))
      .field(f -> f.name("applied").type(nonNull(graphql.Scalars.GraphQLBoolean)))
      .field(f -> f.name("problems").type(nonNull(list(nonNull(MIGRATION_PROBLEM)))))
      .build();

  private final FlowService flows;
  private final Permissions permissions;

  FlowApi(FlowService flows, Permissions permissions) {
    this.flows = flows;
    this.permissions = permissions;
  }

  @Override
  public void contribute(SchemaParts parts) {
    var code = parts.code();
    code.dataFetcher(FieldCoordinates.coordinates("Query", "flowInstances"), (DataFetcher<?>) env -> {
      Actor actor = RequestContext.of(env).actor();
      boolean everything = permissions.policy(actor).has(RoleDefinition.Capability.PUBLISH_METADATA);
      String recordId = env.getArgument("recordId");
      return flows.instances(env.getArgument("flow"), recordId == null ? null : Ids.argument(recordId, "recordId"),
              env.getArgument("status"), first(env), actor, everything)
          .map(list -> list.stream().map(FlowApi::instance).toList()).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Query", "incidents"), (DataFetcher<?>) env ->
        flows.incidents(env.getArgument("flow"), first(env)).map(list -> list.stream().map(c -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", String.valueOf(c.token().id()));
          m.put("instanceId", c.instance().id().toString());
          m.put("flow", c.instance().flow());
          m.put("version", c.instance().version());
          m.put("node", c.token().node());
          m.put("attempts", c.token().attempt());
          m.put("error", c.token().error());
          m.put("entity", c.instance().entity());
          m.put("recordId", c.instance().recordId() == null ? null : c.instance().recordId().toString());
          return m;
        }).toList()).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Query", "flowSummary"), (DataFetcher<?>) env -> {
      String flow = env.getArgument("flow");
      return flows.summary(flow).map(s -> {
        Map<String, Object> m = new LinkedHashMap<>(s);
        m.put("flow", flow);
        return m;
      }).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Query", "myTasks"), (DataFetcher<?>) env ->
        flows.myTasks(RequestContext.of(env).actor(), env.getArgument("status"), false, first(env))
            .map(list -> list.stream().map(FlowApi::task).toList()).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Query", "overdueTasks"), (DataFetcher<?>) env ->
        flows.myTasks(RequestContext.of(env).actor(), "open", true, first(env))
            .map(list -> list.stream().map(FlowApi::task).toList()).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "startFlow"), (DataFetcher<?>) env ->
        flows.start(env.getArgument("flow"), Ids.argument(env.getArgument("recordId"), "recordId"),
            RequestContext.of(env).actor()).map(i -> i == null ? null : instance(new FlowService.InstanceView(i,
                List.of(), List.of()))).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "startFlows"), (DataFetcher<?>) env -> {
      List<String> raw = env.getArgument("recordIds");
      List<java.util.UUID> ids = new java.util.ArrayList<>();
      for (int i = 0; i < raw.size(); i++) {
        ids.add(Ids.argument(raw.get(i), "recordIds[" + i + "]"));
      }
      return flows.startMany(env.getArgument("flow"), ids, RequestContext.of(env).actor()).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "testFlow"), (DataFetcher<?>) env -> {
      String recordId = env.getArgument("recordId");
      return flows.test(env.getArgument("flow"), recordId == null ? null : Ids.argument(recordId, "recordId"),
          RequestContext.of(env).actor()).map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flow", r.flow());
            m.put("version", r.version());
            m.put("path", r.path());
            m.put("effects", r.effects());
            return m;
          }).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "migrateFlowInstances"), (DataFetcher<?>) env -> {
      List<Map<String, Object>> raw = env.getArgument("mapping");
      Map<String, String> mapping = new LinkedHashMap<>();
      if (raw != null) {
        raw.forEach(m -> mapping.put(String.valueOf(m.get("from")), String.valueOf(m.get("to"))));
      }
      return flows.migrate(env.getArgument("flow"), env.getArgument("fromVersion"), mapping,
          Boolean.TRUE.equals(env.getArgument("dryRun"))).map(m -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fromVersion", m.fromVersion());
            out.put("toVersion", m.toVersion());
            out.put("instances", m.instances());
            out.put("applied", m.applied());
            boolean zh = RequestContext.of(env).locale().startsWith("zh");
            out.put("problems", m.problems().stream().map(p -> Map.of("instanceId", p.instanceId(), "node", p.node(),
                "code", p.code(), "message", zh ? p.messageZh() : p.message())).toList());
            return out;
          }).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "retryIncident"), (DataFetcher<?>) env ->
        flows.retry(tokenId(env)).map(i -> instance(new FlowService.InstanceView(i, List.of(), List.of())))
            .subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "skipIncident"), (DataFetcher<?>) env ->
        flows.skip(tokenId(env), RequestContext.of(env).actor())
            .map(i -> instance(new FlowService.InstanceView(i, List.of(), List.of()))).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "cancelFlowInstance"), (DataFetcher<?>) env ->
        flows.cancel(Ids.argument(env.getArgument("id"), "id"), RequestContext.of(env).actor())
            .map(i -> instance(new FlowService.InstanceView(i, List.of(), List.of()))).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "completeTask"), (DataFetcher<?>) env ->
        flows.completeTask(Ids.argument(env.getArgument("id"), "id"), RequestContext.of(env).actor())
            .map(FlowApi::task).subscribeAsCompletionStage());

    GraphQLArgument flowArg = GraphQLArgument.newArgument().name("flow").type(GraphQLString).build();
    GraphQLArgument firstArg = GraphQLArgument.newArgument().name("first").type(GraphQLInt)
        .description("At most this many (default 50, at most 500)").build();
    parts.query(field("flowInstances", nonNull(list(nonNull(INSTANCE))),
        "Instances of a flow or on a record, newest first, with their paths", flowArg,
        GraphQLArgument.newArgument().name("recordId").type(GraphQLID).build(),
        GraphQLArgument.newArgument().name("status").type(GraphQLString).build(), firstArg));
    parts.query(field("incidents", nonNull(list(nonNull(INCIDENT))), "Steps that failed every attempt, oldest first",
        flowArg, firstArg));
    parts.query(field("flowSummary", nonNull(SUMMARY), "A flow's instances per status and waiting per node",
        GraphQLArgument.newArgument().name("flow").type(nonNull(GraphQLString)).build()));
    parts.query(field("myTasks", nonNull(list(nonNull(TASK))), "The caller's tasks, soonest due first",
        GraphQLArgument.newArgument().name("status").type(GraphQLString).description("open or done; all when null").build(),
        firstArg));
    parts.query(field("overdueTasks", nonNull(list(nonNull(TASK))), "The caller's open tasks past their due time",
        firstArg));
    GraphQLArgument id = GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)).build();
    parts.mutation(field("startFlow", INSTANCE, "Starts a flow with a manual trigger on a record; null when the"
        + " record does not meet the flow's enrollment condition",
        GraphQLArgument.newArgument().name("flow").type(nonNull(GraphQLString)).build(),
        GraphQLArgument.newArgument().name("recordId").type(nonNull(GraphQLID)).build()));
    parts.mutation(field("startFlows", nonNull(GraphQLInt), "Starts a flow with a manual trigger on each record"
        + " (at most " + FlowService.MAX_START + ") the caller may read and that meets its enrollment condition;"
        + " how many started",
        GraphQLArgument.newArgument().name("flow").type(nonNull(GraphQLString)).build(),
        GraphQLArgument.newArgument().name("recordIds").type(nonNull(list(nonNull(GraphQLID)))).build()));
    parts.mutation(field("testFlow", nonNull(TEST_RUN), "Runs a flow on a real record with every effect described"
        + " but none applied, and waits skipped (the designer's test button)",
        GraphQLArgument.newArgument().name("flow").type(nonNull(GraphQLString)).build(),
        GraphQLArgument.newArgument().name("recordId").type(GraphQLID).build()));
    parts.mutation(field("migrateFlowInstances", nonNull(MIGRATION), "Moves the open instances of a version to the"
        + " flow's current version: nodes map by id or by the mapping given; refused as a whole, with the reasons,"
        + " when a node has no counterpart",
        GraphQLArgument.newArgument().name("flow").type(nonNull(GraphQLString)).build(),
        GraphQLArgument.newArgument().name("fromVersion").type(nonNull(GraphQLInt)).build(),
        GraphQLArgument.newArgument().name("mapping").type(list(nonNull(NODE_MAP))).build(),
        GraphQLArgument.newArgument().name("dryRun").type(graphql.Scalars.GraphQLBoolean).build()));
    parts.mutation(field("retryIncident", nonNull(INSTANCE), "Runs the failed node again (earlier effects are not replayed)", id));
    parts.mutation(field("skipIncident", nonNull(INSTANCE), "Skips the failed node: the path goes on after it", id));
    parts.mutation(field("cancelFlowInstance", nonNull(INSTANCE), "Cancels an instance: nothing more of it runs", id));
    parts.mutation(field("completeTask", nonNull(TASK), "Marks a task done; a flow waiting on it goes on", id));
    List.of(STEP, TOKEN, INSTANCE, INCIDENT, NODE_COUNT, SUMMARY, TASK, TEST_STEP, TEST_RUN, MIGRATION, MIGRATION_PROBLEM, NODE_MAP).forEach(parts::type);
  }

  static GraphQLFieldDefinition field(String name, GraphQLOutputType type, String description,
      GraphQLArgument... args) {
    GraphQLFieldDefinition.Builder b = GraphQLFieldDefinition.newFieldDefinition().name(name).type(type)
        .description(description);
    for (GraphQLArgument a : args) {
      b.argument(a);
    }
    return b.build();
  }

  static int first(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    int n = first == null ? 50 : first;
    if (n < 1 || n > 500) {
      throw RequestMessages.pageSize(500);
    }
    return n;
  }

  private static long tokenId(DataFetchingEnvironment env) {
    String raw = env.getArgument("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, Object> instance(FlowService.InstanceView v) {
    FlowInstance i = v.instance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id().toString());
    m.put("flow", i.flow());
    m.put("version", i.version());
    m.put("status", i.status().sql());
    m.put("outcome", i.outcome());
    m.put("entity", i.entity());
    m.put("recordId", i.recordId() == null ? null : i.recordId().toString());
    m.put("startedBy", i.startedBy());
    m.put("startedAt", i.startedAt());
    m.put("endedAt", i.endedAt());
    m.put("variables", i.variables());
    m.put("path", v.path().stream().map(FlowApi::step).toList());
    m.put("tokens", v.tokens().stream().map(FlowApi::token).toList());
    return m;
  }

  private static Map<String, Object> step(FlowStep s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", s.node());
    m.put("status", s.status());
    m.put("attempt", s.attempt());
    m.put("branch", s.branch());
    m.put("startedAt", s.startedAt());
    m.put("endedAt", s.endedAt());
    m.put("input", s.input());
    m.put("output", s.output());
    m.put("error", s.error());
    return m;
  }

  private static Map<String, Object> token(FlowToken t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", String.valueOf(t.id()));
    m.put("node", t.node());
    m.put("state", t.state().sql());
    m.put("dueAt", t.dueAt() != null && t.dueAt().getYear() < 9999 ? t.dueAt() : null);
    m.put("attempt", t.attempt());
    m.put("error", t.error());
    return m;
  }

  private static Map<String, Object> task(DataRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().toString());
    m.put("version", r.version());
    for (String f : List.of("title", "status", "priority", "due", "assignee", "relatedEntity", "relatedId",
        "flowInstance", "completedAt")) {
      m.put(f, r.get(f));
    }
    m.put("owner", r.ownerId());
    return m;
  }
}
