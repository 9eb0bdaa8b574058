package dev.tessera.sla;

import dev.tessera.flow.FlowRecipients;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowNode.Approver;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.outbox.Channel;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.Outbox;
import dev.tessera.expression.ConditionService;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The in-app messages of SLA events (ADR 0052): a warning goes to the policy's {@code warnNotify}, an
 * escalation step to its {@code notify}; people are resolved as approvers are ({@link FlowRecipients}).
 * Each message is sent once per (state, event, user): its outbox key says so. A person who cannot be
 * found (no owner, no manager) is logged and skipped; the others are still told.
 */
@ApplicationScoped
class SlaNotices {
  private static final Logger LOG = Logger.getLogger(SlaNotices.class);
  static final Messages MESSAGES = Messages.of("slaengine");
  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final FlowRecipients recipients;
  private final ConditionService conditions;
  private final Outbox outbox;

  SlaNotices(FlowRecipients recipients, ConditionService conditions, Outbox outbox) {
    this.recipients = recipients;
    this.conditions = conditions;
    this.outbox = outbox;
  }

  /** Sends what {@code events} ask for about {@code record}; how many messages were queued. */
  Uni<Integer> send(Tx tx, MetadataSnapshot meta, SlaPolicyDefinition policy, EntityDefinition entity, DataRecord record,
      SlaState s, List<SlaClock.Event> events, ZoneId zone) {
    Uni<Integer> all = Uni.createFrom().item(0);
    for (SlaClock.Event e : events) {
      if (e.kind() == SlaClock.Kind.BREACH) {
        continue; // a breach is recorded on the state; who hears of it is the escalation steps' business
      }
      List<Approver> people = e.kind() == SlaClock.Kind.WARNING ? policy.warnNotify() : policy.escalation().get(e.step()).people();
      LocalizedText text = text(policy, entity, record, s, e, zone);
      String what = e.kind() == SlaClock.Kind.WARNING ? "warning:" + e.clock() : "escalation:" + e.step();
      all = all.chain(n -> usernames(tx, meta, entity, record, people)
          .chain(users -> message(tx, s, record, what, text, users)).map(m -> n + m));
    }
    return all;
  }

  private Uni<List<String>> usernames(Tx tx, MetadataSnapshot meta, EntityDefinition entity, DataRecord record,
      List<Approver> people) {
    return recipients.usernames(tx, meta, entity, record, people, source -> conditions.evaluate(tx, meta, entity,
            Expressions.compile(source, Scope.of(entity, meta.entities(), Scope.Use.VALUE), null), record, p -> false, p -> null))
        .onFailure().recoverWithItem(e -> {
          LOG.warnf("sla: the people to tell about %s %s could not be found: %s", entity.name(), record.id(), e.getMessage());
          return List.of();
        });
  }

  private Uni<Integer> message(Tx tx, SlaState s, DataRecord record, String what, LocalizedText text, List<String> users) {
    Uni<Integer> all = Uni.createFrom().item(0);
    for (String u : users) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("kind", "sla");
      data.put("policy", s.policy);
      data.put("entity", s.entity);
      data.put("recordId", record.id().toString());
      data.put("subjectEn", text.get(LocalizedText.EN));
      data.put("bodyEn", text.get(LocalizedText.EN));
      String key = "sla:" + s.id + ":" + what + ":" + s.target + ":" + u;
      String k = key.length() > OutboundMessage.MAX_KEY ? key.substring(0, OutboundMessage.MAX_KEY) : key;
      all = all.chain(n -> outbox.enqueue(tx, new OutboundMessage(k, Channel.IN_APP, u, text.get(LocalizedText.ZH),
          text.get(LocalizedText.ZH), data)).map(queued -> n + (queued ? 1 : 0)));
    }
    return all;
  }

  private static LocalizedText text(SlaPolicyDefinition policy, EntityDefinition entity, DataRecord record, SlaState s,
      SlaClock.Event e, ZoneId zone) {
    Object shown = entity.displayField().map(f -> record.get(f.name())).orElse(null);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("policy", policy.label() == null ? LocalizedText.of(policy.name(), policy.name()) : policy.label());
    args.put("entity", entity.label());
    args.put("record", shown == null ? record.id().toString() : shown.toString());
    if (e.kind() == SlaClock.Kind.WARNING) {
      args.put("clock", MESSAGES.text("CLOCK_" + e.clock()));
      java.time.Instant due = SlaClock.RESPONSE.equals(e.clock()) ? s.responseDue : s.resolutionDue;
      args.put("due", due == null ? "-" : DUE.format(due.atZone(zone)));
      return MESSAGES.text("WARNING", args);
    }
    return MESSAGES.text("ESCALATION", args);
  }
}
