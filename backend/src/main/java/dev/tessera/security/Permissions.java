package dev.tessera.security;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.RoleDefinition.Capability;
import dev.tessera.platform.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller may do, per entity and field, for the designer and the workspace to offer only what
 * enforcement allows ("what may I do"): read from the same compiled {@link Policy} the reader and the
 * service enforce. A right held on some records counts here; what holds for one record is
 * {@code RecordReader.rights}.
 */
@ApplicationScoped
public class Permissions {
  public record FieldRights(String field, boolean read, boolean write) {}

  public record EntityRights(String entity, boolean create, boolean read, boolean update, boolean delete,
      List<FieldRights> fields) {}

  public record Summary(String user, List<String> roles, boolean admin, List<String> capabilities,
      List<EntityRights> entities) {}

  private final PolicyCache policies;
  private final MetadataRegistry registry;

  public Permissions(PolicyCache policies, MetadataRegistry registry) {
    this.policies = policies;
    this.registry = registry;
  }

  /** The policy an actor is held to; a trusted internal actor's is the administrator's. */
  public Policy policy(Actor actor) {
    MetadataSnapshot snapshot = registry.current();
    return policies.policy(actor.restricted() ? actor.roles() : List.of(dev.tessera.metamodel.model.RoleDefinition.ADMIN),
        snapshot);
  }

  /** Whether no role limits what {@code actor} reads: a trusted internal actor or an administrator. */
  public boolean seesEverything(Actor actor) {
    return policy(actor).admin();
  }

  public Summary of(Actor actor) {
    Policy p = policy(actor);
    List<String> capabilities = new ArrayList<>();
    for (Capability c : Capability.values()) {
      if (p.has(c)) {
        capabilities.add(c.jsonName());
      }
    }
    List<EntityRights> entities = new ArrayList<>();
    for (EntityDefinition e : registry.current().entities().values()) {
      EntityPolicy r = p.entity(e.name());
      List<FieldRights> fields = new ArrayList<>();
      for (FieldDefinition f : e.fields()) {
        boolean write = !r.field(f.name(), Action.CREATE).isNone() || !r.field(f.name(), Action.UPDATE).isNone();
        fields.add(new FieldRights(f.name(), !r.field(f.name(), Action.READ).isNone(), write));
      }
      entities.add(new EntityRights(e.name(), r.may(Action.CREATE), r.may(Action.READ), r.may(Action.UPDATE),
          r.may(Action.DELETE), fields));
    }
    return new Summary(actor.userId(), List.copyOf(p.roles()), p.admin(), capabilities, entities);
  }
}
