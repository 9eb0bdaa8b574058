package dev.tessera.flow;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Who the people specs of approvals and SLA policies name (user, team, manager chain, role, record owner,
 * user field, expression), as usernames in order, each once, read through {@link FlowPeople} in the
 * caller's transaction. Approval nodes use it in a flow step; other engines (SLA escalations) through
 * {@link #usernames(Tx, MetadataSnapshot, EntityDefinition, DataRecord, List, Function)}. A person that
 * cannot be found fails with a {@link FlowFailure} naming it.
 */
@ApplicationScoped
public class FlowRecipients {
  /** Most managers walked up from the record owner. */
  static final int MAX_LEVELS = 5;

  private final FlowPeople people;

  FlowRecipients(FlowPeople people) {
    this.people = people;
  }

  /**
   * The usernames {@code specs} name for {@code record} of {@code entity}, outside a flow; {@code expression}
   * evaluates an {@code expression} spec's source on the record (the caller compiles it in its own scope).
   */
  public Uni<List<String>> usernames(Tx tx, MetadataSnapshot meta, EntityDefinition entity, DataRecord record,
      List<FlowNode.Approver> specs, Function<String, Uni<Object>> expression) {
    FlowInstance none = new FlowInstance(null, null, 0, entity.name(), record.id(), FlowInstance.Status.RUNNING, null,
        Map.of(), null, "system", false, null, null);
    FlowContext ctx = new FlowContext(tx, new ArrayList<>(), meta, null, none, null, null);
    ctx.entity = entity;
    ctx.record = record;
    return usernames(ctx, specs, expression);
  }

  /** The usernames the specs name, in order, each once. */
  Uni<List<String>> usernames(FlowContext ctx, List<FlowNode.Approver> specs, Function<String, Uni<Object>> expression) {
    Uni<Set<String>> all = Uni.createFrom().item(new LinkedHashSet<>());
    for (FlowNode.Approver spec : specs) {
      all = all.chain(acc -> one(ctx, spec, expression).map(found -> {
        acc.addAll(found);
        return acc;
      }));
    }
    return all.map(List::copyOf);
  }

  private Uni<List<String>> one(FlowContext ctx, FlowNode.Approver spec, Function<String, Uni<Object>> expression) {
    switch (spec.type()) {
      case USER:
        return people.user(ctx, spec.username()).map(u -> List.of(username(u)));
      case RECORD_OWNER:
        return people.recipient(ctx, new FlowNode.Recipient(FlowNode.RecipientType.RECORD_OWNER, null, null))
            .map(u -> List.of(username(u)));
      case FIELD:
        return people.recipient(ctx, new FlowNode.Recipient(FlowNode.RecipientType.FIELD, null, spec.field()))
            .map(u -> List.of(username(u)));
      case TEAM:
        return people.teamMembers(ctx, spec.team()).map(FlowRecipients::active);
      case ROLE:
        return people.holders(ctx, spec.role()).map(FlowRecipients::active);
      case MANAGER: {
        int levels = Math.min(spec.levels() == null ? 1 : spec.levels(), MAX_LEVELS);
        String owner = ctx.record == null ? null : ctx.record.ownerId();
        if (owner == null) {
          throw new FlowFailure("NO_OWNER", Map.of("what", "manager"));
        }
        return managers(ctx, owner, levels, new ArrayList<>());
      }
      default:
        return expression.apply(spec.expression()).map(v -> {
          List<String> out = new ArrayList<>();
          if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
          } else if (v != null && !String.valueOf(v).isBlank()) {
            out.add(String.valueOf(v));
          }
          if (out.isEmpty()) {
            throw new FlowFailure("NO_APPROVER_VALUE", Map.of("expression", spec.expression()));
          }
          return out;
        });
    }
  }

  /** Up to {@code levels} managers above {@code username}, nearest first; fewer when the chain ends. */
  private Uni<List<String>> managers(FlowContext ctx, String username, int levels, List<String> acc) {
    if (levels == 0) {
      return Uni.createFrom().item(acc);
    }
    return people.manager(ctx, username).map(FlowRecipients::username)
        .onFailure(FlowFailure.class).recoverWithNull()
        .chain(m -> {
          if (m == null || acc.contains(m) || m.equals(username)) {
            return Uni.createFrom().item(acc);
          }
          acc.add(m);
          return managers(ctx, m, levels - 1, acc);
        });
  }

  private static List<String> active(List<DataRecord> users) {
    return users.stream().filter(u -> !"inactive".equals(u.get("status"))).map(FlowRecipients::username).toList();
  }

  private static String username(DataRecord u) {
    return String.valueOf(u.get("username"));
  }

}
