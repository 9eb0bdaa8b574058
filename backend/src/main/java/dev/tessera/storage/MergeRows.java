package dev.tessera.storage;

import dev.tessera.dedupe.MergeEntry;
import dev.tessera.dedupe.Repointed;
import dev.tessera.pool.PoolStore;
import dev.tessera.record.DataRecord;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON forms of a merge's parts in tessera_merge: full record rows, re-pointed references, pool entries. */
final class MergeRows {
  private MergeRows() {}

  /** Every column of a record, so that undoing can insert it back exactly. */
  static Map<String, Object> row(DataRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().toString());
    m.put("data", r.data());
    m.put("ownerId", r.ownerId());
    m.put("version", r.version());
    m.put("createdAt", text(r.createdAt()));
    m.put("updatedAt", text(r.updatedAt()));
    m.put("createdBy", r.createdBy());
    m.put("updatedBy", r.updatedBy());
    m.put("deletedAt", text(r.deletedAt()));
    return m;
  }

  @SuppressWarnings("unchecked")
  static DataRecord record(Object json) {
    Map<String, Object> m = (Map<String, Object>) json;
    return new DataRecord(UUID.fromString((String) m.get("id")), (Map<String, Object>) m.get("data"),
        (String) m.get("ownerId"), ((Number) m.get("version")).intValue(), time(m.get("createdAt")),
        time(m.get("updatedAt")), (String) m.get("createdBy"), (String) m.get("updatedBy"), time(m.get("deletedAt")));
  }

  static Map<String, Object> ref(Repointed r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entity", r.entity());
    m.put("field", r.field());
    m.put("recordId", r.recordId().toString());
    m.put("from", r.from().toString());
    return m;
  }

  static Map<String, Object> poolEntry(PoolStore.Entry p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recordId", p.recordId().toString());
    m.put("pool", p.pool());
    m.put("entity", p.entity());
    m.put("enteredAt", text(p.enteredAt()));
    m.put("previousOwner", p.previousOwner());
    return m;
  }

  @SuppressWarnings("unchecked")
  static MergeEntry entry(Row r) {
    List<DataRecord> merged = new ArrayList<>();
    ((List<Object>) Json.value(r.getString(6))).forEach(o -> merged.add(record(o)));
    Map<String, UUID> sources = new LinkedHashMap<>();
    Json.toMap(r.getString(7)).forEach((k, v) -> sources.put(k, UUID.fromString((String) v)));
    List<Repointed> refs = new ArrayList<>();
    for (Object o : (List<Object>) Json.value(r.getString(8))) {
      Map<String, Object> m = (Map<String, Object>) o;
      refs.add(new Repointed((String) m.get("entity"), (String) m.get("field"), UUID.fromString((String) m.get("recordId")),
          UUID.fromString((String) m.get("from"))));
    }
    List<PoolStore.Entry> pooled = new ArrayList<>();
    for (Object o : (List<Object>) Json.value(r.getString(9))) {
      Map<String, Object> m = (Map<String, Object>) o;
      pooled.add(new PoolStore.Entry(UUID.fromString((String) m.get("recordId")), (String) m.get("pool"),
          (String) m.get("entity"), time(m.get("enteredAt")), (String) m.get("previousOwner")));
    }
    return new MergeEntry(r.getUUID(0), r.getString(1), r.getUUID(2), List.of(r.getArrayOfUUIDs(3)),
        record(Json.value(r.getString(4))), record(Json.value(r.getString(5))), merged, sources, refs, pooled,
        r.getString(10), r.getOffsetDateTime(11), r.getString(12), r.getOffsetDateTime(13));
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  private static OffsetDateTime time(Object v) {
    return v == null ? null : OffsetDateTime.parse((String) v);
  }
}
