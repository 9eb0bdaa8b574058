package dev.tessera.expression;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishStep;
import dev.tessera.metamodel.expr.EntityExpressions;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import dev.tessera.record.ChangeLog;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Formulas are stored, so a publish that adds or changes a formula recomputes it for the records
 * already there, in the publish's transaction: readers and filters never see a value from the old
 * expression next to the new metadata. Records are read and rewritten in pages by id; each value that
 * changes is a change in the feed (actor system, path formula), so the audit trail shows it.
 */
@ApplicationScoped
public class FormulaBackfill implements PublishStep {
  static final int PAGE = 500;

  /** Who recomputes: the system, through the path "formula" (the change feed and the audit trail say so). */
  static final Actor ACTOR = Actor.SYSTEM.via("formula");
  private final RecordStore store;
  private final ChangeLog feed;

  public FormulaBackfill(RecordStore store, ChangeLog feed) {
    this.store = store;
    this.feed = feed;
  }

  @Override
  public Uni<List<String>> apply(Tx tx, MetadataSnapshot before, MetadataSnapshot candidate) {
    List<String> changes = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EntityDefinition e : candidate.entities().values()) {
      EntityDefinition old = before.entities().get(e.name());
      if (old == null || formulas(old).equals(formulas(e))) {
        continue;
      }
      EntityExpressions.Result compiled = EntityExpressions.compile(e, candidate.entities());
      if (!compiled.ok()) {
        throw ExpressionCache.notCompiled(e, compiled);
      }
      EntityExpressions x = compiled.expressions();
      if (x.formulas().isEmpty()) {
        continue;
      }
      int[] rewritten = {0};
      chain = chain.chain(() -> page(tx, e, x, null, rewritten)).invoke(() -> {
        List<String> names = x.formulas().stream().map(f -> f.field().name()).toList();
        changes.add("recompute formula " + String.join(", ", names) + " of " + e.name() + ": " + rewritten[0] + " record(s)");
      });
    }
    return chain.map(v -> changes);
  }

  private Uni<Void> page(Tx tx, EntityDefinition e, EntityExpressions x, UUID after, int[] rewritten) {
    return store.scan(tx, e, after, PAGE).chain(rows -> {
      Map<UUID, Map<String, Object>> changed = new LinkedHashMap<>();
      List<RecordChanged> changes = new ArrayList<>();
      EvalContext context = EvalContext.system();
      for (DataRecord r : rows) {
        Map<String, Object> data = new HashMap<>(r.data());
        if (ExpressionHook.computeFormulas(e, x, data, data::get, context)) {
          changed.put(r.id(), data);
          changes.add(RecordChanged.rewritten(e.name(), r, data, ACTOR));
        }
      }
      rewritten[0] += changed.size();
      Uni<Void> written = changed.isEmpty() ? Uni.createFrom().voidItem()
          : store.rewrite(tx, e, changed).chain(() -> feed.append(tx, changes));
      return rows.size() < PAGE ? written : written.chain(() -> page(tx, e, x, rows.get(rows.size() - 1).id(), rewritten));
    });
  }

  /** What decides a formula's stored values: name, expression and result type of each formula field. */
  private static List<List<Object>> formulas(EntityDefinition e) {
    List<List<Object>> out = new ArrayList<>();
    for (FieldDefinition f : e.fields()) {
      if (f.type() == FieldType.FORMULA) {
        out.add(java.util.Arrays.asList(f.name(), f.expression(), Objects.toString(f.resultType())));
      }
    }
    return out;
  }
}
