package dev.tessera.platform;

import java.util.Set;

/**
 * Who performs an operation, and through which path ({@code source}: {@code graphql}, {@code import},
 * {@code merge}, {@code pool}, {@code recycle}, {@code assignment}, {@code flow} ...); recorded as
 * created/updated by, and in the change feed and the audit trail.
 *
 * <p>{@code roles} are the role names a caller from outside holds (a signed-in user's, an API key's):
 * what it may do with records is enforced from them. Null means a trusted internal actor (the system,
 * background jobs, an engine acting on rules the metadata gives it), whose operations no role limits.
 */
public record Actor(String userId, String source, Set<String> roles) {
  public static final Actor SYSTEM = new Actor("system", "system");
  /** The user id of a caller who named nobody. */
  public static final String ANONYMOUS = "anonymous";

  public Actor {
    userId = userId == null || userId.isBlank() ? ANONYMOUS : userId;
    source = source == null || source.isBlank() ? "internal" : source;
    roles = roles == null ? null : Set.copyOf(roles);
  }

  /** A trusted internal actor: no role limits it. */
  public Actor(String userId, String source) {
    this(userId, source, null);
  }

  /** A user acting through an internal call (tests, maintenance). */
  public Actor(String userId) {
    this(userId, "internal");
  }

  /** Whether the caller named nobody. */
  public boolean anonymous() {
    return ANONYMOUS.equals(userId);
  }

  /** Whether roles limit what the actor may do (a caller from outside), as opposed to a trusted internal actor. */
  public boolean restricted() {
    return roles != null;
  }

  /** The same user acting through another path, with the same rights. */
  public Actor via(String path) {
    return new Actor(userId, path, roles);
  }
}
