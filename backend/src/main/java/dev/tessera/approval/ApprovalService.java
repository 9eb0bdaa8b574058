package dev.tessera.approval;

import dev.tessera.approval.ApprovalRules.Status;
import dev.tessera.approval.ApprovalRules.TaskStatus;
import dev.tessera.approval.ApprovalStore.Approval;
import dev.tessera.approval.ApprovalStore.NewTask;
import dev.tessera.approval.ApprovalStore.Task;
import dev.tessera.audit.SecurityEvent;
import dev.tessera.audit.SecurityLog;
import dev.tessera.flow.FlowStore;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.FlowNode.ApprovalMode;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.outbox.Channel;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.Outbox;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Approvals (ADR 0050): opened by a flow's approval node in the step's transaction, decided by people
 * through the actions here, each in one transaction that first locks the approval's row, so two approvers
 * acting at once serialize and exactly one decision counts. A decision wakes the flow token waiting on
 * the approval in the same transaction. Every action lands on the approval's timeline.
 */
@ApplicationScoped
public class ApprovalService {
  static final Messages MESSAGES = Messages.of("approval");
  /** Timeline actions taken by an approver (after one of them the submitter can no longer withdraw). */
  private static final Set<String> PERSONAL = Set.of("approved", "rejected", "handedOver", "signerAdded");
  /** Where an added signer goes. */
  public enum Position { BEFORE, AFTER, PARALLEL }

  private final ApprovalStore store;
  private final TxRunner tx;
  private final FlowStore flows;
  private final Outbox outbox;
  private final RecordStore records;
  private final MetadataRegistry registry;
  private final RecordService recordService;
  private final RecordReader reader;
  private final Duration remindInterval;
  private final SecurityLog audit;

  public ApprovalService(ApprovalStore store, TxRunner tx, FlowStore flows, Outbox outbox, RecordStore records,
      MetadataRegistry registry, RecordService recordService, RecordReader reader, SecurityLog audit,
      @ConfigProperty(name = "tessera.approvals.remind-interval", defaultValue = "PT10M") Duration remindInterval) {
    this.store = store;
    this.tx = tx;
    this.flows = flows;
    this.outbox = outbox;
    this.records = records;
    this.registry = registry;
    this.recordService = recordService;
    this.reader = reader;
    this.remindInterval = remindInterval;
    this.audit = audit;
  }

  // ------------------------------------------------------------------ opened by the flow

  /**
   * Opens the approval of a node's visit with its approvers (in order) and readers, once: a retried step
   * finds the approval it opened. {@code alreadyApproved} (去重) are recorded as approved at once. Returns the
   * approval as it stands (decided already when every approver was approved that way).
   */
  public Uni<Approval> open(Tx t, Approval a, List<String> approvers, List<String> readers, Set<String> alreadyApproved) {
    List<NewTask> tasks = new ArrayList<>();
    boolean sequential = ApprovalMode.SEQUENTIAL.jsonName().equals(a.mode());
    for (int i = 0; i < approvers.size(); i++) {
      int position = sequential ? i : 0;
      tasks.add(new NewTask(approvers.get(i), position, TaskStatus.WAITING, null));
    }
    for (String r : readers) {
      tasks.add(new NewTask(r, 0, TaskStatus.COPY, null));
    }
    return store.create(t, a, tasks).chain(created -> {
      if (!created.id().equals(a.id())) {
        return Uni.createFrom().item(created); // opened by an earlier attempt of this step
      }
      return event(t, a, a.submittedBy(), "submitted", null, Map.of("approvers", approvers, "copyTo", readers))
          .chain(() -> notifyAll(t, created, readers, "COPIED"))
          .chain(() -> store.tasks(t, a.id()))
          .chain(all -> {
            List<Long> auto = all.stream().filter(x -> x.status() == TaskStatus.WAITING && alreadyApproved.contains(x.approver()))
                .map(Task::id).toList();
            Uni<Void> approveAuto = auto.isEmpty() ? Uni.createFrom().voidItem()
                : store.setTasks(t, auto, TaskStatus.APPROVED).chain(() -> event(t, a, "system", "autoApproved", null,
                    Map.of("approvers", all.stream().filter(x -> auto.contains(x.id())).map(Task::approver).toList())));
            return approveAuto.chain(() -> settle(t, created, "system", false));
          });
    });
  }

