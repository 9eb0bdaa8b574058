package dev.tessera.identity;

import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a session may still act: not signed out, not older than its user's "sessions valid after"
 * (password change, sign-out everywhere), its user's record live and not deactivated. Each node
 * remembers an answer for {@link AuthSettings#checkInterval()}, so a revocation reaches every node
 * within that time while a token's requests cost one read per interval, not one per request.
 */
@ApplicationScoped
public class SessionChecks {
  static final int MAX_REMEMBERED = 10_000;
  private final CredentialStore store;
  private final TxRunner tx;
  private final AuthSettings settings;
  private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();
  private final Map<String, Seen> users = new ConcurrentHashMap<>();

  private record Seen(String username, boolean alive, long atNanos) {}

  public SessionChecks(CredentialStore store, TxRunner tx, AuthSettings settings) {
    this.store = store;
    this.tx = tx;
    this.settings = settings;
  }

  /** Whether session {@code id} of {@code username} may act now. */
  public Uni<Boolean> alive(UUID id, String username) {
    Seen s = seen.get(id);
    long now = System.nanoTime();
    if (s != null && now - s.atNanos() < settings.checkInterval().toNanos()) {
      return Uni.createFrom().item(s.alive() && s.username().equals(username));
    }
    return tx.withConnection(t -> store.session(t, id)).map(state -> {
      boolean alive = state != null && state.alive() && active(state.status());
      if (seen.size() >= MAX_REMEMBERED) {
        seen.clear();
      }
      String owner = state == null ? "" : state.username();
      seen.put(id, new Seen(owner, alive, now));
      return alive && owner.equals(username);
    });
  }

  /**
   * Whether {@code username} names a live, active user record: the check for callers without a session
   * (an OpenID Connect provider's tokens), remembered per user for the same interval.
   */
  public Uni<Boolean> userActive(String username) {
    Seen s = users.get(username);
    long now = System.nanoTime();
    if (s != null && now - s.atNanos() < settings.checkInterval().toNanos()) {
      return Uni.createFrom().item(s.alive());
    }
    return tx.withConnection(t -> store.userStatus(t, username)).map(status -> {
      boolean alive = active(status);
      if (users.size() >= MAX_REMEMBERED) {
        users.clear();
      }
      users.put(username, new Seen(username, alive, now));
      return alive;
    });
  }

  /** Forgets a session this node just ended, so this node refuses it at once. */
  void forget(UUID id) {
    seen.remove(id);
  }

  /** A user record that is live and not deactivated ({@code status} null: no live record). */
  static boolean active(String status) {
    return status != null && !"inactive".equals(status);
  }
}
