package dev.tessera.approval;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The approval tables (V24__approvals.sql, ADR 0050). */
public interface ApprovalStore {
  /** One approval: the visit of an approval node on a record. */
  record Approval(UUID id, UUID instanceId, String node, int visit, String flow, String entity, UUID recordId,
      String title, String mode, Double passRatio, ApprovalRules.Status status, String submittedBy,
      Map<String, String> fields, boolean allowReturn, boolean allowWithdraw, OffsetDateTime deadline,
      OffsetDateTime remindedAt, OffsetDateTime createdAt, OffsetDateTime decidedAt) {}

  /** One approver's or reader's task. */
  record Task(long id, UUID approvalId, String approver, int position, ApprovalRules.TaskStatus status,
      String addedBy, OffsetDateTime decidedAt, String comment) {
    ApprovalRules.Task rule() {
      return new ApprovalRules.Task(id, approver, position, status);
    }
  }

  /** One entry of an approval's timeline. */
  record Event(long id, UUID approvalId, OffsetDateTime at, String actor, String action, String comment,
      Map<String, Object> details) {}

  /** A task to create: who, at which position, in which status. */
  record NewTask(String approver, int position, ApprovalRules.TaskStatus status, String addedBy) {}

  /** Inserts the approval with its tasks unless the node's visit already has one; the approval of that visit either way. */
  Uni<Approval> create(Tx tx, Approval a, List<NewTask> tasks);

  /** The approval, locked until the transaction ends (every action takes this lock first); null when none. */
  Uni<Approval> lock(Tx tx, UUID id);

  Uni<Approval> find(Tx tx, UUID id);

  Uni<List<Task>> tasks(Tx tx, UUID approvalId);

  Uni<Void> setTask(Tx tx, long taskId, ApprovalRules.TaskStatus status, String comment);

  Uni<Void> setTasks(Tx tx, java.util.Collection<Long> taskIds, ApprovalRules.TaskStatus status);

  Uni<Void> addTasks(Tx tx, UUID approvalId, List<NewTask> tasks);

  /** Moves the tasks at {@code from} or later one position on (room for a signer added before or after). */
  Uni<Void> shift(Tx tx, UUID approvalId, int from);

  Uni<Void> setStatus(Tx tx, UUID id, ApprovalRules.Status status);

  Uni<Void> reminded(Tx tx, UUID id, OffsetDateTime at);

  Uni<Void> event(Tx tx, UUID approvalId, String actor, String action, String comment, Map<String, Object> details);

  Uni<List<Event>> events(Tx tx, UUID approvalId);

  /** The approvals in which {@code username} has a task in one of {@code statuses}, newest first. */
  Uni<List<Approval>> mine(Tx tx, String username, List<String> statuses, int limit);

  /** The pending approvals of a flow instance. */
  Uni<List<Approval>> pending(Tx tx, UUID instanceId);

  /** The approvers who approved the approval the instance decided last before {@code before} (去重). */
  Uni<List<String>> lastApprovers(Tx tx, UUID instanceId, UUID before);
}
