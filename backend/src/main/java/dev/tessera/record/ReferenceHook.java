package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.Sequence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A reference must name a live record of its target entity. Each reference a write sets (every one on
 * a create, the changed ones on an update) is read and locked in the write's transaction: a delete of
 * the target that runs at the same time either waits for this write and then sees the new reference
 * (and applies the field's onDelete), or commits first and this write is refused.
 */
@ApplicationScoped
public class ReferenceHook implements BeforeSaveHook {
  private final RecordStore store;

  public ReferenceHook(RecordStore store) {
    this.store = store;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    List<FieldDefinition> set = new ArrayList<>();
    for (FieldDefinition f : ctx.entity().fields()) {
      Object v = ctx.data().get(f.name());
      if (f.type() == FieldType.REFERENCE && v != null
          && (ctx.before() == null || !Objects.equals(v, ctx.before().data().get(f.name())))) {
        set.add(f);
      }
    }
    return Sequence.each(set, f -> check(ctx, f));
  }

  private Uni<Void> check(SaveContext ctx, FieldDefinition f) {
    String value = ctx.data().get(f.name()).toString();
    UUID id = parse(value);
    EntityDefinition target = ctx.metadata().entities().get(f.target());
    if (id == null || target == null) {
      ctx.problems().add(missing(f, value));
      return Uni.createFrom().voidItem();
    }
    return store.lockLive(ctx.tx(), target, List.of(id)).invoke(live -> {
      if (!live.contains(id)) {
        ctx.problems().add(missing(f, value));
      }
    }).replaceWithVoid();
  }

  private static FieldError missing(FieldDefinition f, String value) {
    return FieldError.of(f.name(), "INVALID_VALUE", RecordMessages.text("INVALID_VALUE", Map.of("field",
        RecordMessages.field(f), "problem", RecordMessages.text("NO_SUCH_RECORD", Map.of("value", value)))), null);
  }

  private static UUID parse(String s) {
    try {
      UUID id = UUID.fromString(s);
      return id.toString().equals(s.toLowerCase(java.util.Locale.ROOT)) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
