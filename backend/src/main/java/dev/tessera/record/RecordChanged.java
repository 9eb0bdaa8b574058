package dev.tessera.record;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One change of a record, as a write produced it: appended to the change feed in the write's own
 * transaction ({@link ChangeLog}), and fired as a CDI async event after commit for in-process caches.
 * The feed, not the event, is the source of truth: it survives a crash between commit and delivery.
 */
public record RecordChanged(
    String entity, UUID id, Operation operation, Map<String, Object> before, Map<String, Object> after,
    int version, String actor, String ownerBefore, String ownerAfter, String source) {

  /** True when the write gave the record another owner (a claim, a release, a reassignment). */
  public boolean ownerChanged() {
    return operation == Operation.UPDATE && !Objects.equals(ownerBefore, ownerAfter);
  }

  /**
   * The fields whose value differs, each with {@code before} and {@code after} (a create lists what it
   * set, a delete what the record held).
   */
  public Map<String, Map<String, Object>> changedFields() {
    Map<String, Object> b = before == null ? Map.of() : before;
    Map<String, Object> a = after == null ? Map.of() : after;
    Set<String> names = new LinkedHashSet<>(b.keySet());
    names.addAll(a.keySet());
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String n : names) {
      Object was = b.get(n);
      Object now = a.get(n);
      if (!Objects.equals(was, now)) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("before", was);
        pair.put("after", now);
        out.put(n, pair);
      }
    }
    return out;
  }

  /** The event of one write: {@code before} is null for a create, {@code after} null for a delete. */
  public static RecordChanged of(String entity, Operation op, DataRecord before, DataRecord after,
      dev.tessera.platform.Actor actor) {
    DataRecord r = after != null ? after : before;
    return new RecordChanged(entity, r.id(), op, before == null ? null : before.data(),
        after == null ? null : after.data(), r.version(), actor.userId(), before == null ? null : before.ownerId(),
        after == null ? null : after.ownerId(), actor.source());
  }

  /**
   * The change of a record whose stored data the system rewrote in place (no new version: a formula
   * recomputed, a required field's default filled by a publish), by {@code actor} (the system, through the
   * step's path).
   */
  public static RecordChanged rewritten(String entity, DataRecord before, Map<String, Object> after,
      dev.tessera.platform.Actor actor) {
    return new RecordChanged(entity, before.id(), Operation.UPDATE, before.data(), after, before.version(), actor.userId(),
        before.ownerId(), before.ownerId(), actor.source());
  }

  /** Kinds of write. */
  public enum Operation {
    CREATE, UPDATE, DELETE, RESTORE
  }
}
