package dev.tessera.metamodel.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The type of a field. The JSON name ({@link #jsonName()}) is what definitions carry in {@code "type"}.
 * {@link #storage()} tells how the value is kept in the record's JSONB document and compared in SQL.
 */
public enum FieldType {
  TEXT("text", Storage.TEXT),
  LONG_TEXT("longText", Storage.TEXT),
  NUMBER("number", Storage.NUMERIC),
  MONEY("money", Storage.NUMERIC),
  PERCENT("percent", Storage.NUMERIC),
  BOOL("bool", Storage.BOOLEAN),
  DATE("date", Storage.DATE),
  DATETIME("datetime", Storage.TIMESTAMP),
  EMAIL("email", Storage.TEXT),
  PHONE("phone", Storage.TEXT),
  URL("url", Storage.TEXT),
  PICKLIST("picklist", Storage.TEXT),
  MULTI_PICKLIST("multiPicklist", Storage.ARRAY),
  STAGE("stage", Storage.TEXT),
  REFERENCE("reference", Storage.TEXT),
  USER("user", Storage.TEXT),
  TAGS("tags", Storage.ARRAY),
  FORMULA("formula", Storage.TEXT),
  AUTO_NUMBER("autoNumber", Storage.TEXT),
  JSON("json", Storage.JSON);

  /** How a value sits in JSONB and how SQL compares it. */
  public enum Storage {
    TEXT,
    NUMERIC,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    ARRAY,
    JSON
  }

  private final String jsonName;
  private final Storage storage;

  FieldType(String jsonName, Storage storage) {
    this.jsonName = jsonName;
    this.storage = storage;
  }

  public String jsonName() {
    return jsonName;
  }

  public Storage storage() {
    return storage;
  }

  public static Optional<FieldType> fromJson(String name) {
    return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
  }

  /** Types a formula may declare as its {@code resultType}. */
  public boolean isFormulaResult() {
    return switch (this) {
      case TEXT, NUMBER, MONEY, PERCENT, BOOL, DATE, DATETIME -> true;
      default -> false;
    };
  }
}
