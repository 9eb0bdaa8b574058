package dev.tessera.storage;

import dev.tessera.job.Job;
import dev.tessera.job.JobStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Background jobs in tessera_job. */
@ApplicationScoped
public class PgJobStore implements JobStore {
  private final PgSql sql;

  public PgJobStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Long> enqueue(Tx tx, String kind, String entity, int minVersion) {
    return sql.query(tx, JobSql.SUPERSEDE, Tuple.of(kind, entity))
        .chain(() -> sql.query(tx, JobSql.ENQUEUE, Tuple.of(kind, entity, minVersion)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  @Override
  public Uni<Job> claim(Tx tx) {
    return sql.query(tx, JobSql.CLAIM).map(PgJobStore::first);
  }

  @Override
  public Uni<Void> progress(Tx tx, long id, String cursor, long done, Long total, boolean finished) {
    return sql.query(tx, JobSql.PROGRESS, Tuple.from(new Object[] {id, cursor, done, total, finished})).replaceWithVoid();
  }

  @Override
  public Uni<Void> fail(Tx tx, long id, String error) {
    return sql.query(tx, JobSql.FAIL, Tuple.of(id, error)).replaceWithVoid();
  }

  @Override
  public Uni<Job> find(Tx tx, long id) {
    return sql.query(tx, JobSql.FIND, Tuple.of(id)).map(PgJobStore::first);
  }

  @Override
  public Uni<List<Job>> list(Tx tx, String state, int limit) {
    return sql.query(tx, JobSql.LIST, Tuple.of(state, limit)).map(rows -> {
      List<Job> out = new ArrayList<>();
      rows.forEach(r -> out.add(job(r)));
      return out;
    });
  }

  private static Job first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : job(rows.iterator().next());
  }

  private static Job job(Row r) {
    return new Job(r.getLong("id"), r.getString("kind"), r.getString("entity"), r.getInteger("min_version"), r.getString("state"), r.getLong("total"),
        r.getLong("done"), r.getString("cursor"), r.getString("error"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at"));
  }
}