  /**
   * Decides an approval still pending when its time limit passed: approved or rejected by the system,
   * its open tasks skipped. Returns the approval after.
   */
  public Uni<Approval> decideBySystem(Tx t, UUID id, boolean approve) {
    return store.lock(t, id).chain(a -> {
      if (a == null || a.status() != Status.PENDING) {
        return Uni.createFrom().item(a);
      }
      Status status = approve ? Status.APPROVED : Status.REJECTED;
      return store.tasks(t, id)
          .chain(tasks -> store.setTasks(t, tasks.stream().filter(x -> x.status() == TaskStatus.PENDING
              || x.status() == TaskStatus.WAITING).map(Task::id).toList(), TaskStatus.SKIPPED))
          .chain(() -> store.setStatus(t, id, status))
          .chain(() -> event(t, a, "system", "timedOut", null, Map.of("decision", status.sql())))
          .chain(() -> store.find(t, id));
    });
  }

  /** Hands every pending task over to {@code to} (a time limit's escalation). */
  public Uni<Approval> escalate(Tx t, UUID id, List<String> to) {
    return store.lock(t, id).chain(a -> {
      if (a == null || a.status() != Status.PENDING) {
        return Uni.createFrom().item(a);
      }
      return store.tasks(t, id).chain(tasks -> {
        List<Task> pending = tasks.stream().filter(x -> x.status() == TaskStatus.PENDING).toList();
        int position = pending.isEmpty() ? 0 : pending.get(0).position();
        List<NewTask> added = to.stream().map(u -> new NewTask(u, position, TaskStatus.PENDING, "system")).toList();
        return store.setTasks(t, pending.stream().map(Task::id).toList(), TaskStatus.HANDED_OVER)
            .chain(() -> store.addTasks(t, id, added))
            .chain(() -> event(t, a, "system", "escalated", null, Map.of("to", to)))
            .chain(() -> notifyAll(t, a, to, "ASKED"))
            .chain(() -> store.find(t, id));
      });
    });
  }

  /** Reminds the pending approvers (a time limit's reminder, or 催办 by a person). */
  public Uni<Void> remindPending(Tx t, Approval a, String actor) {
    OffsetDateTime now = OffsetDateTime.now();
    return store.tasks(t, a.id()).chain(tasks -> {
      List<String> pending = tasks.stream().filter(x -> x.status() == TaskStatus.PENDING).map(Task::approver).toList();
      return store.reminded(t, a.id(), now)
          .chain(() -> event(t, a, actor, "reminded", null, Map.of("approvers", pending)))
          .chain(() -> notifyAll(t, a, pending, "REMINDED", "remind:" + now.toInstant().toEpochMilli()));
    });
  }

  /** Cancels the pending approvals of a cancelled flow instance (their open tasks too), on its transaction. */
  public Uni<Void> cancelOpen(Tx t, UUID instanceId, String actor) {
    return store.pending(t, instanceId).chain(open -> {
      Uni<Void> all = Uni.createFrom().voidItem();
      for (Approval a : open) {
        all = all.chain(() -> store.lock(t, a.id())).chain(locked -> close(t, locked, Status.CANCELLED, actor, "cancelled",
            null, Map.of())).replaceWithVoid();
      }
      return all;
    });
  }

  // ------------------------------------------------------------------ actions

  /**
   * Approves as the approver whose turn it is; {@code values} sets the fields the approval step lets its
   * approvers edit ({@code write}) with the decision, in the same transaction (any other field is refused,
   * named).
   */
  public Uni<Approval> approve(UUID id, Actor actor, String comment, Map<String, Object> values) {
    return decide(id, actor, comment, TaskStatus.APPROVED, "approved", values);
  }

  public Uni<Approval> reject(UUID id, Actor actor, String comment) {
    return decide(id, actor, comment, TaskStatus.REJECTED, "rejected", Map.of());
  }

