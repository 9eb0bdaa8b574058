package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.Column;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.SystemColumn;
import dev.tessera.record.ValueConverter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns GraphQL arguments (filter, orderBy, first/after/last/before) into the record engine's terms. */
final class QueryArgs {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;

  private QueryArgs() {}

  /** Most conditions (and IN values) one filter may hold, far below PostgreSQL's 65,535 parameters. */
  static final int MAX_FILTER_TERMS = 1000;

  static Filter filter(EntityDefinition e, Map<String, Object> input) {
    long terms = terms(input);
    if (terms > MAX_FILTER_TERMS) {
      throw new PlatformException(ErrorCode.BAD_REQUEST,
          RequestMessages.text("FILTER_TOO_LARGE", Map.of("max", MAX_FILTER_TERMS, "count", terms)), "filter");
    }
    return compile(e, input);
  }

  /** Conditions and list values in a filter's input, counted without compiling it. */
  private static long terms(Object input) {
    if (input instanceof Map<?, ?> m) {
      long n = 0;
      for (Object v : m.values()) {
        n += v instanceof Map<?, ?> || v instanceof Collection<?> ? terms(v) : 1;
      }
      return n;
    }
    if (input instanceof Collection<?> c) {
      long n = 0;
      for (Object v : c) {
        n += v instanceof Map<?, ?> || v instanceof Collection<?> ? terms(v) : 1;
      }
      return n;
    }
    return input == null ? 0 : 1;
  }

  private static Filter compile(EntityDefinition e, Map<String, Object> input) {
    if (input == null || input.isEmpty()) {
      return Filter.all();
    }
    List<Filter> parts = new ArrayList<>();
    input.forEach((key, value) -> {
      if (value == null) {
        return;
      }
      switch (key) {
        case "and" -> parts.add(new Filter.And(each(e, value)));
        case "or" -> parts.add(new Filter.Or(each(e, value)));
        case "not" -> parts.add(new Filter.Not(compile(e, cast(value))));
        case "sla" -> {
          if (e.field(key).isPresent()) {
            column(e, key, cast(value), parts);
          } else {
            parts.add(SlaApi.filter(cast(value)));
          }
        }
        default -> column(e, key, cast(value), parts);
      }
    });
    return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
  }

  private static List<Filter> each(EntityDefinition e, Object value) {
    List<Filter> out = new ArrayList<>();
    for (Object o : (Collection<?>) value) {
      out.add(compile(e, cast(o)));
    }
    return out;
  }

  private static void column(EntityDefinition e, String key, Map<String, Object> ops, List<Filter> parts) {
    Column c = resolve(e, key);
    ops.forEach((op, v) -> {
      if (v == null) {
        return;
      }
      Filter.Op o = op(op);
      Object value = switch (o) {
        case IS_NULL -> v;
        case IN, NOT_IN -> ((Collection<?>) v).stream().map(x -> convert(c, x, key)).toList();
        case CONTAINS, STARTS_WITH -> arrayLike(c) ? v : v.toString();
        case HAS_ALL, HAS_ANY -> noNulls(v, key);
        default -> convert(c, v, key);
      };
      if (o == Filter.Op.CONTAINS && arrayLike(c)) {
        o = Filter.Op.HAS_ALL;
        value = c.field() != null && c.field().valueType().storage() == FieldType.Storage.JSON
            ? v : List.copyOf((Collection<?>) noNulls(v, key));
      }
      parts.add(new Filter.Compare(c, o, value));
    });
  }

