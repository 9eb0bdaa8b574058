package dev.tessera.assignment;

import dev.tessera.platform.Sequence;
import dev.tessera.expression.ConditionService;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.expr.Conditions;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Entry;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Strategy;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.StrategyType;
import dev.tessera.metamodel.model.AssignmentRuleDefinition.Tier;
import dev.tessera.metamodel.model.Target;
import dev.tessera.pool.PoolService;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.RecordChanged.Operation;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SaveContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the entity's active assignment rule in the before-save lane (after defaults, formulas and
 * validation rules): entries in order, the first whose conditions hold decides the owner through
 * its target and strategy; people who are not available are skipped; the fallback takes the rest.
 * The decision and its reasons are stored as a trace ("why this owner?"). A write whose client chose
 * the owner, or that already failed validation, is left alone.
 */
@ApplicationScoped
public class AssignmentEngine implements BeforeSaveHook {
  private final ConditionService conditions;
  private final AssignmentStore store;
  private final People people;
  private final PoolService pools;
  private final RecordStore records;
  private final EvalContext clock = EvalContext.system();

  public AssignmentEngine(ConditionService conditions, AssignmentStore store, RecordStore records, PoolService pools) {
    this.pools = pools;
    this.records = records;
    this.conditions = conditions;
    this.store = store;
    this.people = new People(records);
  }

  @Override
  public int order() {
    return 50;
  }

  /** Users, teams and memberships changed on this node: read teams afresh (other nodes' changes show within People.TTL_MS). */
  void onChange(@jakarta.enterprise.event.ObservesAsync dev.tessera.record.RecordChanged change) {
    if (change.entity().equals("user") || change.entity().equals("team") || change.entity().equals("teamMember")) {
      people.forget();
    }
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    AssignmentRuleDefinition rule = activeRule(ctx.metadata(), ctx.entity().name());
    if (rule == null || ctx.ownerGiven() || !ctx.problems().isEmpty() || !runs(rule, ctx)) {
      return Uni.createFrom().voidItem();
    }
    return assign(ctx, rule, Turns.live(store)).replaceWithVoid();
  }

  /**
   * Runs {@code rule} for the record in {@code ctx}: sets {@code ctx.owner()}, returns the trace and
   * queues it to be stored with the record's write. Used by the write path and by re-runs over stored
   * records.
   */
  Uni<Map<String, Object>> assign(SaveContext ctx, AssignmentRuleDefinition rule, Turns turns) {
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("rule", rule.name());
    List<Object> skipped = new ArrayList<>();
    trace.put("skipped", skipped);
    return entry(ctx, rule, 0, trace, skipped, turns)
        .chain(decided -> decided ? Uni.createFrom().voidItem() : fallback(ctx, rule, trace, turns))
        .invoke(() -> ctx.writeWithRecord(store.trace(ctx.tx(), ctx.entity().name(), ctx.id(), ctx.owner(), trace)))
        .replaceWith(trace);
  }

  /** The entity's active assignment rule (the first by name when several are active), or null. */
  static AssignmentRuleDefinition activeRule(MetadataSnapshot meta, String entity) {
    return meta.firstActive(AssignmentRuleDefinition.class, entity).orElse(null);
  }

  private static boolean runs(AssignmentRuleDefinition rule, SaveContext ctx) {
    AssignmentRuleDefinition.RunOn on = rule.runOn();
    if (ctx.operation() == Operation.CREATE) {
      return on.create();
    }
    if (ctx.operation() != Operation.UPDATE || !on.update()) {
      return false;
    }
    return on.updateFields().isEmpty() || on.updateFields().stream()
        .anyMatch(f -> !Objects.equals(ctx.before().data().get(f), ctx.data().get(f)));
  }

  /** Tries entries from {@code i} on; true once one has decided the owner. */
  private Uni<Boolean> entry(SaveContext ctx, AssignmentRuleDefinition rule, int i, Map<String, Object> trace,
      List<Object> skipped, Turns turns) {
    if (i >= rule.entries().size()) {
      return Uni.createFrom().item(false);
    }
    Entry e = rule.entries().get(i);
    String condition = Conditions.combine(e.when(), e.conditions());
    return conditions.test(ctx.tx(), ctx.metadata(), ctx.entity().name(), condition, ctx.data(), ctx.before())
        .chain(matches -> {
          if (!matches) {
            return entry(ctx, rule, i + 1, trace, skipped, turns);
          }
          Strategy strategy = e.strategy();
          Target target = pick(strategy, e.target(), ctx.data());
          if (strategy.type() != null && strategy.type().picksTarget()) {
            trace.put("pickedBy", strategy.type().jsonName());
          } else {
            trace.remove("pickedBy");
          }
          return decide(ctx, rule, e, target, strategy, trace, turns).chain(decided -> {
            if (decided) {
              trace.put("entry", e.name());
              return Uni.createFrom().item(true);
            }
            skipped.add(Map.of("entry", e.name(), "why", trace.remove("why")));
            return entry(ctx, rule, i + 1, trace, skipped, turns);
          });
        });
  }

