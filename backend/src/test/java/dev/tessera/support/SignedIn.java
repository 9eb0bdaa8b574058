package dev.tessera.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Sign-in is required, and most tests are about something else: a GraphQL request a test sends without
 * an {@code Authorization} header goes as the administrator (see {@link TestUsers}). A test about
 * anonymous callers marks its request with {@link #ANONYMOUS} ({@link Auth#call} with no credential
 * does), and it goes without any credential. Installed before every Quarkus test (a Quarkus test
 * callback, so it lands in the RestAssured the test's own class loader sees).
 */
public final class SignedIn implements Filter, QuarkusTestBeforeEachCallback {
  /** A request header (removed before sending) asking for no credential at all. */
  public static final String ANONYMOUS = "X-Test-Anonymous";

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    install();
  }

  static synchronized void install() {
    if (RestAssured.filters().stream().noneMatch(f -> f instanceof SignedIn)) {
      RestAssured.filters(new SignedIn());
    }
  }

  @Override
  public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
      FilterContext ctx) {
    if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
      request.removeHeader(ANONYMOUS);
    } else if (!request.getHeaders().hasHeaderWithName("Authorization") && request.getURI().contains("/graphql")) {
      request.header("Authorization", TestUsers.bearer(null));
    }
    return ctx.next(request, response);
  }
}
