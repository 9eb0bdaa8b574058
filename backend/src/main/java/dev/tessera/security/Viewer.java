package dev.tessera.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The signed-in user as record scopes see it: the user's id, the ids of the users whose records a
 * {@code team} scope shows (members of the user's teams and of the teams the user manages, the user
 * included), and the values of the user's own record ({@code currentUser.regions} in a scope
 * expression reads {@code user.get("regions")}). Read once per request by whoever resolves the caller.
 */
public record Viewer(String userId, Set<String> teamMates, Map<String, Object> user) {
  public Viewer {
    if (userId == null) {
      throw new IllegalArgumentException("a viewer has a user id");
    }
    teamMates = Set.copyOf(teamMates);
    user = Collections.unmodifiableMap(new LinkedHashMap<>(user));
  }

  /** A value of the user for a scope expression: {@code id} is the user's id, anything else a field of the user's record. */
  public Object value(String field) {
    return "id".equals(field) ? userId : user.get(field);
  }
}
