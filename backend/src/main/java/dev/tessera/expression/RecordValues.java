package dev.tessera.expression;

import dev.tessera.platform.Sequence;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The values an expression reads from a record being written: its own fields, its system fields, and
 * fields of the records its references point to ({@code company.industry}), loaded once per write in
 * the write's transaction.
 */
final class RecordValues implements Function<String, Object> {
  private final Map<String, Object> data;
  private final DataRecord stored;
  private final Map<String, Object> loaded;

  private RecordValues(Map<String, Object> data, DataRecord stored, Map<String, Object> loaded) {
    this.data = data;
    this.stored = stored;
    this.loaded = loaded;
  }

  /** Loads what {@code paths} need beyond {@code data} (paths through references), then answers lookups. */
  static Uni<RecordValues> load(RecordStore store, Tx tx, MetadataSnapshot meta, EntityDefinition entity,
      Map<String, Object> data, DataRecord stored, Collection<String> paths) {
    Map<String, Object> loaded = new HashMap<>();
    Map<String, DataRecord> records = new HashMap<>();
    return Sequence.each(paths.stream().filter(p -> p.indexOf('.') >= 0).toList(), path -> {
      String[] parts = path.split("\\.");
      return follow(store, tx, meta, entity, data, parts, 0, "", records)
          .invoke(r -> loaded.put(path, r == null ? null : value(r, parts[parts.length - 1])));
    }).map(v -> new RecordValues(data, stored, loaded));
  }

  /** The record at the end of the reference chain {@code parts[0..n-2]}, or null where a link is empty. */
  private static Uni<DataRecord> follow(RecordStore store, Tx tx, MetadataSnapshot meta, EntityDefinition from,
      Map<String, Object> values, String[] parts, int i, String prefix, Map<String, DataRecord> records) {
    FieldDefinition ref = from.field(parts[i]).orElseThrow();
    EntityDefinition target = meta.entity(ref.target());
    String key = prefix + parts[i];
    Object id = values.get(parts[i]);
    Uni<DataRecord> next;
    if (records.containsKey(key)) {
      next = Uni.createFrom().item(records.get(key));
    } else if (id == null || ref.type() != FieldType.REFERENCE) {
      next = Uni.createFrom().nullItem();
    } else {
      next = store.findById(tx, target, UUID.fromString(id.toString()), false).invoke(r -> records.put(key, r));
    }
    if (i == parts.length - 2) {
      return next;
    }
    return next.chain(r -> r == null ? Uni.createFrom().nullItem()
        : follow(store, tx, meta, target, r.data(), parts, i + 1, key + ".", records));
  }

  @Override
  public Object apply(String path) {
    if (path.indexOf('.') >= 0) {
      return loaded.get(path);
    }
    Object v = data.get(path);
    return v != null || stored == null ? v : system(stored, path);
  }

  private static Object value(DataRecord r, String name) {
    Object v = r.data().get(name);
    return v != null ? v : system(r, name);
  }

  private static Object system(DataRecord r, String name) {
    return switch (name) {
      case "id" -> r.id() == null ? null : r.id().toString();
      case "createdAt" -> r.createdAt();
      case "updatedAt" -> r.updatedAt();
      case "createdBy" -> r.createdBy();
      case "updatedBy" -> r.updatedBy();
      case "ownerId" -> r.ownerId();
      case "version" -> r.version();
      default -> null;
    };
  }
}
