package dev.tessera.identity;

import dev.tessera.audit.SecurityEvent;
import dev.tessera.audit.SecurityLog;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.OffLoop;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Signing in with a password, refreshing, signing out and changing one's password. Sign-in gives the
 * same answer for an unknown user, a wrong password and a deactivated account, and costs the same
 * (an unknown user is checked against a decoy hash). Failed sign-ins are counted in the database per
 * account and per address in a fixed window, so the limits hold across nodes; past a limit sign-in is
 * refused before any password is checked. Sign-ins, failed ones (with the name tried, the address and a
 * reason code), sign-outs and password changes go to the security log, never a password or a token.
 */
@ApplicationScoped
public class SignInService {
  private final CredentialStore store;
  private final TxRunner tx;
  private final Tokens tokens;
  private final SessionChecks checks;
  private final AuthSettings settings;
  private final SecurityLog security;
  /** The path of every sign-in action: they arrive through the GraphQL API (HTTP or WebSocket). */
  static final String PATH = "graphql";

  public SignInService(CredentialStore store, TxRunner tx, Tokens tokens, SessionChecks checks, AuthSettings settings,
      SecurityLog security) {
    this.store = store;
    this.tx = tx;
    this.tokens = tokens;
    this.checks = checks;
    this.settings = settings;
    this.security = security;
  }

  public Uni<Session> signIn(String username, String password, String address) {
    String name = username == null ? "" : username;
    String account = accountKey(name);
    List<String> keys = List.of(account, "address:" + address);
    return tx.withConnection(t -> store.failures(t, keys, settings.failureWindow())).chain(failures -> {
      if (failures.getOrDefault(account, 0) >= settings.maxFailuresPerAccount()
          || failures.getOrDefault(keys.get(1), 0) >= settings.maxFailuresPerAddress()) {
        return security.writeAlone(signInFailed(name, address, "TOO_MANY_ATTEMPTS"))
            .chain(() -> Uni.createFrom().<String>failure(tooMany()));
      }
      return tx.withConnection(t -> store.account(t, name)).chain(acc -> OffLoop.compute(() -> refusal(acc, password)));
    }).chain(reason -> {
      if (reason != null) {
        return tx.inTransaction(t -> store.addFailure(t, keys, settings.failureWindow())
                .chain(() -> security.write(t, signInFailed(name, address, reason))))
            .chain(() -> Uni.createFrom().failure(signInFailed()));
      }
      return tx.withConnection(t -> store.clearFailures(t, account)).chain(() -> open(name,
          SecurityEvent.of(SecurityEvent.Kind.SIGN_IN, new Actor(name, PATH), name, address, Map.of())));
    });
  }

  /**
   * Why a sign-in is refused (null: it is not), for the security log only: the caller gets one answer for
   * all of them. The password is checked in every case, against a decoy for an unknown user.
   */
  private static String refusal(CredentialStore.Account acc, String password) {
    boolean matches = Passwords.verify(password == null ? "" : password, acc == null ? Passwords.DECOY : acc.passwordHash());
    if (acc == null) {
      return "UNKNOWN_USER";
    }
    if (!matches) {
      return "WRONG_PASSWORD";
    }
    return SessionChecks.active(acc.status()) ? null : "INACTIVE";
  }

  private static SecurityEvent signInFailed(String attempted, String address, String reason) {
    return SecurityEvent.of(SecurityEvent.Kind.SIGN_IN_FAILED, new Actor(null, PATH), attempted, address,
        Map.of("reason", reason));
  }

  /** The next token pair of a session; a refresh token works once, so of two racing refreshes one wins. */
  public Uni<Session> refresh(String refreshToken) {
    byte[] hash = Secrets.sha256(refreshToken == null ? "" : refreshToken);
    return tx.inTransaction(t -> store.useRefreshToken(t, hash).chain(sid -> sid == null ? Uni.createFrom().nullItem()
        : store.session(t, sid).chain(state -> {
          if (state == null || !state.alive() || !SessionChecks.active(state.status())) {
            return Uni.createFrom().nullItem();
          }
          String next = Secrets.token("rt_");
          return store.addRefreshToken(t, sid, Secrets.sha256(next), settings.refreshTokenTtl())
              .chain(() -> tokens.issue(state.username(), sid))
              .map(access -> new Session(access, next, settings.accessTokenTtl().toSeconds()));
        }))).onItem().ifNull().failWith(() -> IdentityMessages.refused(ErrorCode.UNAUTHENTICATED, "SESSION_ENDED", "refreshToken"));
  }

