package dev.tessera.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishStep;
import dev.tessera.metamodel.json.FlowJson;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versions of each flow. A publish that changes a flow's definition (or adds one) stores it as the
 * flow's next version in the same transaction, so every node agrees which version a metadata version
 * starts; an instance keeps the version it started on and finishes on it, whatever is published later.
 */
@ApplicationScoped
public class FlowVersions implements PublishStep {
  /** A flow version as the engine runs it. */
  public record Running(int version, FlowDefinition definition, java.time.OffsetDateTime publishedAt) {}

  private record Key(String flow, int version) {}

  private final FlowStore store;
  private final Map<Key, FlowDefinition> definitions = new ConcurrentHashMap<>();
  /** Per metadata version, the flow versions it starts (filled lazily). */
  private final Map<Integer, Map<String, Running>> started = new ConcurrentHashMap<>();

  public FlowVersions(FlowStore store) {
    this.store = store;
  }

  @Override
  public Uni<List<String>> apply(Tx tx, MetadataSnapshot before, MetadataSnapshot candidate) {
    List<JsonNode> flows = candidate.definitions(FlowDefinition.KIND);
    if (flows.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return store.latestVersions(tx).map(latest -> {
      Map<String, FlowStore.Version> byName = new HashMap<>();
      latest.forEach(v -> byName.put(v.flow(), v));
      List<FlowStore.Version> added = new ArrayList<>();
      for (JsonNode json : flows) {
        String name = json.path("name").asText();
        FlowStore.Version last = byName.get(name);
        if (last == null || !last.definition().equals(json)) {
          // the version this publish appends: one after the live one
          added.add(new FlowStore.Version(name, last == null ? 1 : last.version() + 1, before.version() + 1, json, null));
        }
      }
      return added;
    }).chain(added -> dev.tessera.platform.Sequence.each(added, v -> store.addVersion(tx, v))
        .map(x -> added.stream().map(v -> "flow " + v.flow() + ": version " + v.version()).toList()));
  }

  /** The version of {@code flow} that {@code snapshot} starts, with its definition; null when it has none. */
  public Uni<Running> current(Tx tx, MetadataSnapshot snapshot, String flow) {
    Running known = started.getOrDefault(snapshot.version(), Map.of()).get(flow);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return store.versionAt(tx, flow, snapshot.version()).map(v -> {
      if (v == null) {
        return null;
      }
      FlowDefinition d = definitions.computeIfAbsent(new Key(flow, v.version()), k -> FlowJson.flow(v.definition()));
      if (started.size() > 16) {
        started.clear();
      }
      Running running = new Running(v.version(), d, v.publishedAt());
      started.computeIfAbsent(snapshot.version(), k -> new ConcurrentHashMap<>()).put(flow, running);
      return running;
    });
  }

  /** A stored version's definition (kept once read: stored versions never change). */
  public Uni<FlowDefinition> definition(Tx tx, String flow, int version) {
    FlowDefinition d = definitions.get(new Key(flow, version));
    if (d != null) {
      return Uni.createFrom().item(d);
    }
    return store.version(tx, flow, version).map(v -> {
      if (v == null) {
        throw new IllegalStateException("flow " + flow + " has no version " + version);
      }
      FlowDefinition read = FlowJson.flow(v.definition());
      definitions.put(new Key(flow, version), read);
      return read;
    });
  }
}
