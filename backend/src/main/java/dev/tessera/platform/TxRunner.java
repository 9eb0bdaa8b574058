package dev.tessera.platform;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/** The one transaction owner: runs work in a database transaction, committed when the Uni succeeds. */
public interface TxRunner {
  <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work);

  /** Runs read-only work on a pooled connection without a transaction. */
  <T> Uni<T> withConnection(Function<Tx, Uni<T>> work);
}
