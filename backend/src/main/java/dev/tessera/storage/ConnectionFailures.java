package dev.tessera.storage;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.RequestMessages;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Tells a database that cannot be reached from a statement that failed: refused or reset connections,
 * a connection lost mid-way, a pool that found no connection in time, a server shutting down or
 * starting up, too many connections. Those become {@link ErrorCode#UNAVAILABLE} (HTTP 503, worth
 * retrying), instead of an internal error. As with any database, a connection lost during a commit
 * leaves that commit in doubt. The pool opens fresh connections once the server answers again, so
 * nothing needs a restart.
 */
final class ConnectionFailures {
  /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 (connection exception) too. */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");
  /** What the reactive client says, without a type of its own, when a connection is gone or none came in time. */
  private static final Set<String> CLIENT_MESSAGES = Set.of("Timeout", "Timeout waiting for connection",
      "Pending requests failed to be sent due to connection has been closed.");

  private ConnectionFailures() {}

  /** Whether {@code t} (or a cause) says the database could not be reached. */
  static boolean unreachable(Throwable t) {
    if (t instanceof PlatformException) {
      return false; // mapped already (a statement inside a transaction)
    }
    for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (unreachableItself(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unreachableItself(Throwable e) {
    if (e instanceof SocketException || e instanceof ClosedChannelException || e instanceof ClosedConnectionException) {
      return true;
    }
    if (e instanceof PgException pg && pg.getSqlState() != null) {
      return STATES.contains(pg.getSqlState()) || pg.getSqlState().startsWith("08");
    }
    String message = e.getMessage();
    return message != null && (CLIENT_MESSAGES.contains(message) || message.startsWith("Connection is not active now"));
  }

  /** The error a client gets instead. */
  static PlatformException unavailable(Throwable cause) {
    PlatformException e = new PlatformException(ErrorCode.UNAVAILABLE, RequestMessages.text("UNAVAILABLE"), null);
    e.initCause(cause);
    return e;
  }
}
