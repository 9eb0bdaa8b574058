package dev.tessera.platform;

/** Who performs an operation; recorded as created/updated by and in the audit trail. */
public record Actor(String userId) {
  public static final Actor SYSTEM = new Actor("system");

  public Actor {
    userId = userId == null || userId.isBlank() ? "anonymous" : userId;
  }
}
