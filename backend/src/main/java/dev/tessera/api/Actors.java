package dev.tessera.api;

import dev.tessera.identity.AccountAdmin;
import dev.tessera.identity.Principal;
import dev.tessera.platform.Actor;
import dev.tessera.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The actor a verified caller acts as, with the roles that limit it: an API key holds the one role it
 * was created for; a user the roles of its user record (none while it is not active), and
 * {@code admin} when it is the built-in administrator.
 */
@ApplicationScoped
class Actors {
  private final Callers callers;
  private final AccountAdmin admins;

  Actors(Callers callers, AccountAdmin admins) {
    this.callers = callers;
    this.admins = admins;
  }

  Uni<Actor> of(Principal p, String source) {
    if (p.isApiKey()) {
      return Uni.createFrom().item(Callers.apiKey(p.username(), p.role(), source));
    }
    return callers.user(p.username(), source, admins.isAdmin(p));
  }
}