  private Uni<Void> fallback(SaveContext ctx, AssignmentRuleDefinition rule, Map<String, Object> trace, Turns turns) {
    Target target = rule.fallback();
    trace.put("entry", null);
    if (target == null) {
      trace.put("why", "no entry applied and there is no fallback: the owner stays " + ctx.owner());
      return Uni.createFrom().voidItem();
    }
    return decide(ctx, rule, null, target, Strategy.NONE, trace, turns).replaceWithVoid();
  }

  /** The target a field-map or value-tier strategy picks from the record, else the entry's own. */
  private static Target pick(Strategy strategy, Target target, Map<String, Object> data) {
    if (strategy.type() == StrategyType.FIELD_MAP) {
      Object v = data.get(strategy.field());
      Target mapped = v == null ? null : strategy.map().get(String.valueOf(v));
      return mapped != null ? mapped : strategy.defaultTarget();
    }
    if (strategy.type() == StrategyType.VALUE_TIER) {
      Object v = data.get(strategy.field());
      if (v instanceof BigDecimal n) {
        Tier best = null;
        for (Tier tier : strategy.tiers()) {
          if (tier.min() != null && n.compareTo(tier.min()) >= 0 && (best == null || tier.min().compareTo(best.min()) > 0)) {
            best = tier;
          }
        }
        if (best != null) {
          return best.target();
        }
      }
      return strategy.defaultTarget();
    }
    return target;
  }

  /**
   * The skills a member must have: the strategy's own, plus the value (or values) of its skill field
   * in the record, e.g. the product category.
   */
  private static List<String> skills(Strategy strategy, Map<String, Object> data) {
    List<String> out = new ArrayList<>(strategy.skills());
    Object v = strategy.skillField() != null ? data.get(strategy.skillField()) : null;
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (v != null && !String.valueOf(v).isBlank()) {
      out.add(String.valueOf(v));
    }
    return out.stream().distinct().toList();
  }

