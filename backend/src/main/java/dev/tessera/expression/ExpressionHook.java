package dev.tessera.expression;

import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.record.RecordMessages;
import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.EntityExpressions;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.expr.EvaluationException;
import dev.tessera.metamodel.expr.Values;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.DerivedValues;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SaveContext;
import dev.tessera.record.ValueConverter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The first step of the before-save lane: on create, default expressions fill the fields the client
 * left blank; on every write, formulas are computed (each after the formulas it reads) and stored, and
 * validation rules are checked. A rule that does not hold adds a problem naming the rule, with its
 * message in the user's language; the record service then fails the write with VALIDATION_FAILED.
 */
@ApplicationScoped
public class ExpressionHook implements BeforeSaveHook, DerivedValues {
  private static final Logger LOG = Logger.getLogger(ExpressionHook.class);

  private final ExpressionCache cache;
  private final RecordStore store;
  private final EvalContext context;

  public ExpressionHook(ExpressionCache cache, RecordStore store) {
    this.cache = cache;
    this.store = store;
    this.context = EvalContext.system();
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    EntityExpressions x = cache.entity(ctx.metadata(), ctx.entity().name());
    if (x.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    boolean create = ctx.operation() == Operation.CREATE;
    Set<String> paths = new LinkedHashSet<>();
    if (create) {
      x.defaults().values().forEach(c -> paths.addAll(c.references()));
    }
    x.rules().forEach(r -> paths.addAll(r.expression().references()));
    return RecordValues.load(store, ctx.tx(), ctx.metadata(), ctx.entity(), ctx.data(), ctx.before(), paths)
        .invoke(values -> {
          if (create) {
            defaults(ctx, x, values);
          }
          formulas(ctx, x, values);
          rules(ctx, x, values);
        })
        .replaceWithVoid();
  }

  /** Formulas only (they read the record's own fields), for changes the system makes. */
  @Override
  public void recompute(MetadataSnapshot metadata, EntityDefinition entity, Map<String, Object> data) {
    EntityExpressions x = cache.entity(metadata, entity.name());
    if (!x.formulas().isEmpty()) {
      computeFormulas(entity, x, data, data::get, context);
    }
  }

  private void defaults(SaveContext ctx, EntityExpressions x, RecordValues values) {
    for (Map.Entry<String, CompiledExpression> d : x.defaults().entrySet()) {
      FieldDefinition f = ctx.entity().field(d.getKey()).orElseThrow();
      if (ctx.data().get(f.name()) != null) {
        continue;
      }
      try {
        Object v = Values.out(d.getValue().evaluate(values, context));
        if (v != null) {
          ctx.data().put(f.name(), ValueConverter.convert(f, v));
        }
      } catch (EvaluationException | ValueConverter.BadValue e) {
        ctx.problems().add(FieldError.of(f.name(), "DEFAULT_FAILED", RecordMessages.text("DEFAULT_FAILED",
            Map.of("field", RecordMessages.label(f), "reason", String.valueOf(e.getMessage()))), null));
      }
    }
  }

  private void formulas(SaveContext ctx, EntityExpressions x, RecordValues values) {
    computeFormulas(ctx.entity(), x, ctx.data(), values, context);
  }

  /**
   * Computes every formula in order into {@code data} (a formula that cannot be computed, e.g. a date
   * out of range, is left blank). {@code lookup} must read {@code data} live, so a formula sees the
   * formulas computed before it. True when a stored value changed.
   */
  static boolean computeFormulas(EntityDefinition e, EntityExpressions x, Map<String, Object> data,
      java.util.function.Function<String, Object> lookup, EvalContext context) {
    boolean changed = false;
    for (EntityExpressions.Formula formula : x.formulas()) {
      FieldDefinition f = formula.field();
      Object v;
      try {
        v = Values.out(formula.expression().evaluate(lookup, context));
        v = v == null ? null : ValueConverter.convert(f, v);
      } catch (EvaluationException | ValueConverter.BadValue ex) {
        LOG.debugf("formula %s.%s gave no value: %s", e.name(), f.name(), ex.getMessage());
        v = null;
      }
      Object old = v == null ? data.remove(f.name()) : data.put(f.name(), v);
      changed |= !java.util.Objects.equals(old, v);
    }
    return changed;
  }

  private void rules(SaveContext ctx, EntityExpressions x, RecordValues values) {
    EntityDefinition e = ctx.entity();
    for (EntityExpressions.Rule rule : x.rules()) {
      boolean holds;
      String failure = null;
      try {
        holds = rule.expression().test(values, context);
      } catch (EvaluationException ex) {
        holds = false;
        failure = ex.getMessage();
      }
      if (!holds) {
        String name = rule.definition().name();
        LocalizedText message = rule.definition().message() == null ? LocalizedText.of(name, name) : rule.definition().message();
        LocalizedText text = failure == null
            ? RecordMessages.text("RULE_BROKEN", Map.of("message", message, "rule", name))
            : RecordMessages.text("RULE_UNCHECKED", Map.of("message", message, "reason", failure, "rule", name));
        ctx.problems().add(FieldError.of(null, "RULE_FAILED", text, name));
      }
    }
    if (!ctx.problems().isEmpty()) {
      LOG.debugf("%s write blocked by %d rule(s)", e.name(), ctx.problems().size());
    }
  }
}
