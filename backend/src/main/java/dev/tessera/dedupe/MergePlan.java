package dev.tessera.dedupe;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.record.RecordMessages;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.record.DataRecord;
import dev.tessera.record.SystemColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Per-field survivorship of a merge, decided before anything is written (pure, unit-tested): the
 * survivor keeps its values; a field it leaves blank takes the first non-blank value of the merged
 * records, in request order; an explicit choice takes the chosen record's value, blank or not.
 * Computed, read-only and system fields are never taken from another record. {@code patch} holds the
 * fields whose value changes, {@code sources} the record each came from.
 */
public record MergePlan(Map<String, Object> patch, Map<String, UUID> sources) {
  /** The merge capability's messages ({@code messages/merge.properties}). */
  static final Messages TEXTS = Messages.of("merge");


  /** The published entity, or NOT_FOUND naming it. */
  static EntityDefinition entity(MetadataSnapshot meta, String name) {
    EntityDefinition e = name == null ? null : meta.entities().get(name);
    if (e == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, TEXTS.text("NO_ENTITY", Map.of("name", String.valueOf(name))), "entity");
    }
    return e;
  }

  /** Every problem of the request itself, each with its path ({@code mergedIds[1]}, {@code fields[0].fromId}). */
  static void check(EntityDefinition e, MergeRequest req) {
    List<FieldError> errors = new ArrayList<>();
    if (req.mergedIds().isEmpty()) {
      errors.add(FieldError.of("mergedIds", "REQUIRED", TEXTS.text("NOTHING_TO_MERGE"), null));
    }
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < req.mergedIds().size(); i++) {
      UUID id = req.mergedIds().get(i);
      if (id.equals(req.survivorId())) {
        errors.add(FieldError.of("mergedIds[" + i + "]", "SURVIVOR_MERGED", TEXTS.text("SURVIVOR_MERGED", Map.of("id", id)), null));
      } else if (!seen.add(id)) {
        errors.add(FieldError.of("mergedIds[" + i + "]", "DUPLICATE_ID", TEXTS.text("LISTED_TWICE", Map.of("id", id)), null));
      }
    }
    Set<String> chosen = new HashSet<>();
    for (int i = 0; i < req.choices().size(); i++) {
      checkChoice(e, req, req.choices().get(i), "fields[" + i + "]", chosen, errors);
    }
    if (!errors.isEmpty()) {
      throw PlatformException.validation(errors);
    }
  }

  private static void checkChoice(EntityDefinition e, MergeRequest req, MergeRequest.Choice c, String path,
      Set<String> chosen, List<FieldError> errors) {
    FieldDefinition f = e.field(c.field()).orElse(null);
    if (SystemColumn.fromApi(c.field()).isPresent()) {
      errors.add(FieldError.of(path + ".field", "NOT_CHOOSABLE", TEXTS.text("SYSTEM_FIELD", Map.of("name", c.field())), null));
    } else if (f == null) {
      errors.add(FieldError.of(path + ".field", "UNKNOWN_FIELD",
          TEXTS.text("UNKNOWN_FIELD", Map.of("entity", RecordMessages.entity(e), "name", c.field())), null));
    } else if (!choosable(f)) {
      errors.add(FieldError.of(path + ".field", "NOT_CHOOSABLE",
          TEXTS.text(f.computed() ? "COMPUTED" : "READ_ONLY", Map.of("field", RecordMessages.field(f))), null));
    } else if (!chosen.add(f.name())) {
      errors.add(FieldError.of(path + ".field", "DUPLICATE_CHOICE", TEXTS.text("CHOSEN_TWICE", Map.of("field", RecordMessages.field(f))), null));
    }
    if (c.fromId() == null || !c.fromId().equals(req.survivorId()) && !req.mergedIds().contains(c.fromId())) {
      errors.add(FieldError.of(path + ".fromId", "NOT_IN_MERGE",
          TEXTS.text("NOT_IN_MERGE", Map.of("id", String.valueOf(c.fromId()), "name", c.field())), null));
    }
  }

  /** NOT_FOUND naming every id of the request without a live record ({@code found} are those locked). */
  static void requireFound(EntityDefinition e, MergeRequest req, Collection<UUID> found) {
    List<FieldError> missing = new ArrayList<>();
    if (!found.contains(req.survivorId())) {
      missing.add(notFound(e, "survivorId", req.survivorId()));
    }
    for (int i = 0; i < req.mergedIds().size(); i++) {
      if (!found.contains(req.mergedIds().get(i))) {
        missing.add(notFound(e, "mergedIds[" + i + "]", req.mergedIds().get(i)));
      }
    }
    if (!missing.isEmpty()) {
      throw new PlatformException(ErrorCode.NOT_FOUND, String.join("; ", missing.stream().map(FieldError::message).toList()),
          String.join("；", missing.stream().map(FieldError::messageZh).toList()), missing.get(0).field(), missing);
    }
  }

  private static FieldError notFound(EntityDefinition e, String path, UUID id) {
    return FieldError.of(path, "NOT_FOUND", TEXTS.text("GONE", Map.of("entity", RecordMessages.entity(e), "id", id)), null);
  }

  /** The survivorship of a request over the locked records ({@code merged} in request order). */
  static MergePlan of(EntityDefinition e, DataRecord survivor, List<DataRecord> merged, List<MergeRequest.Choice> choices) {
    Map<String, UUID> chosen = new LinkedHashMap<>();
    choices.forEach(c -> chosen.put(c.field(), c.fromId()));
    Map<String, Object> patch = new LinkedHashMap<>();
    Map<String, UUID> sources = new LinkedHashMap<>();
    for (FieldDefinition f : e.fields()) {
      if (!choosable(f)) {
        continue;
      }
      DataRecord from = source(f, survivor, merged, chosen.get(f.name()));
      Object value = from.get(f.name());
      if (from != survivor && !Objects.equals(value, survivor.get(f.name()))) {
        patch.put(f.name(), value);
        sources.put(f.name(), from.id());
      }
    }
    return new MergePlan(patch, sources);
  }

  private static DataRecord source(FieldDefinition f, DataRecord survivor, List<DataRecord> merged, UUID chosen) {
    if (chosen != null) {
      return chosen.equals(survivor.id()) ? survivor
          : merged.stream().filter(r -> r.id().equals(chosen)).findFirst().orElseThrow();
    }
    if (!blank(survivor.get(f.name()))) {
      return survivor;
    }
    return merged.stream().filter(r -> !blank(r.get(f.name()))).findFirst().orElse(survivor);
  }

  /** Fields a merge may take from another record: not computed, not read-only. */
  static boolean choosable(FieldDefinition f) {
    return !f.computed() && !f.readOnly();
  }

  static boolean blank(Object v) {
    return v == null || v instanceof String s && s.isBlank() || v instanceof Collection<?> c && c.isEmpty()
        || v instanceof Map<?, ?> m && m.isEmpty();
  }

}
