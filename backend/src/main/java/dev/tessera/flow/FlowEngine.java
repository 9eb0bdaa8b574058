package dev.tessera.flow;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.platform.Tx;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs flow instances one token at a time. A run claims the most overdue due token (FOR UPDATE SKIP
 * LOCKED: the row lock is the lease, a node that dies releases it) and, in that one transaction, runs
 * its node and the nodes after it (at most {@link #CHAIN}) with their effects, moves or deletes the token
 * and appends one history row per node, then commits: a crash before the commit leaves no effect and the
 * token due again; after it, nothing runs twice. A failing node is retried with backoff (its earlier
 * nodes of the same run are committed first), then takes its error branch or becomes an incident.
 */
@ApplicationScoped
public class FlowEngine {
  private static final Logger LOG = Logger.getLogger(FlowEngine.class);
  /** Most nodes one transaction runs before committing. */
  static final int CHAIN = 25;
  /** The due time of a wait that only an event ends. */
  static final OffsetDateTime FOREVER = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

  private final FlowStore store;
  private final FlowVersions versions;
  private final FlowNodes nodes;
  private final RecordService records;
  private final RecordStore recordStore;
  private final MetadataRegistry registry;
  private final FlowActors actors;
  private final dev.tessera.record.AccessControl access;

  private final io.micrometer.core.instrument.Counter steps;
  /** Most due tokens one transaction runs. */
  private final int batch;
  private final io.micrometer.core.instrument.Counter failures;

  public FlowEngine(FlowStore store, FlowVersions versions, FlowNodes nodes, RecordService records,
      RecordStore recordStore, MetadataRegistry registry, FlowActors actors, dev.tessera.record.AccessControl access,
      io.micrometer.core.instrument.MeterRegistry meters,
      @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tessera.flows.batch", defaultValue = "8") int batch) {
    this.batch = Math.max(1, batch);
    this.steps = io.micrometer.core.instrument.Counter.builder("tessera.flows.steps")
        .description("Flow nodes this app node ran and committed").register(meters);
    this.failures = io.micrometer.core.instrument.Counter.builder("tessera.flows.failures")
        .description("Flow steps that failed an attempt on this app node").register(meters);
    this.store = store;
    this.versions = versions;
    this.nodes = nodes;
    this.records = records;
    this.recordStore = recordStore;
    this.registry = registry;
    this.actors = actors;
    this.access = access;
  }

  /** How far one run got: the token it holds and how many nodes completed. */
  private static final class Progress {
    long token;
    int done;
  }

  /**
   * Runs the most overdue due tokens (up to {@code tessera.flows.batch}, one per instance) in one
   * transaction; false when none was due. When one of them fails, the transaction rolls back and each
   * runs again alone, so a failure is recorded on its own token and the others commit.
   */
  public Uni<Boolean> runDue() {
    List<Progress> ran = new java.util.ArrayList<>();
    return records.inOneTransaction((t, events) -> store.claimDue(t, batch).chain(claimed -> {
      if (claimed.isEmpty()) {
        return Uni.createFrom().item(false);
      }
      java.util.Set<java.util.UUID> instances = new java.util.HashSet<>();
      List<FlowStore.Claimed> mine = claimed.stream().filter(c -> instances.add(c.instance().id())).toList();
      return dev.tessera.platform.Sequence.each(mine, c -> {
        Progress p = new Progress();
        p.token = c.token().id();
        ran.add(p);
        return run(t, events, c, CHAIN, p);
      }).replaceWith(true);
    })).invoke(x -> ran.forEach(p -> steps.increment(p.done))).onFailure().recoverWithUni(e -> {
      if (ran.isEmpty()) {
        return Uni.createFrom().failure(e);
      }
      if (ran.size() == 1) {
        return failed(ran.get(0), e).replaceWith(true);
      }
      return dev.tessera.platform.Sequence.each(ran, p -> runToken(p.token)).replaceWith(true);
    });
  }

  /** Runs one token now (a test's or a retried incident's), when no other node holds it. */
  public Uni<Boolean> runToken(long tokenId) {
    Progress p = new Progress();
    p.token = tokenId;
    return records.inOneTransaction((t, events) -> store.lock(t, tokenId).chain(c -> c == null
        ? Uni.createFrom().item(false) : run(t, events, c, CHAIN, p).replaceWith(true)))
        .invoke(x -> steps.increment(p.done))
        .onFailure().recoverWithUni(e -> failed(p, e).replaceWith(true));
  }

  /** After a failed run: commit the nodes that completed before the failing one, then record the failure. */
  private Uni<Void> failed(Progress p, Throwable e) {
    if (p.done == 0) {
      return recordFailure(p.token, e);
    }
    Progress again = new Progress();
    again.token = p.token;
    int budget = p.done;
    return records.inOneTransaction((t, events) -> store.lock(t, p.token).chain(c -> c == null
        ? Uni.createFrom().voidItem() : run(t, events, c, budget, again)))
        .onFailure().recoverWithUni(e2 -> recordFailure(p.token, e2));
  }

  /**
   * A failed attempt of the token's node: due again after the backoff (doubling), or once attempts are
   * spent, on to the node's error handler ({@code onError}, then an {@code error} edge), or an incident.
   */
  private Uni<Void> recordFailure(long tokenId, Throwable e) {
    failures.increment();
    String reason = FlowFailure.describe(e);
    LOG.debugf(e, "flow token %d failed", tokenId);
    return records.inOneTransaction((t, events) -> store.lock(t, tokenId).chain(c -> {
      if (c == null) {
        return Uni.createFrom().voidItem();
      }
      FlowToken tok = c.token();
      return versions.definition(t, c.instance().flow(), c.instance().version()).chain(flow -> {
        FlowNode node = flow.node(tok.node()).orElse(null);
        FlowNode.Retry retry = node == null ? FlowNode.Retry.DEFAULT : node.retry();
        OffsetDateTime now = OffsetDateTime.now();
        Uni<Long> step = store.addStep(t, new FlowStep(0, tok.instanceId(), tok.node(), tok.attempt(), "failed", null,
            now, now, null, null, reason));
        if (node != null && tok.attempt() < retry.maxAttempts()) {
          Duration backoff = FlowDefinition.duration(retry.backoff()).orElse(Duration.ofSeconds(10))
              .multipliedBy(1L << Math.min(tok.attempt() - 1, 16));
          return step.chain(id -> store.moveToken(t, new FlowToken(tok.id(), tok.instanceId(), tok.node(),
              FlowToken.State.READY, now.plus(backoff), tok.attempt() + 1, tok.visit(), tok.waitFor(), tok.stepId(), reason)));
        }
        List<FlowEdge> handlers = node == null ? List.of() : node.onError() != null
            ? List.of(new FlowEdge(node.id(), node.onError(), FlowNode.ERROR)) : flow.next(node.id(), FlowNode.ERROR);
        if (!handlers.isEmpty()) {
          Map<String, Object> vars = new java.util.LinkedHashMap<>(c.instance().variables());
          vars.put("error", Map.of("node", tok.node(), "message", reason));
          return step.chain(id -> fork(t, c.instance().id(), tok, handlers, now))
              .chain(() -> store.updateInstance(t, c.instance().id(), FlowInstance.Status.RUNNING, null, vars));
        }
        return step.chain(id -> store.moveToken(t, new FlowToken(tok.id(), tok.instanceId(), tok.node(),
                FlowToken.State.INCIDENT, tok.dueAt(), tok.attempt(), tok.visit(), tok.waitFor(), tok.stepId(), reason)))
            .chain(() -> store.updateInstance(t, c.instance().id(), FlowInstance.Status.FAILED, null, null));
      });
    })).onFailure().invoke(x -> LOG.warnf(x, "flow token %d: its failure could not be recorded", tokenId));
  }

  /** Moves the token along the first edge and adds a ready token for each further edge (a fork). */
  Uni<Void> fork(Tx t, java.util.UUID instance, FlowToken tok, List<FlowEdge> edges, OffsetDateTime now) {
    Uni<Void> chain = store.moveToken(t, ready(tok, edges.get(0).to(), now));
    for (FlowEdge e : edges.subList(1, edges.size())) {
      chain = chain.chain(() -> store.addToken(t, instance, e.to(), now, tok.visit() + 1)).replaceWithVoid();
    }
    return chain;
  }

  private static FlowToken ready(FlowToken tok, String node, OffsetDateTime now) {
    return new FlowToken(tok.id(), tok.instanceId(), node, FlowToken.State.READY, now, 1, tok.visit() + 1, null, null,
        null);
  }

  /** Runs a claimed token inside the claiming transaction. */
  private Uni<Void> run(Tx t, List<RecordChanged> events, FlowStore.Claimed c, int budget, Progress p) {
    FlowInstance instance = c.instance();
    if (instance.status().ended()) {
      return store.deleteToken(t, c.token().id());
    }
    MetadataSnapshot meta = registry.current();
    return versions.definition(t, instance.flow(), instance.version())
        .chain(flow -> actors.of(flow).chain(actor -> {
          FlowContext ctx = new FlowContext(t, events, meta, flow, instance, actor, OffsetDateTime.now());
          return load(ctx).chain(() -> goalMet(ctx)).chain(met -> met
              ? finish(ctx, FlowInstance.Status.COMPLETED, "goal").replaceWithVoid()
              : step(ctx, c.token(), budget, p));
        }));
  }

  /** Loads the instance's record (null for a flow without record, or when it was deleted and purged). */
  Uni<Void> load(FlowContext ctx) {
    if (ctx.instance.entity() == null) {
      return Uni.createFrom().voidItem();
    }
    ctx.entity = ctx.meta.entities().get(ctx.instance.entity());
    if (ctx.entity == null || ctx.instance.recordId() == null) {
      return Uni.createFrom().voidItem();
    }
    // a live record, else one in the recycle bin (a flow started by its deletion); a run-as user sees it as
    // its roles allow (cells it may not read are left out, so no condition or message can reveal them)
    return recordStore.findById(ctx.tx, ctx.entity, ctx.instance.recordId(), false)
        .chain(r -> r != null ? Uni.createFrom().item(r)
            : recordStore.findById(ctx.tx, ctx.entity, ctx.instance.recordId(), true))
        .chain(r -> r == null || !ctx.actor.restricted() ? Uni.createFrom().item(r)
            : access.of(ctx.actor).map(a -> a.show(ctx.entity, r)))
        .invoke(r -> ctx.record = r).replaceWithVoid();
  }

  private Uni<Boolean> goalMet(FlowContext ctx) {
    if (ctx.flow.goal() == null || ctx.flow.goal().isBlank() || ctx.record == null) {
      return Uni.createFrom().item(false);
    }
    return nodes.expressions().test(ctx, ctx.flow.goal());
  }

  /** Runs the token's node, then (within budget) the nodes after it, in this transaction. */
  private Uni<Void> step(FlowContext ctx, FlowToken tok, int budget, Progress p) {
    FlowNode node = ctx.flow.node(tok.node()).orElse(null);
    if (node == null) {
      throw new FlowFailure("NO_NODE", Map.of("flow", ctx.flow.name(), "version", ctx.instance.version(), "node", tok.node()));
    }
    boolean resumed = tok.state() == FlowToken.State.WAITING;
    Uni<Outcome> outcome = resumed ? nodes.resume(ctx, node, tok) : nodes.run(ctx, node, tok);
    return outcome.chain(o -> {
      Object input = ctx.takeInput();
      if (o instanceof Outcome.Wait w) {
        Map<String, Object> wait = new java.util.LinkedHashMap<>(w.waitFor());
        if (ctx.flow.goal() != null) {
          wait.put("goal", true);
        }
        Uni<Long> stepId = resumed && tok.stepId() != null ? flush(ctx).replaceWith(tok.stepId())
            : flush(ctx).chain(() -> store.addStep(ctx.tx, new FlowStep(0, tok.instanceId(), node.id(), tok.attempt(), "waiting", null, ctx.now,
                null, input, w.output(), null)));
        return stepId.chain(id -> store.moveToken(ctx.tx, new FlowToken(tok.id(), tok.instanceId(), node.id(),
                FlowToken.State.WAITING, w.due(), tok.attempt(), tok.visit(), wait, id, null)))
            .chain(() -> settle(ctx));
      }
      String branch = o instanceof Outcome.Next n ? n.branch() : o instanceof Outcome.Goto ? "returned" : null;
      Uni<Void> history;
      if (resumed && tok.stepId() != null) {
        history = store.endStep(ctx.tx, tok.stepId(), "completed", branch, o.output(), null);
      } else {
        ctx.steps.add(new FlowStep(0, tok.instanceId(), node.id(), tok.attempt(), "completed", branch, ctx.now,
            OffsetDateTime.now(), input, o.output(), null));
        history = Uni.createFrom().voidItem();
      }
      return history.chain(() -> {
        p.done++;
        List<FlowEdge> edges = o instanceof Outcome.Next n ? ctx.flow.next(node.id(), n.branch())
            : o instanceof Outcome.Goto g ? List.of(new FlowEdge(node.id(), g.node(), null)) : List.of();
        if (edges.isEmpty()) {
          return flush(ctx).chain(() -> store.endPath(ctx.tx, tok.id(), tok.instanceId())).chain(left -> settle(ctx, left));
        }
        OffsetDateTime now = OffsetDateTime.now();
        FlowToken next = ready(tok, edges.get(0).to(), now);
        Uni<Void> forks = Uni.createFrom().voidItem();
        for (FlowEdge e : edges.subList(1, edges.size())) {
          forks = forks.chain(() -> store.addToken(ctx.tx, tok.instanceId(), e.to(), now, next.visit())).replaceWithVoid();
        }
        boolean commitFirst = o instanceof Outcome.Next n && n.commitFirst();
        if (budget > 1 && !commitFirst) {
          return forks.chain(() -> step(ctx, next, budget - 1, p));
        }
        return forks.chain(() -> store.moveToken(ctx.tx, next)).chain(() -> settle(ctx));
      });
    });
  }

  /** Writes the history rows the run has kept. */
  private Uni<Void> flush(FlowContext ctx) {
    List<FlowStep> steps = List.copyOf(ctx.steps);
    ctx.steps.clear();
    return store.addSteps(ctx.tx, steps);
  }

  /** After a run: the instance's status from its tokens (none left: completed), and its variables if they changed. */
  private Uni<Void> settle(FlowContext ctx) {
    return flush(ctx).chain(() -> store.tokens(ctx.tx, ctx.instance.id()).chain(tokens -> settle(ctx, tokens)));
  }

  /** As {@link #settle(FlowContext)}, the instance's tokens known. */
  private Uni<Void> settle(FlowContext ctx, List<FlowToken> tokens) {
    if (tokens.isEmpty()) {
      return completed(ctx, "end");
    }
    FlowInstance.Status status = tokens.stream().anyMatch(x -> x.state() == FlowToken.State.INCIDENT)
        ? FlowInstance.Status.FAILED
        : tokens.stream().anyMatch(x -> x.state() == FlowToken.State.READY) ? FlowInstance.Status.RUNNING
        : FlowInstance.Status.WAITING;
    if (status == ctx.instance.status() && !ctx.varsChanged) {
      return Uni.createFrom().voidItem();
    }
    return store.updateInstance(ctx.tx, ctx.instance.id(), status, null, ctx.varsChanged ? ctx.vars : null);
  }

  /** Ends the instance: its tokens go, its status and outcome are kept. */
  private Uni<Void> finish(FlowContext ctx, FlowInstance.Status status, String outcome) {
    return flush(ctx).chain(() -> store.deleteTokens(ctx.tx, ctx.instance.id())).chain(() -> ended(ctx, status, outcome));
  }

  /** The instance's last path ended (no token left): it is completed. */
  private Uni<Void> completed(FlowContext ctx, String outcome) {
    return ended(ctx, FlowInstance.Status.COMPLETED, outcome);
  }

  private Uni<Void> ended(FlowContext ctx, FlowInstance.Status status, String outcome) {
    return store.updateInstance(ctx.tx, ctx.instance.id(), status, outcome, ctx.varsChanged ? ctx.vars : null)
        // a parent waiting on this instance (callFlow) goes on
        .chain(() -> !ctx.instance.triggerKey().startsWith("sub:") ? Uni.createFrom().item(0)
            : store.wake(ctx.tx, "instance", ctx.instance.id().toString(),
                Map.of("instance", ctx.instance.id().toString(), "outcome", outcome)))
        .replaceWithVoid();
  }
}
