package dev.tessera.metamodel.expr;

/**
 * Size caps that keep every expression small enough to check at a glance and cheap to run: with no
 * loops, no recursion and these caps, evaluation always ends quickly in bounded memory.
 */
public final class Limits {
  /** Characters of source text. */
  public static final int MAX_LENGTH = 4000;
  /** Nodes of the syntax tree (values, operators, calls). */
  public static final int MAX_NODES = 500;
  /** Nesting depth of brackets, calls and operators. */
  public static final int MAX_DEPTH = 24;
  /** Items of one list or lookup-table literal. */
  public static final int MAX_ITEMS = 200;
  /** Characters of one quoted text. */
  public static final int MAX_TEXT_LITERAL = 1000;
  /** Digits of one number literal. */
  public static final int MAX_NUMBER_DIGITS = 40;

  /**
   * Whether a number is a business value: at most {@link #MAX_NUMBER_DIGITS} digits before and after
   * the point (trailing zeros aside). Values, filters and inputs beyond it are refused where they are
   * read, so no step ever expands 1E+999999999 into its digits.
   */
  public static boolean numberInBounds(java.math.BigDecimal d) {
    if (d.precision() > 4 * MAX_NUMBER_DIGITS || Math.abs((long) d.precision() - d.scale()) > 4L * MAX_NUMBER_DIGITS) {
      return false; // far out: decided without touching the digits
    }
    java.math.BigDecimal s = d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
    return s.precision() - s.scale() <= MAX_NUMBER_DIGITS && s.scale() <= MAX_NUMBER_DIGITS;
  }
  /** Characters of any text value an expression builds (functions and + refuse to go beyond). */
  public static final int MAX_TEXT_VALUE = 100_000;

  private Limits() {}

  /**
   * Index of the first character PostgreSQL cannot store or would store changed (a NUL, or half of a
   * surrogate pair), or -1 when there is none.
   */
  public static int unstorableAt(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || Character.isLowSurrogate(c)) {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }
}
