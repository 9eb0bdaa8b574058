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

  /**
   * Evaluates a compiled expression on a stored record (null: no record), the paths {@code variables}
   * knows ({@code vars.*} of a flow) answered by it; paths through references are read in {@code tx}.
   * A value that cannot be computed fails with {@link EvaluationException}.
   */
  public Uni<Object> evaluate(Tx tx, MetadataSnapshot snapshot, dev.tessera.metamodel.model.EntityDefinition entity,
      CompiledExpression c, DataRecord record, java.util.function.Predicate<String> known,
      java.util.function.Function<String, Object> variables) {
    java.util.List<String> paths = c.references().stream().filter(p -> !known.test(p)).toList();
    Uni<? extends java.util.function.Function<String, Object>> values = record == null
        ? Uni.createFrom().item(p -> null)
        : RecordValues.load(store, tx, snapshot, entity, record.data(), record, paths);
    return values.map(v -> c.evaluate(p -> known.test(p) ? variables.apply(p) : v.apply(p), EvalContext.system()));
  }

  /** The values of {@code paths} on a stored record (fields, and paths through its references, read in {@code tx}). */
  public Uni<java.util.function.Function<String, Object>> values(Tx tx, MetadataSnapshot snapshot,
      dev.tessera.metamodel.model.EntityDefinition entity, DataRecord record, java.util.Collection<String> paths) {
    return RecordValues.load(store, tx, snapshot, entity, record.data(), record, paths).map(v -> v);
  }
}
