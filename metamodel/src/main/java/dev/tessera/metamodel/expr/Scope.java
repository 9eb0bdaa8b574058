package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the names in an expression may refer to: the fields of one entity, its system fields, paths
 * through reference fields ({@code company.industry}) and extra variables a caller declares. The
 * {@link Use} decides what is allowed: a stored formula may use its own record's fields only and not
 * the clock, since it is computed when the record is saved.
 */
public final class Scope {
  /** Where an expression is used; each has its own rules and expected result. */
  public enum Use {
    FORMULA("公式", "formula"),
    DEFAULT("默认值", "default value"),
    RULE("校验规则", "validation rule"),
    CONDITION("条件", "condition");

    final String zh;
    final String en;

    Use(String zh, String en) {
      this.zh = zh;
      this.en = en;
    }
  }

  /** A name the expression reads: its dotted path, the MVEL variable it becomes and its type. */
  public record Variable(String path, String mvelName, ExprType type, FieldDefinition field) {}

  /** Longest reference path: {@code contact.company.industry}. */
  static final int MAX_PATH = 3;

  private static final Map<String, ExprType> SYSTEM = Map.of("id", ExprType.TEXT, "createdAt", ExprType.DATETIME,
      "updatedAt", ExprType.DATETIME, "createdBy", ExprType.TEXT, "updatedBy", ExprType.TEXT, "ownerId", ExprType.TEXT,
      "version", ExprType.NUMBER);

  /** First segments of Java package names ({@code java.lang.System}). */
  private static final java.util.Set<String> JAVA_ROOTS = java.util.Set.of("java", "javax", "jdk", "sun", "com", "org", "net",
      "io", "jakarta");

  private final EntityDefinition entity;
  private final Map<String, EntityDefinition> entities;
  private final Use use;
  private final Map<String, ExprType> extra;

  private Scope(EntityDefinition entity, Map<String, EntityDefinition> entities, Use use, Map<String, ExprType> extra) {
    this.entity = entity;
    this.entities = entities;
    this.use = use;
    this.extra = extra;
  }

  /** The scope of an expression on records of {@code entity}; {@code entities} resolves reference paths. */
  public static Scope of(EntityDefinition entity, Map<String, EntityDefinition> entities, Use use) {
    return new Scope(entity, entities, use, Map.of());
  }

  /** A copy that also knows {@code variables} (for flows and assignment: values that are not fields). */
  public Scope withVariables(Map<String, ExprType> variables) {
    Map<String, ExprType> all = new LinkedHashMap<>(extra);
    all.putAll(variables);
    return new Scope(entity, entities, use, Map.copyOf(all));
  }

  public Use use() {
    return use;
  }

  public EntityDefinition entity() {
    return entity;
  }

  /** The variable a path names, or an error at {@code pos} saying why it does not resolve. */
  Variable resolve(List<String> path, Node.Pos pos) {
    String dotted = String.join(".", path);
    if (path.size() == 1 && extra.containsKey(path.get(0))) {
      return new Variable(dotted, "x_" + path.get(0), extra.get(path.get(0)), null);
    }
    if (path.size() > MAX_PATH) {
      throw ExpressionException.at(pos, "引用路径“" + dotted + "”太长（最多经过 " + (MAX_PATH - 1) + " 个引用字段）",
          "The path \"" + dotted + "\" is too long (at most " + (MAX_PATH - 1) + " reference fields deep)");
    }
    if (path.size() > 1 && use == Use.FORMULA && entity.field(path.get(0)).isEmpty()) {
      throw unknown(path, 0, entity, pos);
    }
    if (path.size() > 1 && use == Use.FORMULA) {
      throw ExpressionException.at(pos, "公式字段只能使用本记录的字段；“" + dotted + "”在被引用的记录变化时不会更新，可在校验规则、默认值或条件中使用",
          "A formula field can use this record's own fields only: \"" + dotted + "\" would not update when the referenced "
              + "record changes. Use it in a validation rule, default or condition instead");
    }
    EntityDefinition current = entity;
    FieldDefinition field = null;
    for (int i = 0; i < path.size(); i++) {
      String name = path.get(i);
      String upTo = String.join(".", path.subList(0, i + 1));
      boolean last = i == path.size() - 1;
      field = current.field(name).orElse(null);
      if (field == null) {
        if (last && SYSTEM.containsKey(name) && use != Use.FORMULA) {
          return new Variable(dotted, mvelName(path), SYSTEM.get(name), null);
        }
        throw unknown(path, i, current, pos);
      }
      if (!last) {
        EntityDefinition target = field.type() == FieldType.REFERENCE ? entities.get(field.target()) : null;
        if (target == null) {
          throw ExpressionException.at(pos, "“" + upTo + "”不是引用字段，后面不能再跟“." + path.get(i + 1) + "”",
              "\"" + upTo + "\" is not a reference field, so it cannot be followed by \"." + path.get(i + 1) + "\"");
        }
        current = target;
      }
    }
    ExprType type = ExprType.of(field.valueType());
    if (type == null) {
      throw ExpressionException.at(pos, "“" + dotted + "”是 JSON 字段，表达式不能读取", "\"" + dotted + "\" is a JSON field, which expressions cannot read");
    }
    return new Variable(dotted, mvelName(path), type, field);
  }

  private ExpressionException unknown(List<String> path, int i, EntityDefinition in, Node.Pos pos) {
    String name = path.get(i);
    String owner = in.name();
    List<String> names = new ArrayList<>();
    in.fields().forEach(f -> names.add(f.name()));
    if (i == 0) {
      names.addAll(extra.keySet());
    }
    String hint = Suggest.closest(name, names).map(s -> s).orElse(null);
    String zhHint = hint == null ? "" : "，是不是“" + hint + "”？";
    String enHint = hint == null ? "" : "; did you mean \"" + hint + "\"?";
    if (i == 0 && (Character.isUpperCase(name.charAt(0)) || JAVA_ROOTS.contains(name))) {
      return ExpressionException.at(pos, "“" + String.join(".", path) + "”不是字段；表达式不能使用 Java 类或系统对象，请使用函数",
          "\"" + String.join(".", path) + "\" is not a field: expressions cannot use Java classes or system objects; use the functions");
    }
    if (i == 0 && Parser.STATEMENT_WORDS.contains(name)) {
      return ExpressionException.at(pos, "表达式中不能使用“" + name + "”", "\"" + name + "\" cannot be used in expressions");
    }
    if (i == 0 && SYSTEM.containsKey(name)) {
      return ExpressionException.at(pos, "公式字段不能使用系统字段“" + name + "”（保存前它还没有值）",
          "A formula field cannot use the system field \"" + name + "\" (it has no value before the record is saved)");
    }
    return ExpressionException.at(pos, "“" + owner + "”没有名为“" + name + "”的字段" + zhHint,
        "\"" + name + "\" is not a field of " + owner + enHint);
  }

  private static String mvelName(List<String> path) {
    return "v_" + String.join("_", path);
  }
}
