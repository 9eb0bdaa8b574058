package dev.tessera.identity;

import dev.tessera.audit.SecurityEvent;
import dev.tessera.audit.SecurityLog;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.OffLoop;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What administrators do with credentials: set a user's password, create, list and revoke API keys.
 * An administrator here is the configured admin user, an API key bound to the role {@code admin}, or
 * a caller whose roles grant {@code manageUsers} ({@code admin} grants everything). Each change (password set, key created or revoked) goes to the security
 * log in the change's transaction, naming the key and its role, never its secret.
 */
@ApplicationScoped
public class AccountAdmin {
  static final int MAX_NAME = 100;
  static final String ADMIN_ROLE = "admin";
  private static final Pattern ROLE = Pattern.compile("^[a-z][a-zA-Z0-9]{0,63}$");
  private final CredentialStore store;
  private final TxRunner tx;
  private final AuthSettings settings;
  private final SecurityLog security;
  /** The path of administration: the GraphQL API. */
  static final String PATH = "graphql";

  /** A key just made: the only time its secret is seen. */
  public record CreatedKey(ApiKey key, String secret) {}

  public AccountAdmin(CredentialStore store, TxRunner tx, AuthSettings settings, SecurityLog security) {
    this.store = store;
    this.tx = tx;
    this.settings = settings;
    this.security = security;
  }

  /** Sets a user's password; every session the user has ends. */
  public Uni<Boolean> setUserPassword(Principal caller, String username, String password) {
    requireAdmin(caller);
    var problem = Passwords.problem(password);
    if (problem != null) {
      return Uni.createFrom().failure(new PlatformException(ErrorCode.VALIDATION_FAILED, problem, "password"));
    }
    return tx.withConnection(t -> store.userStatus(t, username)).chain(status -> {
      if (status == null) {
        return Uni.createFrom().failure(new PlatformException(ErrorCode.NOT_FOUND,
            IdentityMessages.text("NO_USER", Map.of("username", String.valueOf(username))), "username"));
      }
      SecurityEvent set = SecurityEvent.of(SecurityEvent.Kind.PASSWORD_SET, caller.actor(PATH), username, null, Map.of());
      return OffLoop.compute(() -> Passwords.hash(password))
          .chain(hash -> tx.inTransaction(t -> store.setPassword(t, username, hash).chain(() -> security.write(t, set))))
          .replaceWith(true);
    });
  }

  public Uni<CreatedKey> createApiKey(Principal caller, String name, String role) {
    requireAdmin(caller);
    String n = name == null ? "" : name.trim();
    if (n.isEmpty() || n.length() > MAX_NAME) {
      throw new PlatformException(ErrorCode.VALIDATION_FAILED, IdentityMessages.text("API_KEY_NAME", Map.of("max", MAX_NAME)), "name");
    }
    if (role == null || !ROLE.matcher(role).matches()) {
      throw new PlatformException(ErrorCode.VALIDATION_FAILED,
          IdentityMessages.text("ROLE_NAME", Map.of("role", String.valueOf(role))), "role");
    }
    String secret = Secrets.token(Authenticator.API_KEY_PREFIX);
    ApiKey key = new ApiKey(UUID.randomUUID(), n, role, secret.substring(0, 12), caller.username(),
        OffsetDateTime.now(), null, null);
    SecurityEvent created = SecurityEvent.of(SecurityEvent.Kind.API_KEY_CREATED, caller.actor(PATH), key.id().toString(),
        null, Map.of("name", n, "role", role));
    return tx.inTransaction(t -> store.addApiKey(t, key, Secrets.sha256(secret)).chain(() -> security.write(t, created)))
        .replaceWith(new CreatedKey(key, secret));
  }

  /** Revokes a key; false when it was revoked already. Requests with it are refused from now on. */
  public Uni<Boolean> revokeApiKey(Principal caller, UUID id) {
    requireAdmin(caller);
    SecurityEvent revoked = SecurityEvent.of(SecurityEvent.Kind.API_KEY_REVOKED, caller.actor(PATH), id.toString(), null,
        Map.of());
    return tx.inTransaction(t -> store.revokeApiKey(t, id).call(done -> done ? security.write(t, revoked)
        : Uni.createFrom().voidItem()));
  }

  public Uni<List<ApiKey>> apiKeys(Principal caller) {
    requireAdmin(caller);
    return tx.withConnection(store::apiKeys);
  }

  /**
   * Whether a caller may administer credentials: the configured administrator, an API key bound to
   * {@code admin}, or a caller whose roles grant {@code manageUsers} ({@link Principal#managesUsers}).
   */
  public boolean isAdmin(Principal caller) {
    if (caller == null) {
      return false;
    }
    return caller.managesUsers() || (caller.isApiKey() ? ADMIN_ROLE.equals(caller.role())
        : settings.adminUsername().equals(caller.username()));
  }

  /** Refuses (UNAUTHENTICATED, FORBIDDEN) unless {@link #isAdmin}: the guard of every administrator's operation. */
  public void requireAdmin(Principal caller) {
    if (caller == null) {
      throw IdentityMessages.refused(ErrorCode.UNAUTHENTICATED, "SIGN_IN_REQUIRED", null);
    }
    if (!isAdmin(caller)) {
      throw IdentityMessages.refused(ErrorCode.FORBIDDEN, "ADMIN_ONLY", null);
    }
  }
}
