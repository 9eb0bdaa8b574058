package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.approval.ApprovalService;
import dev.tessera.approval.ApprovalStore;
import dev.tessera.platform.Actor;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLObjectType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Approvals (ADR 0050): the caller's approvals, one approval with its approvers and timeline, and the
 * actions (approve, reject, hand over, add a signer, return to an earlier step, withdraw, remind). Who may
 * act is decided by the approval service: the approver whose turn it is, or the submitter.
 */
@ApplicationScoped
class ApprovalApi implements SchemaContributor {
  static final GraphQLObjectType TASK = GraphQLObjectType.newObject().name("ApprovalTask")
      .description("One approver (or a reader it was copied to) of an approval")
      .field(f -> f.name("approver").type(nonNull(GraphQLString)))
      .field(f -> f.name("position").type(nonNull(GraphQLInt)).description("Order: lower positions decide first"))
      .field(f -> f.name("status").type(nonNull(GraphQLString))
          .description("waiting, pending, approved, rejected, handedOver, skipped, cancelled or copy"))
      .field(f -> f.name("addedBy").type(GraphQLString).description("Who handed it over or added the signer"))
      .field(f -> f.name("decidedAt").type(Scalars.DATETIME))
      .field(f -> f.name("comment").type(GraphQLString))
      .build();
  static final GraphQLObjectType EVENT = GraphQLObjectType.newObject().name("ApprovalEvent")
      .description("One entry of an approval's timeline")
      .field(f -> f.name("at").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("actor").type(nonNull(GraphQLString)))
      .field(f -> f.name("action").type(nonNull(GraphQLString)).description("submitted, approved, rejected, handedOver,"
          + " signerAdded, returned, withdrawn, reminded, escalated, timedOut, autoApproved, decidedApproved, decidedRejected"))
      .field(f -> f.name("comment").type(GraphQLString))
      .field(f -> f.name("details").type(Scalars.JSON))
      .build();
  static final GraphQLObjectType APPROVAL = GraphQLObjectType.newObject().name("Approval")
      .description("An approval of a record, opened by a flow's approval step")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("title").type(nonNull(GraphQLString)))
      .field(f -> f.name("flow").type(nonNull(GraphQLString)))
      .field(f -> f.name("node").type(nonNull(GraphQLString)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("recordId").type(nonNull(GraphQLID)))
      .field(f -> f.name("mode").type(nonNull(GraphQLString)).description("any (或签), all (会签), sequential (依次) or vote (票签)"))
      .field(f -> f.name("status").type(nonNull(GraphQLString))
          .description("pending, approved, rejected, returned, withdrawn or cancelled"))
      .field(f -> f.name("submittedBy").type(nonNull(GraphQLString)))
      .field(f -> f.name("fields").type(nonNull(Scalars.JSON)).description("Per field: none, read or write for the approvers"))
      .field(f -> f.name("deadline").type(Scalars.DATETIME))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("decidedAt").type(Scalars.DATETIME))
      .field(f -> f.name("tasks").type(list(nonNull(TASK))).description("Approvers and readers (on approval(id) only)"))
      .field(f -> f.name("record").type(Scalars.JSON).description("The record as the step shows it to its approvers:"
          + " fields marked read or write, and others the caller's role shows (on approval(id) only)"))
      .field(f -> f.name("timeline").type(list(nonNull(EVENT))).description("What happened (on approval(id) only)"))
      .build();
  static final GraphQLEnumType POSITION = GraphQLEnumType.newEnum().name("SignerPosition")
      .description("Where an added signer goes: before the caller (decides first), after it, or beside it")
      .value("BEFORE").value("AFTER").value("PARALLEL").build();

  private final ApprovalService approvals;

  ApprovalApi(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void contribute(SchemaParts parts) {
    var code = parts.code();
    code.dataFetcher(FieldCoordinates.coordinates("Query", "myApprovals"), (DataFetcher<?>) env ->
        approvals.mine(RequestContext.of(env).actor(), env.getArgument("status"), FlowApi.first(env))
            .map(list -> list.stream().map(a -> approval(a, null)).toList()).subscribeAsCompletionStage());
    code.dataFetcher(FieldCoordinates.coordinates("Query", "approval"), (DataFetcher<?>) env ->
        approvals.detail(id(env), RequestContext.of(env).actor())
            .map(d -> d == null ? null : approval(d.approval(), d)).subscribeAsCompletionStage());
    action(code, "approve", (env, actor) -> approvals.approve(id(env), actor, env.getArgument("comment"),
        env.getArgument("values")));
    action(code, "reject", (env, actor) -> approvals.reject(id(env), actor, env.getArgument("comment")));
    action(code, "handOver", (env, actor) -> approvals.handOver(id(env), actor, env.getArgument("to"),
        env.getArgument("comment")));
    action(code, "addSigner", (env, actor) -> {
      Object where = env.getArgument("position");
      ApprovalService.Position p = where == null ? ApprovalService.Position.AFTER
          : ApprovalService.Position.valueOf(String.valueOf(where).toUpperCase(Locale.ROOT));
      return approvals.addSigner(id(env), actor, env.getArgument("usernames"), p, env.getArgument("comment"));
    });
    action(code, "returnTo", (env, actor) -> approvals.returnTo(id(env), actor, env.getArgument("node"),
        env.getArgument("comment")));
    action(code, "withdraw", (env, actor) -> approvals.withdraw(id(env), actor, env.getArgument("comment")));
    action(code, "remind", (env, actor) -> approvals.remind(id(env), actor));

    GraphQLArgument id = GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID)).build();
    GraphQLArgument comment = GraphQLArgument.newArgument().name("comment").type(GraphQLString).build();
    parts.query(FlowApi.field("myApprovals", nonNull(list(nonNull(APPROVAL))), "Approvals waiting for the caller"
        + " (pending), decided by it (done) or copied to it (copy), newest first",
        GraphQLArgument.newArgument().name("status").type(GraphQLString).description("pending (default), done or copy").build(),
        GraphQLArgument.newArgument().name("first").type(GraphQLInt).description("At most this many (default 50, at most 500)").build()));
    parts.query(FlowApi.field("approval", APPROVAL, "One approval the caller takes part in, with its approvers and"
        + " timeline; null when there is none or the caller is neither approver, reader nor submitter", id));
    parts.mutation(FlowApi.field("approve", nonNull(APPROVAL), "Approves as the approver whose turn it is; values"
        + " sets the fields the step lets its approvers edit", id, comment,
        GraphQLArgument.newArgument().name("values").type(Scalars.JSON).build()));
    parts.mutation(FlowApi.field("reject", nonNull(APPROVAL), "Rejects as the approver whose turn it is", id, comment));
    parts.mutation(FlowApi.field("handOver", nonNull(APPROVAL), "转交: hands the caller's turn to another user", id,
        GraphQLArgument.newArgument().name("to").type(nonNull(GraphQLString)).build(), comment));
    parts.mutation(FlowApi.field("addSigner", nonNull(APPROVAL), "加签: adds signers before, after or beside the caller", id,
        GraphQLArgument.newArgument().name("usernames").type(nonNull(list(nonNull(GraphQLString)))).build(),
        GraphQLArgument.newArgument().name("position").type(POSITION).description("AFTER when not given").build(), comment));
    parts.mutation(FlowApi.field("returnTo", nonNull(APPROVAL), "退回: sends the record back to an earlier step of"
        + " the flow, which runs again", id, GraphQLArgument.newArgument().name("node").type(nonNull(GraphQLString)).build(),
        comment));
    parts.mutation(FlowApi.field("withdraw", nonNull(APPROVAL), "撤回: the submitter takes the approval back before"
        + " anyone acted on it", id, comment));
    parts.mutation(FlowApi.field("remind", nonNull(APPROVAL), "催办: reminds the approvers whose turn it is (at most"
        + " once every few minutes)", id));
    List.of(TASK, EVENT, APPROVAL, POSITION).forEach(parts::type);
  }

  private interface Action {
    Uni<ApprovalStore.Approval> run(DataFetchingEnvironment env, Actor actor);
  }

  private static void action(graphql.schema.GraphQLCodeRegistry.Builder code, String name, Action action) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", name), (DataFetcher<?>) env ->
        action.run(env, RequestContext.of(env).actor()).map(a -> approval(a, null)).subscribeAsCompletionStage());
  }

  private static UUID id(DataFetchingEnvironment env) {
    return Ids.argument(env.getArgument("id"), "id");
  }

  private static Map<String, Object> approval(ApprovalStore.Approval a, ApprovalService.Detail d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().toString());
    m.put("title", a.title());
    m.put("flow", a.flow());
    m.put("node", a.node());
    m.put("entity", a.entity());
    m.put("recordId", a.recordId().toString());
    m.put("mode", a.mode());
    m.put("status", a.status().sql());
    m.put("submittedBy", a.submittedBy());
    m.put("fields", a.fields());
    m.put("deadline", a.deadline());
    m.put("createdAt", a.createdAt());
    m.put("decidedAt", a.decidedAt());
    if (d != null) {
      m.put("record", d.record());
      m.put("tasks", d.tasks().stream().map(t -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("approver", t.approver());
        x.put("position", t.position());
        x.put("status", t.status().sql());
        x.put("addedBy", t.addedBy());
        x.put("decidedAt", t.decidedAt());
        x.put("comment", t.comment());
        return x;
      }).toList());
      m.put("timeline", d.events().stream().map(e -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("at", e.at());
        x.put("actor", e.actor());
        x.put("action", e.action());
        x.put("comment", e.comment());
        x.put("details", e.details());
        return x;
      }).toList());
    }
    return m;
  }
}
