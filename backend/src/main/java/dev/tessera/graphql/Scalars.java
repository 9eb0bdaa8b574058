package dev.tessera.graphql;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Custom scalars: JSON (any value), Decimal (exact, for money), Date and DateTime (ISO-8601 text). */
final class Scalars {
  static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON")
      .description("Any JSON value").coercing(new JsonCoercing()).build();
  static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar().name("Decimal")
      .description("An exact decimal number (money); accepts a number or a numeric string")
      .coercing(new DecimalCoercing()).build();
  static final GraphQLScalarType DATE = text("Date", "A calendar date, YYYY-MM-DD");
  static final GraphQLScalarType DATETIME = text("DateTime", "An instant, ISO-8601 with offset");

  private Scalars() {}

  private static GraphQLScalarType text(String name, String description) {
    return GraphQLScalarType.newScalar().name(name).description(description).coercing(new Coercing<String, String>() {
      @Override
      public String serialize(Object o) {
        return o.toString();
      }

      @Override
      public String parseValue(Object o) {
        if (!(o instanceof String s)) {
          throw new CoercingParseValueException(name + " must be text, e.g. " + description);
        }
        return s;
      }

      @Override
      public String parseLiteral(Object o) {
        if (!(o instanceof StringValue s)) {
          throw new CoercingParseLiteralException(name + " must be text, e.g. " + description);
        }
        return s.getValue();
      }
    }).build();
  }

  private static final class DecimalCoercing implements Coercing<BigDecimal, BigDecimal> {
    @Override
    public BigDecimal serialize(Object o) {
      return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }

    @Override
    public BigDecimal parseValue(Object o) {
      try {
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
      } catch (NumberFormatException e) {
        throw new CoercingParseValueException("\"" + o + "\" is not a decimal number");
      }
    }

    @Override
    public BigDecimal parseLiteral(Object o) {
      if (o instanceof IntValue i) {
        return new BigDecimal(i.getValue());
      }
      if (o instanceof FloatValue f) {
        return f.getValue();
      }
      if (o instanceof StringValue s) {
        return parseValue(s.getValue());
      }
      throw new CoercingParseLiteralException("expected a decimal number");
    }
  }

  private static final class JsonCoercing implements Coercing<Object, Object> {
    @Override
    public Object serialize(Object o) {
      return o;
    }

    @Override
    public Object parseValue(Object o) {
      return o;
    }

    @Override
    public Object parseLiteral(Object o) {
      return parseLiteral(o, Map.of());
    }

    @Override
    public Object parseLiteral(Object o, Map<String, Object> variables) {
      return literal((Value<?>) o, variables);
    }

    private static Object literal(Value<?> v, Map<String, Object> vars) {
      if (v instanceof StringValue s) {
        return s.getValue();
      }
      if (v instanceof IntValue i) {
        return new BigDecimal(i.getValue());
      }
      if (v instanceof FloatValue f) {
        return f.getValue();
      }
      if (v instanceof BooleanValue b) {
        return b.isValue();
      }
      if (v instanceof NullValue) {
        return null;
      }
      if (v instanceof VariableReference r) {
        return vars.get(r.getName());
      }
      if (v instanceof ArrayValue a) {
        List<Object> out = new ArrayList<>();
        a.getValues().forEach(x -> out.add(literal(x, vars)));
        return out;
      }
      if (v instanceof ObjectValue obj) {
        Map<String, Object> out = new LinkedHashMap<>();
        obj.getObjectFields().forEach(f -> out.put(f.getName(), literal(f.getValue(), vars)));
        return out;
      }
      throw new CoercingParseLiteralException("not a JSON value");
    }
  }
}
