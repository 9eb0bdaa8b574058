package dev.tessera.storage;

import dev.tessera.platform.Tx;
import io.vertx.mutiny.sqlclient.SqlClient;

/** A transaction or pooled connection of the reactive PostgreSQL client. */
record PgTx(SqlClient client) implements Tx {
  static SqlClient of(Tx tx) {
    return ((PgTx) tx).client();
  }
}
