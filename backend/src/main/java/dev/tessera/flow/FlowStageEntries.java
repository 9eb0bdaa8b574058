package dev.tessera.flow;

import dev.tessera.change.Change;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.StageGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The onEnter flows of stage gates (ADR 0053) that a batch of the change feed starts: per flow, the
 * creates and updates that moved a record into a gated stage listing it, in feed order. Starting them
 * from the feed (as record triggers are) makes each start happen once per change, after the write committed,
 * whichever path wrote it (the move after an approval included).
 */
final class FlowStageEntries {
  private FlowStageEntries() {}

  static Map<String, List<Change>> of(MetadataSnapshot meta, List<Change> changes) {
    Map<String, List<Change>> out = new LinkedHashMap<>();
    for (Change c : changes) {
      EntityDefinition e = meta.entities().get(c.entity());
      if (e == null || !("CREATE".equals(c.operation()) || "UPDATE".equals(c.operation()))) {
        continue;
      }
      for (FieldDefinition f : e.fields()) {
        StageGate g = f.gates().isEmpty() || !(c.changes().get(f.name()) instanceof Map<?, ?> pair) ? null
            : f.gate(pair.get("after"));
        for (String flow : g == null ? List.<String>of() : g.onEnter()) {
          List<Change> firing = out.computeIfAbsent(flow, k -> new ArrayList<>());
          if (!firing.contains(c)) {
            firing.add(c);
          }
        }
      }
    }
    return out;
  }
}
