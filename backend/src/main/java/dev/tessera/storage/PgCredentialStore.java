package dev.tessera.storage;

import dev.tessera.identity.ApiKey;
import dev.tessera.identity.CredentialStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Credentials, sessions, refresh tokens, API keys, the signing key and failed sign-ins (V17__credentials.sql). */
@ApplicationScoped
public class PgCredentialStore implements CredentialStore {
  private final PgSql sql;

  public PgCredentialStore(PgSql sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Account> account(Tx t, String username) {
    return first(sql.query(t, CredentialSql.ACCOUNT, Tuple.of(username)),
        r -> new Account(r.getString(0), r.getString(1), r.getString(2)));
  }

  @Override
  public Uni<String> userStatus(Tx t, String username) {
    return first(sql.query(t, CredentialSql.USER_STATUS, Tuple.of(username)), r -> r.getString(0));
  }

  @Override
  public Uni<Void> setPassword(Tx t, String username, String hash) {
    return sql.query(t, CredentialSql.SET_PASSWORD, Tuple.of(username, hash)).replaceWithVoid();
  }

  @Override
  public Uni<Boolean> createPassword(Tx t, String username, String hash) {
    return sql.query(t, CredentialSql.CREATE_PASSWORD, Tuple.of(username, hash)).map(r -> r.rowCount() == 1);
  }

  @Override
  public Uni<Void> endSessions(Tx t, String username) {
    return sql.query(t, CredentialSql.END_SESSIONS, Tuple.of(username)).replaceWithVoid();
  }

  @Override
  public Uni<Void> openSession(Tx t, UUID id, String username) {
    return sql.query(t, CredentialSql.OPEN_SESSION, Tuple.of(id, username)).replaceWithVoid();
  }

  @Override
  public Uni<SessionState> session(Tx t, UUID id) {
    return first(sql.query(t, CredentialSql.SESSION, Tuple.of(id)),
        r -> new SessionState(r.getString(0), Boolean.TRUE.equals(r.getBoolean(1)), r.getString(2)));
  }

  @Override
  public Uni<Void> revokeSession(Tx t, UUID id) {
    return sql.query(t, CredentialSql.REVOKE_SESSION, Tuple.of(id)).replaceWithVoid();
  }

  @Override
  public Uni<Void> addRefreshToken(Tx t, UUID session, byte[] hash, Duration ttl) {
    return sql.query(t, CredentialSql.ADD_REFRESH, Tuple.of(Buffer.buffer(hash), session, ttl.toMillis()))
        .replaceWithVoid();
  }

  @Override
  public Uni<UUID> useRefreshToken(Tx t, byte[] hash) {
    return first(sql.query(t, CredentialSql.USE_REFRESH, Tuple.of(Buffer.buffer(hash))), r -> r.getUUID(0));
  }

  @Override
  public Uni<Void> addApiKey(Tx t, ApiKey k, byte[] hash) {
    return sql.query(t, CredentialSql.ADD_API_KEY,
        Tuple.from(new Object[] {k.id(), k.name(), k.role(), k.prefix(), Buffer.buffer(hash), k.createdBy()}))
        .replaceWithVoid();
  }

  @Override
  public Uni<ApiKey> useApiKey(Tx t, byte[] hash) {
    return first(sql.query(t, CredentialSql.USE_API_KEY, Tuple.of(Buffer.buffer(hash))), PgCredentialStore::apiKey);
  }

  @Override
  public Uni<Boolean> revokeApiKey(Tx t, UUID id) {
    return sql.query(t, CredentialSql.REVOKE_API_KEY, Tuple.of(id)).map(r -> r.rowCount() == 1);
  }

  @Override
  public Uni<Boolean> apiKeyLive(Tx t, UUID id) {
    return first(sql.query(t, CredentialSql.API_KEY_LIVE, Tuple.of(id)), r -> r.getBoolean(0));
  }

  @Override
  public Uni<List<ApiKey>> apiKeys(Tx t) {
    return sql.query(t, CredentialSql.API_KEYS).map(rows -> {
      List<ApiKey> out = new ArrayList<>();
      rows.forEach(r -> out.add(apiKey(r)));
      return out;
    });
  }

  @Override
  public Uni<SigningKey> signingKey(Tx t, SigningKey candidate) {
    return sql.query(t, CredentialSql.ADD_SIGNING_KEY, Tuple.of(candidate.id(), candidate.algorithm(),
            Buffer.buffer(candidate.privateKey()), Buffer.buffer(candidate.publicKey())))
        .chain(() -> first(sql.query(t, CredentialSql.SIGNING_KEY, Tuple.of(candidate.id())), r -> new SigningKey(
            r.getString(0), r.getString(1), r.getBuffer(2).getBytes(), r.getBuffer(3).getBytes())));
  }

  @Override
  public Uni<java.util.Map<String, Integer>> failures(Tx t, List<String> keys, Duration window) {
    return sql.query(t, CredentialSql.FAILURES, Tuple.of(keys.toArray(String[]::new), window.toMillis())).map(rows -> {
      java.util.Map<String, Integer> out = new java.util.HashMap<>();
      rows.forEach(r -> out.put(r.getString(0), r.getInteger(1)));
      return out;
    });
  }

  @Override
  public Uni<Void> addFailure(Tx t, List<String> keys, Duration window) {
    return sql.query(t, CredentialSql.ADD_FAILURE, Tuple.of(keys.toArray(String[]::new), window.toMillis()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> clearFailures(Tx t, String key) {
    return sql.query(t, CredentialSql.CLEAR_FAILURES, Tuple.of(key)).replaceWithVoid();
  }

  private static ApiKey apiKey(Row r) {
    return new ApiKey(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        r.getOffsetDateTime(5), r.getOffsetDateTime(6), r.getOffsetDateTime(7));
  }

  private static <T> Uni<T> first(Uni<RowSet<Row>> rows, java.util.function.Function<Row, T> map) {
    return rows.map(rs -> rs.size() == 0 ? null : map.apply(rs.iterator().next()));
  }
}
