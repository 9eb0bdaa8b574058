package dev.tessera.api;

import dev.tessera.graphql.RequestContext;
import dev.tessera.identity.AccountAdmin;
import dev.tessera.identity.Principal;
import dev.tessera.metamodel.model.RoleDefinition.Capability;
import dev.tessera.platform.Actor;
import dev.tessera.security.Callers;
import dev.tessera.security.Permissions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The request context of a verified caller, with the roles that limit it: an API key holds the one role
 * it was created for; a user the roles of its user record (none while it is not active), and
 * {@code admin} when it is the built-in administrator. A caller whose roles grant {@code manageUsers}
 * administers credentials too.
 */
@ApplicationScoped
class Actors {
  private final Callers callers;
  private final AccountAdmin admins;
  private final Permissions permissions;

  Actors(Callers callers, AccountAdmin admins, Permissions permissions) {
    this.callers = callers;
    this.admins = admins;
    this.permissions = permissions;
  }

  Uni<RequestContext> context(Principal p, String source, String locale, String address) {
    Uni<Actor> actor = p.isApiKey() ? Uni.createFrom().item(Callers.apiKey(p.username(), p.role(), source))
        : callers.user(p.username(), source, admins.isAdmin(p));
    return actor.map(a -> new RequestContext(a, locale,
        permissions.policy(a).has(Capability.MANAGE_USERS) ? p.managingUsers() : p, false, address));
  }
}
