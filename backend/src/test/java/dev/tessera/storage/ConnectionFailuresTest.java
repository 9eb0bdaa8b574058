package dev.tessera.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failures of the reactive client mean "the database cannot be reached" (UNAVAILABLE), and which do not. */
class ConnectionFailuresTest {
  static Stream<Throwable> unreachable() {
    return Stream.of(
        new ConnectException("Connection refused: /127.0.0.1:5433"),
        new ConnectTimeoutException("connection timed out: /10.0.0.1:5432"),
        new SocketException("Connection reset"),
        ClosedConnectionException.INSTANCE,
        new NoStackTraceThrowable("Timeout"),
        new VertxException("Timeout waiting for connection", true),
        new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
        new VertxException("Pending requests failed to be sent due to connection has been closed.", true),
        pg("57P01", "terminating connection due to administrator command"),
        pg("57P03", "the database system is shutting down"),
        pg("53300", "sorry, too many clients already"),
        pg("08006", "connection failure"),
        new CompletionException(new ConnectException("Connection refused")));
  }

  static Stream<Throwable> reachable() {
    return Stream.of(
        pg("23505", "duplicate key value violates unique constraint"),
        pg("22008", "date/time field value out of range"),
        pg("40001", "could not serialize access"),
        new IllegalStateException("a bug"),
        new NoStackTraceThrowable("something else"),
        new PlatformException(ErrorCode.UNAVAILABLE, "mapped already"));
  }

  @ParameterizedTest
  @MethodSource
  void unreachable(Throwable failure) {
    assertTrue(ConnectionFailures.unreachable(failure), failure.toString());
    PlatformException e = ConnectionFailures.unavailable(failure);
    assertEquals(ErrorCode.UNAVAILABLE, e.code());
    assertTrue(e.message("zh-CN").contains("数据库暂时无法访问"), e.message("zh-CN"));
    assertSame(failure, e.getCause());
  }

  @ParameterizedTest
  @MethodSource
  void reachable(Throwable failure) {
    assertFalse(ConnectionFailures.unreachable(failure), failure.toString());
  }

  private static PgException pg(String state, String message) {
    return new PgException(message, "FATAL", state, null);
  }
}
