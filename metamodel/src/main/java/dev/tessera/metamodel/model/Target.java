package dev.tessera.metamodel.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who gets a record: a user (by username), a team (its members, by a strategy), a team's queue (by
 * team code; a member takes the record) or a pool (by name). {@code type} is null when the JSON names
 * no known type (the definition then has a problem).
 */
public record Target(Type type, String key) {
  /** The kinds of target; {@code jsonName} is how the JSON writes them. */
  public enum Type {
    USER("user"), TEAM("team"), QUEUE("queue"), POOL("pool");

    private final String jsonName;

    Type(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<Type> fromJson(String name) {
      return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
  }
}
