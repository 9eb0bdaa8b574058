package dev.tessera.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SaveContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Duplicate prevention (撞单) in the before-save lane, before assignment: each active matching rule of
 * the entity looks up the records sharing a normalized key with the record being written, or similar
 * text by the trigram index (at most 20 per fuzzy criterion), scores
 * them (exact criteria count fully, fuzzy ones by trigram similarity; criteria both records leave blank
 * do not count) and, at or above the threshold, blocks the write, or lets it through with a
 * warning or a link; on import, the rule's import action applies, and {@code skip} leaves the row out.
 * Every duplicate found is reported with both owners, a blocked or skipped one too.
 */
@ApplicationScoped
public class DuplicateHook implements BeforeSaveHook {
  /** Most similar records a fuzzy criterion brings in as candidates. */
  static final int FUZZY_CANDIDATES = 20;

  private final DuplicateStore store;
  private final RecordStore records;
  private final TxRunner tx;
  private final CollisionNotices notices;

  public DuplicateHook(DuplicateStore store, RecordStore records, TxRunner tx, CollisionNotices notices) {
    this.store = store;
    this.records = records;
    this.tx = tx;
    this.notices = notices;
  }

  @Override
  public int order() {
    return 40;
  }

  /** The entity's active matching rules. */
  static List<JsonNode> rules(MetadataSnapshot meta, String entity) {
    return meta.activeFor("matchingRule", entity);
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    EntityDefinition e = ctx.entity();
    List<JsonNode> rules = rules(ctx.metadata(), e.name());
    if (rules.isEmpty() || !ctx.problems().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<String, Set<String>> keys = MatchKeys.exactKeys(e, rules, ctx.data());
    Map<String, String> texts = MatchKeys.fuzzyTexts(e, rules, ctx.data());
    boolean changed = ctx.operation() == Operation.CREATE
        || !keys.equals(MatchKeys.exactKeys(e, rules, ctx.before().data()))
        || !texts.equals(MatchKeys.fuzzyTexts(e, rules, ctx.before().data()));
    Uni<Void> checks = Uni.createFrom().voidItem();
    if (changed) {
      for (JsonNode rule : rules) {
        checks = checks.chain(() -> check(ctx, rule, keys, texts));
      }
    }
    return checks.invoke(() -> {
      if (ctx.problems().isEmpty() && changed) {
        ctx.writeWithRecord(store.replaceKeys(ctx.tx(), e.name(), ctx.id(), keys, texts, ctx.operation() == Operation.CREATE));
      }
    });
  }

  private Uni<Void> check(SaveContext ctx, JsonNode rule, Map<String, Set<String>> keys, Map<String, String> texts) {
    EntityDefinition e = ctx.entity();
    Set<java.util.UUID> candidates = new HashSet<>();
    Uni<Void> lookups = Uni.createFrom().voidItem();
    for (JsonNode c : rule.path("criteria")) {
      String field = c.path("field").asText();
      if ("exact".equals(c.path("match").asText()) && keys.containsKey(field)) {
        lookups = lookups.chain(() -> store.sharing(ctx.tx(), e.name(), field, keys.get(field), ctx.id())
            .invoke(candidates::addAll).replaceWithVoid());
      } else if ("fuzzy".equals(c.path("match").asText()) && texts.containsKey(field)) {
        double min = Math.max(0.1, c.path("minSimilarity").asDouble(0.3));
        lookups = lookups.chain(() -> store.similar(ctx.tx(), e.name(), field, texts.get(field), min, ctx.id(), FUZZY_CANDIDATES)
            .invoke(candidates::addAll).replaceWithVoid());
      }
    }
    return lookups.chain(() -> candidates.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of())
            : records.findByIds(ctx.tx(), e, candidates))
        .chain(found -> {
          DataRecord best = null;
          double bestScore = 0;
          List<String> bestMatched = List.of();
          for (DataRecord other : found) {
            List<String> matched = new ArrayList<>();
            double score = score(e, rule, ctx.data(), other.data(), matched);
            if (score > bestScore) {
              best = other;
              bestScore = score;
              bestMatched = matched;
            }
          }
          if (best == null || bestScore + 1e-9 < rule.path("threshold").asDouble(1)) {
            return Uni.createFrom().voidItem();
          }
          String action = ctx.importing() && rule.hasNonNull("importAction") ? rule.path("importAction").asText()
              : rule.path("action").asText("block");
          DuplicateStore.Found report = new DuplicateStore.Found(rule.path("name").asText(), e.name(), ctx.id(), best.id(),
              ctx.owner(), best.ownerId(), action, bestScore, bestMatched);
          if (!"block".equals(action) && !"skip".equals(action)) {
            ctx.writeWithRecord(store.found(ctx.tx(), report).chain(() -> notify(ctx.tx(), e, rule, report)));
            return Uni.createFrom().voidItem();
          }
          ctx.problems().add(blocked(e, rule, best, bestMatched, "skip".equals(action)));
          // the write rolls back; the collision is still reported to both owners, in its own transaction
          return tx.inTransaction(t -> store.found(t, report).chain(() -> notify(t, e, rule, report)));
        });
  }

