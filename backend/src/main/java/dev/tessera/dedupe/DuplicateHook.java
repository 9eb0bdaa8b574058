package dev.tessera.dedupe;

import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
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

  private final dev.tessera.record.AccessControl access;

  public DuplicateHook(DuplicateStore store, DuplicateMatcher matcher, TxRunner tx, CollisionNotices notices,
      dev.tessera.record.AccessControl access) {
    this.access = access;
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
  static List<MatchingRuleDefinition> rules(MetadataSnapshot meta, String entity) {
    return meta.activeFor(MatchingRuleDefinition.class, entity);
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    EntityDefinition e = ctx.entity();
    List<MatchingRuleDefinition> rules = rules(ctx.metadata(), e.name());
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
      for (MatchingRuleDefinition rule : rules) {
        checks = checks.chain(() -> check(ctx, rule, keys, texts));
      }
    }
    return checks.invoke(() -> {
      if (ctx.problems().isEmpty() && changed) {
        ctx.writeWithRecord(store.replaceKeys(ctx.tx(), e.name(), ctx.id(), keys, texts, ctx.operation() == Operation.CREATE));
      }
    });
  }

  private Uni<Void> check(SaveContext ctx, MatchingRuleDefinition rule, Map<String, Set<String>> keys, Map<String, String> texts) {
    EntityDefinition e = ctx.entity();
    return matcher.matches(ctx.tx(), e, rule, ctx.data(), keys, texts, ctx.id())
        .chain(found -> access.of(ctx.actor()).chain(a -> {
          DataRecord best = found.isEmpty() ? null : found.get(0).record();
          double bestScore = found.isEmpty() ? 0 : found.get(0).score();
          List<String> bestMatched = found.isEmpty() ? List.of() : found.get(0).matched();
          if (best == null || !DuplicateMatcher.reaches(rule, bestScore)) {
            return Uni.createFrom().voidItem();
          }
          String action = (ctx.importing() ? rule.importAction() : rule.action()).jsonName();
          // the writer learns that a duplicate exists and who owns it, its values only if it may read them
          DataRecord seen = a.show(e, best);
          DuplicateStore.Found report = new DuplicateStore.Found(rule.name(), e.name(), ctx.id(), best.id(),
              ctx.owner(), best.ownerId(), action, bestScore, bestMatched);
          if (!"block".equals(action) && !"skip".equals(action)) {
            ctx.warnings().add(DuplicateMessages.finding(e, rule, best, seen, bestMatched,
                "link".equals(action) ? "DUPLICATE_LINKED" : "DUPLICATE_WARNING"));
            ctx.writeWithRecord(store.found(ctx.tx(), report).chain(() -> notify(ctx.tx(), ctx, rule, report, best)));
            return Uni.createFrom().voidItem();
          }
          ctx.problems().add(DuplicateMessages.finding(e, rule, best, seen, bestMatched,
              "skip".equals(action) ? "DUPLICATE_SKIPPED" : "DUPLICATE"));
          // the write rolls back; the collision is still reported to both owners, in its own transaction
          return tx.inTransaction(t -> store.found(t, report).chain(() -> notify(t, ctx, rule, report, best)));
        }));
  }

  /** Both owners hear of the collision, unless the rule says not to ({@code notifyOwners: false}). */
  private Uni<Void> notify(dev.tessera.platform.Tx t, SaveContext ctx, MatchingRuleDefinition rule, DuplicateStore.Found report,
      DataRecord other) {
    if (!rule.notifyOwners()) {
      return Uni.createFrom().voidItem();
    }
    EntityDefinition e = ctx.entity();
    return notices.notify(t, e, rule, report, DuplicateMessages.name(e, ctx.data(), ctx.id()),
        DuplicateMessages.name(e, other.data(), other.id()));
  }

}
