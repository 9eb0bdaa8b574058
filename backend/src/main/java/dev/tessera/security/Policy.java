package dev.tessera.security;

import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.RoleDefinition.Capability;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the holders of one set of roles may do under one metadata version, compiled once
 * ({@link PolicyCompiler}) and cached ({@link PolicyCache}), so no request re-derives rights per
 * record: per entity an {@link EntityPolicy}, and the platform capabilities. Holding {@code admin}
 * grants everything. Immutable; it knows no user: record scopes become filters with a {@link Viewer}.
 */
public final class Policy {
  private final SortedSet<String> roles;
  private final int version;
  private final boolean admin;
  private final Map<String, EntityPolicy> entities;
  private final Set<Capability> capabilities;

  Policy(Set<String> roles, int version, boolean admin, Map<String, EntityPolicy> entities,
      Set<Capability> capabilities) {
    this.roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
    this.version = version;
    this.admin = admin;
    this.entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    this.capabilities = capabilities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
  }

  /** The role names the policy was compiled for, sorted (unknown names included; they grant nothing). */
  public SortedSet<String> roles() {
    return roles;
  }

  /** The metadata version whose roles and entities it was compiled from. */
  public int version() {
    return version;
  }

  /** True when the roles include the built-in {@value RoleDefinition#ADMIN}. */
  public boolean admin() {
    return admin;
  }

  /** The rights on {@code entity}; an entity no role lists grants nothing (everything for admin). */
  public EntityPolicy entity(String entity) {
    return entities.getOrDefault(entity, EntityPolicy.NONE);
  }

  public boolean has(Capability capability) {
    return admin || capabilities.contains(capability);
  }
}
