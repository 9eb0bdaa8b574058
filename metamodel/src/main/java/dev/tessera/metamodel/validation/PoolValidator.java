package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_RECYCLE_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.NOBODY_CAN_CLAIM;

import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.metamodel.model.PoolDefinition.Recycle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic checks of a pool: the teams that may claim exist, recycle conditions have unique names
 * and compile, and the conditions that say which held records count compile on the entity.
 */
final class PoolValidator {
  private PoolValidator() {}

  static List<Problem> validate(PoolDefinition d, String base, ValidationContext ctx) {
    RecordRuleChecks c = new RecordRuleChecks(d, base, ctx);
    if (c.entity == null) {
      return c.out;
    }
    for (int i = 0; i < d.teams().size(); i++) {
      c.team(".teams[" + i + "]", d.teams().get(i), NOBODY_CAN_CLAIM);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < d.recycle().size(); i++) {
      Recycle r = d.recycle().get(i);
      if (r.name() != null && !names.add(r.name())) {
        c.add(ProblemCode.DUPLICATE, ".recycle[" + i + "].name", DUPLICATE_RECYCLE_NAME, "name", r.name());
      }
      c.condition(".recycle[" + i + "].when", r.when());
    }
    c.conditions(".claimLimits.heldWhen", d.claimLimits().heldWhen());
    return c.out;
  }
}
