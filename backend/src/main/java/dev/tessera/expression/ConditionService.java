package dev.tessera.expression;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.expr.EvaluationException;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The condition API that assignment rules, pools and flows call: is this expression true for this
 * record? Conditions are compiled once per metadata version ({@link ExpressionCache}); paths through
 * references ({@code company.industry}) are read in the caller's transaction. A blank result and a
 * value that cannot be computed both count as false.
 */
@ApplicationScoped
public class ConditionService {
  private final ExpressionCache cache;
  private final RecordStore store;

  public ConditionService(ExpressionCache cache, RecordStore store) {
    this.cache = cache;
    this.store = store;
  }

  /** Compiles (or finds) a condition; fails with INVALID_EXPRESSION, naming line and column. */
  public CompiledExpression compile(MetadataSnapshot snapshot, String entity, String source) {
    return cache.condition(snapshot, entity, source);
  }

  public Uni<Boolean> test(Tx tx, MetadataSnapshot snapshot, String entity, String source, DataRecord record) {
    return test(tx, snapshot, entity, source, record.data(), record);
  }

  /** For a record being written: {@code data} are its new values, {@code stored} what is stored (null on create). */
  public Uni<Boolean> test(Tx tx, MetadataSnapshot snapshot, String entity, String source, java.util.Map<String, Object> data,
      DataRecord stored) {
    CompiledExpression c = compile(snapshot, entity, source);
    return RecordValues.load(store, tx, snapshot, snapshot.entity(entity), data, stored, c.references())
        .map(values -> {
          try {
            return c.test(values, EvalContext.system());
          } catch (EvaluationException e) {
            return false;
          }
        });
  }
}
