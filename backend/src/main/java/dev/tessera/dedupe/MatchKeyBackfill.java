package dev.tessera.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishStep;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * When a publish changes which fields an entity's matching rules compare (exactly or fuzzily), the keys
 * of its stored records are rebuilt in the publish's transaction, so a new rule also finds duplicates
 * among the records that were there before it.
 */
@ApplicationScoped
public class MatchKeyBackfill implements PublishStep {
  private static final int PAGE = 1000;

  private final DuplicateStore store;
  private final RecordStore records;

  public MatchKeyBackfill(DuplicateStore store, RecordStore records) {
    this.store = store;
    this.records = records;
  }

  @Override
  public Uni<List<String>> apply(Tx tx, MetadataSnapshot before, MetadataSnapshot candidate) {
    List<String> changes = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EntityDefinition e : candidate.entities().values()) {
      List<JsonNode> rules = DuplicateHook.rules(candidate, e.name());
      if (matchedFields(rules).equals(matchedFields(DuplicateHook.rules(before, e.name()))) || !before.entities().containsKey(e.name())) {
        continue;
      }
      int[] count = {0};
      chain = chain.chain(() -> store.dropKeys(tx, e.name()))
          .chain(() -> rules.isEmpty() ? Uni.createFrom().voidItem() : page(tx, e, rules, null, count))
          .invoke(() -> changes.add("rebuild duplicate-matching keys of " + e.name() + ": " + count[0] + " record(s)"));
    }
    return chain.map(v -> changes);
  }

  private Uni<Void> page(Tx tx, EntityDefinition e, List<JsonNode> rules, UUID after, int[] count) {
    return records.scan(tx, e, after, PAGE).chain(rows -> {
      List<DuplicateStore.RecordKeys> keys = new ArrayList<>();
      for (DataRecord r : rows) {
        if (r.deletedAt() == null) {
          keys.add(MatchKeys.of(e, rules, r));
        }
      }
      count[0] += keys.size();
      Uni<Void> added = store.addKeys(tx, e.name(), keys);
      return rows.size() < PAGE ? added : added.chain(() -> page(tx, e, rules, rows.get(rows.size() - 1).id(), count));
    });
  }

  private static Set<String> matchedFields(List<JsonNode> rules) {
    Set<String> out = new TreeSet<>();
    for (JsonNode rule : rules) {
      String pair = MatchKeys.pairField(rule);
      if (pair != null) {
        out.add("pair:" + pair);
      }
      rule.path("criteria").forEach(c -> {
        out.add(c.path("match").asText() + ":" + c.path("field").asText() + ":" + MatchKeys.compareAs(c));
      });
    }
    return out;
  }
}
