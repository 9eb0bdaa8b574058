package dev.tessera.record;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One stored record of a metadata-defined entity: system columns plus the field values in
 * {@code data} (JSON-ready Java values: String, BigDecimal, Boolean, List, Map).
 */
public record DataRecord(
    UUID id,
    Map<String, Object> data,
    String ownerId,
    int version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String createdBy,
    String updatedBy,
    OffsetDateTime deletedAt) {

  public Object get(String field) {
    return data.get(field);
  }

  /** The value of a field or system column ({@code id} as a UUID). */
  public Object value(Column c) {
    if (c.field() != null) {
      return get(c.field().name());
    }
    return switch (c.system()) {
      case ID -> id;
      case VERSION -> version;
      case OWNER_ID -> ownerId;
      case CREATED_AT -> createdAt;
      case UPDATED_AT -> updatedAt;
      case CREATED_BY -> createdBy;
      case UPDATED_BY -> updatedBy;
      case DELETED_AT -> deletedAt;
    };
  }
}
