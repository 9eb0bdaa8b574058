package dev.tessera.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sign-in is required, and most tests are about something else: a GraphQL request a test sends without
 * an {@code Authorization} header goes as the administrator (see {@link TestUsers}). A test about
 * anonymous callers marks its request with {@link #ANONYMOUS} ({@link Auth#call} with no credential
 * does), and it goes without any credential. Registered for every test class (JUnit extension
 * auto-detection, junit-platform.properties).
 */
public final class SignedIn implements Filter, BeforeAllCallback {
  /** A request header (removed before sending) asking for no credential at all. */
  public static final String ANONYMOUS = "X-Test-Anonymous";
  private static volatile boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  static synchronized void install() {
    if (!installed) {
      RestAssured.filters(new SignedIn());
      installed = true;
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
