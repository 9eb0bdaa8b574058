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
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import dev.tessera.metamodel.expr.Limits;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Custom scalars, each with {@code @specifiedBy} so code generators map them without guessing.
 * Decimal travels as a string (as PostGraphile's BigFloat), because JavaScript's numbers round money
 * ({@code 9007199254740993.01}); it is accepted as a string or a number. DateTime is RFC 3339 with
 * seconds always present (Go's and Swift's parsers refuse {@code 02:00Z}).
 */
final class Scalars {
  static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON")
      .description("Any JSON value").specifiedByUrl("https://www.rfc-editor.org/rfc/rfc8259")
      .coercing(new JsonCoercing()).build();
  static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar().name("Decimal")
      .description("An exact decimal number (money, number, percent), as a string such as \"1234.50\"; "
          + "accepts a string or a number")
      .specifiedByUrl("https://www.rfc-editor.org/rfc/rfc8259#section-6")
      .coercing(new DecimalCoercing()).build();
  static final GraphQLScalarType DATE = text("Date", "A calendar date, YYYY-MM-DD",
      "https://scalars.graphql.org/andimarek/local-date.html", Object::toString);
  static final GraphQLScalarType DATETIME = text("DateTime",
      "An instant, RFC 3339 with seconds and offset, e.g. 2026-01-31T01:30:00Z",
      "https://scalars.graphql.org/andimarek/date-time.html", Scalars::instant);

  private Scalars() {}

  /** An instant as RFC 3339 text with seconds (OffsetDateTime.toString() leaves them out when zero). */
  static String instant(Object o) {
    OffsetDateTime t = o instanceof OffsetDateTime odt ? odt : OffsetDateTime.parse(o.toString());
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  private static GraphQLScalarType text(String name, String description, String specifiedBy,
      Function<Object, String> out) {
    return GraphQLScalarType.newScalar().name(name).description(description).specifiedByUrl(specifiedBy)
        .coercing(new Coercing<String, String>() {
          @Override
          public String serialize(Object o) {
            try {
              return out.apply(o);
            } catch (DateTimeException e) {
              throw new CoercingSerializeException(name + " value \"" + o + "\" cannot be written", e);
            }
          }

          @Override
          public String parseValue(Object o) {
            if (!(o instanceof String s)) {
              throw new CoercingParseValueException(name + " must be text: " + description);
            }
            return s;
          }

          @Override
          public String parseLiteral(Object o) {
            if (!(o instanceof StringValue s)) {
              throw new CoercingParseLiteralException(name + " must be text: " + description);
            }
            return s.getValue();
          }
        }).build();
  }

  /** Out as a plain string; in from a string or any number, never through a double. */
  private static final class DecimalCoercing implements Coercing<BigDecimal, String> {
    private static final String TOO_BIG = "a Decimal has at most " + Limits.MAX_NUMBER_DIGITS
        + " digits before and after the point";

    @Override
    public String serialize(Object o) {
      BigDecimal b = o instanceof BigDecimal d ? d : new BigDecimal(o.toString());
      return b.toPlainString();
    }

    @Override
    public BigDecimal parseValue(Object o) {
      if (!(o instanceof String) && !(o instanceof Number)) {
        throw new CoercingParseValueException("a Decimal is a number or a numeric string, not " + o);
      }
      BigDecimal d;
      try {
        d = o instanceof BigDecimal b ? b : new BigDecimal(o.toString().trim());
      } catch (NumberFormatException e) {
        throw new CoercingParseValueException("\"" + o + "\" is not a decimal number");
      }
      if (!Limits.numberInBounds(d)) {
        throw new CoercingParseValueException(TOO_BIG);
      }
      return d;
    }

    @Override
    public BigDecimal parseLiteral(Object o) {
      BigDecimal d;
      if (o instanceof IntValue i) {
        d = new BigDecimal(i.getValue());
      } else if (o instanceof FloatValue f) {
        d = f.getValue();
      } else if (o instanceof StringValue s) {
        try {
          d = new BigDecimal(s.getValue().trim());
        } catch (NumberFormatException e) {
          throw new CoercingParseLiteralException("\"" + s.getValue() + "\" is not a decimal number");
        }
      } else {
        throw new CoercingParseLiteralException("a Decimal is a number or a numeric string");
      }
      if (!Limits.numberInBounds(d)) {
        throw new CoercingParseLiteralException(TOO_BIG);
      }
      return d;
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
