package dev.tessera.dedupe;

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

  /** The published entity, or NOT_FOUND naming it. */
  static EntityDefinition entity(MetadataSnapshot meta, String name) {
    EntityDefinition e = name == null ? null : meta.entities().get(name);
    if (e == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, "There is no entity \"" + name + "\" to merge records of",
          "没有名为“" + name + "”的实体，无法合并记录", "entity", List.of());
    }
    return e;
  }

  /** Every problem of the request itself, each with its path ({@code mergedIds[1]}, {@code fields[0].fromId}). */
  static void check(EntityDefinition e, MergeRequest req) {
    List<FieldError> errors = new ArrayList<>();
    if (req.mergedIds().isEmpty()) {
      errors.add(new FieldError("mergedIds", "REQUIRED", "Name at least one record to merge into the survivor",
          "请至少选择一条要并入保留记录的记录"));
    }
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < req.mergedIds().size(); i++) {
      UUID id = req.mergedIds().get(i);
      if (id.equals(req.survivorId())) {
        errors.add(new FieldError("mergedIds[" + i + "]", "SURVIVOR_MERGED", "The survivor " + id
            + " cannot also be merged away", "保留记录 " + id + " 不能同时作为被合并的记录"));
      } else if (!seen.add(id)) {
        errors.add(new FieldError("mergedIds[" + i + "]", "DUPLICATE_ID", id + " is listed twice", id + " 重复出现"));
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
      errors.add(new FieldError(path + ".field", "NOT_CHOOSABLE", "\"" + c.field()
          + "\" is a system field; the survivor keeps its own", "“" + c.field() + "”是系统字段，保留记录沿用自己的值，不能选择"));
    } else if (f == null) {
      errors.add(new FieldError(path + ".field", "UNKNOWN_FIELD", "Field \"" + c.field() + "\" does not exist on "
          + e.name(), zh(e) + "没有字段“" + c.field() + "”"));
    } else if (!choosable(f)) {
      String why = f.computed() ? "is computed; it is recomputed after the merge" : "is read-only";
      String whyZh = f.computed() ? "是计算字段，合并后自动重算" : "是只读字段";
      errors.add(new FieldError(path + ".field", "NOT_CHOOSABLE", en(f) + " " + why + " and cannot be chosen",
          "“" + f.label().get("zh-CN") + "”" + whyZh + "，不能选择取值来源"));
    } else if (!chosen.add(f.name())) {
      errors.add(new FieldError(path + ".field", "DUPLICATE_CHOICE", en(f) + " is chosen twice",
          "“" + f.label().get("zh-CN") + "”被重复选择"));
    }
    if (c.fromId() == null || !c.fromId().equals(req.survivorId()) && !req.mergedIds().contains(c.fromId())) {
      errors.add(new FieldError(path + ".fromId", "NOT_IN_MERGE", "Record " + c.fromId() + " (for " + c.field()
          + ") is neither the survivor nor one of the merged records", "记录 " + c.fromId() + "（“" + c.field()
          + "”的来源）既不是保留记录，也不在被合并的记录中"));
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
    return new FieldError(path, "NOT_FOUND", e.name() + " " + id + " does not exist (it may have been merged or deleted)",
        zh(e) + "记录 " + id + " 不存在（可能已被合并或删除）");
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

  private static String en(FieldDefinition f) {
    return f.label().get("en") + " (" + f.name() + ")";
  }

  private static String zh(EntityDefinition e) {
    return e.label().get("zh-CN");
  }
}
