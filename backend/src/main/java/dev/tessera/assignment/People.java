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
      java.math.BigDecimal capacity, List<String> skills) {}

  private static final int MAX_MEMBERS = 1000;
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  /** How long a team's members are reused before they are read again (other app nodes' changes show by then). */
  static final long TTL_MS = 5_000;

  /** A team's members, read at {@code readAt} for one metadata version. */
  private record Members(int version, long readAt, List<Profile> profiles) {}

  /**
   * What decides whether a user can take work, parsed once when the team is read: status, working
   * days and hours, capacity, and the membership's weight and skills.
   */
  private record Profile(String username, String name, String status, List<String> days, LocalTime start, LocalTime end,
      java.math.BigDecimal capacity, java.math.BigDecimal weight, List<String> skills) {
    @SuppressWarnings("unchecked")
    static Profile of(DataRecord u, java.math.BigDecimal weight, List<String> skills) {
      Map<String, Object> d = u.data();
      String start = (String) d.get("workStart");
      String end = (String) d.get("workEnd");
      return new Profile((String) d.get("username"), (String) d.get("name"), (String) d.getOrDefault("status", "active"),
          d.get("workingDays") instanceof List<?> l ? (List<String>) l : null, start == null ? null : LocalTime.parse(start),
          end == null || end.equals("24:00") ? null : LocalTime.parse(end),
          d.get("capacity") instanceof java.math.BigDecimal c ? c : null, weight, skills);
    }

    /** The person as of {@code now} (China time). */
    Person at(OffsetDateTime now) {
      if (!"active".equals(status)) {
        return new Person(username, name, false, "onLeave".equals(status) ? "on leave" : "inactive", weight, capacity, skills);
      }
      if (days != null && !days.contains(DAYS[now.getDayOfWeek().getValue() - 1])) {
        return new Person(username, name, false, "not a working day", weight, capacity, skills);
      }
      LocalTime t = now.toLocalTime();
      if (start != null && t.isBefore(start) || end != null && !t.isBefore(end)) {
        return new Person(username, name, false, "outside working hours", weight, capacity, skills);
      }
      return new Person(username, name, true, null, weight, capacity, skills);
    }
  }

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
        .map(rows -> rows.isEmpty() ? null : Profile.of(rows.get(0), java.math.BigDecimal.ONE, List.of()).at(now(clock)));
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
      OffsetDateTime now = now(clock);
      List<Person> out = new ArrayList<>(m.profiles().size());
      for (Profile p : m.profiles()) {
        out.add(p.at(now));
      }
      return out;
    });
  }

  private static OffsetDateTime now(EvalContext clock) {
    return clock.now().atZoneSameInstant(clock.zone()).toOffsetDateTime();
  }

  private Uni<Members> read(Tx tx, MetadataSnapshot meta, String code) {
    EntityDefinition teamEntity = meta.entity("team");
    EntityDefinition members = meta.entity("teamMember");
    EntityDefinition users = meta.entity("user");
    long now = System.currentTimeMillis();
    return store.find(tx, RecordQuery.byField(teamEntity, "code", code, 1)).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().item(new Members(meta.version(), now, List.of()));
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
        return store.findByIds(tx, users, weights.keySet()).map(us -> new Members(meta.version(), now, us.stream()
            .map(u -> Profile.of(u, weights.get(u.id()), skills.getOrDefault(u.id(), List.of())))
            .sorted(Comparator.comparing(Profile::username)).toList()));
      });
    });
  }
}
