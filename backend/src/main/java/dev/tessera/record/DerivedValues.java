package dev.tessera.record;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import java.util.Map;

/**
 * Recomputes the values a record derives from its own fields (formulas) after the system changed it
 * without a user's write, e.g. a reference cleared because its target was deleted. Unlike the
 * before-save lane it checks no rules: the change is the consequence of another, permitted write.
 */
public interface DerivedValues {
  void recompute(MetadataSnapshot metadata, EntityDefinition entity, Map<String, Object> data);
}