  /**
   * The available member with the least open work (the workload conditions, counted in the database)
   * below their capacity (the user's own, else the strategy's); ties rotate by turn.
   */
  private Uni<Boolean> leastLoaded(SaveContext ctx, Strategy strategy, List<People.Person> members, long turn,
      Map<String, Object> trace, List<Object> considered) {
    dev.tessera.record.Filter workload = dev.tessera.record.Filters.conditions(ctx.entity(),
        strategy.workload() == null ? List.of() : strategy.workload());
    Map<String, Long> loads = new LinkedHashMap<>();
    return Sequence.each(members, p -> records.count(ctx.tx(), ctx.entity(), new dev.tessera.record.Filter.And(List.of(workload,
        new dev.tessera.record.Filter.Compare(dev.tessera.record.Column.of(dev.tessera.record.SystemColumn.OWNER_ID),
            dev.tessera.record.Filter.Op.EQ, p.username()))), false).invoke(n -> loads.put(p.username(), n))).map(v -> {
      List<People.Person> lightest = new ArrayList<>();
      long min = Long.MAX_VALUE;
      for (People.Person p : members) {
        long load = loads.get(p.username());
        Long cap = p.capacity() != null ? Long.valueOf(p.capacity().longValue())
            : strategy.capacity() != null ? Long.valueOf(strategy.capacity()) : null;
        for (Object c : considered) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) c;
          if (p.username().equals(m.get("user"))) {
            m.put("load", load);
            if (cap != null) {
              m.put("capacity", cap);
            }
          }
        }
        if (cap != null && load >= cap) {
          continue;
        }
        if (load < min) {
          lightest.clear();
          min = load;
        }
        if (load == min) {
          lightest.add(p);
        }
      }
      if (lightest.isEmpty()) {
        trace.put("why", "everyone available is at capacity");
        return false;
      }
      People.Person chosen = lightest.get((int) Math.floorMod(turn - 1, (long) lightest.size()));
      ctx.owner(chosen.username());
      trace.put("turn", turn);
      trace.put("owner", chosen.username());
      return true;
    });
  }

  /** Sets the owner from a target; false (with a reason in the trace) when nobody there can take it. */
  private Uni<Boolean> decide(SaveContext ctx, AssignmentRuleDefinition rule, Entry entry, Target target, Strategy strategy,
      Map<String, Object> trace, Turns turns) {
    if (target == null || target.type() == null) {
      trace.put("why", "the strategy picked no target for this record");
      return Uni.createFrom().item(false);
    }
    String key = target.key();
    trace.put("target", Map.of("type", target.type().jsonName(), "key", key));
    boolean skipUnavailable = entry == null || entry.skipUnavailable();
    switch (target.type()) {
      case POOL -> {
        String previous = ctx.before() == null ? null : ctx.before().ownerId();
        ctx.owner(null);
        trace.put("owner", null);
        trace.put("why", "sent to the pool " + key);
        return pools.enter(ctx.tx(), key, ctx.entity().name(), ctx.id(), previous).replaceWith(true);
      }
      case QUEUE -> {
        String previous = ctx.before() == null ? null : ctx.before().ownerId();
        ctx.owner(null);
        trace.put("owner", null);
        trace.put("why", "waits in the queue of team " + key + " until one of its members takes it");
        return pools.enter(ctx.tx(), PoolService.QUEUE + key, ctx.entity().name(), ctx.id(), previous).replaceWith(true);
      }
      case USER -> {
        return people.user(ctx.tx(), ctx.metadata(), key, clock).map(p -> {
          if (p == null || (!p.available() && skipUnavailable)) {
            trace.put("why", p == null ? "no user " + key : key + " is not available (" + p.why() + ")");
            return false;
          }
          ctx.owner(p.username());
          trace.put("owner", p.username());
          trace.put("strategy", "user");
          return true;
        });
      }
      default -> {
        List<String> needed = skills(strategy, ctx.data());
        if (!needed.isEmpty()) {
          trace.put("skills", needed);
        }
        return people.team(ctx.tx(), ctx.metadata(), key, clock).chain(members -> {
          List<Object> considered = new ArrayList<>();
          List<People.Person> available = new ArrayList<>();
          for (People.Person p : members) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("user", p.username());
            List<String> missing = needed.stream().filter(x -> !p.skills().contains(x)).toList();
            boolean can = (p.available() || !skipUnavailable) && missing.isEmpty();
            c.put("available", can);
            if (p.why() != null) {
              c.put("why", p.why());
            } else if (!missing.isEmpty()) {
              c.put("why", "lacks the skill " + String.join(", ", missing));
            }
            considered.add(c);
            if (can) {
              available.add(p);
            }
          }
          StrategyType sharing = strategy.sharing();
          if (sharing == StrategyType.LEAST_LOADED) {
            trace.put("considered", considered);
          } else {
            // only who was skipped and why; the available ones are counted (the trace stays small for big teams)
            trace.put("considered", considered.stream().filter(c -> !Boolean.TRUE.equals(((Map<?, ?>) c).get("available"))).toList());
            trace.put("available", available.size());
          }
          if (available.isEmpty()) {
            trace.put("why", members.isEmpty() ? "team " + key + " has no members" : "nobody in team " + key + " is available"
                + (needed.isEmpty() ? "" : " with the skill " + String.join(", ", needed)));
            return Uni.createFrom().item(false);
          }
          trace.put("strategy", sharing.jsonName());
          String entryId = entry == null ? "fallback" : entry.key();
          boolean leastLoaded = sharing == StrategyType.LEAST_LOADED;
          // each skill set rotates on its own, so 家电 and 手机 records interleaving stay fair within each group
          String rotation = "team:" + key + (needed.isEmpty() ? "" : "|" + String.join(",", needed.stream().sorted().toList()));
          Uni<Long> turn = turns.take(ctx.tx(), rule.id() != null ? rule.id() : rule.name(), entryId, rotation,
              leastLoaded);
          if (leastLoaded) {
            // the turn's row lock serializes assignments to this team, so the counts below include every
            // committed assignment and no cap is passed by two writers at once
            return turn.chain(n -> leastLoaded(ctx, strategy, available, n, trace, considered));
          }
          return turn.map(n -> {
            People.Person chosen = Rotation.pick(sharing, available, strategy, n);
            ctx.owner(chosen.username());
            trace.put("turn", n);
            trace.put("owner", chosen.username());
            return true;
          });
        });
      }
    }
  }
}
