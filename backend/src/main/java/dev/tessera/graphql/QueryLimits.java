package dev.tessera.graphql;

import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.platform.RequestMessages;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a validated query against the limits before anything runs: depth, number of fields and
 * aliases, and a node budget that multiplies page sizes down nested connections (as GitHub does).
 *
 * <p>Introspection ({@code __schema}, {@code __type}) has its own bound, because the standard query of
 * every client (graphql-js {@code getIntrospectionQuery()}: GraphiQL, codegen, Apollo, urql) nests
 * {@code ofType} nine levels under {@code fields.args.type}, deeper than records may nest. Its cost
 * is not depth but fan-out: the list fields ({@code types}, {@code fields}, {@code args}, ...) each
 * multiply by the schema's size. So inside introspection a list field may not repeat along one path
 * (no {@code fields { type { fields ...} } } cycles), at most {@link #MAX_INTROSPECTION_FAN_OUT} of them
 * nest along a path (so no {@code types.interfaces.possibleTypes.fields} products either), depth stays
 * within {@link #MAX_INTROSPECTION_DEPTH},
 * {@code __schema} and {@code __type} appear once each, and the field count counts as everywhere.
 * Every refusal names the field and its line and column.
 */
final class QueryLimits {
  static final int MAX_DEPTH = 10;
  static final int MAX_INTROSPECTION_DEPTH = 20;
  /** Lists inside lists along one introspection path: the standard query's deepest is types.fields.args. */
  static final int MAX_INTROSPECTION_FAN_OUT = 3;
  static final int MAX_FIELDS = 500;
  static final long MAX_NODES = 50_000;
  /** Introspection fields returning lists: each multiplies the result by a part of the schema. */
  private static final Set<String> FAN_OUT = Set.of("__Schema.types", "__Schema.directives", "__Type.fields",
      "__Type.inputFields", "__Type.interfaces", "__Type.possibleTypes", "__Type.enumValues", "__Field.args",
      "__Directive.args");

  private final GraphQLSchema schema;
  private final Map<String, FragmentDefinition> fragments = new HashMap<>();
  private final Map<String, Object> variables;
  private final Map<String, Integer> introspectionRoots = new HashMap<>();
  private int fields;
  private long nodes;

  /** A refused request: the code, the field and where it is in the document. */
  static final class Exceeded extends PlatformException {
    private final transient SourceLocation location;

    Exceeded(ErrorCode code, LocalizedText text, Field f) {
      this(code, text, f.getName(), f.getSourceLocation());
    }

    Exceeded(ErrorCode code, LocalizedText text, String field, SourceLocation location) {
      super(code, text, field);
      this.location = location;
    }

    SourceLocation location() {
      return location;
    }
  }

  /** Where the walk is: depth, page-size product, fragment nesting, and the introspection path. */
  private record Level(int depth, long multiplier, int fragmentDepth, List<String> introspection) {
    boolean introspecting() {
      return introspection != null;
    }
  }

  private QueryLimits(GraphQLSchema schema, Document doc, Map<String, Object> variables) {
    this.schema = schema;
    this.variables = variables == null ? Map.of() : variables;
    doc.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
  }

  static void check(GraphQLSchema schema, Document doc, OperationDefinition op, Map<String, Object> variables) {
    QueryLimits l = new QueryLimits(schema, doc, variables);
    GraphQLType root = op.getOperation() == OperationDefinition.Operation.MUTATION ? schema.getMutationType()
        : schema.getQueryType();
    l.walk(op.getSelectionSet(), root, new Level(1, 1, 0, null));
  }

  private void walk(SelectionSet set, GraphQLType parent, Level at) {
    if (set == null) {
      return;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        field(f, parent, at);
      } else if (s instanceof InlineFragment i) {
        GraphQLType t = i.getTypeCondition() == null ? parent : schema.getType(i.getTypeCondition().getName());
        walk(i.getSelectionSet(), t, fragment(at, i));
      } else if (s instanceof FragmentSpread sp && fragments.get(sp.getName()) != null) {
        FragmentDefinition fd = fragments.get(sp.getName());
        walk(fd.getSelectionSet(), schema.getType(fd.getTypeCondition().getName()), fragment(at, sp));
      }
    }
  }

  private static Level fragment(Level at, Selection<?> spread) {
    if (at.fragmentDepth() >= MAX_INTROSPECTION_DEPTH) {
      throw new Exceeded(ErrorCode.QUERY_TOO_COMPLEX, RequestMessages.text("FRAGMENTS_TOO_DEEP",
          Map.of("max", MAX_INTROSPECTION_DEPTH)), null, spread.getSourceLocation());
    }
    return new Level(at.depth(), at.multiplier(), at.fragmentDepth() + 1, at.introspection());
  }

  private void field(Field f, GraphQLType parent, Level at) {
    if (++fields > MAX_FIELDS) {
      throw tooComplex(RequestMessages.text("TOO_MANY_FIELDS", Map.of("max", MAX_FIELDS)), f);
    }
    if (f.getSelectionSet() == null) {
      return;
    }
    GraphQLType type = type(f, parent);
    List<String> introspection = introspection(f, parent, at);
    int limit = introspection != null ? MAX_INTROSPECTION_DEPTH : MAX_DEPTH;
    if (at.depth() > limit) {
      throw new Exceeded(ErrorCode.QUERY_TOO_DEEP, RequestMessages.text("TOO_DEEP", Map.of("max", limit, "field", f.getName())), f);
    }
    long m = at.multiplier();
    if (type instanceof GraphQLNamedType named && named.getName().endsWith("Connection")) {
      m = at.multiplier() * pageSize(f);
      nodes += m;
      if (nodes > MAX_NODES) {
        throw tooComplex(RequestMessages.text("TOO_MANY_NODES", Map.of("max", MAX_NODES)), f);
      }
    }
    walk(f.getSelectionSet(), type, new Level(at.depth() + 1, m, at.fragmentDepth(), introspection));
  }

  /** The type a field's selection is of; introspection's root fields are not fields of Query. */
  private GraphQLType type(Field f, GraphQLType parent) {
    if (f.getName().equals("__schema")) {
      return schema.getIntrospectionSchemaType();
    }
    if (f.getName().equals("__type")) {
      return schema.getType("__Type");
    }
    GraphQLFieldDefinition def = parent instanceof GraphQLFieldsContainer c ? c.getFieldDefinition(f.getName()) : null;
    return def == null ? null : GraphQLTypeUtil.unwrapAll(def.getType());
  }

  /** The introspection path below this field (null outside introspection); refuses a repeated fan-out. */
  private List<String> introspection(Field f, GraphQLType parent, Level at) {
    if (!at.introspecting()) {
      if (!f.getName().equals("__schema") && !f.getName().equals("__type")) {
        return null;
      }
      if (introspectionRoots.merge(f.getName(), 1, Integer::sum) > 1) {
        throw tooComplex(RequestMessages.text("INTROSPECTION_TWICE", Map.of("field", f.getName())), f);
      }
      return List.of();
    }
    String coordinate = (parent instanceof GraphQLNamedType n ? n.getName() : "?") + "." + f.getName();
    if (!FAN_OUT.contains(coordinate)) {
      return at.introspection();
    }
    if (at.introspection().contains(coordinate)) {
      throw tooComplex(RequestMessages.text("INTROSPECTION_REPEATS", Map.of("field", coordinate)), f);
    }
    if (at.introspection().size() >= MAX_INTROSPECTION_FAN_OUT) {
      throw tooComplex(RequestMessages.text("INTROSPECTION_FAN_OUT", Map.of("max", MAX_INTROSPECTION_FAN_OUT,
          "path", String.join(" > ", at.introspection()) + " > " + coordinate)), f);
    }
    return java.util.stream.Stream.concat(at.introspection().stream(), java.util.stream.Stream.of(coordinate)).toList();
  }

  private long pageSize(Field f) {
    for (Argument a : f.getArguments()) {
      if (a.getName().equals("first") || a.getName().equals("last")) {
        Object v = a.getValue() instanceof IntValue i ? i.getValue()
            : a.getValue() instanceof VariableReference r ? variables.get(r.getName()) : null;
        if (v instanceof Number n) {
          return Math.max(1, Math.min(n.longValue(), Integer.MAX_VALUE));
        }
      }
    }
    return QueryArgs.DEFAULT_PAGE;
  }

  private static Exceeded tooComplex(LocalizedText text, Field f) {
    return new Exceeded(ErrorCode.QUERY_TOO_COMPLEX, text, f);
  }
}
