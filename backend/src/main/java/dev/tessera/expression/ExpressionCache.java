package dev.tessera.expression;

import dev.tessera.platform.RequestMessages;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishParticipant;
import dev.tessera.metamodel.expr.CompiledExpression;
import dev.tessera.metamodel.expr.EntityExpressions;
import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compiled expressions per metadata version. A publish compiles every entity's formulas, defaults
 * and rules while it is being prepared (so a version that cannot compile never goes live); conditions
 * (assignment, pools, flows) are compiled on first use and kept for their version. Versions older
 * than the one before the live version are dropped, so requests that still hold the previous
 * snapshot keep hitting the cache during a hot swap.
 */
@ApplicationScoped
public class ExpressionCache implements PublishParticipant {
  private record Key(int version, String entity, String source) {}

  private final Map<Key, EntityExpressions> entities = new ConcurrentHashMap<>();
  private final Map<Key, CompiledExpression> conditions = new ConcurrentHashMap<>();
  /** Per entity: lookups answered from the cache [0] and lookups that had to compile [1]. */
  private final Map<String, LongAdder[]> lookups = new ConcurrentHashMap<>();

  /** The compiled formulas, defaults and rules of {@code entity} in {@code snapshot}'s version. */
  public EntityExpressions entity(MetadataSnapshot snapshot, String entity) {
    Key key = new Key(snapshot.version(), entity, null);
    EntityExpressions found = entities.get(key);
    count(entity, found != null);
    if (found != null) {
      return found;
    }
    return entities.computeIfAbsent(key, k -> compile(snapshot, snapshot.entity(entity)));
  }

  /**
   * A condition on records of {@code entity} (true/false), compiled once per version; an expression
   * that is not accepted fails with INVALID_EXPRESSION naming line and column.
   */
  public CompiledExpression condition(MetadataSnapshot snapshot, String entity, String source) {
    Key key = new Key(snapshot.version(), entity, source);
    CompiledExpression found = conditions.get(key);
    count(entity, found != null);
    if (found != null) {
      return found;
    }
    EntityDefinition e = snapshot.entity(entity);
    return conditions.computeIfAbsent(key, k -> {
      try {
        return Expressions.compile(source, Scope.of(e, snapshot.entities(), Scope.Use.CONDITION), ExprType.BOOLEAN);
      } catch (dev.tessera.metamodel.expr.ExpressionException x) {
        throw new PlatformException(ErrorCode.INVALID_EXPRESSION, x.positioned().get("en"), x.positioned().get("zh-CN"),
            "condition", java.util.List.of());
      }
    });
  }

  private void count(String entity, boolean hit) {
    lookups.computeIfAbsent(entity, k -> new LongAdder[] {new LongAdder(), new LongAdder()})[hit ? 0 : 1].increment();
  }

  /** Lookups for {@code entity}'s expressions answered from the cache. */
  public long hits(String entity) {
    LongAdder[] n = lookups.get(entity);
    return n == null ? 0 : n[0].sum();
  }

  /** Lookups for {@code entity}'s expressions that had to compile. */
  public long misses(String entity) {
    LongAdder[] n = lookups.get(entity);
    return n == null ? 0 : n[1].sum();
  }

  @Override
  public Object prepare(MetadataSnapshot candidate) {
    Map<String, EntityExpressions> compiled = new HashMap<>();
    for (EntityDefinition e : candidate.entities().values()) {
      compiled.put(e.name(), compile(candidate, e));
    }
    return compiled;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void activate(MetadataSnapshot snapshot, Object prepared) {
    ((Map<String, EntityExpressions>) prepared).forEach((name, x) -> entities.put(new Key(snapshot.version(), name, null), x));
    int keep = snapshot.version() - 1;
    entities.keySet().removeIf(k -> k.version() < keep);
    conditions.keySet().removeIf(k -> k.version() < keep);
  }

  /** The publish failure for an entity whose expressions do not compile, naming the first problem. */
  static PlatformException notCompiled(EntityDefinition e, EntityExpressions.Result r) {
    Object first = r.failures().isEmpty()
        ? RequestMessages.text("FORMULA_CIRCLE", java.util.Map.of("fields", r.cycles().get(0).names()))
        : r.failures().get(0).path() + ": " + r.failures().get(0).error().getMessage();
    return new PlatformException(ErrorCode.PUBLISH_FAILED, RequestMessages.text("FORMULAS_DO_NOT_COMPILE",
        java.util.Map.of("entity", e.name(), "reason", first)), e.name());
  }

  private static EntityExpressions compile(MetadataSnapshot snapshot, EntityDefinition e) {
    EntityExpressions.Result r = EntityExpressions.compile(e, snapshot.entities());
    if (!r.ok()) {
      throw notCompiled(e, r);
    }
    return r.expressions();
  }
}
