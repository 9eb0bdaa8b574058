package dev.tessera.approval;

import static dev.tessera.approval.ApprovalRules.TaskStatus.APPROVED;
import static dev.tessera.approval.ApprovalRules.TaskStatus.COPY;
import static dev.tessera.approval.ApprovalRules.TaskStatus.HANDED_OVER;
import static dev.tessera.approval.ApprovalRules.TaskStatus.PENDING;
import static dev.tessera.approval.ApprovalRules.TaskStatus.REJECTED;
import static dev.tessera.approval.ApprovalRules.TaskStatus.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.approval.ApprovalRules.Status;
import dev.tessera.approval.ApprovalRules.Task;
import dev.tessera.approval.ApprovalRules.TaskStatus;
import dev.tessera.approval.ApprovalRules.Verdict;
import dev.tessera.metamodel.model.FlowNode.ApprovalMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision rules of ADR 0050 per mode, stage by stage, and a seeded check of 票签's arithmetic. */
class ApprovalRulesTest {
  private static Task t(long id, int position, TaskStatus s) {
    return new Task(id, "u" + id, position, s);
  }

  private static Verdict decide(ApprovalMode mode, Double ratio, Task... tasks) {
    return ApprovalRules.decide(mode, ratio, List.of(tasks));
  }

  @Test
  void anyOneDecisionDecidesAndTheOthersAreNoLongerAsked() {
    Verdict v = decide(ApprovalMode.ANY, null, t(1, 0, APPROVED), t(2, 0, PENDING), t(3, 0, PENDING), t(4, 0, COPY));
    assertEquals(Status.APPROVED, v.status());
    assertEquals(Set.of(2L, 3L), v.skip());
    assertEquals(Status.REJECTED, decide(ApprovalMode.ANY, null, t(1, 0, REJECTED), t(2, 0, PENDING)).status());
    assertEquals(Status.PENDING, decide(ApprovalMode.ANY, null, t(1, 0, PENDING), t(2, 0, PENDING)).status());
  }

  @Test
  void allNeedsEveryApprovalAndOneRejectionRejects() {
    assertEquals(Status.PENDING, decide(ApprovalMode.ALL, null, t(1, 0, APPROVED), t(2, 0, PENDING)).status());
    assertEquals(Status.APPROVED, decide(ApprovalMode.ALL, null, t(1, 0, APPROVED), t(2, 0, APPROVED)).status());
    Verdict rejected = decide(ApprovalMode.ALL, null, t(1, 0, REJECTED), t(2, 0, PENDING));
    assertEquals(Status.REJECTED, rejected.status());
    assertEquals(Set.of(2L), rejected.skip());
    // a handed-over task no longer counts: its successor decides
    assertEquals(Status.APPROVED, decide(ApprovalMode.ALL, null, t(1, 0, HANDED_OVER), t(2, 0, APPROVED)).status());
  }

  @Test
  void sequentialAsksOneAfterTheOther() {
    Verdict first = decide(ApprovalMode.SEQUENTIAL, null, t(1, 0, WAITING), t(2, 1, WAITING), t(3, 2, WAITING));
    assertEquals(Status.PENDING, first.status());
    assertEquals(Set.of(1L), first.ask());
    Verdict second = decide(ApprovalMode.SEQUENTIAL, null, t(1, 0, APPROVED), t(2, 1, WAITING), t(3, 2, WAITING));
    assertEquals(Set.of(2L), second.ask());
    Verdict rejected = decide(ApprovalMode.SEQUENTIAL, null, t(1, 0, APPROVED), t(2, 1, REJECTED), t(3, 2, WAITING));
    assertEquals(Status.REJECTED, rejected.status());
    assertEquals(Set.of(3L), rejected.skip());
    assertEquals(Status.APPROVED, decide(ApprovalMode.SEQUENTIAL, null, t(1, 0, APPROVED), t(2, 1, APPROVED)).status());
  }

  @Test
  void aSignerAddedAfterAnAnyStageIsAskedOnceTheStagePassed() {
    // 或签 among 1 and 2; 3 was added after 1 (its own stage)
    Verdict v = decide(ApprovalMode.ANY, null, t(1, 0, APPROVED), t(2, 0, PENDING), t(3, 1, WAITING));
    assertEquals(Status.PENDING, v.status());
    assertEquals(Set.of(3L), v.ask());
    assertEquals(Set.of(2L), v.skip());
  }

  @Test
  void voteCountsTheShareOfApprovals() {
    // 3 of 5 needed at 0.6
    assertEquals(Status.PENDING, decide(ApprovalMode.VOTE, 0.6, t(1, 0, APPROVED), t(2, 0, APPROVED), t(3, 0, REJECTED),
        t(4, 0, PENDING), t(5, 0, PENDING)).status());
    assertEquals(Status.APPROVED, decide(ApprovalMode.VOTE, 0.6, t(1, 0, APPROVED), t(2, 0, APPROVED), t(3, 0, APPROVED),
        t(4, 0, PENDING), t(5, 0, REJECTED)).status());
    assertEquals(Status.REJECTED, decide(ApprovalMode.VOTE, 0.6, t(1, 0, REJECTED), t(2, 0, REJECTED), t(3, 0, REJECTED),
        t(4, 0, PENDING), t(5, 0, APPROVED)).status());
  }

  /** Against a plain count: for seeded random votes, approved exactly when approvals reach ⌈ratio·n⌉, rejected when they cannot. */
  @Test
  void voteMatchesAPlainCountForSeededRandomBallots() {
    for (long seed = 1; seed <= 500; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(9);
      double ratio = (1 + r.nextInt(10)) / 10.0;
      List<Task> tasks = new ArrayList<>();
      int yes = 0;
      int no = 0;
      for (int i = 0; i < n; i++) {
        TaskStatus s = List.of(APPROVED, REJECTED, PENDING).get(r.nextInt(3));
        yes += s == APPROVED ? 1 : 0;
        no += s == REJECTED ? 1 : 0;
        tasks.add(t(i, 0, s));
      }
      long need = Math.max(1, (long) Math.ceil(ratio * n - 1e-9));
      Status expected = yes >= need ? Status.APPROVED : n - no < need ? Status.REJECTED : Status.PENDING;
      assertEquals(expected, ApprovalRules.decide(ApprovalMode.VOTE, ratio, tasks).status(),
          "seed " + seed + ": n=" + n + " ratio=" + ratio + " yes=" + yes + " no=" + no);
    }
  }
}