  private Uni<Approval> decide(UUID id, Actor actor, String comment, TaskStatus status, String action,
      Map<String, Object> values) {
    return act(id, actor, (t, events, a) -> myPending(t, a, actor)
        .chain(task -> write(t, events, a, actor, values == null ? Map.of() : values)
            .chain(() -> store.setTask(t, task.id(), status, comment)))
        .chain(() -> event(t, a, actor.userId(), action, comment,
            values == null || values.isEmpty() ? null : Map.of("values", values)))
        .chain(() -> settle(t, a, actor.userId(), true)));
  }

  /** Writes the fields an approver set with its decision: only those the step marks {@code write}. */
  private Uni<Void> write(Tx t, List<RecordChanged> events, Approval a, Actor actor, Map<String, Object> values) {
    if (values.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    for (String f : values.keySet()) {
      if (!"write".equals(a.fields().get(f))) {
        throw refused(ErrorCode.FORBIDDEN, "FIELD_NOT_EDITABLE", Map.of("field", f), "values." + f);
      }
    }
    MetadataSnapshot meta = registry.current();
    EntityDefinition e = meta.entity(a.entity());
    // the step grants the write, whatever the approver's own role: a trusted actor named after the approver
    Actor writer = new Actor(actor.userId(), "approval");
    return records.findById(t, e, a.recordId(), false).chain(before -> recordService.update(t, meta, e, a.recordId(),
        before.version(), values, null, writer, events)).replaceWithVoid();
  }

  /** 转交: the caller's pending task goes to {@code to}. */
  public Uni<Approval> handOver(UUID id, Actor actor, String to, String comment) {
    return act(id, actor, (t, a) -> myPending(t, a, actor).chain(task -> user(t, to, "to").chain(() -> {
      if (to.equals(actor.userId())) {
        throw refused(ErrorCode.BAD_REQUEST, "HAND_OVER_SELF", Map.of(), "to");
      }
      return store.setTask(t, task.id(), TaskStatus.HANDED_OVER, comment)
          .chain(() -> store.addTasks(t, id, List.of(new NewTask(to, task.position(), TaskStatus.PENDING, actor.userId()))))
          .chain(() -> event(t, a, actor.userId(), "handedOver", comment, Map.of("to", to)))
          .chain(() -> notifyAll(t, a, List.of(to), "ASKED", "ask:" + to + ":" + task.id()))
          .chain(() -> store.find(t, id));
    })));
  }

  /** 加签: adds signers before the caller (they decide first), after it, or beside it (the same stage). */
  public Uni<Approval> addSigner(UUID id, Actor actor, List<String> usernames, Position where, String comment) {
    if (usernames == null || usernames.isEmpty()) {
      throw refused(ErrorCode.BAD_REQUEST, "NO_SIGNER", Map.of(), "usernames");
    }
    return act(id, actor, (t, a) -> myPending(t, a, actor).chain(task -> users(t, usernames).chain(() -> {
      int mine = task.position();
      Uni<Void> room;
      int position;
      TaskStatus status;
      switch (where) {
        case BEFORE:
          room = store.shift(t, id, mine).chain(() -> store.setTasks(t, List.of(task.id()), TaskStatus.WAITING));
          position = mine;
          status = TaskStatus.PENDING;
          break;
        case AFTER:
          room = store.shift(t, id, mine + 1);
          position = mine + 1;
          status = TaskStatus.WAITING;
          break;
        default:
          room = Uni.createFrom().voidItem();
          position = mine;
          status = TaskStatus.PENDING;
      }
      List<NewTask> added = usernames.stream().map(u -> new NewTask(u, position, status, actor.userId())).toList();
      return room.chain(() -> store.addTasks(t, id, added))
          .chain(() -> event(t, a, actor.userId(), "signerAdded", comment,
              Map.of("usernames", usernames, "position", where.name().toLowerCase(java.util.Locale.ROOT))))
          .chain(() -> status == TaskStatus.PENDING ? notifyAll(t, a, usernames, "ASKED", "ask:" + task.id() + ":" + where)
              : Uni.createFrom().voidItem())
          .chain(() -> store.find(t, id));
    })));
  }

  /** 退回: back to an earlier node of the flow, which runs again. */
  public Uni<Approval> returnTo(UUID id, Actor actor, String node, String comment) {
    return act(id, actor, (t, a) -> {
      if (!a.allowReturn()) {
        throw refused(ErrorCode.FORBIDDEN, "RETURN_NOT_ALLOWED", Map.of(), "id");
      }
      return myPending(t, a, actor).chain(task -> flows.steps(t, a.instanceId())).chain(steps -> {
        boolean earlier = !node.equals(a.node()) && steps.stream().anyMatch(s -> s.node().equals(node));
        if (!earlier) {
          throw refused(ErrorCode.BAD_REQUEST, "NOT_EARLIER_NODE", Map.of("node", node), "node");
        }
        return close(t, a, Status.RETURNED, actor.userId(), "returned", comment, Map.of("node", node));
      });
    });
  }

  /** 撤回: the submitter takes the approval back before anyone decided. */
  public Uni<Approval> withdraw(UUID id, Actor actor, String comment) {
    return act(id, actor, (t, a) -> {
      if (!a.allowWithdraw()) {
        throw refused(ErrorCode.FORBIDDEN, "WITHDRAW_NOT_ALLOWED", Map.of(), "id");
      }
      if (!a.submittedBy().equals(actor.userId())) {
        throw refused(ErrorCode.FORBIDDEN, "NOT_SUBMITTER", Map.of(), "id");
      }
      return store.events(t, id).chain(events -> {
        // before the first person acted (approvals recorded automatically by 去重 do not count)
        boolean acted = events.stream().anyMatch(e -> PERSONAL.contains(e.action()));
        if (acted) {
          throw refused(ErrorCode.FORBIDDEN, "ALREADY_ACTED", Map.of(), "id");
        }
        return close(t, a, Status.WITHDRAWN, actor.userId(), "withdrawn", comment, Map.of());
      });
    });
  }

  /** 催办: the submitter (or an approver) reminds the pending approvers, at most once per interval. */
  public Uni<Approval> remind(UUID id, Actor actor) {
    return act(id, actor, (t, a) -> store.tasks(t, id).chain(tasks -> {
      boolean involved = !actor.restricted() || a.submittedBy().equals(actor.userId())
          || tasks.stream().anyMatch(x -> x.approver().equals(actor.userId()));
      if (!involved) {
        throw refused(ErrorCode.FORBIDDEN, "NOT_INVOLVED", Map.of(), "id");
      }
      if (a.remindedAt() != null && a.remindedAt().plus(remindInterval).isAfter(OffsetDateTime.now())) {
        throw refused(ErrorCode.TOO_MANY_ATTEMPTS, "REMIND_TOO_SOON",
            Map.of("minutes", Math.max(1, remindInterval.toMinutes())), "id");
      }
      return remindPending(t, a, actor.userId()).chain(() -> store.find(t, id));
    }));
  }

  // ------------------------------------------------------------------ reads

  /** The approvals waiting for the caller ({@code pending}), decided by it ({@code done}) or copied to it ({@code copy}). */
  public Uni<List<Approval>> mine(Actor actor, String status, int limit) {
    List<String> statuses = switch (status == null ? "pending" : status) {
      case "pending" -> List.of("pending");
      case "done" -> List.of("approved", "rejected", "handedOver");
      case "copy" -> List.of("copy");
      default -> throw refused(ErrorCode.BAD_REQUEST, "BAD_STATUS", Map.of("status", status), "status");
    };
    return tx.withConnection(t -> store.mine(t, actor.userId(), statuses, limit));
  }

  /**
   * An approval the caller takes part in (approver, reader, submitter) with its tasks, timeline and the
   * record as the step shows it to its approvers; null otherwise.
   */
  public Uni<Detail> detail(UUID id, Actor actor) {
    return tx.withConnection(t -> store.find(t, id).chain(a -> a == null ? Uni.createFrom().nullItem()
        : store.tasks(t, id).chain(tasks -> store.events(t, id).chain(events -> {
          boolean involved = !actor.restricted() || a.submittedBy().equals(actor.userId())
              || tasks.stream().anyMatch(x -> x.approver().equals(actor.userId()));
          if (!involved) {
            return Uni.createFrom().nullItem();
          }
          EntityDefinition e = registry.current().entities().get(a.entity());
          if (e == null) {
            return Uni.createFrom().item(new Detail(a, tasks, events, null));
          }
          return records.findById(t, e, a.recordId(), false).chain(full -> full == null
              ? Uni.createFrom().item(new Detail(a, tasks, events, null))
              : reader.byIds(t, actor, e, List.of(a.recordId())).map(own ->
                  new Detail(a, tasks, events, view(e, a, full, own.isEmpty() ? null : own.get(0)))));
        }))));
  }

  /**
   * The record as an approval step shows it: fields the step marks {@code read} or {@code write} always,
   * {@code none} never, any other field where the caller's own role shows it.
   */
  static Map<String, Object> view(EntityDefinition e, Approval a, DataRecord full, DataRecord own) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", full.id().toString());
    for (FieldDefinition f : e.fields()) {
      String right = a.fields().get(f.name());
      boolean shown = "read".equals(right) || "write".equals(right)
          || right == null && own != null && own.data().containsKey(f.name());
      if (shown && full.data().containsKey(f.name())) {
        out.put(f.name(), full.get(f.name()));
      }
    }
    return out;
  }

