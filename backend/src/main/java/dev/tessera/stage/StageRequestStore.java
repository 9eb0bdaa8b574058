package dev.tessera.stage;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The stage changes waiting for their gate's approval (V26__stage_gates.sql, ADR 0053). */
public interface StageRequestStore {
  /** One request: a record's stage field asked to move {@code from} → {@code to}, approved by {@code instanceId}. */
  record Request(UUID id, String entity, UUID recordId, String field, String from, String to, String flow,
      UUID instanceId, String requestedBy, String comment, Status status, String reason, String reasonZh,
      OffsetDateTime createdAt, OffsetDateTime decidedAt) {}

  /** pending: the approval runs; moved / notMoved (approved, but the record no longer met the gate) / rejected / cancelled. */
  enum Status {
    PENDING("pending"), MOVED("moved"), NOT_MOVED("notMoved"), REJECTED("rejected"), CANCELLED("cancelled");

    private final String sql;

    Status(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }

    public static Status of(String sql) {
      for (Status s : values()) {
        if (s.sql.equals(sql)) {
          return s;
        }
      }
      throw new IllegalArgumentException(sql);
    }
  }

  /** Inserts a pending request unless the record's field has one; the request, or null when one was pending. */
  Uni<Request> insert(Tx tx, Request r);

  /** The pending request of a record's stage field, locked until the transaction ends; null when none. */
  Uni<Request> pending(Tx tx, String entity, UUID recordId, String field);

  /** The request an approval flow instance decides, locked until the transaction ends; null when none. */
  Uni<Request> ofInstance(Tx tx, UUID instanceId);

  /** Ends a pending request with {@code status} (and why, for notMoved). */
  Uni<Void> close(Tx tx, UUID id, Status status, String reason, String reasonZh);

  /** A record's requests, newest first. */
  Uni<List<Request>> ofRecord(Tx tx, UUID recordId, int limit);
}
