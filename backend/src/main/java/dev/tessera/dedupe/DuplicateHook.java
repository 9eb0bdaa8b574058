package dev.tessera.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.SaveContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Duplicate prevention (撞单) in the before-save lane, before assignment: each active matching rule of
 * the entity finds the records most like the one being written ({@link DuplicateMatcher}: normalized
 * and blocking keys, similar text by the trigram index; exact criteria count fully, fuzzy ones by
 * similarity; criteria both records leave blank do not count, those only one has count half against)
 * and, at or above the threshold, blocks the write, or lets it through with a warning or a link; on
 * import, the rule's import action applies, and {@code skip} leaves the row out. Every duplicate found
 * is reported with both owners, a blocked or skipped one too.
 */
@ApplicationScoped
public class DuplicateHook implements BeforeSaveHook {
  private final DuplicateStore store;
  private final DuplicateMatcher matcher;
  private final TxRunner tx;
  private final CollisionNotices notices;

  public DuplicateHook(DuplicateStore store, DuplicateMatcher matcher, TxRunner tx, CollisionNotices notices) {
    this.store = store;
    this.matcher = matcher;
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
    return matcher.matches(ctx.tx(), e, rule, ctx.data(), keys, texts, ctx.id())
        .chain(found -> {
          DataRecord best = found.isEmpty() ? null : found.get(0).record();
          double bestScore = found.isEmpty() ? 0 : found.get(0).score();
          List<String> bestMatched = found.isEmpty() ? List.of() : found.get(0).matched();
          if (best == null || bestScore + 1e-9 < rule.path("threshold").asDouble(1)) {
            return Uni.createFrom().voidItem();
          }
          String action = ctx.importing() && rule.hasNonNull("importAction") ? rule.path("importAction").asText()
              : rule.path("action").asText("block");
          DuplicateStore.Found report = new DuplicateStore.Found(rule.path("name").asText(), e.name(), ctx.id(), best.id(),
              ctx.owner(), best.ownerId(), action, bestScore, bestMatched);
          if (!"block".equals(action) && !"skip".equals(action)) {
            ctx.warnings().add(finding(e, rule, best, bestMatched, "link".equals(action) ? "DUPLICATE_LINKED" : "DUPLICATE_WARNING"));
            ctx.writeWithRecord(store.found(ctx.tx(), report).chain(() -> notify(ctx.tx(), e, rule, report)));
            return Uni.createFrom().voidItem();
          }
          ctx.problems().add(finding(e, rule, best, bestMatched, "skip".equals(action) ? "DUPLICATE_SKIPPED" : "DUPLICATE"));
          // the write rolls back; the collision is still reported to both owners, in its own transaction
          return tx.inTransaction(t -> store.found(t, report).chain(() -> notify(t, e, rule, report)));
        });
  }

  /** Both owners hear of the collision, unless the rule says not to ({@code notifyOwners: false}). */
  private Uni<Void> notify(dev.tessera.platform.Tx t, EntityDefinition e, JsonNode rule, DuplicateStore.Found report) {
    return rule.path("notifyOwners").asBoolean(true) ? notices.notify(t, e, report) : Uni.createFrom().voidItem();
  }

  /**
   * What a duplicate found says, naming the record, its owner and the matching fields: the problem of
   * a blocked write (DUPLICATE) or a skipped import row (DUPLICATE_SKIPPED), or the warning of a write
   * let through (DUPLICATE_WARNING, DUPLICATE_LINKED).
   */
  private static FieldError finding(EntityDefinition e, JsonNode rule, DataRecord other, List<String> matched,
      String code) {
    String fields = String.join(", ", matched);
    String owner = other.ownerId() == null ? "nobody (it is in a pool)" : other.ownerId();
    String ownerZh = other.ownerId() == null ? "无人（在公海池中）" : other.ownerId();
    String first = matched.isEmpty() ? null : matched.get(0).replaceAll("~.*", "");
    return new FieldError(first, code,
        "This looks like " + e.name() + " " + other.id() + ", owned by " + owner + " (same " + fields + ") [rule "
            + rule.path("name").asText() + "]",
        "疑似重复（撞单）：与已有记录 " + other.id() + " 相同（" + fields + "），负责人 " + ownerZh + "【规则 "
            + rule.path("name").asText() + "】", rule.path("name").asText());
  }
}
