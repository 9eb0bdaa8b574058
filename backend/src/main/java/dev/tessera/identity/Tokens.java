package dev.tessera.identity;

import dev.tessera.platform.TxRunner;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived access tokens: JWTs signed RS256 with smallrye-jwt, carrying the username ({@code sub})
 * and the session ({@code sid}). The key pair is made by the first node that starts and kept in the
 * database, so every node signs and verifies with the same key. Verification accepts only RS256 with
 * that key, this issuer and this audience, and an unexpired token; anything else is refused.
 */
@ApplicationScoped
public class Tokens {
  static final String KEY_ID = "access-rs256";
  private final CredentialStore store;
  private final TxRunner tx;
  private final AuthSettings settings;
  private final java.util.concurrent.atomic.AtomicReference<Keys> loaded = new java.util.concurrent.atomic.AtomicReference<>();

  /** The decoded key pair and a parser bound to the public key and the expected claims. */
  private record Keys(PrivateKey signing, DefaultJWTParser parser) {}

  /** What a verified access token says. */
  public record Claims(String username, UUID sessionId) {}

  public Tokens(CredentialStore store, TxRunner tx, AuthSettings settings) {
    this.store = store;
    this.tx = tx;
    this.settings = settings;
  }

  /** A signed access token for a session. */
  public Uni<String> issue(String username, UUID session) {
    return keys().map(k -> {
      Instant now = Instant.now();
      return Jwt.claims().issuer(settings.issuer()).audience(settings.audience()).subject(username)
          .claim("sid", session.toString()).issuedAt(now).expiresAt(now.plus(settings.accessTokenTtl()))
          .jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(k.signing());
    });
  }

  /** The claims of a valid token, or null for a token that is malformed, forged, expired or not for us. */
  public Uni<Claims> verify(String token) {
    return keys().map(k -> {
      try {
        var jwt = k.parser().parse(token);
        String sid = jwt.getClaim("sid");
        if (jwt.getSubject() == null || sid == null) {
          return null;
        }
        return new Claims(jwt.getSubject(), UUID.fromString(sid));
      } catch (ParseException | IllegalArgumentException | ClassCastException e) {
        return null;
      }
    });
  }

  /** The key pair, read (or made and stored) on first use; a failure is not remembered, the next call tries again. */
  Uni<Void> load() {
    return keys().replaceWithVoid();
  }

  private Uni<Keys> keys() {
    Keys k = loaded.get();
    if (k != null) {
      return Uni.createFrom().item(k);
    }
    return dev.tessera.platform.OffLoop.compute(Tokens::generate)
        .chain(candidate -> tx.inTransaction(t -> store.signingKey(t, candidate)))
        .map(this::decode).invoke(loaded::set);
  }

  private Keys decode(CredentialStore.SigningKey stored) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey()));
      PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
      JWTAuthContextInfo info = new JWTAuthContextInfo(pub, settings.issuer());
      info.setExpectedAudience(Set.of(settings.audience()));
      info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
      info.setClockSkew(5);
      info.setExpGracePeriodSecs(0);
      info.setMaxTimeToLiveSecs(settings.accessTokenTtl().toSeconds() + 60);
      return new Keys(priv, new DefaultJWTParser(info));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the stored token signing key does not decode", e);
    }
  }

  private static CredentialStore.SigningKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      return new CredentialStore.SigningKey(KEY_ID, "RS256", pair.getPrivate().getEncoded(), pair.getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
