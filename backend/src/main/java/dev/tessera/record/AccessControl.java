package dev.tessera.record;

import dev.tessera.platform.Actor;
import io.smallrye.mutiny.Uni;

/**
 * Resolves an actor's {@link Access} (the security package implements it; {@code record} does not
 * depend on it). A trusted internal actor ({@link Actor#restricted()} false) gets
 * {@link Access#UNRESTRICTED} without any lookup.
 */
public interface AccessControl {
  Uni<Access> of(Actor actor);
}
