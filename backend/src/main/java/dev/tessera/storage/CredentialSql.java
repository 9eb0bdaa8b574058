package dev.tessera.storage;

/** The statements of {@link PgCredentialStore} (tables of V17__credentials.sql and the built-in user entity's). */
final class CredentialSql {
  private CredentialSql() {}

  private static final String USERS = EntitySql.table("user");

  /** The status of the live user record with a username ($1); no row when there is none. */
  static final String USER_STATUS = "SELECT coalesce(data->>'status', 'active') FROM " + USERS
      + " WHERE data->>'username' = $1 AND deleted_at IS NULL";

  static final String ACCOUNT = "SELECT c.username, c.password_hash, (" + USER_STATUS.replace("$1", "c.username")
      + ") FROM tessera_credential c WHERE c.username = $1";

  static final String SET_PASSWORD = """
      INSERT INTO tessera_credential (username, password_hash, sessions_valid_after, updated_at)
      VALUES ($1, $2, clock_timestamp(), now())
      ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
        sessions_valid_after = clock_timestamp(), updated_at = now()""";

  static final String CREATE_PASSWORD = """
      INSERT INTO tessera_credential (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING""";

  static final String END_SESSIONS =
      "UPDATE tessera_credential SET sessions_valid_after = clock_timestamp() WHERE username = $1";

  static final String OPEN_SESSION = "INSERT INTO tessera_session (id, username) VALUES ($1, $2)";

  static final String SESSION = "SELECT s.username, s.revoked_at IS NULL AND c.username IS NOT NULL"
      + " AND s.created_at > c.sessions_valid_after, (" + USER_STATUS.replace("$1", "s.username") + ")"
      + " FROM tessera_session s LEFT JOIN tessera_credential c ON c.username = s.username WHERE s.id = $1";

  static final String REVOKE_SESSION =
      "UPDATE tessera_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

  static final String ADD_REFRESH = "INSERT INTO tessera_refresh_token (token_hash, session_id, expires_at)"
      + " VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond')";

  /** The row lock makes racing refreshes of one token wait for each other: exactly one finds it unused. */
  static final String USE_REFRESH = "UPDATE tessera_refresh_token SET used_at = now()"
      + " WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING session_id";

  static final String API_KEY_COLUMNS = "id, name, role, prefix, created_by, created_at, last_used_at, revoked_at";

  static final String ADD_API_KEY = "INSERT INTO tessera_api_key (id, name, role, prefix, key_hash, created_by)"
      + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at";

  /** The live key; its last-used time is written at most once a minute, so using a key is mostly a read. */
  static final String USE_API_KEY = "WITH k AS (SELECT " + API_KEY_COLUMNS + " FROM tessera_api_key"
      + " WHERE key_hash = $1 AND revoked_at IS NULL),"
      + " touched AS (UPDATE tessera_api_key a SET last_used_at = now() FROM k WHERE a.id = k.id"
      + " AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute') RETURNING a.last_used_at)"
      + " SELECT k.id, k.name, k.role, k.prefix, k.created_by, k.created_at,"
      + " coalesce((SELECT last_used_at FROM touched), k.last_used_at), k.revoked_at FROM k";

  static final String REVOKE_API_KEY =
      "UPDATE tessera_api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

  static final String API_KEY_LIVE = "SELECT EXISTS (SELECT 1 FROM tessera_api_key WHERE id = $1 AND revoked_at IS NULL)";

  static final String API_KEYS = "SELECT " + API_KEY_COLUMNS + " FROM tessera_api_key ORDER BY created_at, id";

  static final String ADD_SIGNING_KEY = "INSERT INTO tessera_signing_key (id, algorithm, private_key, public_key)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING";

  static final String SIGNING_KEY = "SELECT id, algorithm, private_key, public_key FROM tessera_signing_key WHERE id = $1";

  static final String FAILURES = "SELECT key, failures FROM tessera_sign_in_failure"
      + " WHERE key = ANY($1) AND window_start > now() - $2::bigint * interval '1 millisecond'";

  static final String ADD_FAILURE = """
      INSERT INTO tessera_sign_in_failure AS f (key, window_start, failures)
      SELECT k, now(), 1 FROM unnest($1::text[]) AS k
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN f.window_start > now() - $2::bigint * interval '1 millisecond' THEN f.failures + 1 ELSE 1 END,
        window_start = CASE WHEN f.window_start > now() - $2::bigint * interval '1 millisecond' THEN f.window_start ELSE now() END""";

  static final String CLEAR_FAILURES = "DELETE FROM tessera_sign_in_failure WHERE key = $1";
}
