package dev.tessera.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Access tokens of the OpenID Connect provider named by {@code tessera.auth.oidc.issuer}. The provider's
 * metadata ({@code /.well-known/openid-configuration}) names its key set; the keys are fetched without
 * blocking (Vert.x HTTP client), kept for {@code key-max-age}, and fetched again when a token names a key
 * id not among them, at most once per {@code key-refetch-interval} (so forged key ids cannot make Tessera
 * hammer the provider). A token passes when it is signed with an asymmetric algorithm (RSA or ECDSA;
 * never {@code none} or HMAC) by a key of that set whose type fits the algorithm, names this issuer, is
 * meant for Tessera ({@code aud} holds the configured audience or {@code azp} is it), is within
 * {@code exp}/{@code nbf} (with the configured clock skew), is not an ID or refresh token, and carries the
 * username claim. Which Tessera user that is, and whether it may act, is the {@link Authenticator}'s
 * business. Made at start, so an issuer without an audience stops the start instead of the first request.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class OidcVerifier {
  private static final Logger LOG = Logger.getLogger(OidcVerifier.class);
  static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  private static final int HTTP_TIMEOUT_MS = 10_000;
  private final AuthSettings.Oidc settings;
  private final Vertx vertx;
  private HttpClient http;
  private KeySet keys;
  private String jwksUri;
  private CompletableFuture<KeySet> fetching;
  private long lastFetchNanos;

  /** The provider's keys as last fetched. */
  private record KeySet(List<JsonWebKey> keys, long fetchedNanos) {}

  public OidcVerifier(AuthSettings settings, Vertx vertx) {
    this.settings = settings.oidc();
    this.vertx = vertx;
    if (this.settings.issuer().isPresent() && this.settings.audience().filter(a -> !a.isBlank()).isEmpty()) {
      throw new IllegalStateException("tessera.auth.oidc.issuer is set but tessera.auth.oidc.audience"
          + " (TESSERA_OIDC_AUDIENCE, Tessera's client id at the provider) is not");
    }
  }

  /** Whether an issuer is configured. */
  public boolean enabled() {
    return settings.issuer().isPresent();
  }

  /** Whether {@code iss} is the configured provider (false while OIDC is off). */
  public boolean issuedBy(String iss) {
    return iss != null && settings.issuer().map(iss::equals).orElse(false);
  }

  /** The username a valid token of the provider names; null for any token that does not check out. */
  public Uni<String> verify(String token) {
    JsonWebSignature jws;
    try {
      if (!(JsonWebStructure.fromCompactSerialization(token) instanceof JsonWebSignature s)) {
        return Uni.createFrom().nullItem();
      }
      jws = s;
    } catch (JoseException e) {
      return Uni.createFrom().nullItem();
    }
    String alg = jws.getAlgorithmHeaderValue();
    if (alg == null || !ALGORITHMS.contains(alg)) {
      return Uni.createFrom().nullItem();
    }
    String kid = jws.getKeyIdHeaderValue();
    return Uni.createFrom().completionStage(() -> keysFor(kid, alg)).map(set -> {
      PublicKey key = set == null ? null : select(set.keys(), kid, alg);
      return key == null ? null : check(token, key, alg);
    });
  }

  /** A key set that may hold the key: the cached one, or a fresh one when it is stale or lacks the key id. */
  private synchronized CompletionStage<KeySet> keysFor(String kid, String alg) {
    long now = System.nanoTime();
    KeySet current = keys;
    boolean stale = current == null || now - current.fetchedNanos() >= settings.keyMaxAge().toNanos();
    boolean unknown = !stale && select(current.keys(), kid, alg) == null;
    if (!stale && !unknown) {
      return CompletableFuture.completedFuture(current);
    }
    if (fetching != null) {
      return fetching;
    }
    if (unknown && now - lastFetchNanos < settings.keyRefetchInterval().toNanos()) {
      return CompletableFuture.completedFuture(current);
    }
    lastFetchNanos = now;
    CompletableFuture<KeySet> f = fetch().toCompletionStage().toCompletableFuture().handle((fresh, err) -> {
      synchronized (this) {
        fetching = null;
        if (err != null) {
          LOG.warnf("The keys of the OIDC provider %s could not be fetched: %s", settings.issuer().orElse(""), err.getMessage());
          jwksUri = null;
          return keys;
        }
        keys = fresh;
        return fresh;
      }
    });
    // a fetch that finished at once already cleared fetching; only a pending one is shared
    if (!f.isDone()) {
      fetching = f;
    }
    return f;
  }

  private Future<KeySet> fetch() {
    String known;
    synchronized (this) {
      known = jwksUri;
    }
    Future<String> uri = known != null ? Future.succeededFuture(known) : discover();
    return uri.compose(u -> get(u).map(body -> {
      try {
        synchronized (this) {
          jwksUri = u;
        }
        return new KeySet(new JsonWebKeySet(body.toString()).getJsonWebKeys(), System.nanoTime());
      } catch (JoseException e) {
        throw new IllegalStateException("the key set at " + u + " does not parse: " + e.getMessage(), e);
      }
    }));
  }

  /** The provider's jwks_uri, from its metadata, which must name the configured issuer. */
  private Future<String> discover() {
    String issuer = settings.issuer().orElseThrow();
    String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/.well-known/openid-configuration";
    return get(url).map(body -> {
      JsonObject meta = new JsonObject(body);
      if (!issuer.equals(meta.getString("issuer"))) {
        throw new IllegalStateException("the metadata at " + url + " names the issuer " + meta.getValue("issuer"));
      }
      String jwks = meta.getString("jwks_uri");
      if (jwks == null || jwks.isBlank()) {
        throw new IllegalStateException("the metadata at " + url + " has no jwks_uri");
      }
      return jwks;
    });
  }

  private Future<Buffer> get(String url) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .setTimeout(HTTP_TIMEOUT_MS).putHeader("Accept", "application/json");
    // the body is read either way, so the connection goes back to the pool
    return client().request(options).compose(HttpClientRequest::send).compose(resp -> resp.body().compose(body ->
        resp.statusCode() == 200 ? Future.succeededFuture(body) : Future.failedFuture("HTTP " + resp.statusCode() + " from " + url)));
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(HTTP_TIMEOUT_MS).setVerifyHost(true));
    }
    return http;
  }

  @PreDestroy
  synchronized void close() {
    if (http != null) {
      http.close();
    }
  }

  /** The one signing key of the set that the token's key id and algorithm fit, or null. */
  static PublicKey select(List<JsonWebKey> keys, String kid, String alg) {
    String type = alg.startsWith("ES") ? "EC" : "RSA";
    List<PublicJsonWebKey> fit = keys.stream().filter(k -> k instanceof PublicJsonWebKey).map(k -> (PublicJsonWebKey) k)
        .filter(k -> type.equals(k.getKeyType()))
        .filter(k -> k.getUse() == null || "sig".equals(k.getUse()))
        .filter(k -> k.getAlgorithm() == null || alg.equals(k.getAlgorithm()))
        .filter(k -> kid == null || kid.equals(k.getKeyId())).toList();
    return fit.size() == 1 ? fit.get(0).getPublicKey() : null;
  }

  /** The username of a token verified with {@code key}, or null. */
  private String check(String token, PublicKey key, String alg) {
    try {
      JwtClaims claims = new JwtConsumerBuilder()
          .setRequireExpirationTime()
          .setAllowedClockSkewInSeconds((int) settings.clockSkew().toSeconds())
          .setExpectedIssuer(true, settings.issuer().orElseThrow())
          .setSkipDefaultAudienceValidation()
          .setVerificationKey(key)
          .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg))
          .build().processToClaims(token);
      String audience = settings.audience().orElseThrow();
      boolean forUs = claims.hasAudience() && claims.getAudience().contains(audience)
          || audience.equals(claims.getClaimValueAsString("azp"));
      Object typ = claims.getClaimValue("typ");
      boolean access = typ == null || "bearer".equals(String.valueOf(typ).toLowerCase(Locale.ROOT));
      Object username = claims.getClaimValue(settings.usernameClaim());
      return forUs && access && username instanceof String u && !u.isBlank() ? u : null;
    } catch (InvalidJwtException | MalformedClaimException e) {
      return null;
    }
  }
}
