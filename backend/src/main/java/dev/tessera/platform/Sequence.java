package dev.tessera.platform;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Runs asynchronous steps one after the other: each starts when the previous one has finished (on one
 * connection or transaction, statements must not overlap), the first failure stops the rest. The one
 * place this loop is written.
 */
public final class Sequence {
  private Sequence() {}

  /** Runs {@code step} for each item in order. */
  public static <T> Uni<Void> each(Iterable<T> items, Function<? super T, Uni<?>> step) {
    return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply)
        .collect().last().replaceWithVoid();
  }

  /** Runs {@code step} for each item in order and collects the results in that order. */
  public static <T, R> Uni<List<R>> map(Iterable<T> items, Function<? super T, Uni<R>> step) {
    return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply).collect().asList();
  }
}
