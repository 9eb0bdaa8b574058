package dev.tessera.platform;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * CPU-heavy steps (validating a whole metadata set, building a GraphQL schema) run on a worker thread,
 * so one publish or dry run never stalls the event loop that serves every other request.
 */
public final class OffLoop {
  private OffLoop() {}

  public static <T> Uni<T> compute(Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
