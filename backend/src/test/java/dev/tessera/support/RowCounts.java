package dev.tessera.support;

import io.vertx.mutiny.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row counts of the platform's runtime tables, for tests that show a read or dry run wrote nothing. */
public final class RowCounts {
  private static final List<String> TABLES = List.of("tessera_assignment_trace", "tessera_assignment_turn",
      "tessera_change", "tessera_duplicate", "tessera_match_key", "tessera_match_text", "tessera_metadata_version",
      "tessera_metadata_draft", "tessera_pool_entry", "tessera_pool_claim", "tessera_notification", "tessera_job");

  private RowCounts() {}

  /** Each table's row count, plus the sum of the turns taken (least-loaded rotations). */
  public static Map<String, Long> of(Pool pool) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : TABLES) {
      out.put(table, pool.query("SELECT count(*) FROM " + table).execute().await().indefinitely().iterator().next().getLong(0));
    }
    out.put("turns", pool.query("SELECT coalesce(sum(taken), 0) FROM tessera_assignment_turn").execute().await().indefinitely()
        .iterator().next().getLong(0));
    return out;
  }
}
