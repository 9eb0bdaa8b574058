package dev.tessera.identity;

import dev.tessera.platform.Actor;
import java.util.UUID;

/**
 * A caller whose credential was verified: a user signed in with a password ({@code sessionId} set), a
 * user named by an OpenID Connect provider's token (no session: roles and rights are the same as for a
 * password sign-in; signing out and changing the password are the provider's business), or
 * an integrator's API key ({@code apiKeyId} and its {@code role} set; its user id is {@code apikey:<name>},
 * which no username can be, since usernames have no colon).
 */
public record Principal(String username, UUID sessionId, UUID apiKeyId, String role, boolean managesUsers) {
  static final String API_KEY_PREFIX = "apikey:";

  static Principal user(String username, UUID session) {
    return new Principal(username, session, null, null, false);
  }

  static Principal apiKey(UUID id, String name, String role) {
    return new Principal(API_KEY_PREFIX + name, null, id, role, false);
  }

  /** The same caller, known to hold the right to manage users (its roles grant {@code manageUsers}). */
  public Principal managingUsers() {
    return new Principal(username, sessionId, apiKeyId, role, true);
  }

  public boolean isApiKey() {
    return apiKeyId != null;
  }

  /** The principal as the actor of operations arriving through {@code source} (e.g. graphql). */
  public Actor actor(String source) {
    return new Actor(username, source);
  }
}
