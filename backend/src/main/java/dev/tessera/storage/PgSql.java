package dev.tessera.storage;

import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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

  @Override
  public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
    return pool.withTransaction(conn -> work.apply(new PgTx(conn)));
  }

  @Override
  public <T> Uni<T> withConnection(Function<Tx, Uni<T>> work) {
    return work.apply(new PgTx(pool));
  }

  Uni<RowSet<Row>> query(Tx tx, String sql, Tuple params) {
    statements.incrementAndGet();
    return PgTx.of(tx).preparedQuery(sql).execute(params);
  }

  Uni<RowSet<Row>> query(Tx tx, String sql) {
    statements.incrementAndGet();
    return PgTx.of(tx).query(sql).execute();
  }

  Uni<Void> batch(Tx tx, String sql, java.util.List<Tuple> params) {
    statements.incrementAndGet();
    return PgTx.of(tx).preparedQuery(sql).executeBatch(params).replaceWithVoid();
  }

  /** Statements run since start; a diagnostic for tests and metrics. */
  public long statementCount() {
    return statements.get();
  }
}
