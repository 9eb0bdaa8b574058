package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
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

  /** The name business users see in messages, in zh-CN and en. */
  public LocalizedText label() {
    ExpressionMessage m = switch (kind) {
      case TEXT -> ExpressionMessage.TYPE_TEXT;
      case NUMBER -> ExpressionMessage.TYPE_NUMBER;
      case BOOLEAN -> ExpressionMessage.TYPE_BOOLEAN;
      case DATE -> ExpressionMessage.TYPE_DATE;
      case DATETIME -> ExpressionMessage.TYPE_DATETIME;
      case LIST -> element == null ? ExpressionMessage.TYPE_LIST : listOf(element.kind);
      case MAP -> ExpressionMessage.TYPE_MAP;
      case NULL -> ExpressionMessage.TYPE_NULL;
      case ANY -> ExpressionMessage.TYPE_ANY;
    };
    return m.text();
  }

  /** The name of a list whose items are of {@code element}. */
  private static ExpressionMessage listOf(Kind element) {
    return switch (element) {
      case TEXT -> ExpressionMessage.LIST_OF_TEXT;
      case NUMBER -> ExpressionMessage.LIST_OF_NUMBER;
      case BOOLEAN -> ExpressionMessage.LIST_OF_BOOLEAN;
      case DATE -> ExpressionMessage.LIST_OF_DATE;
      case DATETIME -> ExpressionMessage.LIST_OF_DATETIME;
      case LIST -> ExpressionMessage.LIST_OF_LIST;
      case MAP -> ExpressionMessage.LIST_OF_MAP;
      case NULL -> ExpressionMessage.LIST_OF_NULL;
      case ANY -> ExpressionMessage.TYPE_LIST;
    };
  }

  /** The English name, for logs and internal errors. */
  public String en() {
    return label().get(LocalizedText.EN);
  }

  @Override
  public String toString() {
    return en();
  }
}
