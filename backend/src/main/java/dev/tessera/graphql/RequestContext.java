package dev.tessera.graphql;

import dev.tessera.platform.Actor;
import graphql.schema.DataFetchingEnvironment;

/** Per-request facts the fetchers need, kept in the GraphQLContext. */
public record RequestContext(Actor actor, String locale) {
  static final String KEY = "tessera.request";

  static RequestContext of(DataFetchingEnvironment env) {
    RequestContext c = env.getGraphQlContext().get(KEY);
    return c != null ? c : new RequestContext(Actor.SYSTEM, "en");
  }
}
