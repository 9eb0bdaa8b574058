package dev.tessera.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response: the designer UI and GraphiQL (Quinoa's static files and SPA
 * routes), /graphql and everything else. The content security policy fits the built UI: scripts,
 * workers (GraphiQL's Monaco editor) and connections only from this origin; styles from this origin
 * plus inline ones (Monaco and GraphiQL add style elements at run time); fonts and images from this
 * origin or data: URLs (GraphiQL's CSS inlines its fonts); no plugins; no framing by any page.
 * Strict-Transport-Security only on a request that came over HTTPS (directly, or through a trusted proxy
 * that says so), so a plain-HTTP development server never pins browsers to HTTPS.
 */
@ApplicationScoped
public class SecurityHeaders {
  static final String DEFAULT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:;"
      + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  static final String HSTS = "max-age=31536000; includeSubDomains";
  /** Before every other filter (CORS refusals carry the headers too) and every route. */
  private static final int PRIORITY = 10_000;
  private final String policy;

  /** The policy: {@link #DEFAULT_POLICY} unless TESSERA_HTTP_CONTENT_SECURITY_POLICY replaces it. */
  public SecurityHeaders(@ConfigProperty(name = "tessera.http.content-security-policy", defaultValue = DEFAULT_POLICY)
      String policy) {
    this.policy = policy;
  }

  void filters(@Observes Filters filters) {
    filters.register(this::add, PRIORITY);
  }

  private void add(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> put(ctx));
    ctx.next();
  }

  private void put(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", policy);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    if ("https".equalsIgnoreCase(ctx.request().scheme())) {
      h.set("Strict-Transport-Security", HSTS);
    }
  }
}
