package dev.tessera.record;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishStep;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A required field holds a value in every stored record, live or in the recycle bin, so the GraphQL
 * type can say so (non-null, as PostGraphile does for NOT NULL columns). A publish that makes a field
 * required, or adds a required field, checks the records already there, as PostgreSQL's
 * {@code SET NOT NULL} does: with a literal default the records without a value get it (like
 * {@code ADD COLUMN ... NOT NULL DEFAULT}); without one, the publish is refused, naming the field and how
 * many records lack it.
 */
@ApplicationScoped
public class RequiredValues implements PublishStep {
  static final int PAGE = 500;

  /** Who fills: the system, through the path "requiredDefault" (the change feed and the audit trail say so). */
  static final Actor ACTOR = Actor.SYSTEM.via("requiredDefault");
  private final RecordStore store;
  private final ChangeLog feed;

  public RequiredValues(RecordStore store, ChangeLog feed) {
    this.store = store;
    this.feed = feed;
  }

  /** Whether every stored record is sure to hold a value of this field (references may be cleared by a delete). */
  public static boolean guaranteed(FieldDefinition f) {
    return f.required() && !f.computed() && f.type() != FieldType.REFERENCE;
  }

  @Override
  public Uni<List<String>> apply(Tx tx, MetadataSnapshot before, MetadataSnapshot candidate) {
    List<String> changes = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EntityDefinition e : candidate.entities().values()) {
      EntityDefinition old = previous(before, e);
      if (old == null) {
        continue;
      }
      for (FieldDefinition f : e.fields()) {
        if (guaranteed(f) && !wasGuaranteed(old, f)) {
          chain = chain.chain(() -> check(tx, e, f, changes));
        }
      }
    }
    return chain.map(v -> changes);
  }

  private static EntityDefinition previous(MetadataSnapshot before, EntityDefinition e) {
    return before.entities().values().stream().filter(o -> Objects.equals(o.id(), e.id()) || o.name().equals(e.name()))
        .findFirst().orElse(null);
  }

  private static boolean wasGuaranteed(EntityDefinition old, FieldDefinition f) {
    return old.fields().stream().anyMatch(o -> (Objects.equals(o.id(), f.id()) || o.name().equals(f.name()))
        && guaranteed(o));
  }

  private Uni<Void> check(Tx tx, EntityDefinition e, FieldDefinition f, List<String> changes) {
    Filter missing = new Filter.Compare(Column.of(f), Filter.Op.IS_NULL, true);
    return store.count(tx, e, missing, false).chain(live -> store.count(tx, e, missing, true).map(bin -> live + bin))
        .chain(count -> {
          if (count == 0) {
            return Uni.createFrom().voidItem();
          }
          if (f.defaultValue() == null) {
            throw refused(e, f, count);
          }
          Object value = ValueConverter.convert(f, MetamodelJson.mapper().convertValue(f.defaultValue(), Object.class));
          int[] filled = {0};
          return fill(tx, e, f, value, null, filled).invoke(() -> changes.add("fill required " + e.name() + "."
              + f.name() + " with its default " + f.defaultValue() + ": " + filled[0] + " record(s)"));
        });
  }

  private Uni<Void> fill(Tx tx, EntityDefinition e, FieldDefinition f, Object value, UUID after, int[] filled) {
    return store.scan(tx, e, after, PAGE).chain(rows -> {
      Map<UUID, Map<String, Object>> changed = new LinkedHashMap<>();
      List<RecordChanged> changes = new ArrayList<>();
      for (DataRecord r : rows) {
        if (r.get(f.name()) == null) {
          Map<String, Object> data = new HashMap<>(r.data());
          data.put(f.name(), value);
          changed.put(r.id(), data);
          changes.add(RecordChanged.rewritten(e.name(), r, data, ACTOR));
        }
      }
      filled[0] += changed.size();
      Uni<Void> written = changed.isEmpty() ? Uni.createFrom().voidItem()
          : store.rewrite(tx, e, changed).chain(() -> feed.append(tx, changes));
      return rows.size() < PAGE ? written
          : written.chain(() -> fill(tx, e, f, value, rows.get(rows.size() - 1).id(), filled));
    });
  }

  private static PlatformException refused(EntityDefinition e, FieldDefinition f, long count) {
    return new PlatformException(ErrorCode.PUBLISH_FAILED, RecordMessages.text("REQUIRED_BUT_EMPTY",
        Map.of("count", count, "entity", RecordMessages.entity(e), "field", RecordMessages.fieldName(f))), e.name() + "." + f.name());
  }
}