  /** An approval with its tasks, timeline and the record as its step shows it (null when it is gone). */
  public record Detail(Approval approval, List<Task> tasks, List<ApprovalStore.Event> events, Map<String, Object> record) {}

  // ------------------------------------------------------------------ internals

  private <T> Uni<T> act(UUID id, Actor actor, BiFunction<Tx, Approval, Uni<T>> work) {
    return act(id, actor, (t, events, a) -> work.apply(t, a));
  }

  /** A step of an action: the locked approval, and the record changes its writes make (published after commit). */
  private interface Work<T> {
    Uni<T> apply(Tx t, List<RecordChanged> events, Approval a);
  }

  private <T> Uni<T> act(UUID id, Actor actor, Work<T> work) {
    return recordService.inOneTransaction((t, events) -> store.lock(t, id).chain(a -> {
      if (a == null) {
        throw refused(ErrorCode.NOT_FOUND, "NO_APPROVAL", Map.of("id", id), "id");
      }
      if (a.status() != Status.PENDING) {
        throw refused(ErrorCode.VERSION_CONFLICT, "ALREADY_" + a.status().name(), Map.of(), "id");
      }
      return work.apply(t, events, a);
    }));
  }

  /** The caller's task that may decide now. */
  private Uni<Task> myPending(Tx t, Approval a, Actor actor) {
    return store.tasks(t, a.id()).map(tasks -> {
      for (Task x : tasks) {
        if (x.approver().equals(actor.userId()) && x.status() == TaskStatus.PENDING) {
          return x;
        }
      }
      boolean later = tasks.stream().anyMatch(x -> x.approver().equals(actor.userId()) && x.status() == TaskStatus.WAITING);
      throw refused(ErrorCode.FORBIDDEN, later ? "NOT_YOUR_TURN" : "NOT_AN_APPROVER", Map.of(), "id");
    });
  }

