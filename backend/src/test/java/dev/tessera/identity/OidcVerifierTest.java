package dev.tessera.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/** Which key of a provider's key set verifies a token: the one whose id, type, use and algorithm fit. */
class OidcVerifierTest {
  private static RsaJsonWebKey rsa(String kid, String use, String alg) throws Exception {
    RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
    k.setKeyId(kid);
    k.setUse(use);
    k.setAlgorithm(alg);
    return k;
  }

  @Test
  void theKeyMustFitTheTokensKeyIdTypeUseAndAlgorithm() throws Exception {
    RsaJsonWebKey sig = rsa("sig", "sig", null);
    RsaJsonWebKey enc = rsa("enc", "enc", "RSA-OAEP");
    RsaJsonWebKey rs512 = rsa("rs512", null, "RS512");
    EllipticCurveJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    ec.setKeyId("ec");
    List<JsonWebKey> set = List.of(sig, enc, rs512, ec);

    assertEquals(sig.getPublicKey(), OidcVerifier.select(set, "sig", "RS256"));
    assertEquals(sig.getPublicKey(), OidcVerifier.select(set, "sig", "PS256"));
    assertNull(OidcVerifier.select(set, "enc", "RS256"), "an encryption key never verifies");
    assertNull(OidcVerifier.select(set, "rs512", "RS256"), "the key says which algorithm it is for");
    assertEquals(rs512.getPublicKey(), OidcVerifier.select(set, "rs512", "RS512"));
    assertNull(OidcVerifier.select(set, "ec", "RS256"), "an EC key for an RSA algorithm");
    assertNull(OidcVerifier.select(set, "sig", "ES256"), "an RSA key for an ECDSA algorithm");
    assertEquals(ec.getPublicKey(), OidcVerifier.select(set, "ec", "ES256"));
    assertNull(OidcVerifier.select(set, "gone", "RS256"), "an unknown key id");
  }

  @Test
  void withoutAKeyIdOnlyASingleFittingKeyIsUsed() throws Exception {
    RsaJsonWebKey one = rsa("a", "sig", null);
    assertEquals(one.getPublicKey(), OidcVerifier.select(List.of(one), null, "RS256"));
    assertNull(OidcVerifier.select(List.of(one, rsa("b", "sig", null)), null, "RS256"), "two candidates: no guess");
  }

  @Test
  void onlyAsymmetricSignaturesAreAllowed() {
    for (String alg : new String[] {"none", "HS256", "HS384", "HS512", "RSA-OAEP", "dir"}) {
      assertFalse(OidcVerifier.ALGORITHMS.contains(alg), alg);
    }
  }
}
