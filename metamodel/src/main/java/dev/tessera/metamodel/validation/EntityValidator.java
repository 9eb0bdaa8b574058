package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.BUILT_IN_FIELD_CHANGED;
import static dev.tessera.metamodel.validation.MetadataMessage.BUILT_IN_RENAMED;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_FIELD_ID;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_FIELD_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_INDEX;
import static dev.tessera.metamodel.validation.MetadataMessage.DUPLICATE_RULE_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.FORMULA_CYCLE;
import static dev.tessera.metamodel.validation.MetadataMessage.INDEX_FIELD_TWICE;
import static dev.tessera.metamodel.validation.MetadataMessage.INDEX_FIELD_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.INDEX_UNKNOWN_FIELD;
import static dev.tessera.metamodel.validation.MetadataMessage.PLURAL_SAME_AS_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.RESERVED_ENTITY_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.RESERVED_FIELD_NAME;

import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.expr.EntityExpressions;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.RuleDefinition;
import dev.tessera.metamodel.naming.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semantic checks of one entity: reserved and duplicate names, each field's options
 * ({@link FieldValidator}), expressions of formulas, defaults and rules (compiled by
 * {@link EntityExpressions}, so what publishes is what runs), formula cycles, and the gates of stage
 * fields ({@link StageGateChecks}).
 */
final class EntityValidator {
  private final EntityDefinition e;
  private final String base;
  private final Map<String, EntityDefinition> entities;
  private final ValidationContext ctx;
  private final List<Problem> out = new ArrayList<>();

  EntityValidator(EntityDefinition e, String base, ValidationContext ctx) {
    this.e = e;
    this.base = base;
    this.entities = ctx.entities();
    this.ctx = ctx;
  }

  List<Problem> validate() {
    boolean builtIn = BuiltInEntities.isBuiltIn(e.id());
    if (builtIn) {
      builtInKept();
    } else if (e.name() != null && Identifiers.RESERVED_ENTITIES.contains(e.name())) {
      add(ProblemCode.RESERVED_NAME, ".name", RESERVED_ENTITY_NAME, "name", e.name());
    }
    if (e.name() != null && e.name().equals(e.pluralName())) {
      add(ProblemCode.NAME_COLLISION, ".pluralName", PLURAL_SAME_AS_NAME);
    }
    fieldNames();
    for (int i = 0; i < e.fields().size(); i++) {
      out.addAll(new FieldValidator(e, e.fields().get(i), base + ".fields[" + i + "]", entities).validate());
      out.addAll(StageGateChecks.check(e, e.fields().get(i), base + ".fields[" + i + "]", ctx));
    }
    expressions();
    rules();
    indexes();
    return out;
  }

  /** A built-in entity may gain fields, but keeps its name and every built-in field's name and type. */
  private void builtInKept() {
    EntityDefinition original = BuiltInEntities.definitions().stream()
        .filter(d -> e.id().equals(d.path("id").asText())).map(MetamodelJson::readEntity).findFirst().orElseThrow();
    if (!original.name().equals(e.name())) {
      add(ProblemCode.CONFLICT, ".name", BUILT_IN_RENAMED, "entity", original.name());
    }
    for (FieldDefinition f : original.fields()) {
      FieldDefinition now = e.fields().stream().filter(x -> f.id().equals(x.id())).findFirst().orElse(null);
      if (now == null || !f.name().equals(now.name()) || f.type() != now.type()) {
        add(ProblemCode.CONFLICT, ".fields", BUILT_IN_FIELD_CHANGED, "entity", original.name(), "field", f.name());
      }
    }
  }

  private void indexes() {
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < e.indexes().size(); i++) {
      List<String> fields = e.indexes().get(i).fields();
      String at = ".indexes[" + i + "]";
      if (!seen.add(fields)) {
        add(ProblemCode.DUPLICATE, at, DUPLICATE_INDEX);
      }
      for (int j = 0; j < fields.size(); j++) {
        String name = fields.get(j);
        FieldDefinition f = e.field(name).orElse(null);
        if (f == null) {
          add(ProblemCode.INVALID_OPTION, at + ".fields[" + j + "]", INDEX_UNKNOWN_FIELD, "field", name, "entity", e.name());
        } else if (f.type() != null && !indexable(f)) {
          add(ProblemCode.INVALID_OPTION, at + ".fields[" + j + "]", INDEX_FIELD_TYPE, "type", f.type().jsonName());
        } else if (fields.indexOf(name) != j) {
          add(ProblemCode.DUPLICATE, at + ".fields[" + j + "]", INDEX_FIELD_TWICE, "field", name);
        }
      }
    }
  }

  private static boolean indexable(FieldDefinition f) {
    FieldType.Storage s = f.valueType().storage();
    return s != FieldType.Storage.ARRAY && s != FieldType.Storage.JSON && f.type() != FieldType.LONG_TEXT;
  }

  private void fieldNames() {
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < e.fields().size(); i++) {
      FieldDefinition f = e.fields().get(i);
      String at = ".fields[" + i + "]";
      if (f.name() == null) {
        continue;
      }
      if (Identifiers.SYSTEM_FIELDS.contains(f.name()) || Identifiers.RESERVED_FIELDS.contains(f.name())) {
        add(ProblemCode.RESERVED_NAME, at + ".name", RESERVED_FIELD_NAME, "name", f.name());
      }
      Integer first = names.putIfAbsent(f.name(), i);
      if (first != null) {
        add(ProblemCode.DUPLICATE, at + ".name", DUPLICATE_FIELD_NAME, "name", f.name(), "first", first + 1);
      }
      Integer firstId = f.id() == null ? null : ids.putIfAbsent(f.id(), i);
      if (firstId != null) {
        add(ProblemCode.DUPLICATE, at + ".id", DUPLICATE_FIELD_ID, "id", f.id(), "first", firstId + 1);
      }
    }
  }

  /** Compiles every formula, default expression and rule; reports each failure with its position. */
  private void expressions() {
    EntityExpressions.Result r = EntityExpressions.compile(e, entities);
    for (EntityExpressions.Failure f : r.failures()) {
      out.add(Problem.inExpression(base + f.path(), f.error()));
    }
    for (EntityExpressions.Cycle c : r.cycles()) {
      String path = String.join(" → ", c.names());
      add(ProblemCode.FORMULA_CYCLE, ".fields[" + c.fieldIndex() + "].expression", FORMULA_CYCLE, "path", path);
    }
  }

  private void rules() {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < e.rules().size(); i++) {
      RuleDefinition r = e.rules().get(i);
      Integer first = r.name() == null ? null : names.putIfAbsent(r.name(), i);
      if (first != null) {
        add(ProblemCode.DUPLICATE, ".rules[" + i + "].name", DUPLICATE_RULE_NAME, "name", r.name(), "first", first + 1);
      }
    }
  }

  private void add(ProblemCode code, String relPath, MetadataMessage message, Object... args) {
    out.add(Problem.of(code, base + relPath, message, args));
  }
}
