package dev.tessera.graphql;

import dev.tessera.identity.Principal;
import dev.tessera.platform.Actor;
import graphql.schema.DataFetchingEnvironment;

/**
 * Per-request facts the fetchers need, kept in the GraphQLContext: the actor, the language of
 * messages, the verified caller ({@code principal}, null when the request carried no credential),
 * whether the request may only sign in ({@code signInOnly}: no credential while sign-in is required)
 * and the client's address (for sign-in limits).
 */
public record RequestContext(Actor actor, String locale, Principal principal, boolean signInOnly, String address) {
  static final String KEY = "tessera.request";

  public RequestContext(Actor actor, String locale) {
    this(actor, locale, null, false, null);
  }

  static RequestContext of(DataFetchingEnvironment env) {
    RequestContext c = env.getGraphQlContext().get(KEY);
    return c != null ? c : new RequestContext(Actor.SYSTEM, "en");
  }
}
