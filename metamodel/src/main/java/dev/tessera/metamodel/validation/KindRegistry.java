package dev.tessera.metamodel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.CalendarJson;
import dev.tessera.metamodel.json.FlowJson;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.json.RoleJson;
import dev.tessera.metamodel.json.RuleJson;
import dev.tessera.metamodel.json.SlaJson;
import dev.tessera.metamodel.model.AssignmentRuleDefinition;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FormDefinition;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.model.MessageTemplateDefinition;
import dev.tessera.metamodel.model.PoolDefinition;
import dev.tessera.metamodel.model.RoleDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of definition the platform knows, in the order the designer lists them. A kind is known
 * here or nowhere: the validator refuses any other with {@code UNKNOWN_KIND} (never validating it as
 * another kind), and the metadata snapshot reads each definition with its kind's reader. A new kind
 * plugs in with a record, a schema resource and a validator, added by {@link #with}.
 */
public final class KindRegistry {
  private static final KindRegistry STANDARD = new KindRegistry(List.of(
      new Kind<>(EntityDefinition.KIND, EntityDefinition.class, MetamodelJson::readEntity,
          (e, base, ctx) -> new EntityValidator(e, base, ctx).validate()),
      new Kind<>(AssignmentRuleDefinition.KIND, AssignmentRuleDefinition.class, RuleJson::assignmentRule,
          AssignmentRuleValidator::validate),
      new Kind<>(PoolDefinition.KIND, PoolDefinition.class, RuleJson::pool, PoolValidator::validate),
      new Kind<>(MatchingRuleDefinition.KIND, MatchingRuleDefinition.class, RuleJson::matchingRule,
          MatchingRuleValidator::validate),
      new Kind<>(FormDefinition.KIND, FormDefinition.class, RuleJson::form, FormValidator::validate),
      new Kind<>(RoleDefinition.KIND, RoleDefinition.class, RoleJson::role, RoleValidator::validate),
      new Kind<>(FlowDefinition.KIND, FlowDefinition.class, FlowJson::flow, FlowValidator::validate),
      new Kind<>(MessageTemplateDefinition.KIND, MessageTemplateDefinition.class, CalendarJson::messageTemplate,
          MessageTemplateValidator::validate),
      new Kind<>(CalendarDefinition.KIND, CalendarDefinition.class, CalendarJson::calendar, CalendarValidator::validate),
      new Kind<>(dev.tessera.metamodel.model.WebhookSourceDefinition.KIND, dev.tessera.metamodel.model.WebhookSourceDefinition.class, dev.tessera.metamodel.json.WebhookSourceJson::webhookSource, WebhookSourceValidator::validate),
      new Kind<>(SlaPolicyDefinition.KIND, SlaPolicyDefinition.class, SlaJson::slaPolicy, SlaPolicyValidator::validate)));

  private final Map<String, Kind<?>> kinds = new LinkedHashMap<>();

  private KindRegistry(List<Kind<?>> kinds) {
    kinds.forEach(k -> this.kinds.put(k.name(), k));
  }

  /** The kinds of this version of the platform. */
  public static KindRegistry standard() {
    return STANDARD;
  }

  /** This registry plus {@code kind} (replacing one of the same name). */
  public KindRegistry with(Kind<?> kind) {
    List<Kind<?>> all = new ArrayList<>(kinds.values());
    all.removeIf(k -> k.name().equals(kind.name()));
    all.add(kind);
    return new KindRegistry(all);
  }

  public List<String> names() {
    return List.copyOf(kinds.keySet());
  }

  public Optional<Kind<?>> kind(String name) {
    return Optional.ofNullable(name == null ? null : kinds.get(name));
  }

  /** The typed record of a definition; empty when its {@code kind} is unknown. */
  public Optional<Definition> read(JsonNode json) {
    return kind(json.path("kind").asText(null)).map(k -> k.read(json));
  }
}
