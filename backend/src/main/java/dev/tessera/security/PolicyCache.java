package dev.tessera.security;

import dev.tessera.metadata.MetadataSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled policies per (role set, metadata version). Keyed by the snapshot object itself rather than
 * its number, so a version number reused after a failed publish can never return a policy compiled
 * from other definitions; a snapshot no request holds any more is dropped with its policies.
 */
@ApplicationScoped
public class PolicyCache {
  private final Map<MetadataSnapshot, Map<List<String>, Policy>> bySnapshot = new WeakHashMap<>();
  /** The live version's policies, read without a lock by every request (the weak map is for older ones). */
  private volatile Latest latest;

  private record Latest(MetadataSnapshot snapshot, Map<List<String>, Policy> policies) {}

  /** The policy of {@code roles} (order and repeats do not matter) under {@code snapshot}. */
  public Policy policy(Collection<String> roles, MetadataSnapshot snapshot) {
    List<String> key = List.copyOf(new TreeSet<>(roles));
    Latest l = latest;
    Map<List<String>, Policy> policies;
    if (l != null && l.snapshot() == snapshot) {
      policies = l.policies();
    } else {
      synchronized (bySnapshot) {
        policies = bySnapshot.computeIfAbsent(snapshot, s -> new ConcurrentHashMap<>());
      }
      latest = new Latest(snapshot, policies);
    }
    return policies.computeIfAbsent(key, k -> PolicyCompiler.compile(k, snapshot));
  }
}
