package dev.tessera.platform;

/**
 * Who performs an operation, and through which path ({@code source}: {@code graphql}, {@code import},
 * {@code merge}, {@code pool}, {@code recycle}, {@code assignment}, {@code flow} ...); recorded as
 * created/updated by, and in the change feed and the audit trail.
 */
public record Actor(String userId, String source) {
  public static final Actor SYSTEM = new Actor("system", "system");
  /** The user id of a caller who named nobody. */
  public static final String ANONYMOUS = "anonymous";

  public Actor {
    userId = userId == null || userId.isBlank() ? ANONYMOUS : userId;
    source = source == null || source.isBlank() ? "internal" : source;
  }

  /** A user acting through an internal call (tests, maintenance). */
  public Actor(String userId) {
    this(userId, "internal");
  }

  /** Whether the caller named nobody. */
  public boolean anonymous() {
    return ANONYMOUS.equals(userId);
  }

  /** The same user acting through another path. */
  public Actor via(String path) {
    return new Actor(userId, path);
  }
}
