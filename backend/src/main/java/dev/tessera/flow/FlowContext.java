package dev.tessera.flow;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the steps of one transaction share: the transaction and the events of its record writes, the
 * metadata, the flow version, the instance with its variables and record, and who acts. In a test run
 * ({@link #test}) effects are described in {@link #effects} instead of being applied.
 */
final class FlowContext {
  final Tx tx;
  final List<RecordChanged> events;
  final MetadataSnapshot meta;
  final FlowDefinition flow;
  final FlowInstance instance;
  final Actor actor;
  final OffsetDateTime now;
  final Map<String, Object> vars;
  final boolean test;
  final List<Map<String, Object>> effects = new ArrayList<>();
  /** History rows of completed nodes, written together when the run stops (one statement, in order). */
  final List<FlowStep> steps = new ArrayList<>();
  EntityDefinition entity;
  DataRecord record;
  boolean varsChanged;
  /** What the running node acted on, its expressions evaluated (kept in its history row, then cleared). */
  private Object input;

  FlowContext(Tx tx, List<RecordChanged> events, MetadataSnapshot meta, FlowDefinition flow, FlowInstance instance,
      Actor actor, OffsetDateTime now) {
    this.tx = tx;
    this.events = events;
    this.meta = meta;
    this.flow = flow;
    this.instance = instance;
    this.actor = actor;
    this.now = now;
    this.vars = new LinkedHashMap<>(instance.variables());
    this.test = instance.test();
  }

  /** Records what the running node acted on (kept small: see {@link StepInput}). */
  void input(Object what) {
    input = StepInput.small(what);
  }

  /** The running node's input, cleared for the next node. */
  Object takeInput() {
    Object in = input;
    input = null;
    return in;
  }

  void set(String name, Object value) {
    vars.put(name, value);
    varsChanged = true;
  }

  /** A value for expressions and placeholders: {@code vars.x.y} from the variables, else the record's field. */
  Object value(String path) {
    if (path.startsWith("vars.")) {
      String[] parts = path.substring(5).split("\\.");
      Object at = vars;
      for (String part : parts) {
        at = at instanceof Map<?, ?> m ? m.get(part) : null;
      }
      // a webhook answer's body is read as text, whatever JSON it holds (as the checks type it)
      boolean answer = parts.length > 2 && "body".equals(parts[1]) && flow.nodes().stream()
          .anyMatch(n -> n instanceof dev.tessera.metamodel.model.FlowNode.CallWebhook w && parts[0].equals(w.output()));
      return answer && at != null && !(at instanceof String) ? String.valueOf(at) : at;
    }
    return record == null ? null : record.get(path);
  }
}
