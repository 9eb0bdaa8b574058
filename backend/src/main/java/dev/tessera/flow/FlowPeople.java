package dev.tessera.flow;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who a task or message goes to, read in the step's transaction from the built-in {@code user},
 * {@code team} and {@code teamMember} records: the record's owner, the manager of the owner's team, a
 * named user, or the user a reference field of the record points at.
 */
@ApplicationScoped
class FlowPeople {
  private final RecordStore store;

  FlowPeople(RecordStore store) {
    this.store = store;
  }

  /** The user record of {@code to}; fails naming who could not be found. */
  Uni<DataRecord> recipient(FlowContext ctx, FlowNode.Recipient to) {
    FlowNode.RecipientType type = to == null ? FlowNode.RecipientType.RECORD_OWNER : to.type();
    switch (type) {
      case USER:
        return user(ctx, to.username());
      case FIELD: {
        Object id = ctx.record == null ? null : ctx.record.get(to.field());
        boolean toUser = ctx.entity != null && ctx.entity.field(to.field())
            .map(f -> f.type() == FieldType.REFERENCE && "user".equals(f.target())).orElse(false);
        if (!toUser || id == null) {
          throw new FlowFailure("NO_ADDRESS", Map.of("field", to.field()));
        }
        return store.findById(ctx.tx, ctx.meta.entity("user"), UUID.fromString(id.toString()), false).map(u -> {
          if (u == null) {
            throw new FlowFailure("NO_USER", Map.of("username", id));
          }
          return u;
        });
      }
      case OWNER_MANAGER:
        return owner(ctx, "manager").chain(owner -> manager(ctx, owner));
      default:
        return owner(ctx, "owner").chain(username -> user(ctx, username));
    }
  }

  /** The members' user records of the team with this code (or, failing that, this name), in membership order. */
  Uni<List<DataRecord>> teamMembers(FlowContext ctx, String team) {
    EntityDefinition teams = ctx.meta.entity("team");
    EntityDefinition members = ctx.meta.entity("teamMember");
    return store.find(ctx.tx, RecordQuery.byField(teams, "code", team, 1))
        .chain(byCode -> byCode.isEmpty() ? store.find(ctx.tx, RecordQuery.byField(teams, "name", team, 1))
            : Uni.createFrom().item(byCode))
        .chain(found -> {
          if (found.isEmpty()) {
            throw new FlowFailure("NO_TEAM", Map.of("team", team));
          }
          return store.find(ctx.tx, RecordQuery.byField(members, "team", found.get(0).id().toString(), MAX_PEOPLE));
        })
        .chain(rows -> {
          Set<UUID> ids = new LinkedHashSet<>();
          rows.forEach(m -> {
            if (m.get("member") != null) {
              ids.add(UUID.fromString(m.get("member").toString()));
            }
          });
          return ids.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of())
              : store.findByIds(ctx.tx, ctx.meta.entity("user"), ids);
        });
  }

  /** Active users holding {@code role} (at most {@link #MAX_PEOPLE}, in id order), selected in SQL. */
  Uni<List<DataRecord>> holders(FlowContext ctx, String role) {
    EntityDefinition users = ctx.meta.entity("user");
    dev.tessera.record.Filter holding = new dev.tessera.record.Filter.And(List.of(
        new dev.tessera.record.Filter.Compare(column(users, "roles"), dev.tessera.record.Filter.Op.HAS_ANY, List.of(role)),
        new dev.tessera.record.Filter.Compare(column(users, "status"), dev.tessera.record.Filter.Op.NE, "inactive")));
    dev.tessera.record.Page page = new dev.tessera.record.Page(List.of(new dev.tessera.record.OrderKey(
        dev.tessera.record.Column.of(dev.tessera.record.SystemColumn.ID), false)), null, false, MAX_PEOPLE);
    return store.find(ctx.tx, new RecordQuery(users, holding, page, false));
  }

  private static dev.tessera.record.Column column(EntityDefinition e, String field) {
    return dev.tessera.record.Column.of(e.field(field).orElseThrow());
  }

  /** Most users a team or role names as approvers or recipients. */
  static final int MAX_PEOPLE = 1_000;

  private static Uni<String> owner(FlowContext ctx, String what) {
    String owner = ctx.record == null ? null : ctx.record.ownerId();
    if (owner == null) {
      throw new FlowFailure("NO_OWNER", Map.of("what", what));
    }
    return Uni.createFrom().item(owner);
  }

  /** The active user with this username. */
  Uni<DataRecord> user(FlowContext ctx, String username) {
    EntityDefinition users = ctx.meta.entity("user");
    return store.find(ctx.tx, RecordQuery.byField(users, "username", username, 1)).map(found -> {
      if (found.isEmpty()) {
        throw new FlowFailure("NO_USER", Map.of("username", String.valueOf(username)));
      }
      return found.get(0);
    });
  }

  /** The manager of a team {@code ownerName} belongs to (the first such team by id); fails when there is none. */
  Uni<DataRecord> manager(FlowContext ctx, String ownerName) {
    EntityDefinition members = ctx.meta.entity("teamMember");
    EntityDefinition teams = ctx.meta.entity("team");
    EntityDefinition users = ctx.meta.entity("user");
    return user(ctx, ownerName).chain(owner -> store.find(ctx.tx,
            RecordQuery.byField(members, "member", owner.id().toString(), 100))
        .chain(memberships -> {
          Set<UUID> teamIds = new LinkedHashSet<>();
          memberships.forEach(m -> {
            if (m.get("team") != null) {
              teamIds.add(UUID.fromString(m.get("team").toString()));
            }
          });
          return teamIds.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of()) : store.findByIds(ctx.tx, teams, teamIds);
        })
        .chain(found -> {
          UUID manager = found.stream().map(t -> t.get("manager")).filter(m -> m != null)
              .map(m -> UUID.fromString(m.toString())).filter(m -> !m.equals(owner.id())).findFirst().orElse(null);
          if (manager == null) {
            throw new FlowFailure("NO_MANAGER", Map.of("owner", ownerName));
          }
          return store.findById(ctx.tx, users, manager, false);
        }))
        .map(u -> {
          if (u == null) {
            throw new FlowFailure("NO_MANAGER", Map.of("owner", ownerName));
          }
          return u;
        });
  }
}
