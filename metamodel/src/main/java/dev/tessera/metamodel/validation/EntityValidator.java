package dev.tessera.metamodel.validation;

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
 * {@link EntityExpressions}, so what publishes is what runs), and formula cycles.
 */
final class EntityValidator {
  private final EntityDefinition e;
  private final String base;
  private final Map<String, EntityDefinition> entities;
  private final List<Problem> out = new ArrayList<>();

  EntityValidator(EntityDefinition e, String base, Map<String, EntityDefinition> entities) {
    this.e = e;
    this.base = base;
    this.entities = entities;
  }

  List<Problem> validate() {
    boolean builtIn = BuiltInEntities.isBuiltIn(e.id());
    if (builtIn) {
      builtInKept();
    } else if (e.name() != null && Identifiers.RESERVED_ENTITIES.contains(e.name())) {
      add(ProblemCode.RESERVED_NAME, ".name", "“" + e.name() + "”是平台保留的实体名称，请换一个",
          "\"" + e.name() + "\" is reserved by the platform; choose another entity name");
    }
    if (e.name() != null && e.name().equals(e.pluralName())) {
      add(ProblemCode.NAME_COLLISION, ".pluralName", "复数名称不能与名称相同", "The plural name must differ from the name");
    }
    fieldNames();
    for (int i = 0; i < e.fields().size(); i++) {
      out.addAll(new FieldValidator(e, e.fields().get(i), base + ".fields[" + i + "]", entities).validate());
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
      add(ProblemCode.CONFLICT, ".name", "内置实体“" + original.name() + "”不能改名", "The built-in entity \"" + original.name()
          + "\" cannot be renamed");
    }
    for (FieldDefinition f : original.fields()) {
      FieldDefinition now = e.fields().stream().filter(x -> f.id().equals(x.id())).findFirst().orElse(null);
      if (now == null || !f.name().equals(now.name()) || f.type() != now.type()) {
        add(ProblemCode.CONFLICT, ".fields", "内置字段“" + original.name() + "." + f.name() + "”不能删除、改名或改类型",
            "The built-in field " + original.name() + "." + f.name() + " cannot be removed, renamed or given another type");
      }
    }
  }

  private void indexes() {
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < e.indexes().size(); i++) {
      List<String> fields = e.indexes().get(i).fields();
      String at = ".indexes[" + i + "]";
      if (!seen.add(fields)) {
        add(ProblemCode.DUPLICATE, at, "与前面的索引重复", "The same index is defined twice");
      }
      for (int j = 0; j < fields.size(); j++) {
        String name = fields.get(j);
        FieldDefinition f = e.field(name).orElse(null);
        if (f == null) {
          add(ProblemCode.INVALID_OPTION, at + ".fields[" + j + "]", "索引中的“" + name + "”不是该实体的字段",
              "\"" + name + "\" in the index is not a field of " + e.name());
        } else if (f.type() != null && !indexable(f)) {
          add(ProblemCode.INVALID_OPTION, at + ".fields[" + j + "]", "“" + f.type().jsonName() + "”类型的字段不能放进组合索引",
              "A field of type \"" + f.type().jsonName() + "\" cannot be part of a composite index");
        } else if (fields.indexOf(name) != j) {
          add(ProblemCode.DUPLICATE, at + ".fields[" + j + "]", "索引中字段“" + name + "”重复",
              "The field \"" + name + "\" appears twice in the index");
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
        add(ProblemCode.RESERVED_NAME, at + ".name", "“" + f.name() + "”是系统保留的字段名称（每条记录都有），请换一个",
            "\"" + f.name() + "\" is reserved (every record has it or the API uses it); choose another field name");
      }
      Integer first = names.putIfAbsent(f.name(), i);
      if (first != null) {
        add(ProblemCode.DUPLICATE, at + ".name", "字段名称“" + f.name() + "”与第 " + (first + 1) + " 个字段重复",
            "The field name \"" + f.name() + "\" is already used by field " + (first + 1));
      }
      Integer firstId = f.id() == null ? null : ids.putIfAbsent(f.id(), i);
      if (firstId != null) {
        add(ProblemCode.DUPLICATE, at + ".id", "字段标识“" + f.id() + "”与第 " + (firstId + 1) + " 个字段重复",
            "The field id \"" + f.id() + "\" is already used by field " + (firstId + 1));
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
      add(ProblemCode.FORMULA_CYCLE, ".fields[" + c.fieldIndex() + "].expression", "公式循环引用：" + path,
          "Formulas depend on each other in a circle: " + path);
    }
  }

  private void rules() {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < e.rules().size(); i++) {
      RuleDefinition r = e.rules().get(i);
      Integer first = r.name() == null ? null : names.putIfAbsent(r.name(), i);
      if (first != null) {
        add(ProblemCode.DUPLICATE, ".rules[" + i + "].name", "规则名称“" + r.name() + "”与第 " + (first + 1) + " 条规则重复",
            "The rule name \"" + r.name() + "\" is already used by rule " + (first + 1));
      }
    }
  }

  private void add(ProblemCode code, String relPath, String zh, String en) {
    out.add(Problem.of(code, base + relPath, zh, en));
  }
}
