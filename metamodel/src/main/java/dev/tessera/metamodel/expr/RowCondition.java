package dev.tessera.metamodel.expr;

import java.util.List;

/**
 * A role's record-scope expression as a condition a query can apply: comparisons of the record's own
 * fields (or system fields such as {@code ownerId}) with fixed values or values of the signed-in user,
 * combined with and, or and not. Produced by {@link RowConditions#translate}; the backend turns it into
 * a storage filter once it knows the user. {@code field} is a field's or system field's API name.
 */
public sealed interface RowCondition {
  /** Comparison operators; {@code IN} and {@code NOT_IN} take a list. */
  enum Op { EQ, NE, LT, LTE, GT, GTE, IN, NOT_IN }

  /** Every part holds (none: true). */
  record And(List<RowCondition> parts) implements RowCondition {
    public And {
      parts = List.copyOf(parts);
    }
  }

  /** At least one part holds (none: false). */
  record Or(List<RowCondition> parts) implements RowCondition {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  record Not(RowCondition inner) implements RowCondition {}

  record Compare(String field, Op op, Operand value) implements RowCondition {}

  /** The field holds nothing (null, empty text, empty list), as {@code isBlank(field)}. */
  record Blank(String field) implements RowCondition {}

  record Const(boolean value) implements RowCondition {}

  /** The right-hand side of a comparison. */
  sealed interface Operand {}

  /** A fixed value: String, BigDecimal, Boolean, or a List of those (for {@code in}). */
  record Literal(Object value) implements Operand {}

  /** A value of the signed-in user: {@code id} (for {@code currentUser}) or a field of the user's record. */
  record UserValue(String field) implements Operand {}
}
