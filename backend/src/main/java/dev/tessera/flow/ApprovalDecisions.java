package dev.tessera.flow;

import dev.tessera.platform.Tx;
import dev.tessera.record.RecordChanged;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Told when an approval node of a flow instance comes to a decision, in the transaction of the step that
 * takes it (whatever decided: people, the time limit, 去重 or an empty approver list), so what it writes
 * commits or rolls back with the step and a retried step tells it again. The flow engine knows no
 * listener; capabilities that act on approvals (stage gates, ADR 0053) implement it as CDI beans.
 */
public interface ApprovalDecisions {
  /** The decisions told: {@code approved} (also automatic), {@code rejected}, {@code withdrawn}, {@code cancelled}. */
  String APPROVED = "approved";

  /**
   * An approval node of {@code instance} decided. {@code last}: no other approval node follows on the
   * approved path, so an approval here approves the instance's request. Record writes go to {@code events}.
   */
  Uni<Void> decided(Tx tx, List<RecordChanged> events, FlowInstance instance, String decision, boolean last);
}
