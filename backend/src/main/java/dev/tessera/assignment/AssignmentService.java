package dev.tessera.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.Filters;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordQuery;
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

  /** One record's outcome. */
  public record Outcome(String id, String ownerBefore, String owner, Map<String, Object> trace) {}

  private static final class DryRun extends RuntimeException {
    final List<Outcome> outcomes;

    DryRun(List<Outcome> outcomes) {
      super(null, null, false, false);
      this.outcomes = outcomes;
    }
  }

  private final MetadataRegistry registry;
  private final TxRunner tx;
  private final RecordStore records;
  private final AssignmentEngine engine;
  private final AssignmentStore store;

  public AssignmentService(MetadataRegistry registry, TxRunner tx, RecordStore records, AssignmentEngine engine,
      AssignmentStore store) {
    this.store = store;
    this.registry = registry;
    this.tx = tx;
    this.records = records;
    this.engine = engine;
  }

  /** Re-runs (or with {@code dryRun} previews) the rule over the records matching the conditions, and the ids when given. */
  public Uni<List<Outcome>> run(String entity, JsonNode conditions, List<java.util.UUID> ids, boolean dryRun, Actor actor) {
    MetadataSnapshot meta = registry.current();
    EntityDefinition e = meta.entity(entity);
    JsonNode rule = AssignmentEngine.activeRule(meta, entity);
    if (rule == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, entity + " has no active assignment rule",
          e.label().get("zh-CN") + "没有启用的分配规则", "entity", List.of());
    }
    Filter filter;
    try {
      filter = conditions == null || conditions.isNull() ? Filter.all() : Filters.conditions(e, conditions);
    } catch (IllegalArgumentException | dev.tessera.record.ValueConverter.BadValue x) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, "The conditions do not fit " + entity + ": " + x.getMessage(), "filter");
    }
    Filter chosen = ids == null ? filter
        : new Filter.And(List.of(filter, new Filter.Compare(Column.of(SystemColumn.ID), Filter.Op.IN, List.copyOf(ids))));
    Page page = new Page(List.of(new OrderKey(Column.of(SystemColumn.ID), false)), null, false, MAX);
    Turns turns = dryRun ? Turns.simulated(store) : Turns.live(store);
    Uni<List<Outcome>> work = tx.inTransaction(t -> records.find(t, new RecordQuery(e, chosen, page, false)).chain(rows -> {
      List<Outcome> out = new ArrayList<>();
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (DataRecord r : rows) {
        chain = chain.chain(() -> {
          SaveContext ctx = new SaveContext(meta, e, Operation.UPDATE, r.id(), r, new HashMap<>(r.data()), r.ownerId(), false,
              actor, t);
          return engine.assign(ctx, rule, turns).chain(trace -> {
            out.add(new Outcome(r.id().toString(), r.ownerId(), ctx.owner(), trace));
            if (dryRun || java.util.Objects.equals(ctx.owner(), r.ownerId())) {
              return ctx.withQueuedWrites(Uni.createFrom().voidItem());
            }
            return ctx.withQueuedWrites(records.update(t, e, r.id(), r.version(), r.data(), ctx.owner(), actor.userId()))
                .replaceWithVoid();
          });
        });
      }
      return chain.map(v -> {
        if (dryRun) {
          throw new DryRun(out);
        }
        return out;
      });
    }));
    return work.onFailure(DryRun.class).recoverWithItem(x -> ((DryRun) x).outcomes);
  }

  /** An outcome as GraphQL returns it. */
  public static Map<String, Object> json(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("ownerBefore", o.ownerBefore());
    m.put("owner", o.owner());
    m.put("trace", o.trace());
    return m;
  }
}