  /** Applies the rules after a task changed: asks the next stage, skips what is no longer needed, decides. */
  private Uni<Approval> settle(Tx t, Approval a, String actor, boolean wakeFlow) {
    ApprovalMode mode = ApprovalMode.fromJson(a.mode()).orElse(ApprovalMode.ANY);
    return store.tasks(t, a.id()).chain(tasks -> {
      ApprovalRules.Verdict v = ApprovalRules.decide(mode, a.passRatio(), tasks.stream().map(Task::rule).toList());
      List<String> asked = tasks.stream().filter(x -> v.ask().contains(x.id())).map(Task::approver).toList();
      Uni<Void> changes = store.setTasks(t, v.ask(), TaskStatus.PENDING)
          .chain(() -> store.setTasks(t, v.skip(), TaskStatus.SKIPPED))
          .chain(() -> notifyAll(t, a, asked, "ASKED", "ask:" + v.ask()));
      if (v.status() == Status.PENDING) {
        return changes.chain(() -> store.find(t, a.id()));
      }
      String action = v.status() == Status.APPROVED ? "decidedApproved" : "decidedRejected";
      return changes.chain(() -> store.setStatus(t, a.id(), v.status()))
          .chain(() -> event(t, a, "system", action, null, null))
          .chain(() -> notifyAll(t, a, List.of(a.submittedBy()), v.status() == Status.APPROVED ? "APPROVED" : "REJECTED"))
          .chain(() -> wakeFlow ? wake(t, a, v.status(), null) : Uni.createFrom().voidItem())
          .chain(() -> store.find(t, a.id()));
    });
  }

