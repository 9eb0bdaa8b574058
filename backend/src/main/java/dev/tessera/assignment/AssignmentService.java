package dev.tessera.assignment;

import dev.tessera.platform.RequestMessages;
import dev.tessera.platform.Sequence;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.RuleJson;
import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.RuleTrial;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.Filters;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SaveContext;
import dev.tessera.record.SystemColumn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an entity's active assignment rule again over stored records (those matching structured
 * conditions, at most {@link #MAX} at a time): for real, giving each record its new owner, or as a
 * dry run that shows who would get what and changes nothing (the work is rolled back, and rotations
 * are simulated from where they stand).
 */
@ApplicationScoped
public class AssignmentService {
  static final int MAX = 1000;
  /** Most records a preview runs over. */
  static final int PREVIEW_MAX = 100;

  /** One record's outcome. */
  public record Outcome(String id, String ownerBefore, String owner, Map<String, Object> trace, Map<String, Object> values) {}

  private static final class DryRun extends RuntimeException {
    final List<Outcome> outcomes;

    DryRun(List<Outcome> outcomes) {
      super(null, null, false, false);
      this.outcomes = outcomes;
    }
  }

  private final MetadataRegistry registry;
  private final RecordService service;
  private final RecordStore records;
  private final AssignmentEngine engine;
  private final AssignmentStore store;
  private final RuleTrial trial;

  public AssignmentService(MetadataRegistry registry, RecordService service, RecordStore records, AssignmentEngine engine,
      AssignmentStore store, RuleTrial trial) {
    this.trial = trial;
    this.service = service;
    this.store = store;
    this.registry = registry;
    this.records = records;
    this.engine = engine;
  }

  /** Re-runs (or with {@code dryRun} previews) the rule over the records matching the conditions, and the ids when given. */
  public Uni<List<Outcome>> run(String entity, JsonNode conditions, List<java.util.UUID> ids, boolean dryRun, Actor actor) {
    MetadataSnapshot meta = registry.current();
    EntityDefinition e = meta.entity(entity);
    AssignmentRuleDefinition rule = AssignmentEngine.activeRule(meta, entity);
    if (rule == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, RequestMessages.text("NO_ASSIGNMENT_RULE",
          java.util.Map.of("entity", dev.tessera.record.RecordMessages.entity(e))), "entity");
    }
    Filter filter;
    try {
      filter = conditions == null || conditions.isNull() ? Filter.all() : Filters.conditions(e, RuleJson.conditions(conditions));
    } catch (IllegalArgumentException | dev.tessera.record.ValueConverter.BadValue x) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("CONDITIONS_DO_NOT_FIT",
          java.util.Map.of("entity", dev.tessera.record.RecordMessages.entity(e), "reason", String.valueOf(x.getMessage()))), "filter");
    }
    Filter chosen = ids == null ? filter
        : new Filter.And(List.of(filter, new Filter.Compare(Column.of(SystemColumn.ID), Filter.Op.IN, List.copyOf(ids))));
    Page page = new Page(List.of(new OrderKey(Column.of(SystemColumn.ID), false)), null, false, MAX);
    return over(meta, e, rule, chosen, page, dryRun, actor);
  }

  /** A preview of a rule not yet published: the problems a publish would find, or what it would do. */
  public record Preview(List<dev.tessera.metamodel.validation.Problem> problems, List<Outcome> outcomes) {}

  /**
   * Who {@code json} (an assignment rule, published or not) would give each of the entity's
   * {@code limit} newest records (at most 100), as a dry run that changes nothing: the work is rolled
   * back and rotations are simulated from where they stand. A rule with problems is not run.
   */
  public Uni<Preview> preview(JsonNode json, int limit, Actor actor) {
    return trial.tryRule(AssignmentRuleDefinition.KIND, json).chain(tried -> {
      if (!tried.problems().isEmpty()) {
        return Uni.createFrom().item(new Preview(tried.problems(), List.of()));
      }
      AssignmentRuleDefinition rule = (AssignmentRuleDefinition) tried.definition();
      MetadataSnapshot meta = tried.snapshot();
      int n = Math.max(1, Math.min(limit, PREVIEW_MAX));
      Page newest = new Page(List.of(new OrderKey(Column.of(SystemColumn.CREATED_AT), true)), null, false, n);
      return over(meta, meta.entity(rule.entity()), rule, Filter.all(), newest, true, actor)
          .map(out -> new Preview(List.of(), out));
    });
  }

  /** Runs {@code rule} over a page of records, in one transaction that a dry run rolls back. */
  private Uni<List<Outcome>> over(MetadataSnapshot meta, EntityDefinition e, AssignmentRuleDefinition rule, Filter chosen,
      Page page, boolean dryRun, Actor actor) {
    Turns turns = dryRun ? Turns.simulated(store) : Turns.live(store);
    Actor assigner = actor.via("assignment");
    Uni<List<Outcome>> work = service.inOneTransaction((t, events) -> records.find(t, new RecordQuery(e, chosen, page, false))
        .chain(rows -> {
          return Sequence.map(rows, r -> reassign(t, meta, e, rule, r, turns, dryRun, assigner, events)).map(out -> {
            if (dryRun) {
              throw new DryRun(out);
            }
            return out;
          });
        }));
    return work.onFailure(DryRun.class).recoverWithItem(x -> ((DryRun) x).outcomes);
  }

  /**
   * Assigns one stored record inside a transaction someone else owns (a flow's step): by the assignment
   * rule {@code ruleName}, or the entity's active rule when null; {@code dryRun} decides without writing.
   * Null when there is no such rule.
   */
  public Uni<Outcome> assign(Tx t, MetadataSnapshot meta, EntityDefinition e, String ruleName, DataRecord r,
      boolean dryRun, Actor actor, List<RecordChanged> events) {
    AssignmentRuleDefinition rule = ruleName == null ? AssignmentEngine.activeRule(meta, e.name())
        : meta.named(AssignmentRuleDefinition.class, ruleName).orElse(null);
    if (rule == null) {
      return Uni.createFrom().nullItem();
    }
    return reassign(t, meta, e, rule, r, dryRun ? Turns.simulated(store) : Turns.live(store), dryRun,
        actor.via("assignment"), events);
  }

  /**
   * Runs the rule for one stored record; a new owner is written through the record service (an owner
   * change in the change feed, source {@code assignment}), with the trace, unless this is a dry run.
   */
  private Uni<Outcome> reassign(Tx t, MetadataSnapshot meta, EntityDefinition e, AssignmentRuleDefinition rule,
      DataRecord r, Turns turns, boolean dryRun, Actor actor, List<RecordChanged> events) {
    SaveContext ctx = new SaveContext(meta, e, Operation.UPDATE, r.id(), r, new HashMap<>(r.data()), r.ownerId(), false,
        actor, t);
    return engine.assign(ctx, rule, turns).chain(trace -> {
      Outcome o = new Outcome(r.id().toString(), r.ownerId(), ctx.owner(), trace, r.data());
      if (dryRun || java.util.Objects.equals(ctx.owner(), r.ownerId())) {
        return ctx.withQueuedWrites(Uni.createFrom().item(o));
      }
      return ctx.withQueuedWrites(service.changeOwner(t, e, r, ctx.owner(), actor, events)).replaceWith(o);
    });
  }

  /** An outcome as GraphQL returns it. */
  public static Map<String, Object> json(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("ownerBefore", o.ownerBefore());
    m.put("owner", o.owner());
    m.put("trace", o.trace());
    m.put("values", o.values());
    return m;
  }
}
