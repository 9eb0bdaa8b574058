package dev.tessera.identity;

import static dev.tessera.support.Auth.REFRESH;
import static dev.tessera.support.Auth.as;
import static dev.tessera.support.Auth.call;
import static dev.tessera.support.Auth.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Auth;
import dev.tessera.support.Gql;
import dev.tessera.support.Race;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signing in, refreshing, signing out, changing passwords and deactivation, over real HTTP against the
 * real database, with sign-in required (the default).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SignInComponentTest {
  static final String PASSWORD = "correct horse battery";

  @Test
  void signingInGivesTokensThatActAsTheUser() {
    String u = Auth.user("li", PASSWORD);
    JsonPath s = ok(Auth.signIn(u, PASSWORD));
    assertEquals(900, s.getInt("data.signIn.expiresIn"));
    String token = s.getString("data.signIn.accessToken");
    JsonPath team = ok(as(token, "mutation { createTeam(input: {code: \"" + Gql.unique("t") + "\", name: \"x\"}) { createdBy } }"));
    assertEquals(u, team.getString("data.createTeam.createdBy"), "the token's user is the actor");
  }

  @Test
  void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
    String u = Auth.user("wang", PASSWORD);
    for (String locale : List.of("en", "zh-CN")) {
      JsonPath unknown = call(null, locale, Auth.SIGN_IN, Map.of("u", Gql.unique("nobody"), "p", PASSWORD)).jsonPath();
      JsonPath wrong = call(null, locale, Auth.SIGN_IN, Map.of("u", u, "p", "not the password")).jsonPath();
      assertEquals("UNAUTHENTICATED", unknown.getString("errors[0].extensions.code"));
      assertEquals(unknown.getString("errors[0].message"), wrong.getString("errors[0].message"));
      assertEquals(unknown.getMap("errors[0].extensions"), wrong.getMap("errors[0].extensions"));
      assertNull(wrong.get("data.signIn"));
    }
    assertEquals("用户名或密码错误", call(null, "zh-CN", Auth.SIGN_IN, Map.of("u", u, "p", "x")).jsonPath()
        .getString("errors[0].message"));
  }

  @Test
  void anAccountIsRefusedAfterFiveFailuresEvenWithTheRightPassword() {
    String u = Auth.user("zhao", PASSWORD);
    String other = Auth.user("qian", PASSWORD);
    for (int i = 0; i < 5; i++) {
      assertEquals("UNAUTHENTICATED", Auth.signIn(u, "wrong " + i).getString("errors[0].extensions.code"));
    }
    JsonPath locked = Auth.signIn(u, PASSWORD);
    assertEquals("TOO_MANY_ATTEMPTS", locked.getString("errors[0].extensions.code"), locked.prettify());
    assertEquals("TOO_MANY_ATTEMPTS", Auth.signIn(u.toUpperCase(), PASSWORD).getString("errors[0].extensions.code"),
        "the account is counted whatever the case of its name");
    ok(Auth.signIn(other, PASSWORD));
  }

  @Test
  void refreshingGivesTheNextPairAndARefreshTokenWorksOnce() {
    String u = Auth.user("sun", PASSWORD);
    JsonPath first = ok(Auth.signIn(u, PASSWORD));
    String refresh = first.getString("data.signIn.refreshToken");
    JsonPath next = ok(as(first.getString("data.signIn.accessToken"), REFRESH, Map.of("t", refresh)));
    assertNotEquals(refresh, next.getString("data.refreshSession.refreshToken"));
    ok(as(next.getString("data.refreshSession.accessToken"), "{ notifications { id } }"));
    JsonPath again = call(null, "en", REFRESH, Map.of("t", refresh)).jsonPath();
    assertEquals("UNAUTHENTICATED", again.getString("errors[0].extensions.code"), "a used refresh token is refused");
    assertEquals("UNAUTHENTICATED", call(null, "en", REFRESH, Map.of("t", "rt_forged")).jsonPath()
        .getString("errors[0].extensions.code"));
  }

  @Test
  void ofRefreshesRacingOnOneTokenExactlyOneWins() throws Exception {
    String u = Auth.user("zhou", PASSWORD);
    String refresh = ok(Auth.signIn(u, PASSWORD)).getString("data.signIn.refreshToken");
    try (Race race = new Race(8)) {
      List<String> outcomes = race.run(8, i -> {
        JsonPath r = call(null, "en", REFRESH, Map.of("t", refresh)).jsonPath();
        return r.getString("data.refreshSession.accessToken") != null ? "won" : r.getString("errors[0].extensions.code");
      });
      assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
      assertEquals(7, outcomes.stream().filter("UNAUTHENTICATED"::equals).count(), outcomes.toString());
    }
  }

  @Test
  void signingOutEndsTheRefreshTokenAtOnceAndTheAccessTokenWithinTheCheckInterval() throws Exception {
    String u = Auth.user("wu", PASSWORD);
    JsonPath s = ok(Auth.signIn(u, PASSWORD));
    String token = s.getString("data.signIn.accessToken");
    JsonPath other = ok(Auth.signIn(u, PASSWORD));
    assertTrue(ok(as(token, "mutation { signOut }")).getBoolean("data.signOut"));
    assertEquals("UNAUTHENTICATED", call(null, "en", REFRESH, Map.of("t", s.getString("data.signIn.refreshToken")))
        .jsonPath().getString("errors[0].extensions.code"));
    assertEquals(401, refusedWithin(token));
    ok(as(other.getString("data.signIn.accessToken"), "{ notifications { id } }"));
  }

  @Test
  void signingOutEverywhereEndsEverySessionOfTheUser() throws Exception {
    String u = Auth.user("zheng", PASSWORD);
    String a = Auth.token(u, PASSWORD);
    String b = Auth.token(u, PASSWORD);
    ok(as(a, "mutation { signOut(everywhere: true) }"));
    assertEquals(401, refusedWithin(b));
    ok(Auth.signIn(u, PASSWORD));
  }

  @Test
  void changingThePasswordChecksTheOldOneAndEndsEveryOtherSession() throws Exception {
    String u = Auth.user("feng", PASSWORD);
    String old = Auth.token(u, PASSWORD);
    String change = "mutation C($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n)"
        + " { accessToken } }";
    JsonPath wrong = as(old, change, Map.of("c", "not it", "n", "a new password"));
    assertEquals("currentPassword", wrong.getString("errors[0].extensions.field"));
    JsonPath shortOne = as(old, change, Map.of("c", PASSWORD, "n", "short"));
    assertEquals("newPassword", shortOne.getString("errors[0].extensions.field"));
    String fresh = ok(as(old, change, Map.of("c", PASSWORD, "n", "a new password"))).getString("data.changePassword.accessToken");
    assertEquals(401, refusedWithin(old));
    ok(as(fresh, "{ notifications { id } }"));
    assertEquals("UNAUTHENTICATED", Auth.signIn(u, PASSWORD).getString("errors[0].extensions.code"));
    ok(Auth.signIn(u, "a new password"));
  }

  @Test
  void aDeactivatedUserIsSignedOutWithinTheCheckIntervalAndCannotSignIn() throws Exception {
    String u = Auth.user("chen", PASSWORD);
    JsonPath s = ok(Auth.signIn(u, PASSWORD));
    String token = s.getString("data.signIn.accessToken");
    String admin = Auth.token(Auth.ADMIN, Auth.ADMIN_PASSWORD);
    JsonPath user = ok(as(admin, "{ users(filter: {username: {eq: \"" + u + "\"}}) { nodes { id version } } }"));
    ok(as(admin, "mutation { updateUser(id: \"" + user.getString("data.users.nodes[0].id") + "\", version: "
        + user.getInt("data.users.nodes[0].version") + ", patch: {status: \"inactive\"}) { status } }"));
    assertEquals(401, refusedWithin(token));
    assertEquals("UNAUTHENTICATED", call(null, "en", REFRESH, Map.of("t", s.getString("data.signIn.refreshToken")))
        .jsonPath().getString("errors[0].extensions.code"));
    JsonPath again = Auth.signIn(u, PASSWORD);
    assertEquals("Wrong username or password", again.getString("errors[0].message"), "no hint that the account exists");
  }

  @Test
  void aCredentialThatDoesNotCheckOutIsRefused() {
    Response bad = call("Bearer not-a-token", "en", "{ notifications { id } }", Map.of());
    assertEquals(401, bad.statusCode(), "a credential that does not check out is refused even so");
    assertEquals("UNAUTHENTICATED", bad.jsonPath().getString("errors[0].extensions.code"));
    assertEquals("Bearer", bad.header("WWW-Authenticate"));
  }

  /** Polls with the token until it is refused, at most 5 s (the test check interval is 1 s); the status seen. */
  static int refusedWithin(String token) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    int status;
    do {
      status = call("Bearer " + token, "en", "{ notifications { id } }", Map.of()).statusCode();
      if (status == 401) {
        return status;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < until);
    assertNotNull(null, "the token still works after 5 s");
    return status;
  }
}
