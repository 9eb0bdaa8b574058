package dev.tessera.audit;

import java.time.OffsetDateTime;

/**
 * The place of an entry in a user's activity, which merges record changes and security events newest first:
 * ordered by time, then by stream (record changes, {@link #RECORD}, before security events at the same
 * instant, {@link #SECURITY}), then by the entry's id in its stream. A page continues strictly after the last
 * key it showed.
 */
public record ActivityKey(OffsetDateTime at, int rank, long id) {
  public static final int RECORD = 1;
  public static final int SECURITY = 0;
}
