package dev.tessera.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the live metadata snapshot; swapped atomically by {@link MetadataService} on publish. */
@ApplicationScoped
public class MetadataRegistry {
  private final AtomicReference<MetadataSnapshot> current = new AtomicReference<>(MetadataSnapshot.EMPTY);

  public MetadataSnapshot current() {
    return current.get();
  }

  void swap(MetadataSnapshot next) {
    current.set(next);
  }
}