  /** Both owners hear of the collision, unless the rule says not to ({@code notifyOwners: false}). */
  private Uni<Void> notify(dev.tessera.platform.Tx t, EntityDefinition e, JsonNode rule, DuplicateStore.Found report) {
    return rule.path("notifyOwners").asBoolean(true) ? notices.notify(t, e, report) : Uni.createFrom().voidItem();
  }

  /**
   * Matched weight over the weight of the criteria at least one record has a value for (a phone only
   * one of them has counts against the match; a field both leave blank counts for nothing); 0 when none.
   */
  private static double score(EntityDefinition e, JsonNode rule, Map<String, Object> mine, Map<String, Object> theirs,
      List<String> matched) {
    double total = 0;
    double got = 0;
    for (JsonNode c : rule.path("criteria")) {
      FieldDefinition f = e.field(c.path("field").asText()).orElse(null);
      String a = f == null ? null : MatchKeys.key(f, mine.get(f.name()));
      String b = f == null ? null : MatchKeys.key(f, theirs.get(f.name()));
      double weight = c.path("weight").asDouble(1);
      if (a == null || b == null) {
        total += a == null && b == null ? 0 : weight;
        continue;
      }
      total += weight;
      if ("exact".equals(c.path("match").asText())) {
        if (a.equals(b)) {
          got += weight;
          matched.add(f.name());
        }
      } else {
        double sim = MatchKeys.similarity(a, b);
        if (sim >= c.path("minSimilarity").asDouble(0)) {
          got += weight * sim;
          if (sim > 0) {
            matched.add(f.name() + "~" + Math.round(sim * 100) + "%");
          }
        }
      }
    }
    return total == 0 ? 0 : got / total;
  }

  /** The problem a blocked write (or, on import, a skipped row: code DUPLICATE_SKIPPED) reports. */
  private static FieldError blocked(EntityDefinition e, JsonNode rule, DataRecord other, List<String> matched,
      boolean skipped) {
    String fields = String.join(", ", matched);
    String owner = other.ownerId() == null ? "nobody (it is in a pool)" : other.ownerId();
    String ownerZh = other.ownerId() == null ? "无人（在公海池中）" : other.ownerId();
    String first = matched.isEmpty() ? null : matched.get(0).replaceAll("~.*", "");
    return new FieldError(first, skipped ? "DUPLICATE_SKIPPED" : "DUPLICATE",
        "This looks like " + e.name() + " " + other.id() + ", owned by " + owner + " (same " + fields + ") [rule "
            + rule.path("name").asText() + "]",
        "疑似重复（撞单）：与已有记录 " + other.id() + " 相同（" + fields + "），负责人 " + ownerZh + "【规则 "
            + rule.path("name").asText() + "】", rule.path("name").asText());
  }
}
