package dev.tessera.metamodel.model;

import java.util.Arrays;
import java.util.Optional;

/** What happens to a referencing record when the record it points to is deleted. */
public enum OnDelete {
  SET_NULL("setNull"),
  RESTRICT("restrict"),
  CASCADE("cascade");

  private final String jsonName;

  OnDelete(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public static Optional<OnDelete> fromJson(String name) {
    return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
  }
}
