package dev.tessera.metamodel.expr;

import static dev.tessera.metamodel.expr.ExpressionMessage.DID_YOU_MEAN;
import static dev.tessera.metamodel.expr.ExpressionMessage.FORMULA_OWN_FIELDS_ONLY;
import static dev.tessera.metamodel.expr.ExpressionMessage.JAVA_NAME;
import static dev.tessera.metamodel.expr.ExpressionMessage.JSON_FIELD;
import static dev.tessera.metamodel.expr.ExpressionMessage.NOT_A_REFERENCE;
import static dev.tessera.metamodel.expr.ExpressionMessage.PATH_TOO_LONG;
import static dev.tessera.metamodel.expr.ExpressionMessage.SYSTEM_FIELD_IN_FORMULA;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNKNOWN_FIELD;
import static dev.tessera.metamodel.expr.ExpressionMessage.USE_CONDITION;
import static dev.tessera.metamodel.expr.ExpressionMessage.USE_DEFAULT;
import static dev.tessera.metamodel.expr.ExpressionMessage.USE_FORMULA;
import static dev.tessera.metamodel.expr.ExpressionMessage.USE_RULE;
import static dev.tessera.metamodel.expr.ExpressionMessage.USE_VALUE;
import static dev.tessera.metamodel.expr.ExpressionMessage.NO_RECORD;
import static dev.tessera.metamodel.expr.ExpressionMessage.UNKNOWN_VARIABLE;
import static dev.tessera.metamodel.expr.ExpressionMessage.VARS_NEEDS_NAME;
import static dev.tessera.metamodel.expr.ExpressionMessage.WORD_NOT_ALLOWED;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
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
    FORMULA(USE_FORMULA),
    DEFAULT(USE_DEFAULT),
    RULE(USE_RULE),
    CONDITION(USE_CONDITION),
    /** A value computed at run time (a flow's set values, variables, due dates): like a condition, any result type. */
    VALUE(USE_VALUE);

    /** What messages call the use. */
    final ExpressionMessage label;

    Use(ExpressionMessage label) {
      this.label = label;
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
  /** The {@code user} entity when the expression may read {@code currentUser} (role scopes); else null. */
  private final EntityDefinition currentUser;
  /** Flow variables by their path after {@code vars.}; null where {@code vars} means nothing. */
  private final FlowVariables vars;

  /** The root of flow variables in expressions: {@code vars.score}, {@code vars.reply.body.id}. */
  public static final String VARS = "vars";
  /** Longest path under {@code vars}: {@code vars.reply.body.customer.address.city}. */
  static final int MAX_VARS_PATH = 8;

  /**
   * The variables a flow expression may read: exact paths with their types ({@code score} → number,
   * {@code reply.status} → number) and open prefixes whose every deeper path is text
   * ({@code reply.body}: a webhook's JSON answer, read as text).
   */
  public record FlowVariables(Map<String, ExprType> paths, java.util.Set<String> open) {
    public FlowVariables {
      paths = Map.copyOf(paths);
      open = java.util.Set.copyOf(open);
    }
  }

  /** The name of the signed-in user in role scopes: alone its id, {@code currentUser.regions} a field of its record. */
  public static final String CURRENT_USER = "currentUser";
  /** In role scopes, {@code owner} names the record's owner (the system field {@code ownerId}) unless the entity has such a field. */
  public static final String OWNER = "owner";

  private Scope(EntityDefinition entity, Map<String, EntityDefinition> entities, Use use, Map<String, ExprType> extra,
      EntityDefinition currentUser, FlowVariables vars) {
    this.entity = entity;
    this.entities = entities;
    this.use = use;
    this.extra = extra;
    this.currentUser = currentUser;
    this.vars = vars;
  }

  /** The scope of an expression on records of {@code entity}; {@code entities} resolves reference paths. */
  public static Scope of(EntityDefinition entity, Map<String, EntityDefinition> entities, Use use) {
    return new Scope(entity, entities, use, Map.of(), null, null);
  }

  /** A copy that also knows {@code variables} (for flows and assignment: values that are not fields). */
  public Scope withVariables(Map<String, ExprType> variables) {
    Map<String, ExprType> all = new LinkedHashMap<>(extra);
    all.putAll(variables);
    return new Scope(entity, entities, use, Map.copyOf(all), currentUser, vars);
  }

  /**
   * A copy that also knows {@code currentUser} (the user's id) and {@code currentUser.<field>} (a field
   * or system field of {@code user}, the user entity), and {@code owner} for the record's owner.
   */
  public Scope withCurrentUser(EntityDefinition user) {
    return new Scope(entity, entities, use, extra, user, vars);
  }

  /**
   * A copy that also knows the flow variables {@code vars.<path>} (flows: values set by earlier nodes).
   * The entity may be null (a flow without a record): then only variables and functions resolve.
   */
  public Scope withFlowVariables(FlowVariables variables) {
    return new Scope(entity, entities, use, extra, currentUser, variables);
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
    if (currentUser != null && path.get(0).equals(CURRENT_USER)) {
      return currentUser(path, pos);
    }
    if (currentUser != null && path.size() == 1 && path.get(0).equals(OWNER) && entity.field(OWNER).isEmpty()) {
      return new Variable("ownerId", "v_ownerId", ExprType.TEXT, null);
    }
    if (vars != null && path.get(0).equals(VARS)) {
      return variable(path, pos);
    }
    if (entity == null) {
      throw ExpressionException.at(pos, NO_RECORD, "path", dotted);
    }
    if (path.size() == 1 && extra.containsKey(path.get(0))) {
      return new Variable(dotted, "x_" + path.get(0), extra.get(path.get(0)), null);
    }
    if (path.size() > MAX_PATH) {
      throw ExpressionException.at(pos, PATH_TOO_LONG, "path", dotted, "max", MAX_PATH - 1);
    }
    if (path.size() > 1 && use == Use.FORMULA && entity.field(path.get(0)).isEmpty()) {
      throw unknown(path, 0, entity, pos);
    }
    if (path.size() > 1 && use == Use.FORMULA) {
      throw ExpressionException.at(pos, FORMULA_OWN_FIELDS_ONLY, "path", dotted);
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
          throw ExpressionException.at(pos, NOT_A_REFERENCE, "path", upTo, "next", path.get(i + 1));
        }
        current = target;
      }
    }
    ExprType type = ExprType.of(field.valueType());
    if (type == null) {
      throw ExpressionException.at(pos, JSON_FIELD, "path", dotted);
    }
    return new Variable(dotted, mvelName(path), type, field);
  }

  /** A flow variable: declared exactly, or under an open prefix (text); else an error naming the known ones. */
  private Variable variable(List<String> path, Node.Pos pos) {
    String dotted = String.join(".", path);
    if (path.size() < 2) {
      throw ExpressionException.at(pos, VARS_NEEDS_NAME);
    }
    if (path.size() > MAX_VARS_PATH) {
      throw ExpressionException.at(pos, PATH_TOO_LONG, "path", dotted, "max", MAX_VARS_PATH - 1);
    }
    String rest = String.join(".", path.subList(1, path.size()));
    ExprType type = vars.paths().get(rest);
    if (type == null && vars.open().stream().anyMatch(p -> rest.startsWith(p + "."))) {
      type = ExprType.TEXT;
    }
    if (type == null) {
      List<String> names = new ArrayList<>(vars.paths().keySet());
      String hint = Suggest.closest(rest, names).orElse(null);
      throw ExpressionException.at(pos, UNKNOWN_VARIABLE, "name", rest, "hint", hint(DID_YOU_MEAN, hint == null ? null : VARS + "." + hint));
    }
    return new Variable(dotted, "w_" + String.join("_d", path.subList(1, path.size()).stream()
        .map(p -> p.replace("_", "_u")).toList()), type, null);
  }

  /** {@code currentUser} (the id) or {@code currentUser.<field>} (one step: no paths through the user's references). */
  private Variable currentUser(List<String> path, Node.Pos pos) {
    if (path.size() == 1 || path.size() == 2 && path.get(1).equals("id")) {
      return new Variable(CURRENT_USER, "u_id", ExprType.TEXT, null);
    }
    String dotted = String.join(".", path);
    if (path.size() > 2) {
      throw ExpressionException.at(pos, PATH_TOO_LONG, "path", dotted, "max", 1);
    }
    String name = path.get(1);
    FieldDefinition f = currentUser.field(name).orElse(null);
    if (f == null && SYSTEM.containsKey(name)) {
      return new Variable(dotted, "u_" + name, SYSTEM.get(name), null);
    }
    if (f == null) {
      throw unknown(path, 1, currentUser, pos);
    }
    ExprType type = ExprType.of(f.valueType());
    if (type == null) {
      throw ExpressionException.at(pos, JSON_FIELD, "path", dotted);
    }
    return new Variable(dotted, "u_" + name, type, f);
  }

  private ExpressionException unknown(List<String> path, int i, EntityDefinition in, Node.Pos pos) {
    String name = path.get(i);
    String owner = in.name();
    List<String> names = new ArrayList<>();
    in.fields().forEach(f -> names.add(f.name()));
    if (i == 0) {
      names.addAll(extra.keySet());
    }
    String hint = Suggest.closest(name, names).orElse(null);
    if (i == 0 && (Character.isUpperCase(name.charAt(0)) || JAVA_ROOTS.contains(name))) {
      return ExpressionException.at(pos, JAVA_NAME, "path", String.join(".", path));
    }
    if (i == 0 && Parser.STATEMENT_WORDS.contains(name)) {
      return ExpressionException.at(pos, WORD_NOT_ALLOWED, "word", name);
    }
    if (i == 0 && SYSTEM.containsKey(name)) {
      return ExpressionException.at(pos, SYSTEM_FIELD_IN_FORMULA, "field", name);
    }
    return ExpressionException.at(pos, UNKNOWN_FIELD, "entity", owner, "field", name, "hint", hint(DID_YOU_MEAN, hint));
  }

  /** A "did you mean" tail ({@code DID_YOU_MEAN...}) naming {@code suggestion}; nothing without one. */
  static LocalizedText hint(ExpressionMessage didYouMean, String suggestion) {
    return suggestion == null ? LocalizedText.of("", "") : didYouMean.text("name", suggestion);
  }

  private static String mvelName(List<String> path) {
    return "v_" + String.join("_", path);
  }
}
