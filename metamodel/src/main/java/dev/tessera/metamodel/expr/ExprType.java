package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.model.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The type of an expression's value. Numbers are decimals ({@link BigDecimal}) so money adds up
 * exactly; dates are {@link LocalDate}, date-times {@link OffsetDateTime}; lists and maps carry the
 * type of their elements. {@code NULL} is the type of the literal {@code null}; {@code ANY} the element
 * type of an empty list.
 */
public record ExprType(Kind kind, ExprType element) {
  public enum Kind { TEXT, NUMBER, BOOLEAN, DATE, DATETIME, LIST, MAP, NULL, ANY }

  public static final ExprType TEXT = new ExprType(Kind.TEXT, null);
  public static final ExprType NUMBER = new ExprType(Kind.NUMBER, null);
  public static final ExprType BOOLEAN = new ExprType(Kind.BOOLEAN, null);
  public static final ExprType DATE = new ExprType(Kind.DATE, null);
  public static final ExprType DATETIME = new ExprType(Kind.DATETIME, null);
  public static final ExprType NULL = new ExprType(Kind.NULL, null);
  public static final ExprType ANY = new ExprType(Kind.ANY, null);

  public static ExprType listOf(ExprType element) {
    return new ExprType(Kind.LIST, element);
  }

  public static ExprType mapOf(ExprType value) {
    return new ExprType(Kind.MAP, value);
  }

  /** The expression type of a field's values; null for types expressions cannot read (json). */
  public static ExprType of(FieldType t) {
    if (t == null) {
      return null;
    }
    return switch (t) {
      case NUMBER, MONEY, PERCENT -> NUMBER;
      case BOOL -> BOOLEAN;
      case DATE -> DATE;
      case DATETIME -> DATETIME;
      case MULTI_PICKLIST, TAGS -> listOf(TEXT);
      case JSON -> null;
      default -> TEXT;
    };
  }

  /** True when a value of type {@code other} may stand where this type is expected. */
  public boolean accepts(ExprType other) {
    if (other.kind == Kind.NULL || other.kind == Kind.ANY || kind == Kind.ANY) {
      return true;
    }
    if (kind != other.kind) {
      return kind == Kind.DATETIME && other.kind == Kind.DATE;
    }
    return element == null || other.element == null || element.accepts(other.element);
  }

  /** The common type of two branches (ternary, list items), or null if they do not fit together. */
  public static ExprType unify(ExprType a, ExprType b) {
    if (a.kind == Kind.NULL || a.kind == Kind.ANY) {
      return b;
    }
    if (b.kind == Kind.NULL || b.kind == Kind.ANY) {
      return a;
    }
    if (a.kind != b.kind) {
      return null;
    }
    if (a.element == null || b.element == null) {
      return a.element == null ? b : a;
    }
    ExprType e = unify(a.element, b.element);
    return e == null ? null : new ExprType(a.kind, e);
  }

  /** The Java class values of this type have at run time. */
  public Class<?> javaClass() {
    return switch (kind) {
      case TEXT -> String.class;
      case NUMBER -> BigDecimal.class;
      case BOOLEAN -> Boolean.class;
      case DATE -> LocalDate.class;
      case DATETIME -> OffsetDateTime.class;
      case LIST -> List.class;
      case MAP -> Map.class;
      default -> Object.class;
    };
  }

  /** The name business users see in messages. */
  public String en() {
    return switch (kind) {
      case TEXT -> "text";
      case NUMBER -> "a number";
      case BOOLEAN -> "true/false";
      case DATE -> "a date";
      case DATETIME -> "a date and time";
      case LIST -> element == null || element.kind == Kind.ANY ? "a list" : "a list of " + element.plural();
      case MAP -> "a lookup table";
      case NULL -> "null (blank)";
      case ANY -> "any value";
    };
  }

  public String zh() {
    return switch (kind) {
      case TEXT -> "文本";
      case NUMBER -> "数字";
      case BOOLEAN -> "是/否";
      case DATE -> "日期";
      case DATETIME -> "日期时间";
      case LIST -> element == null || element.kind == Kind.ANY ? "列表" : element.zh() + "列表";
      case MAP -> "对照表";
      case NULL -> "空值";
      case ANY -> "任意值";
    };
  }

  private String plural() {
    return switch (kind) {
      case TEXT -> "texts";
      case NUMBER -> "numbers";
      case DATE -> "dates";
      default -> "values";
    };
  }

  @Override
  public String toString() {
    return en();
  }
}
