package dev.tessera.graphql;

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
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a validated query against the limits before anything runs: depth, number of fields and
 * aliases, and a node budget that multiplies page sizes down nested connections (as GitHub does).
 */
final class QueryLimits {
  static final int MAX_DEPTH = 10;
  static final int MAX_FIELDS = 500;
  static final long MAX_NODES = 50_000;

  private final GraphQLSchema schema;
  private final Map<String, FragmentDefinition> fragments = new HashMap<>();
  private final Map<String, Object> variables;
  private int fields;
  private long nodes;

  private QueryLimits(GraphQLSchema schema, Document doc, Map<String, Object> variables) {
    this.schema = schema;
    this.variables = variables == null ? Map.of() : variables;
    doc.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
  }

  static void check(GraphQLSchema schema, Document doc, OperationDefinition op, Map<String, Object> variables) {
    QueryLimits l = new QueryLimits(schema, doc, variables);
    GraphQLType root = op.getOperation() == OperationDefinition.Operation.MUTATION ? schema.getMutationType()
        : schema.getQueryType();
    l.walk(op.getSelectionSet(), root, 1, 1, 0);
  }

  private void walk(SelectionSet set, GraphQLType parent, int depth, long multiplier, int fragmentDepth) {
    if (set == null) {
      return;
    }
    if (fragmentDepth > MAX_DEPTH) {
      throw tooComplex("fragments are nested too deeply");
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        field(f, parent, depth, multiplier, fragmentDepth);
      } else if (s instanceof InlineFragment i) {
        GraphQLType t = i.getTypeCondition() == null ? parent : schema.getType(i.getTypeCondition().getName());
        walk(i.getSelectionSet(), t, depth, multiplier, fragmentDepth + 1);
      } else if (s instanceof FragmentSpread sp) {
        FragmentDefinition fd = fragments.get(sp.getName());
        if (fd != null) {
          walk(fd.getSelectionSet(), schema.getType(fd.getTypeCondition().getName()), depth, multiplier,
              fragmentDepth + 1);
        }
      }
    }
  }

  private void field(Field f, GraphQLType parent, int depth, long multiplier, int fragmentDepth) {
    if (++fields > MAX_FIELDS) {
      throw tooComplex("the query selects more than " + MAX_FIELDS + " fields and aliases");
    }
    if (f.getSelectionSet() == null) {
      return;
    }
    if (depth > MAX_DEPTH) {
      throw new PlatformException(ErrorCode.QUERY_TOO_DEEP,
          "the query nests deeper than " + MAX_DEPTH + " levels (at " + f.getName() + ")", f.getName());
    }
    GraphQLType type = null;
    long m = multiplier;
    if (parent instanceof GraphQLFieldsContainer c && c.getFieldDefinition(f.getName()) != null) {
      GraphQLFieldDefinition def = c.getFieldDefinition(f.getName());
      type = GraphQLTypeUtil.unwrapAll(def.getType());
      if (((graphql.schema.GraphQLNamedType) type).getName().endsWith("Connection")) {
        m = multiplier * pageSize(f);
        nodes += m;
        if (nodes > MAX_NODES) {
          throw tooComplex("the query could return more than " + MAX_NODES
              + " records (page sizes multiply down nested lists); ask for smaller pages");
        }
      }
    }
    walk(f.getSelectionSet(), type, depth + 1, m, fragmentDepth);
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

  private static PlatformException tooComplex(String why) {
    return new PlatformException(ErrorCode.QUERY_TOO_COMPLEX, why);
  }
}