  /** Ends the caller's session (its refresh token with it) or, {@code everywhere}, every session of the caller. */
  public Uni<Boolean> signOut(Principal caller, boolean everywhere) {
    Principal p = requireSession(caller);
    checks.forget(p.sessionId());
    SecurityEvent out = SecurityEvent.of(SecurityEvent.Kind.SIGN_OUT, p.actor(PATH), p.username(), null,
        Map.of("everywhere", everywhere));
    return tx.inTransaction(t -> store.revokeSession(t, p.sessionId())
        .chain(() -> everywhere ? store.endSessions(t, p.username()) : Uni.createFrom().voidItem())
        .chain(() -> security.write(t, out))).replaceWith(true);
  }

  /**
   * Changes the caller's password after checking the current one; every session of the caller ends
   * (on every node within the check interval) and the caller gets a new one.
   */
  public Uni<Session> changePassword(Principal caller, String current, String next) {
    Principal p = requireSession(caller);
    var problem = Passwords.problem(next);
    if (problem != null) {
      return Uni.createFrom().failure(new PlatformException(ErrorCode.VALIDATION_FAILED, problem, "newPassword"));
    }
    String account = accountKey(p.username());
    return tx.withConnection(t -> store.failures(t, List.of(account), settings.failureWindow())).chain(failures -> {
      if (failures.getOrDefault(account, 0) >= settings.maxFailuresPerAccount()) {
        return security.writeAlone(passwordEvent(SecurityEvent.Kind.PASSWORD_CHANGE_FAILED, p, "TOO_MANY_ATTEMPTS"))
            .chain(() -> Uni.createFrom().<CredentialStore.Account>failure(tooMany()));
      }
      return tx.withConnection(t -> store.account(t, p.username()));
    }).chain(acc -> OffLoop.compute(() -> acc != null && Passwords.verify(current == null ? "" : current,
        acc.passwordHash()) ? Passwords.hash(next) : null)).chain(hash -> {
          if (hash == null) {
            return tx.inTransaction(t -> store.addFailure(t, List.of(account), settings.failureWindow())
                .chain(() -> security.write(t, passwordEvent(SecurityEvent.Kind.PASSWORD_CHANGE_FAILED, p, "WRONG_PASSWORD"))))
                .chain(() -> Uni.createFrom().failure(
                    IdentityMessages.refused(ErrorCode.VALIDATION_FAILED, "WRONG_PASSWORD", "currentPassword")));
          }
          checks.forget(p.sessionId());
          return tx.inTransaction(t -> store.setPassword(t, p.username(), hash)
                  .chain(() -> security.write(t, passwordEvent(SecurityEvent.Kind.PASSWORD_CHANGED, p, null))))
              .chain(() -> open(p.username(), null));
        });
  }

  private static SecurityEvent passwordEvent(SecurityEvent.Kind kind, Principal p, String reason) {
    return SecurityEvent.of(kind, p.actor(PATH), p.username(), null, reason == null ? Map.of() : Map.of("reason", reason));
  }

  /** A new session with its first token pair; {@code event} (when given) is logged in its transaction. */
  private Uni<Session> open(String username, SecurityEvent event) {
    UUID sid = UUID.randomUUID();
    String refresh = Secrets.token("rt_");
    return tx.inTransaction(t -> store.openSession(t, sid, username)
            .chain(() -> store.addRefreshToken(t, sid, Secrets.sha256(refresh), settings.refreshTokenTtl()))
            .chain(() -> event == null ? Uni.createFrom().voidItem() : security.write(t, event)))
        .chain(() -> tokens.issue(username, sid))
        .map(access -> new Session(access, refresh, settings.accessTokenTtl().toSeconds()));
  }

  static Principal requireSession(Principal caller) {
    if (caller == null) {
      throw IdentityMessages.refused(ErrorCode.UNAUTHENTICATED, "SIGN_IN_REQUIRED", null);
    }
    if (caller.sessionId() == null) {
      throw IdentityMessages.refused(ErrorCode.FORBIDDEN, "NOT_A_SESSION", null);
    }
    return caller;
  }

  private static String accountKey(String username) {
    return "account:" + username.toLowerCase(Locale.ROOT);
  }

  private static PlatformException signInFailed() {
    return IdentityMessages.refused(ErrorCode.UNAUTHENTICATED, "SIGN_IN_FAILED", null);
  }

  private PlatformException tooMany() {
    long minutes = Math.max(1, settings.failureWindow().toMinutes());
    return new PlatformException(ErrorCode.TOO_MANY_ATTEMPTS,
        IdentityMessages.text("TOO_MANY_ATTEMPTS", Map.of("minutes", minutes)), null);
  }
}
