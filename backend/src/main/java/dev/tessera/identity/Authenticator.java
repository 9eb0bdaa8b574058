package dev.tessera.identity;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Turns an {@code Authorization} header into the caller: {@code Bearer <access token>} (a JWT whose
 * session is still alive), {@code Bearer <API key>} (a live key, {@code tsk_...}) or, when an OpenID
 * Connect issuer is configured, {@code Bearer <that provider's access token>} naming an active user. The
 * token's {@code iss} claim decides which verifier applies (anything not the provider's goes to
 * Tessera's own, as before). Any other value,
 * and any token or key that does not check out, is refused with UNAUTHENTICATED; the caller never
 * learns which check failed.
 */
@ApplicationScoped
public class Authenticator {
  static final String API_KEY_PREFIX = "tsk_";
  private final CredentialStore store;
  private final TxRunner tx;
  private final Tokens tokens;
  private final SessionChecks checks;
  private final AuthSettings settings;
  private final OidcVerifier oidc;

  public Authenticator(CredentialStore store, TxRunner tx, Tokens tokens, SessionChecks checks, AuthSettings settings,
      OidcVerifier oidc) {
    this.store = store;
    this.tx = tx;
    this.tokens = tokens;
    this.checks = checks;
    this.settings = settings;
    this.oidc = oidc;
  }

  /** Whether requests must carry a credential ({@code tessera.auth.required}). */
  public boolean required() {
    return settings.required();
  }

  /** How often open connections re-check their caller ({@code tessera.auth.check-interval}). */
  public java.time.Duration checkInterval() {
    return settings.checkInterval();
  }

  /**
   * Whether a caller found earlier may still act: its session alive, its API key not revoked, the user
   * of a provider's token still active. An access token's own expiry does not end a connection opened
   * with it; its session's end (or its user's deactivation) does.
   */
  public Uni<Boolean> stillValid(Principal p) {
    if (p.isApiKey()) {
      return tx.withConnection(t -> store.apiKeyLive(t, p.apiKeyId()));
    }
    if (p.sessionId() == null) {
      return checks.userActive(p.username());
    }
    return checks.alive(p.sessionId(), p.username());
  }

  /** The caller an Authorization header names; fails with UNAUTHENTICATED when it names nobody valid. */
  public Uni<Principal> authenticate(String authorization) {
    String credential = bearer(authorization);
    if (credential == null) {
      return Uni.createFrom().failure(refused());
    }
    if (credential.startsWith(API_KEY_PREFIX)) {
      return tx.withConnection(t -> store.useApiKey(t, Secrets.sha256(credential)))
          .map(k -> k == null ? null : Principal.apiKey(k.id(), k.name(), k.role()))
          .onItem().ifNull().failWith(Authenticator::refused);
    }
    if (oidc.enabled() && oidc.issuedBy(unverifiedIssuer(credential))) {
      return oidc.verify(credential).chain(username -> username == null ? Uni.createFrom().<Principal>nullItem()
          : checks.userActive(username).map(active -> active ? Principal.user(username, null) : null))
          .onItem().ifNull().failWith(Authenticator::refused);
    }
    return tokens.verify(credential).chain(claims -> claims == null ? Uni.createFrom().nullItem()
        : checks.alive(claims.sessionId(), claims.username())
            .map(alive -> alive ? Principal.user(claims.username(), claims.sessionId()) : null))
        .onItem().ifNull().failWith(Authenticator::refused);
  }

  /** The {@code iss} claim of a JWT, read without any check (only to pick the verifier), or null. */
  static String unverifiedIssuer(String token) {
    try {
      return PEEK.processToClaims(token).getIssuer();
    } catch (org.jose4j.jwt.consumer.InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
      return null;
    }
  }

  private static final org.jose4j.jwt.consumer.JwtConsumer PEEK = new org.jose4j.jwt.consumer.JwtConsumerBuilder()
      .setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification().build();

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.length() < 8 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return null;
    }
    String value = h.substring(7).trim();
    return value.isEmpty() || value.length() > 8192 ? null : value;
  }

  private static RuntimeException refused() {
    return IdentityMessages.refused(ErrorCode.UNAUTHENTICATED, "BAD_CREDENTIAL", "Authorization");
  }
}