  /** Ends a pending approval without a decision (returned, withdrawn): open tasks cancelled, the flow woken. */
  private Uni<Approval> close(Tx t, Approval a, Status status, String actor, String action, String comment,
      Map<String, Object> details) {
    return store.tasks(t, a.id())
        .chain(tasks -> store.setTasks(t, tasks.stream().filter(x -> x.status() == TaskStatus.PENDING
            || x.status() == TaskStatus.WAITING).map(Task::id).toList(), TaskStatus.CANCELLED))
        .chain(() -> store.setStatus(t, a.id(), status))
        .chain(() -> event(t, a, actor, action, comment, details))
        .chain(() -> wake(t, a, status, (String) details.get("node")))
        .chain(() -> store.find(t, a.id()));
  }

  /**
   * Writes an action to the approval's timeline and, in the same transaction, to the audit log (kind
   * APPROVAL, path {@code approval}, subject the approval's id, details naming the action and the record).
   */
  private Uni<Void> event(Tx t, Approval a, String actor, String action, String comment, Map<String, Object> details) {
    Map<String, Object> logged = new LinkedHashMap<>();
    logged.put("action", action);
    logged.put("entity", a.entity());
    logged.put("recordId", a.recordId().toString());
    logged.put("title", a.title());
    if (comment != null) {
      logged.put("comment", comment);
    }
    if (details != null) {
      details.forEach(logged::putIfAbsent);
    }
    SecurityEvent e = new SecurityEvent(0, null, SecurityEvent.Kind.APPROVAL, actor, "approval", a.id().toString(), null, logged);
    return store.event(t, a.id(), actor, action, comment, details).chain(() -> audit.write(t, e));
  }

  private Uni<Void> wake(Tx t, Approval a, Status status, String node) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("approval", a.id().toString());
    event.put("decision", status.sql());
    if (node != null) {
      event.put("node", node);
    }
    return flows.wake(t, "approval", a.id().toString(), event).replaceWithVoid();
  }

  private Uni<Void> notifyAll(Tx t, Approval a, List<String> usernames, String message) {
    return notifyAll(t, a, usernames, message, message.toLowerCase(java.util.Locale.ROOT));
  }

  /** In-app messages about the approval, once per (approval, what, user). */
  private Uni<Void> notifyAll(Tx t, Approval a, List<String> usernames, String message, String what) {
    Uni<Void> all = Uni.createFrom().voidItem();
    for (String u : new LinkedHashSet<>(usernames)) {
      LocalizedText text = MESSAGES.text(message, Map.of("title", a.title()));
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("kind", "approval");
      data.put("approval", a.id().toString());
      data.put("entity", a.entity());
      data.put("recordId", a.recordId().toString());
      data.put("subjectEn", text.get(LocalizedText.EN));
      data.put("bodyEn", a.title());
      String key = "approval:" + a.id() + ":" + what + ":" + u;
      String k = key.length() > OutboundMessage.MAX_KEY ? key.substring(0, OutboundMessage.MAX_KEY) : key;
      all = all.chain(() -> outbox.enqueue(t, new OutboundMessage(k, Channel.IN_APP, u, text.get(LocalizedText.ZH),
          a.title(), data)).replaceWithVoid());
    }
    return all;
  }

  private Uni<Void> users(Tx t, List<String> usernames) {
    Uni<Void> all = Uni.createFrom().voidItem();
    for (String u : usernames) {
      all = all.chain(() -> user(t, u, "usernames"));
    }
    return all;
  }

  /** Refuses a username no active user has, naming the argument. */
  private Uni<Void> user(Tx t, String username, String argument) {
    return records.find(t, RecordQuery.byField(registry.current().entity("user"), "username", username, 1)).map(found -> {
      if (found.isEmpty() || "inactive".equals(found.get(0).get("status"))) {
        throw refused(ErrorCode.BAD_REQUEST, "NO_SUCH_USER", Map.of("username", String.valueOf(username)), argument);
      }
      return null;
    });
  }

  static PlatformException refused(ErrorCode code, String message, Map<String, ?> args, String field) {
    return new PlatformException(code, MESSAGES.text(message, args), field);
  }
}
