package dev.tessera.storage;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.RecordMessages;
import io.vertx.pgclient.PgException;
import java.util.Map;

/**
 * PostgreSQL's refusals of a value (SQLSTATE class 22, data exceptions, and 54, limits such as an index
 * row that is too large) become a VALIDATION_FAILED the client can act on, instead of an internal
 * error; the statement's transaction still rolls back, so nothing of the write is kept. A database
 * that cannot be reached becomes UNAVAILABLE ({@link ConnectionFailures}).
 */
final class PgErrors {
  private PgErrors() {}

  static Throwable translate(Throwable t) {
    if (ConnectionFailures.unreachable(t)) {
      return ConnectionFailures.unavailable(t);
    }
    if (!(t instanceof PgException pg) || pg.getSqlState() == null) {
      return t;
    }
    String state = pg.getSqlState();
    if (state.startsWith("54")) {
      return new PlatformException(ErrorCode.VALIDATION_FAILED, RecordMessages.text("TOO_LONG_TO_INDEX"), null);
    }
    if (state.startsWith("22")) {
      return new PlatformException(ErrorCode.VALIDATION_FAILED,
          RecordMessages.text("DB_REFUSED", Map.of("reason", String.valueOf(pg.getErrorMessage()))), null);
    }
    return t;
  }
}
