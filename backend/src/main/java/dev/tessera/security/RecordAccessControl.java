package dev.tessera.security;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.platform.Actor;
import dev.tessera.record.Access;
import dev.tessera.record.AccessControl;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller's {@link Access} for the record reader and service: a trusted internal actor and an
 * administrator get everything; anyone else the policy of its roles under the current metadata
 * (compiled once per role set and version, {@link PolicyCache}) applied for its viewer.
 */
@ApplicationScoped
public class RecordAccessControl implements AccessControl {
  private static final Uni<Access> EVERYTHING = Uni.createFrom().item(Access.UNRESTRICTED);
  private final PolicyCache policies;
  private final MetadataRegistry registry;
  private final Callers callers;

  public RecordAccessControl(PolicyCache policies, MetadataRegistry registry, Callers callers) {
    this.policies = policies;
    this.registry = registry;
    this.callers = callers;
  }

  @Override
  public Uni<Access> of(Actor actor) {
    if (!actor.restricted()) {
      return EVERYTHING;
    }
    Policy policy = policies.policy(actor.roles(), registry.current());
    if (policy.admin()) {
      return EVERYTHING;
    }
    return callers.viewer(actor).map(v -> access(policy, v));
  }

  /** Most (policy, viewer) pairs whose compiled filters are kept; past that the cache starts over. */
  static final int MAX_KEPT = 10_000;
  private final java.util.Map<java.util.List<Object>, PolicyAccess> kept = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The access of one viewer under one policy, kept while both stand (a new metadata version compiles a
   * new policy; a changed user, team or membership makes a new viewer), so the filters of its scopes are
   * built once, not per request.
   */
  private PolicyAccess access(Policy policy, Viewer viewer) {
    java.util.List<Object> key = java.util.List.of(policy, viewer);
    PolicyAccess a = kept.get(key);
    if (a == null) {
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      a = kept.computeIfAbsent(key, k -> new PolicyAccess(policy, viewer));
    }
    return a;
  }
}
