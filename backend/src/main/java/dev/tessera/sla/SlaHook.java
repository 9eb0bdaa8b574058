package dev.tessera.sla;

import dev.tessera.expression.ConditionService;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.platform.Sequence;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.SaveContext;
import dev.tessera.record.Uuids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the SLA state of a record in step with its writes (ADR 0052): last in the before-save lane, for
 * each active policy of the entity, it chooses the target that applies, sees whether the first response
 * happened, whether the record is resolved or paused, and writes the state with the record (same
 * transaction, queued with the record's write). A record enters a policy when a target first applies.
 * The state rows of the record are locked first, so a write and the scheduler firing on the same record
 * serialize. Nothing is sent from here: warnings, breaches and escalations are the scheduler's.
 */
@ApplicationScoped
public class SlaHook implements BeforeSaveHook {
  private final ConditionService conditions;
  private final SlaStore store;
  private final Clock clock;

  public SlaHook(ConditionService conditions, SlaStore store, Clock clock) {
    this.conditions = conditions;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public int order() {
    return 1000;
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    if (ctx.operation() == Operation.DELETE || !ctx.problems().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<SlaPolicyDefinition> policies = ctx.metadata().activeFor(SlaPolicyDefinition.class, ctx.entity().name());
    if (policies.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant now = clock.instant();
    Uni<Map<String, SlaState>> stored = ctx.operation() == Operation.CREATE ? Uni.createFrom().item(Map.of())
        : store.lock(ctx.tx(), ctx.id()).map(all -> all.stream().collect(Collectors.toMap(s -> s.policy, Function.identity())));
    return stored.chain(states -> Sequence.each(policies, p -> apply(ctx, p, states.get(p.name()), now)));
  }

  private Uni<Void> apply(SaveContext ctx, SlaPolicyDefinition p, SlaState state, Instant now) {
    CalendarDefinition calendar = ctx.metadata().named(CalendarDefinition.class, p.calendar()).orElse(null);
    if (calendar == null) {
      return Uni.createFrom().voidItem(); // publishing checks the calendar; one deleted later leaves the clocks as they are
    }
    SlaClock c = new SlaClock(p, calendar);
    return target(ctx, p, 0).chain(target -> {
      if (state == null && target < 0) {
        return Uni.createFrom().voidItem();
      }
      SlaState s = state != null ? state : c.start(Uuids.v7(), ctx.entity().name(), ctx.id(), now);
      return holds(ctx, p.firstResponseWhen()).chain(responded -> holds(ctx, p.resolvedWhen())
          .chain(resolved -> holds(ctx, p.pauseWhen()).map(paused -> {
            c.observe(s, now, target, responded, resolved, paused);
            ctx.writeWithRecord(store.save(ctx.tx(), s));
            return null;
          })));
    });
  }

  /** The index of the first target from {@code i} whose condition holds; -1 when none does. */
  private Uni<Integer> target(SaveContext ctx, SlaPolicyDefinition p, int i) {
    if (i >= p.targets().size()) {
      return Uni.createFrom().item(-1);
    }
    String when = p.targets().get(i).when();
    Uni<Boolean> applies = when == null ? Uni.createFrom().item(true) : holds(ctx, when);
    return applies.chain(yes -> yes ? Uni.createFrom().item(i) : target(ctx, p, i + 1));
  }

  /** Whether a condition holds on the record being written (its new values); an absent one does not. */
  private Uni<Boolean> holds(SaveContext ctx, String condition) {
    return condition == null ? Uni.createFrom().item(false)
        : conditions.test(ctx.tx(), ctx.metadata(), ctx.entity().name(), condition, ctx.data(), ctx.before());
  }
}
