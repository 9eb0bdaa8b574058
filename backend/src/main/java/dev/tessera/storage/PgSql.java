package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every SQL statement Tessera runs goes through here: it owns transactions (see {@link TxRunner})
 * and counts statements, which tests use to prove there is no N+1.
 */
@ApplicationScoped
public class PgSql implements TxRunner {
  private final Pool pool;
  private final AtomicLong statements = new AtomicLong();

  public PgSql(Pool pool) {
    this.pool = pool;
  }

  /**
   * Like {@code Pool.withTransaction}, minus one round trip: BEGIN is sent without waiting for its
   * answer, so the work's first statement follows it on the wire (the client pipelines). Statements
   * issued after BEGIN belong to the transaction; one that fails marks it failed, so the commit
   * becomes a rollback, as with the pool's own helper.
   */
  @Override
  public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
    return pool.withConnection(conn -> {
      Uni<Transaction> begun = conn.begin().memoize().indefinitely();
      begun.subscribe().with(t -> {}, e -> {});
      return Uni.createFrom().deferred(() -> work.apply(new PgTx(conn)))
          .call(() -> begun.chain(Transaction::commit))
          .onFailure().call(() -> begun.chain(Transaction::rollback).onFailure().recoverWithNull());
    }).onFailure(ConnectionFailures::unreachable).transform(ConnectionFailures::unavailable);
  }

  @Override
  public <T> Uni<T> withConnection(Function<Tx, Uni<T>> work) {
    return work.apply(new PgTx(pool));
  }

  Uni<RowSet<Row>> query(Tx tx, String sql, Tuple params) {
    statements.incrementAndGet();
    return PgTx.of(tx).preparedQuery(sql).execute(params).onFailure().transform(PgErrors::translate);
  }

  Uni<RowSet<Row>> query(Tx tx, String sql) {
    statements.incrementAndGet();
    return PgTx.of(tx).query(sql).execute().onFailure().transform(PgErrors::translate);
  }

  Uni<Void> batch(Tx tx, String sql, java.util.List<Tuple> params) {
    statements.incrementAndGet();
    return PgTx.of(tx).preparedQuery(sql).executeBatch(params).replaceWithVoid().onFailure().transform(PgErrors::translate);
  }

  /** Statements run since start; a diagnostic for tests and metrics. */
  public long statementCount() {
    return statements.get();
  }
}
