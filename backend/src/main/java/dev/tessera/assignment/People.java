package dev.tessera.assignment;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.expr.EvalContext;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Users and team members as the assignment engine sees them, read from the built-in user, team and
 * teamMember entities in the write's transaction, with whether each can take work right now.
 */
final class People {
  /** A user who could get the record; {@code why} says why not when {@code available} is false. */
  record Person(String username, String name, boolean available, String why, java.math.BigDecimal weight,
      java.math.BigDecimal capacity, List<String> skills) {
    Person(String username, String name, boolean available, String why, java.math.BigDecimal weight,
        java.math.BigDecimal capacity) {
      this(username, name, available, why, weight, capacity, List.of());
    }

    Person withSkills(List<String> skills) {
      return new Person(username, name, available, why, weight, capacity, skills);
    }
  }

  private static final int MAX_MEMBERS = 1000;
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  /** How long a team's members are reused before they are read again (other app nodes' changes show by then). */
  static final long TTL_MS = 5_000;

  /** A team's member users, their weights and skills, as read at {@code readAt} for one metadata version. */
  private record Members(int version, long readAt, List<DataRecord> users, Map<UUID, java.math.BigDecimal> weights,
      Map<UUID, List<String>> skills) {}

  private final RecordStore store;
  private final Map<String, Members> teams = new java.util.concurrent.ConcurrentHashMap<>();

  People(RecordStore store) {
    this.store = store;
  }

  /** Forgets the cached teams (a user, team or membership changed on this node). */
  void forget() {
    teams.clear();
  }

  Uni<Person> user(Tx tx, MetadataSnapshot meta, String username, EvalContext clock) {
    EntityDefinition users = meta.entity("user");
    return store.find(tx, RecordQuery.byField(users, "username", username, 1))
        .map(rows -> rows.isEmpty() ? null : person(rows.get(0), java.math.BigDecimal.ONE, clock));
  }

  /**
   * The members of the team with this code, by username, with their availability now; empty when
   * there is no such team. Members are read at most every {@link #TTL_MS} per team; availability is
   * computed on every call.
   */
  Uni<List<Person>> team(Tx tx, MetadataSnapshot meta, String code, EvalContext clock) {
    Members cached = teams.get(code);
    Uni<Members> members = cached != null && cached.version() == meta.version()
        && System.currentTimeMillis() - cached.readAt() < TTL_MS ? Uni.createFrom().item(cached)
        : read(tx, meta, code).invoke(m -> teams.put(code, m));
    return members.map(m -> {
      List<Person> out = new ArrayList<>();
      for (DataRecord u : m.users()) {
        out.add(person(u, m.weights().get(u.id()), clock).withSkills(m.skills().getOrDefault(u.id(), List.of())));
      }
      out.sort(Comparator.comparing(Person::username));
      return out;
    });
  }

  private Uni<Members> read(Tx tx, MetadataSnapshot meta, String code) {
    EntityDefinition teamEntity = meta.entity("team");
    EntityDefinition members = meta.entity("teamMember");
    EntityDefinition users = meta.entity("user");
    long now = System.currentTimeMillis();
    return store.find(tx, RecordQuery.byField(teamEntity, "code", code, 1)).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().item(new Members(meta.version(), now, List.of(), Map.of(), Map.of()));
      }
      return store.find(tx, RecordQuery.byField(members, "team", found.get(0).id().toString(), MAX_MEMBERS)).chain(rows -> {
        Map<UUID, java.math.BigDecimal> weights = new java.util.HashMap<>();
        Map<UUID, List<String>> skills = new java.util.HashMap<>();
        for (DataRecord m : rows) {
          Object weight = m.data().get("weight");
          UUID member = UUID.fromString((String) m.data().get("member"));
          weights.put(member, weight instanceof java.math.BigDecimal w ? w : java.math.BigDecimal.ONE);
          if (m.data().get("skills") instanceof List<?> l) {
            skills.put(member, l.stream().map(String::valueOf).toList());
          }
        }
        return store.findByIds(tx, users, weights.keySet()).map(us -> new Members(meta.version(), now, us, weights, skills));
      });
    });
  }

  @SuppressWarnings("unchecked")
  private static Person person(DataRecord u, java.math.BigDecimal weight, EvalContext clock) {
    Map<String, Object> d = u.data();
    String username = (String) d.get("username");
    String name = (String) d.get("name");
    java.math.BigDecimal capacity = d.get("capacity") instanceof java.math.BigDecimal c ? c : null;
    String status = (String) d.getOrDefault("status", "active");
    if (!"active".equals(status)) {
      return new Person(username, name, false, "onLeave".equals(status) ? "on leave" : "inactive", weight, capacity);
    }
    OffsetDateTime now = clock.now().atZoneSameInstant(clock.zone()).toOffsetDateTime();
    List<String> days = d.get("workingDays") instanceof List<?> l ? (List<String>) l : null;
    if (days != null && !days.contains(DAYS[now.getDayOfWeek().getValue() - 1])) {
      return new Person(username, name, false, "not a working day", weight, capacity);
    }
    String start = (String) d.get("workStart");
    String end = (String) d.get("workEnd");
    LocalTime t = now.toLocalTime();
    if (start != null && t.isBefore(LocalTime.parse(start)) || end != null && !end.equals("24:00") && !t.isBefore(LocalTime.parse(end))) {
      return new Person(username, name, false, "outside working hours", weight, capacity);
    }
    return new Person(username, name, true, null, weight, capacity);
  }
}
