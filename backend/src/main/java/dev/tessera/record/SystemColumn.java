package dev.tessera.record;

import java.util.Arrays;
import java.util.Optional;

/** Columns every record has; they can be filtered and ordered like fields. */
public enum SystemColumn {
  ID("id"),
  VERSION("version"),
  OWNER_ID("ownerId"),
  CREATED_AT("createdAt"),
  UPDATED_AT("updatedAt"),
  CREATED_BY("createdBy"),
  UPDATED_BY("updatedBy"),
  DELETED_AT("deletedAt");

  private final String apiName;

  SystemColumn(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<SystemColumn> fromApi(String name) {
    return Arrays.stream(values()).filter(c -> c.apiName.equals(name)).findFirst();
  }
}
