package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.ExpressionException;
import dev.tessera.metamodel.expr.Expressions;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.message.MessageText;
import dev.tessera.metamodel.message.MessageTextMessage;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import java.util.List;
import java.util.Set;

/**
 * What the placeholders of a message text may name in a flow or a message template: a field of the
 * record (through references, as expressions resolve it), {@code owner.<field>} (a field or the id of
 * the owner's user record, unless the entity has its own {@code owner} field) and {@code vars.<name>}
 * (the variables set earlier in the flow; any variable in a template, which does not know its flows).
 */
final class FlowPlaceholders implements MessageText.PlaceholderNames {
  private static final String OWNER = "owner.";
  private static final Set<String> USER_SYSTEM_FIELDS = Set.of("id", "createdAt", "updatedAt");

  private final Scope scope;
  private final EntityDefinition user;
  private final boolean anyVariable;

  /** Placeholders of {@code scope} (its entity, null for none, and its flow variables); {@code anyVariable}: any {@code vars.*}. */
  FlowPlaceholders(Scope scope, EntityDefinition user, boolean anyVariable) {
    this.scope = scope;
    this.user = user;
    this.anyVariable = anyVariable;
  }

  @Override
  public LocalizedText problem(String path) {
    EntityDefinition entity = scope.entity();
    if (path.startsWith(Scope.VARS + ".") && anyVariable) {
      return null;
    }
    if (path.startsWith(OWNER) && (entity == null || entity.field("owner").isEmpty())) {
      return owner(path);
    }
    if (entity == null && !path.startsWith(Scope.VARS + ".")) {
      return MessageTextMessage.NO_RECORD.text("path", path);
    }
    try {
      Expressions.compile(path, scope, null);
      return null;
    } catch (ExpressionException e) {
      if (path.startsWith(Scope.VARS + ".")) {
        return MessageTextMessage.UNKNOWN_VARIABLE.text("path", path, "hint", LocalizedText.of("", ""));
      }
      return MessageTextMessage.UNKNOWN_FIELD.text("path", path, "reason", e.text());
    }
  }

  private LocalizedText owner(String path) {
    String field = path.substring(OWNER.length());
    if (USER_SYSTEM_FIELDS.contains(field) || user.field(field).filter(f -> !f.name().contains(".")).isPresent()) {
      return null;
    }
    List<String> names = user.fields().stream().map(FieldDefinition::name).toList();
    return MessageTextMessage.UNKNOWN_OWNER_FIELD.text("path", path, "hint", FlowChecks.hint(field, names));
  }
}
