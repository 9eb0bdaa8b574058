package dev.tessera.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Sign-in settings ({@code tessera.auth.*} in application.properties; each can be set by environment). */
@ConfigMapping(prefix = "tessera.auth")
public interface AuthSettings {
  /**
   * Whether every request must carry a valid credential (an anonymous request may then only sign in).
   * Only a developer's machine turns it off: every request then acts as a trusted internal caller.
   */
  @WithDefault("true")
  boolean required();

  /** The {@code iss} claim of access tokens, checked on every token. */
  @WithDefault("tessera")
  String issuer();

  /** The {@code aud} claim of access tokens, checked on every token. */
  @WithDefault("tessera-api")
  String audience();

  @WithDefault("15M")
  Duration accessTokenTtl();

  @WithDefault("336H")
  Duration refreshTokenTtl();

  /**
   * How long a node trusts what it last read of a session (signed out? password changed? user
   * deactivated?); sign-out and deactivation take effect on every node within this time.
   */
  @WithDefault("30S")
  Duration checkInterval();

  /** The administrator created at first start; this user may manage passwords and API keys. */
  @WithDefault("admin")
  String adminUsername();

  /** The first administrator's password (TESSERA_ADMIN_PASSWORD); generated and printed once when unset. */
  Optional<String> adminPassword();

  @WithDefault("5")
  int maxFailuresPerAccount();

  @WithDefault("20")
  int maxFailuresPerAddress();

  @WithDefault("15M")
  Duration failureWindow();

  /** Bearer tokens of an outside OpenID Connect provider ({@code tessera.auth.oidc.*}); off without an issuer. */
  Oidc oidc();

  /** An OpenID Connect provider whose access tokens name Tessera users (docs/adr/0045-oidc-bearer-tokens.md). */
  interface Oidc {
    /** The provider's issuer URL, exactly as its tokens' {@code iss} claim says it; none: OIDC is off. */
    Optional<String> issuer();

    /** Tessera's client id at the provider: a token is accepted when its {@code aud} holds it or its {@code azp} is it. */
    Optional<String> audience();

    /** The claim that holds the username of an active Tessera user. */
    @WithDefault("preferred_username")
    String usernameClaim();

    /** How far the provider's clock may be off for {@code exp} and {@code nbf}. */
    @WithDefault("30S")
    Duration clockSkew();

    /** The least time between two fetches of the provider's keys that a token with an unknown key id causes. */
    @WithDefault("30S")
    Duration keyRefetchInterval();

    /** How long fetched keys are used before they are fetched again (so a key the provider dropped stops working). */
    @WithDefault("10M")
    Duration keyMaxAge();
  }
}
