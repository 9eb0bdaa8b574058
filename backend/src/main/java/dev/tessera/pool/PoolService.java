package dev.tessera.pool;

import dev.tessera.platform.Sequence;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.Filters;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SystemColumn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claiming and releasing records of a public pool (公海池). A claim takes the record out of the pool
 * and makes the claimant its owner in one transaction; of any number of simultaneous claims exactly
 * one wins, the others get ALREADY_CLAIMED. The pool's limits apply: claims per day, records held,
 * and a cool-down before the previous owner may take a record back.
 */
@ApplicationScoped
public class PoolService {
  private static final Messages M = Messages.of("pool");
  private final MetadataRegistry registry;
  private final PoolStore pools;
  private final RecordStore records;
  private final RecordService service;
  private final dev.tessera.platform.TxRunner tx;

  public PoolService(MetadataRegistry registry, PoolStore pools, RecordStore records, RecordService service,
      dev.tessera.platform.TxRunner tx) {
    this.tx = tx;
    this.service = service;
    this.registry = registry;
    this.pools = pools;
    this.records = records;
  }

  /** The pool definition of this name in the live metadata. */
  public PoolDefinition pool(MetadataSnapshot meta, String name) {
    return meta.named(PoolDefinition.class, name).orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND,
        M.text("NO_POOL", Map.of("name", name)), "pool"));
  }

  /** How messages name a pool (its label) or a team's queue. */
  private LocalizedText where(MetadataSnapshot meta, String poolName) {
    if (poolName.startsWith(QUEUE)) {
      return M.text("QUEUE", Map.of("team", poolName.substring(QUEUE.length())));
    }
    PoolDefinition p = pool(meta, poolName);
    return p.label() != null ? p.label() : LocalizedText.of(p.name(), p.name());
  }

  /** Puts a record into a pool inside the caller's transaction (assignment to a pool, release, recycling). */
  public Uni<Void> enter(Tx t, String pool, String entity, UUID id, String previousOwner) {
    return pools.enter(t, pool, entity, id, previousOwner);
  }

  /**
   * A team's queue, an assignment target: its records wait unowned, addressed as {@code queue:<team
   * code>}, until a member of the team takes one (with claimRecord); of simultaneous takes exactly one
   * wins. Unlike a pool it has no definition, limits or recycling.
   */
  public static final String QUEUE = "queue:";

  public Uni<DataRecord> claim(String poolName, UUID id, Actor caller) {
    Actor actor = caller.via("pool");
    MetadataSnapshot meta = registry.current();
    if (poolName.startsWith(QUEUE)) {
      return take(meta, poolName, id, actor);
    }
    PoolDefinition pool = pool(meta, poolName);
    EntityDefinition e = meta.entity(pool.entity());
    String user = actor.userId();
    LocalizedText where = where(meta, poolName);
    return service.inOneTransaction((t, events) -> limits(t, meta, pool, e, user)
        .chain(() -> taken(t, poolName, id, M.text("ALREADY_CLAIMED", Map.of("entity", e.label(), "pool", where))))
        .chain(entry -> {
          int cooldown = pool.cooldownDays();
          if (cooldown > 0 && user.equals(entry.previousOwner())
              && entry.enteredAt().isAfter(OffsetDateTime.now().minusDays(cooldown))) {
            throw refused("COOLDOWN", Map.of("entity", e.label(), "pool", where, "days", cooldown));
          }
          return own(t, e, poolName, id, user, events);
        }));
  }

  /** A member of the queue's team takes a record from it. */
  private Uni<DataRecord> take(MetadataSnapshot meta, String queue, UUID id, Actor actor) {
    String user = actor.userId();
    LocalizedText where = where(meta, queue);
    return service.inOneTransaction((t, events) -> eligible(t, meta, List.of(queue.substring(QUEUE.length())), user, where)
        .chain(() -> taken(t, queue, id, M.text("ALREADY_TAKEN", Map.of("pool", where))))
        .chain(entry -> own(t, meta.entity(entry.entity()), queue, id, user, events)));
  }

  /** Takes the record out of the pool or queue; ALREADY_CLAIMED when it is not there (another claim won). */
  private Uni<PoolStore.Entry> taken(Tx t, String poolName, UUID id, LocalizedText gone) {
    return pools.take(t, poolName, id).invoke(entry -> {
      if (entry == null) {
        throw new PlatformException(ErrorCode.ALREADY_CLAIMED, gone, "id");
      }
    });
  }

  /** The claimant becomes the owner; the claim is recorded. */
  private Uni<DataRecord> own(Tx t, EntityDefinition e, String poolName, UUID id, String user, List<RecordChanged> events) {
    return records.findById(t, e, id, false)
        .chain(r -> {
          if (r == null) {
            throw new PlatformException(ErrorCode.NOT_FOUND, M.text("NO_RECORD", Map.of("entity", e.label(), "id", id)), "id");
          }
          return service.changeOwner(t, e, r, user, new Actor(user, "pool"), events);
        })
        .call(r -> pools.claimed(t, poolName, id, user));
  }

  /** The owner gives a record back to the pool; it is unowned until someone claims it. */
  public Uni<DataRecord> release(String poolName, UUID id, Actor caller) {
    Actor actor = caller.via("pool");
    if (poolName.startsWith(QUEUE)) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, M.text("NO_QUEUE_RELEASE"), "pool");
    }
    MetadataSnapshot meta = registry.current();
    EntityDefinition e = meta.entity(pool(meta, poolName).entity());
    return service.inOneTransaction((t, events) -> records.findById(t, e, id, false).chain(r -> {
      if (r == null) {
        throw new PlatformException(ErrorCode.NOT_FOUND, M.text("NO_RECORD", Map.of("entity", e.label(), "id", id)), "id");
      }
      if (!actor.userId().equals(r.ownerId())) {
        throw new PlatformException(ErrorCode.FORBIDDEN, M.text("OWNER_ONLY", Map.of("entity", e.label(),
            "pool", where(meta, poolName))), "id");
      }
      return service.changeOwner(t, e, r, null, actor, events)
          .call(after -> pools.enter(t, poolName, e.name(), id, actor.userId()));
    }));
  }

  private Uni<Void> limits(Tx t, MetadataSnapshot meta, PoolDefinition pool, EntityDefinition e, String user) {
    PoolDefinition.ClaimLimits caps = pool.claimLimits();
    LocalizedText where = where(meta, pool.name());
    Uni<Void> chain = eligible(t, meta, pool.teams(), user, where);
    if (caps.perDay() != null) {
      long perDay = caps.perDay();
      OffsetDateTime midnight = java.time.LocalDate.now(EvalContext.CHINA).atStartOfDay(EvalContext.CHINA).toOffsetDateTime();
      chain = chain.chain(() -> pools.claimsSince(t, pool.name(), user, midnight).invoke(n -> {
        if (n >= perDay) {
          throw refused("PER_DAY", Map.of("entity", e.label(), "pool", where, "count", n, "max", perDay));
        }
      }).replaceWithVoid());
    }
    if (caps.held() != null) {
      long held = caps.held();
      Filter mine = new Filter.And(List.of(new Filter.Compare(Column.of(SystemColumn.OWNER_ID), Filter.Op.EQ, user),
          Filters.conditions(e, caps.heldWhen())));
      chain = chain.chain(() -> records.count(t, e, mine, false).invoke(n -> {
        if (n >= held) {
          throw refused("HELD", Map.of("entity", e.label(), "pool", where, "count", n, "max", held));
        }
      }).replaceWithVoid());
    }
    return chain;
  }

  /** When the pool names teams, only their members may claim. */
  private Uni<Void> eligible(Tx t, MetadataSnapshot meta, List<String> teams, String user, LocalizedText where) {
    if (teams.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    EntityDefinition users = meta.entity("user");
    EntityDefinition members = meta.entity("teamMember");
    EntityDefinition teamEntity = meta.entity("team");
    return records.find(t, dev.tessera.record.RecordQuery.byField(users, "username", user, 1)).chain(us -> {
      if (us.isEmpty()) {
        return Uni.createFrom().item(List.<DataRecord>of());
      }
      return records.find(t, dev.tessera.record.RecordQuery.byField(members, "member", us.get(0).id().toString(), 1000));
    }).chain(ms -> {
      java.util.Set<UUID> teamIds = new java.util.HashSet<>();
      ms.forEach(m -> teamIds.add(UUID.fromString((String) m.data().get("team"))));
      return teamIds.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of()) : records.findByIds(t, teamEntity, teamIds);
    }).invoke(ts -> {
      if (ts.stream().noneMatch(team -> teams.contains((String) team.data().get("code")))) {
        throw refused("TEAMS_ONLY", Map.of("teams", LocalizedText.of(String.join("、", teams), String.join(", ", teams)),
            "pool", where));
      }
    }).replaceWithVoid();
  }

  private static PlatformException refused(String code, Map<String, ?> args) {
    return new PlatformException(ErrorCode.CLAIM_REFUSED, M.text(code, args), "pool");
  }
}
