package dev.tessera.security;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SystemColumn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a caller is for permissions: the roles a user holds (the {@code roles} field of the built-in
 * {@code user} record; none while the user is not active) and the {@link Viewer} record scopes need
 * (team mates, the user's values). Read from the built-in user, team and teamMember records and kept
 * for {@link #TTL_MS}, dropped at once when one of those records changes on this node; other nodes see
 * a change within the TTL.
 */
@ApplicationScoped
public class Callers {
  /** How long a user's facts are reused. */
  static final long TTL_MS = 5_000;
  /** Most memberships read for one user (more teams, or bigger ones, are not expected of a CRM's staff). */
  private static final int MAX_ROWS = 5_000;
  private static final String ROLES = PolicyCompiler.ROLES_FIELD;

  /** A user's roles and viewer. */
  public record Facts(Set<String> roles, Viewer viewer) {}

  private record Cached(long readAt, Uni<Facts> facts) {}

  private final RecordStore store;
  private final TxRunner tx;
  private final MetadataRegistry registry;
  private final Map<String, Cached> byUser = new ConcurrentHashMap<>();

  public Callers(RecordStore store, TxRunner tx, MetadataRegistry registry) {
    this.store = store;
    this.tx = tx;
    this.registry = registry;
  }

  /** The actor of a signed-in user: its roles read from its user record; {@code admin} added when {@code administrator}. */
  public Uni<Actor> user(String username, String source, boolean administrator) {
    return facts(username).map(f -> {
      Set<String> roles = new TreeSet<>(f.roles());
      if (administrator) {
        roles.add(dev.tessera.metamodel.model.RoleDefinition.ADMIN);
      }
      return new Actor(username, source, roles);
    });
  }

  /** The actor of an API key, bound to one role. */
  public static Actor apiKey(String name, String role, String source) {
    return new Actor(name, source, Set.of(role));
  }

  /** A user's facts, cached. */
  public Uni<Facts> facts(String username) {
    long now = System.currentTimeMillis();
    Cached c = byUser.get(username);
    if (c != null && now - c.readAt() < TTL_MS) {
      return c.facts();
    }
    Uni<Facts> loading = tx.withConnection(t -> load(t, username, registry.current())).memoize().indefinitely();
    Cached fresh = new Cached(now, loading);
    byUser.put(username, fresh);
    return loading.onFailure().invoke(x -> byUser.remove(username, fresh));
  }

  /** The viewer of an actor: a user's from its records; an API key's or an unknown user's has no team. */
  public Uni<Viewer> viewer(Actor actor) {
    if (actor.userId().startsWith("apikey:") || actor.anonymous()) {
      return Uni.createFrom().item(new Viewer(actor.userId(), Set.of(), Map.of()));
    }
    return facts(actor.userId()).map(Facts::viewer);
  }

  void changed(@ObservesAsync RecordChanged change) {
    String e = change.entity();
    if (e.equals("user") || e.equals("team") || e.equals("teamMember")) {
      byUser.clear();
    }
  }

  private Uni<Facts> load(Tx t, String username, MetadataSnapshot meta) {
    EntityDefinition users = meta.entity("user");
    return store.find(t, RecordQuery.byField(users, "username", username, 1)).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().item(new Facts(Set.of(), new Viewer(username, Set.of(), Map.of())));
      }
      DataRecord user = found.get(0);
      Set<String> roles = "active".equals(user.get("status")) ? names(user.get(ROLES)) : Set.of();
      String id = user.id().toString();
      EntityDefinition members = meta.entity("teamMember");
      EntityDefinition teams = meta.entity("team");
      Set<String> teamIds = new LinkedHashSet<>();
      return find(t, members, "member", List.of(id)).invoke(ms -> ms.forEach(m -> add(teamIds, m.get("team"))))
          .chain(() -> find(t, teams, "manager", List.of(id))).invoke(ts -> ts.forEach(x -> teamIds.add(x.id().toString())))
          .chain(() -> teamIds.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of()) : find(t, members, "team", teamIds))
          .chain(ms -> {
            Set<UUID> userIds = new LinkedHashSet<>();
            ms.forEach(m -> {
              if (m.get("member") instanceof String s) {
                userIds.add(UUID.fromString(s));
              }
            });
            return userIds.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of()) : store.findByIds(t, users, userIds);
          })
          .map(mates -> {
            Set<String> names = new TreeSet<>();
            mates.forEach(u -> add(names, u.get("username")));
            return new Facts(roles, new Viewer(username, names, user.data()));
          });
    });
  }

  private Uni<List<DataRecord>> find(Tx t, EntityDefinition e, String field, Collection<String> values) {
    Filter f = new Filter.Compare(Column.of(e.field(field).orElseThrow()), Filter.Op.IN, List.copyOf(values));
    Page page = new Page(List.of(new OrderKey(Column.of(SystemColumn.ID), false)), null, false, MAX_ROWS);
    return store.find(t, new RecordQuery(e, f, page, false));
  }

  private static Set<String> names(Object value) {
    Set<String> out = new TreeSet<>();
    if (value instanceof Collection<?> c) {
      c.forEach(x -> add(out, x));
    }
    return out;
  }

  private static void add(Set<String> out, Object value) {
    if (value instanceof String s && !s.isBlank()) {
      out.add(s);
    }
  }
}
