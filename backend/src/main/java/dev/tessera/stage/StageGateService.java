package dev.tessera.stage;

import dev.tessera.flow.FlowRunner;
import dev.tessera.flow.FlowService;
import dev.tessera.flow.FlowStore;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.StageGate;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.AccessControl;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordStore;
import dev.tessera.record.RecordValidator;
import dev.tessera.record.Uuids;
import dev.tessera.stage.StageRequestStore.Request;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Asking for a stage that needs an approval (ADR 0053): checks the caller may read the record and change
 * its stage, that the stage may follow the current one and that the record meets the rest of the gate,
 * then in one transaction starts the gate's approval flow on the record and remembers the request (at
 * most one pending per record and stage field: of two asking at once, one wins and the other is refused
 * with STAGE_CHANGE_PENDING). The move itself is {@link StageMoves}'s, once the approval decided.
 */
@ApplicationScoped
public class StageGateService {
  /** Most requests {@link #requests} lists. */
  static final int MAX_LISTED = 100;

  private final StageRequestStore requests;
  private final StageGateCriteria criteria;
  private final MetadataRegistry registry;
  private final RecordReader reader;
  private final RecordStore records;
  private final AccessControl access;
  private final TxRunner tx;
  private final FlowService flows;
  private final FlowStore instances;
  private final FlowRunner runner;

  public StageGateService(StageRequestStore requests, StageGateCriteria criteria, MetadataRegistry registry,
      RecordReader reader, RecordStore records, AccessControl access, TxRunner tx, FlowService flows, FlowStore instances,
      FlowRunner runner) {
    this.requests = requests;
    this.criteria = criteria;
    this.registry = registry;
    this.reader = reader;
    this.records = records;
    this.access = access;
    this.tx = tx;
    this.flows = flows;
    this.instances = instances;
    this.runner = runner;
  }

  /** Starts the approval of moving a record's stage {@code field} to {@code to}; the pending request. */
  public Uni<Request> request(String entity, UUID recordId, String field, String to, String comment, Actor actor) {
    MetadataSnapshot meta = registry.current();
    EntityDefinition e = meta.entity(entity);
    FieldDefinition f = e.field(field).filter(x -> x.type() == FieldType.STAGE)
        .orElseThrow(() -> refused(ErrorCode.BAD_REQUEST, "NOT_A_STAGE_FIELD", Map.of("field", field, "entity", entity), "field"));
    StageGate gate = f.gate(to);
    StageGates.Entry entry = new StageGates.Entry(f, to, gate);
    if (gate == null || !gate.needsApproval()) {
      throw refused(ErrorCode.BAD_REQUEST, "NO_APPROVAL_NEEDED", Map.of("stage", StageGates.stage(entry)), "to");
    }
    return access.of(actor).chain(a -> reader.byId(actor, e, recordId, false).chain(visible -> {
      if (visible == null) {
        throw RecordValidator.notFound(e, recordId);
      }
      a.mayUpdate(e, visible, Set.of(field), Set.of(field));
      return tx.inTransaction(t -> records.findById(t, e, recordId, false)
          .chain(before -> {
            if (before == null) {
              throw RecordValidator.notFound(e, recordId);
            }
            return ask(t, meta, e, entry, before, comment, actor);
          }));
    })).invoke(x -> runner.wake());
  }

  private Uni<Request> ask(Tx t, MetadataSnapshot meta, EntityDefinition e, StageGates.Entry entry, DataRecord before,
      String comment, Actor actor) {
    String field = entry.field().name();
    Object from = before.get(field);
    if (entry.to().equals(from)) {
      throw refused(ErrorCode.BAD_REQUEST, "ALREADY_THERE", Map.of("stage", StageGates.stage(entry)), "to");
    }
    Map<String, Object> data = new LinkedHashMap<>(before.data());
    data.put(field, entry.to());
    List<PlatformException.FieldError> transition = RecordValidator.check(e, before.data(), data).stream()
        .filter(p -> field.equals(p.field())).toList();
    return criteria.unmet(t, meta, e, before, data, entry).chain(unmet -> {
      List<PlatformException.FieldError> problems = new java.util.ArrayList<>(transition);
      problems.addAll(unmet);
      if (!problems.isEmpty()) {
        throw PlatformException.validation(problems);
      }
      UUID id = Uuids.v7();
      String flow = entry.gate().approval();
      return stale(t, e.name(), before.id(), field)
          .chain(() -> flows.startIn(t, meta, flow, e, before.id(), actor.userId(), "stage:" + id))
          .chain(instance -> {
            if (instance == null) {
              throw refused(ErrorCode.BAD_REQUEST, "NOT_ADMITTED", Map.of("flow", flow), "to");
            }
            return requests.insert(t, new Request(id, e.name(), before.id(), field, from == null ? null : from.toString(),
                entry.to(), flow, instance.id(), actor.userId(), comment, StageRequestStore.Status.PENDING, null, null,
                null, null));
          }).map(r -> {
            if (r == null) {
              throw pending(field);
            }
            return r;
          });
    });
  }

  /** Refuses while a request of the field waits; one whose approval flow ended without deciding is let go. */
  private Uni<Void> stale(Tx t, String entity, UUID recordId, String field) {
    return requests.pending(t, entity, recordId, field).chain(r -> r == null ? Uni.createFrom().voidItem()
        : instances.instance(t, r.instanceId()).chain(i -> {
          if (i != null && !i.status().ended()) {
            throw pending(field);
          }
          return requests.close(t, r.id(), StageRequestStore.Status.CANCELLED, null, null);
        }));
  }

  /** A record's stage requests, newest first, when the caller may read the record. */
  public Uni<List<Request>> requests(String entity, UUID recordId, Actor actor) {
    EntityDefinition e = registry.current().entity(entity);
    return reader.byId(actor, e, recordId, false).chain(r -> r == null ? Uni.createFrom().item(List.<Request>of())
        : tx.withConnection(t -> requests.ofRecord(t, recordId, MAX_LISTED)));
  }

  private static PlatformException pending(String field) {
    return refused(ErrorCode.STAGE_CHANGE_PENDING, "PENDING", Map.of("field", field), "field");
  }

  static PlatformException refused(ErrorCode code, String message, Map<String, ?> args, String field) {
    return new PlatformException(code, StageGates.MESSAGES.text(message, args), field);
  }
}
