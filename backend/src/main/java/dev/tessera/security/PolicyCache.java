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

  /** The policy of {@code roles} (order and repeats do not matter) under {@code snapshot}. */
  public Policy policy(Collection<String> roles, MetadataSnapshot snapshot) {
    List<String> key = List.copyOf(new TreeSet<>(roles));
    Map<List<String>, Policy> policies;
    synchronized (bySnapshot) {
      policies = bySnapshot.computeIfAbsent(snapshot, s -> new ConcurrentHashMap<>());
    }
    return policies.computeIfAbsent(key, k -> PolicyCompiler.compile(k, snapshot));
  }
}
