package dev.tessera.stage;

import dev.tessera.flow.ApprovalDecisions;
import dev.tessera.flow.FlowInstance;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.outbox.Channel;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.Outbox;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordChanged;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import dev.tessera.stage.StageRequestStore.Request;
import dev.tessera.stage.StageRequestStore.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a record into the stage its request asked for once the gate's approval flow approved (ADR 0053),
 * in the transaction of the flow step that took the decision, as the system ({@link StageGates#MOVER}: the
 * one writer an approval-gated stage lets in, so the change feed shows who moved it). The gate's fields and
 * condition (and the stage transitions) are checked again first: when the record no longer meets them it
 * stays, the request ends {@code notMoved} with why, and the requester gets an in-app message. A rejected
 * approval ends the request {@code rejected}, a withdrawn or cancelled one {@code cancelled}; the request's
 * status changes once, so a step run again changes nothing more.
 */
@ApplicationScoped
public class StageMoves implements ApprovalDecisions {
  static final Actor MOVER = new Actor("system", StageGates.MOVER);

  private final StageRequestStore requests;
  private final StageGateCriteria criteria;
  private final MetadataRegistry registry;
  private final RecordStore records;
  private final RecordService writes;
  private final Outbox outbox;

  public StageMoves(StageRequestStore requests, StageGateCriteria criteria, MetadataRegistry registry, RecordStore records,
      RecordService writes, Outbox outbox) {
    this.requests = requests;
    this.criteria = criteria;
    this.registry = registry;
    this.records = records;
    this.writes = writes;
    this.outbox = outbox;
  }

  @Override
  public Uni<Void> decided(Tx tx, List<RecordChanged> events, FlowInstance instance, String decision, boolean last) {
    if (instance.recordId() == null) {
      return Uni.createFrom().voidItem();
    }
    return requests.ofInstance(tx, instance.id()).chain(r -> {
      if (r == null || r.status() != Status.PENDING) {
        return Uni.createFrom().voidItem();
      }
      if (!APPROVED.equals(decision)) {
        return requests.close(tx, r.id(), "rejected".equals(decision) ? Status.REJECTED : Status.CANCELLED, null, null);
      }
      return last ? move(tx, events, r) : Uni.createFrom().voidItem();
    });
  }

  private Uni<Void> move(Tx tx, List<RecordChanged> events, Request r) {
    MetadataSnapshot meta = registry.current();
    EntityDefinition e = meta.entities().get(r.entity());
    FieldDefinition f = e == null ? null : e.field(r.field()).orElse(null);
    if (f == null) {
      return notMoved(tx, r, StageGates.MESSAGES.text("FIELD_GONE", Map.of("field", r.field())));
    }
    return records.findById(tx, e, r.recordId(), false).chain(before -> {
      if (before == null) {
        return notMoved(tx, r, StageGates.MESSAGES.text("RECORD_GONE"));
      }
      if (r.to().equals(before.get(f.name()))) {
        return requests.close(tx, r.id(), Status.MOVED, null, null);
      }
      Map<String, Object> data = new LinkedHashMap<>(before.data());
      data.put(f.name(), r.to());
      StageGates.Entry entry = new StageGates.Entry(f, r.to(), f.gate(r.to()));
      Uni<List<PlatformException.FieldError>> unmet = entry.gate() == null ? Uni.createFrom().item(List.of())
          : criteria.unmet(tx, meta, e, before, data, entry);
      return unmet.chain(problems -> problems.isEmpty() ? write(tx, events, meta, e, before, r)
          : notMoved(tx, r, reason(PlatformException.validation(problems))));
    });
  }

  /** The move; refused by the record's other checks (a field made required since), the request says why. */
  private Uni<Void> write(Tx tx, List<RecordChanged> events, MetadataSnapshot meta, EntityDefinition e, DataRecord before,
      Request r) {
    Map<String, Object> patch = Map.of(r.field(), r.to());
    return writes.update(tx, meta, e, r.recordId(), before.version(), patch, null, MOVER, events)
        .chain(() -> requests.close(tx, r.id(), Status.MOVED, null, null))
        .onFailure(x -> x instanceof PlatformException p && p.code() != ErrorCode.VERSION_CONFLICT)
        .recoverWithUni(x -> notMoved(tx, r, reason((PlatformException) x)));
  }

  private static LocalizedText reason(PlatformException x) {
    return LocalizedText.of(x.message(LocalizedText.ZH), x.getMessage());
  }

  /** Ends the request notMoved with why, and tells the requester in the app. */
  private Uni<Void> notMoved(Tx tx, Request r, LocalizedText why) {
    LocalizedText subject = StageGates.MESSAGES.text("NOT_MOVED", Map.of("to", r.to()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kind", "stageGate");
    data.put("entity", r.entity());
    data.put("recordId", r.recordId().toString());
    data.put("field", r.field());
    data.put("to", r.to());
    data.put("subjectEn", subject.get(LocalizedText.EN));
    data.put("bodyEn", why.get(LocalizedText.EN));
    return requests.close(tx, r.id(), Status.NOT_MOVED, why.get(LocalizedText.EN), why.get(LocalizedText.ZH))
        .chain(() -> outbox.enqueue(tx, new OutboundMessage("stage:" + r.id() + ":notMoved", Channel.IN_APP,
            r.requestedBy(), subject.get(LocalizedText.ZH), why.get(LocalizedText.ZH), data)))
        .replaceWithVoid();
  }
}
