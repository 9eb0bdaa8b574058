package dev.tessera.approval;

import dev.tessera.metamodel.model.FlowNode.ApprovalMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * How an approval stands given its tasks (ADR 0050), as a pure function. Tasks are grouped in stages by
 * position: the approvers a node names share stage 0 (one stage each for {@code sequential}); a signer added
 * before or after someone gets a stage of its own, one added in parallel joins that stage. Stages pass in
 * order; within a stage the mode decides: {@code any} one approval passes it and one rejection rejects,
 * {@code all} and {@code sequential} need every approval, {@code vote} needs approvals from the pass ratio of
 * the stage's approvers and rejects once that can no longer happen. Any rejected stage rejects the approval.
 */
public final class ApprovalRules {
  private ApprovalRules() {}

  /** An approval as a whole. */
  public enum Status {
    PENDING, APPROVED, REJECTED, RETURNED, WITHDRAWN, CANCELLED;

    public String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String sql) {
      return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** One approver's (or reader's) task. */
  public enum TaskStatus {
    /** In a later stage: not asked yet. */
    WAITING("waiting"),
    /** Asked: may decide now. */
    PENDING("pending"),
    APPROVED("approved"),
    REJECTED("rejected"),
    /** 转交: handed to someone else (whose task takes its place). */
    HANDED_OVER("handedOver"),
    /** No longer needed: the stage or the approval was decided without it. */
    SKIPPED("skipped"),
    CANCELLED("cancelled"),
    /** 抄送: a reader, never decides. */
    COPY("copy");

    private final String sql;

    TaskStatus(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }

    public static TaskStatus of(String sql) {
      for (TaskStatus s : values()) {
        if (s.sql.equals(sql)) {
          return s;
        }
      }
      throw new IllegalArgumentException(sql);
    }

    /** Whether the task takes part in deciding. */
    boolean deciding() {
      return this == WAITING || this == PENDING || this == APPROVED || this == REJECTED;
    }

    boolean open() {
      return this == WAITING || this == PENDING;
    }
  }

  /** A task as the rules see it. */
  public record Task(long id, String approver, int position, TaskStatus status) {}

  /**
   * The approval's status after its tasks changed, the tasks to ask now ({@code ask}: waiting tasks of the
   * stage that became current) and the open tasks no longer needed ({@code skip}).
   */
  public record Verdict(Status status, Set<Long> ask, Set<Long> skip) {}

  public static Verdict decide(ApprovalMode mode, Double passRatio, List<Task> tasks) {
    TreeMap<Integer, List<Task>> stages = new TreeMap<>();
    for (Task t : tasks) {
      if (t.status().deciding()) {
        stages.computeIfAbsent(t.position(), p -> new ArrayList<>()).add(t);
      }
    }
    Set<Long> ask = new LinkedHashSet<>();
    Set<Long> skip = new LinkedHashSet<>();
    Status status = Status.APPROVED;
    for (List<Task> stage : stages.values()) {
      Status s = status == Status.APPROVED ? stage(mode, passRatio, stage) : null;
      if (s == Status.PENDING) {
        status = Status.PENDING;
        stage.stream().filter(t -> t.status() == TaskStatus.WAITING).forEach(t -> ask.add(t.id()));
        continue;
      }
      if (s == Status.REJECTED) {
        status = Status.REJECTED;
      }
      // a decided stage, or a stage after the current one (left waiting) or after a rejection (no longer needed)
      if (s != null || status == Status.REJECTED) {
        stage.stream().filter(t -> t.status().open()).forEach(t -> skip.add(t.id()));
      }
    }
    return new Verdict(status, ask, skip);
  }

  private static Status stage(ApprovalMode mode, Double passRatio, List<Task> stage) {
    long approved = stage.stream().filter(t -> t.status() == TaskStatus.APPROVED).count();
    long rejected = stage.stream().filter(t -> t.status() == TaskStatus.REJECTED).count();
    long open = stage.size() - approved - rejected;
    switch (mode) {
      case ANY:
        return approved > 0 ? Status.APPROVED : rejected > 0 ? Status.REJECTED : Status.PENDING;
      case VOTE: {
        double ratio = passRatio == null ? 1.0 : passRatio;
        long need = Math.max(1, (long) Math.ceil(ratio * stage.size() - 1e-9));
        return approved >= need ? Status.APPROVED : approved + open < need ? Status.REJECTED : Status.PENDING;
      }
      default:
        return rejected > 0 ? Status.REJECTED : open == 0 ? Status.APPROVED : Status.PENDING;
    }
  }
}
