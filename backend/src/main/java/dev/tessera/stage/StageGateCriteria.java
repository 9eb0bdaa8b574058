package dev.tessera.stage;

import dev.tessera.expression.ConditionService;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a record still lacks to enter a gated stage: each blank required field, then the condition when
 * it does not hold, evaluated on {@code data} (the values the record will have) in the caller's
 * transaction. Used on every write, before an approval is asked for, and again before the system moves
 * the record once its approval came.
 */
@ApplicationScoped
public class StageGateCriteria {
  private final ConditionService conditions;

  public StageGateCriteria(ConditionService conditions) {
    this.conditions = conditions;
  }

  /** The problems of entering {@code entry} with {@code data}; empty when the gate lets the record in. */
  public Uni<List<FieldError>> unmet(Tx tx, MetadataSnapshot meta, EntityDefinition e, DataRecord stored,
      Map<String, Object> data, StageGates.Entry entry) {
    List<FieldError> out = new ArrayList<>(StageGates.missing(e, entry, data));
    if (entry.gate().condition() == null) {
      return Uni.createFrom().item(out);
    }
    return conditions.test(tx, meta, e.name(), entry.gate().condition(), data, stored).map(holds -> {
      if (!holds) {
        out.add(StageGates.conditionFailed(entry));
      }
      return out;
    });
  }
}