  /** A list of filter values with no blank among them (isNull finds blanks). */
  private static Object noNulls(Object v, String key) {
    if (v instanceof Collection<?> c && c.contains(null)) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("NULL_IN_FILTER", Map.of("field", key)), key);
    }
    return v;
  }

  private static boolean arrayLike(Column c) {
    if (c.field() == null) {
      return false;
    }
    FieldType.Storage s = c.field().valueType().storage();
    return s == FieldType.Storage.ARRAY || s == FieldType.Storage.JSON;
  }

  private static Filter.Op op(String name) {
    return switch (name) {
      case "eq" -> Filter.Op.EQ;
      case "ne" -> Filter.Op.NE;
      case "in" -> Filter.Op.IN;
      case "notIn" -> Filter.Op.NOT_IN;
      case "lt" -> Filter.Op.LT;
      case "lte" -> Filter.Op.LTE;
      case "gt" -> Filter.Op.GT;
      case "gte" -> Filter.Op.GTE;
      case "contains" -> Filter.Op.CONTAINS;
      case "containsAny" -> Filter.Op.HAS_ANY;
      case "startsWith" -> Filter.Op.STARTS_WITH;
      case "isNull" -> Filter.Op.IS_NULL;
      default -> throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("UNKNOWN_OPERATOR", Map.of("op", name)), null);
    };
  }

  private static Object convert(Column c, Object v, String key) {
    if (v == null) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("NULL_IN_FILTER", Map.of("field", key)), key);
    }
    try {
      if (c.field() != null) {
        return ValueConverter.convert(c.field(), v);
      }
      return switch (c.system()) {
        case ID -> UUID.fromString(v.toString());
        case VERSION -> Integer.valueOf(v.toString());
        case CREATED_AT, UPDATED_AT, DELETED_AT -> OffsetDateTime.parse(v.toString());
        default -> v.toString();
      };
    } catch (ValueConverter.BadValue bad) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("BAD_FILTER_VALUE", Map.of("field", key,
          "problem", bad.text())), key);
    } catch (IllegalArgumentException | java.time.DateTimeException ex) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("BAD_FILTER_VALUE", Map.of("field", key,
          "problem", String.valueOf(v))), key);
    }
  }

  static Column resolve(EntityDefinition e, String key) {
    FieldDefinition f = e.field(key).orElse(null);
    if (f != null) {
      return Column.of(f);
    }
    return Column.of(SystemColumn.fromApi(key).orElseThrow(() ->
        new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("UNKNOWN_FILTER_FIELD", Map.of("field", key)), key)));
  }

  /** Order keys with the id appended so the order is total (a cursor always names one row). */
  static List<OrderKey> order(EntityDefinition e, List<Map<String, Object>> input) {
    List<OrderKey> keys = new ArrayList<>();
    if (input != null) {
      for (Map<String, Object> item : input) {
        if (item.size() != 1) {
          throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("ORDER_ITEM"), "orderBy");
        }
        item.forEach((k, dir) -> keys.add(new OrderKey(resolve(e, k), "DESC".equals(String.valueOf(dir)))));
      }
    }
    boolean hasId = keys.stream().anyMatch(k -> k.column().system() == SystemColumn.ID);
    if (!hasId) {
      boolean desc = keys.isEmpty() || keys.get(keys.size() - 1).descending();
      keys.add(new OrderKey(Column.of(SystemColumn.ID), desc));
    }
    return keys;
  }

  /** The keyset page for Relay arguments; limit is one more than asked to learn hasNextPage. */
  static Page page(List<OrderKey> order, Integer first, String after, Integer last, String before) {
    if (first != null && last != null) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("FIRST_OR_LAST"), "first");
    }
    boolean backward = last != null || (before != null && first == null);
    int n = size(backward ? last : first, backward ? "last" : "first");
    String cursor = backward ? before : after;
    List<Object> values = cursor == null ? null : Cursors.decode(cursor, order.size());
    return new Page(order, values, backward, n + 1);
  }

  static int size(Integer requested, String arg) {
    if (requested == null) {
      return DEFAULT_PAGE;
    }
    if (requested < 0 || requested > MAX_PAGE) {
      throw new PlatformException(ErrorCode.PAGE_SIZE_EXCEEDED,
          RequestMessages.text("PAGE_RANGE", Map.of("arg", arg, "max", MAX_PAGE, "requested", requested)), arg);
    }
    return requested;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
