package dev.tessera.pool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.model.EntityDefinition;
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
import java.util.UUID;

/**
 * Claiming and releasing records of a public pool (公海池). A claim takes the record out of the pool
 * and makes the claimant its owner in one transaction; of any number of simultaneous claims exactly
 * one wins, the others get ALREADY_CLAIMED. The pool's limits apply: claims per day, records held,
 * and a cool-down before the previous owner may take a record back.
 */
@ApplicationScoped
public class PoolService {
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
  public JsonNode pool(MetadataSnapshot meta, String name) {
    return meta.definitions("pool").stream().filter(d -> name.equals(d.path("name").asText()))
        .findFirst().orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND, "There is no pool \"" + name + "\"",
            "没有名为“" + name + "”的公海池", "pool", List.of()));
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

  public Uni<DataRecord> claim(String poolName, UUID id, Actor actor) {
    MetadataSnapshot meta = registry.current();
    if (poolName.startsWith(QUEUE)) {
      return take(meta, poolName, id, actor);
    }
    JsonNode pool = pool(meta, poolName);
    EntityDefinition e = meta.entity(pool.path("entity").asText());
    String user = actor.userId();
    return service.inOneTransaction((t, events) -> limits(t, meta, pool, e, user)
        .chain(() -> taken(t, poolName, id))
        .chain(entry -> {
          int cooldown = pool.path("cooldownDays").asInt(0);
          if (cooldown > 0 && user.equals(entry.previousOwner())
              && entry.enteredAt().isAfter(OffsetDateTime.now().minusDays(cooldown))) {
            throw refused("You gave this record back less than " + cooldown + " day(s) ago; others may claim it first",
                "你退回这条记录还不到 " + cooldown + " 天，暂时不能再领取");
          }
          return own(t, e, poolName, id, user, events);
        }));
  }

  /** A member of the queue's team takes a record from it. */
  private Uni<DataRecord> take(MetadataSnapshot meta, String queue, UUID id, Actor actor) {
    String user = actor.userId();
    return service.inOneTransaction((t, events) -> eligible(t, meta, List.of(queue.substring(QUEUE.length())), user)
        .chain(() -> taken(t, queue, id))
        .chain(entry -> own(t, meta.entity(entry.entity()), queue, id, user, events)));
  }

  /** Takes the record out of the pool or queue; ALREADY_CLAIMED when it is not there (another claim won). */
  private Uni<PoolStore.Entry> taken(Tx t, String poolName, UUID id) {
    return pools.take(t, poolName, id).invoke(entry -> {
      if (entry == null) {
        throw new PlatformException(ErrorCode.ALREADY_CLAIMED, "This record is no longer in \"" + poolName
            + "\": someone else claimed it first", "这条记录已被他人领取，不在“" + poolName + "”中了", "id", List.of());
      }
    });
  }

  /** The claimant becomes the owner; the claim is recorded. */
  private Uni<DataRecord> own(Tx t, EntityDefinition e, String poolName, UUID id, String user, List<RecordChanged> events) {
    return records.findById(t, e, id, false)
        .chain(r -> {
          if (r == null) {
            throw new PlatformException(ErrorCode.NOT_FOUND, "The record " + id + " no longer exists", "记录不存在", "id", List.of());
          }
          return service.changeOwner(t, e, r, user, new Actor(user), events);
        })
        .call(r -> pools.claimed(t, poolName, id, user));
  }

  /** The owner gives a record back to the pool; it is unowned until someone claims it. */
  public Uni<DataRecord> release(String poolName, UUID id, Actor actor) {
    if (poolName.startsWith(QUEUE)) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, "A record taken from a queue is not given back to it;"
          + " give it to a colleague by changing its owner", "从队列领取的记录不能退回队列，如需转交请修改负责人", "pool", List.of());
    }
    MetadataSnapshot meta = registry.current();
    JsonNode pool = pool(meta, poolName);
    EntityDefinition e = meta.entity(pool.path("entity").asText());
    return service.inOneTransaction((t, events) -> records.findById(t, e, id, false).chain(r -> {
      if (r == null) {
        throw new PlatformException(ErrorCode.NOT_FOUND, "The record " + id + " does not exist", "记录不存在", "id", List.of());
      }
      if (!actor.userId().equals(r.ownerId())) {
        throw new PlatformException(ErrorCode.FORBIDDEN, "Only the owner can give a record back to the pool",
            "只有负责人可以把记录退回公海池", "id", List.of());
      }
      return service.changeOwner(t, e, r, null, actor, events)
          .call(after -> pools.enter(t, poolName, e.name(), id, actor.userId()));
    }));
  }

  private Uni<Void> limits(Tx t, MetadataSnapshot meta, JsonNode pool, EntityDefinition e, String user) {
    JsonNode caps = pool.path("claimLimits");
    List<String> teams = new ArrayList<>();
    pool.path("teams").forEach(x -> teams.add(x.asText()));
    Uni<Void> chain = eligible(t, meta, teams, user);
    if (caps.has("perDay")) {
      long perDay = caps.get("perDay").asLong();
      OffsetDateTime midnight = java.time.LocalDate.now(EvalContext.CHINA).atStartOfDay(EvalContext.CHINA).toOffsetDateTime();
      chain = chain.chain(() -> pools.claimsSince(t, pool.path("name").asText(), user, midnight).invoke(n -> {
        if (n >= perDay) {
          throw refused("You have claimed " + n + " records from this pool today, the most allowed is " + perDay,
              "你今天已从这个公海池领取 " + n + " 条，已达每日上限 " + perDay + " 条");
        }
      }).replaceWithVoid());
    }
    if (caps.has("held")) {
      long held = caps.get("held").asLong();
      Filter mine = new Filter.And(List.of(new Filter.Compare(Column.of(SystemColumn.OWNER_ID), Filter.Op.EQ, user),
          Filters.conditions(e, caps.path("heldWhen"))));
      chain = chain.chain(() -> records.count(t, e, mine, false).invoke(n -> {
        if (n >= held) {
          throw refused("You already hold " + n + " " + e.name() + " records, the most allowed is " + held,
              "你手上已有 " + n + " 条记录，已达上限 " + held + " 条");
        }
      }).replaceWithVoid());
    }
    return chain;
  }

  /** When the pool names teams, only their members may claim. */
  private Uni<Void> eligible(Tx t, MetadataSnapshot meta, List<String> teams, String user) {
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
        throw refused("Only members of " + String.join(", ", teams) + " may claim from here",
            "只有 " + String.join("、", teams) + " 团队的成员可以领取");
      }
    }).replaceWithVoid();
  }

  private static PlatformException refused(String en, String zh) {
    return new PlatformException(ErrorCode.CLAIM_REFUSED, en, zh, "pool", List.of());
  }
}
