package dev.tessera.identity;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Persistence port of sign-in: password hashes, sessions, refresh tokens, API keys, the token signing
 * key and failed sign-ins. Secrets arrive here only as hashes. Nothing here is readable through the API.
 */
public interface CredentialStore {
  /** A password credential with the status of the user's record ({@code null}: no live user record). */
  record Account(String username, String passwordHash, String status) {}

  /** Whether a session may still act, and the status of its user's record. */
  record SessionState(String username, boolean alive, String status) {}

  /** The key pair tokens are signed with, encoded (PKCS#8 private, X.509 public). */
  record SigningKey(String id, String algorithm, byte[] privateKey, byte[] publicKey) {}

  /** The credential of a username, or null. */
  Uni<Account> account(Tx t, String username);

  /** The status of a live user record with this username, or null when there is none. */
  Uni<String> userStatus(Tx t, String username);

  /** Sets a password and ends every session of the user that exists now. */
  Uni<Void> setPassword(Tx t, String username, String hash);

  /** Creates a password credential unless the user has one; true when it was created. */
  Uni<Boolean> createPassword(Tx t, String username, String hash);

  /** Ends every session of the user that exists now. */
  Uni<Void> endSessions(Tx t, String username);

  Uni<Void> openSession(Tx t, UUID id, String username);

  Uni<SessionState> session(Tx t, UUID id);

  Uni<Void> revokeSession(Tx t, UUID id);

  Uni<Void> addRefreshToken(Tx t, UUID session, byte[] hash, Duration ttl);

  /** Marks an unused, unexpired refresh token used and returns its session; null when there is none. */
  Uni<UUID> useRefreshToken(Tx t, byte[] hash);

  Uni<Void> addApiKey(Tx t, ApiKey key, byte[] hash);

  /** The live key with this hash, its last-used time brought up to the minute; null when there is none. */
  Uni<ApiKey> useApiKey(Tx t, byte[] hash);

  Uni<Boolean> revokeApiKey(Tx t, UUID id);

  /** Whether the key exists and is not revoked. */
  Uni<Boolean> apiKeyLive(Tx t, UUID id);

  Uni<List<ApiKey>> apiKeys(Tx t);

  /** Stores {@code candidate} unless a key is stored already, and returns the stored one. */
  Uni<SigningKey> signingKey(Tx t, SigningKey candidate);

  /** The failures counted for each of {@code keys} in a window that has not passed (absent: none). */
  Uni<java.util.Map<String, Integer>> failures(Tx t, List<String> keys, Duration window);

  /** Counts one failure for each key (a window that passed starts again). */
  Uni<Void> addFailure(Tx t, List<String> keys, Duration window);

  Uni<Void> clearFailures(Tx t, String key);
}
