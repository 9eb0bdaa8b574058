package dev.tessera.storage;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.naming.Identifiers;
import dev.tessera.record.Column;
import dev.tessera.record.SystemColumn;

/**
 * SQL names and typed expressions of an entity's table. Every identifier from metadata passes
 * {@link Identifiers#requireValid} before it reaches SQL; queries and indexes use exactly these
 * expressions so the planner matches them.
 */
final class EntitySql {
  private EntitySql() {}

  static String table(EntityDefinition entity) {
    return table(entity.name());
  }

  static String table(String entityName) {
    return "\"rec_" + Identifiers.requireValid(entityName) + "\"";
  }

  static String rawTable(String entityName) {
    return "rec_" + Identifiers.requireValid(entityName);
  }

  /** The JSON key literal of a field, e.g. {@code 'annualSpend'}. */
  static String key(FieldDefinition f) {
    return "'" + Identifiers.requireValid(f.name()) + "'";
  }

  /** Typed scalar expression of a field, as indexed and compared. */
  static String expr(FieldDefinition f) {
    String text = "(data->>" + key(f) + ")";
    return switch (f.valueType().storage()) {
      case TEXT -> text;
      case NUMERIC -> "((data->>" + key(f) + ")::numeric)";
      case BOOLEAN -> "((data->>" + key(f) + ")::boolean)";
      case DATE -> "tessera_date(data->>" + key(f) + ")";
      case TIMESTAMP -> "tessera_ts(data->>" + key(f) + ")";
      case ARRAY, JSON -> "(data->" + key(f) + ")";
    };
  }

  static String expr(Column c) {
    return c.field() != null ? expr(c.field()) : column(c.system());
  }

  static String column(SystemColumn c) {
    return switch (c) {
      case ID -> "id";
      case VERSION -> "version";
      case OWNER_ID -> "owner_id";
      case CREATED_AT -> "created_at";
      case UPDATED_AT -> "updated_at";
      case CREATED_BY -> "created_by";
      case UPDATED_BY -> "updated_by";
      case DELETED_AT -> "deleted_at";
    };
  }

  /** SQL type name used to cast a bound parameter for comparison with {@link #expr}. */
  static String paramCast(Column c) {
    if (c.system() != null) {
      return switch (c.system()) {
        case ID -> "uuid";
        case VERSION -> "int4";
        case CREATED_AT, UPDATED_AT, DELETED_AT -> "timestamptz";
        default -> "text";
      };
    }
    return switch (c.field().valueType().storage()) {
      case TEXT -> "text";
      case NUMERIC -> "numeric";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamptz";
      case ARRAY, JSON -> "jsonb";
    };
  }

  static boolean isReferenceLike(FieldDefinition f) {
    return f.type() == FieldType.REFERENCE || f.type() == FieldType.USER;
  }
}
