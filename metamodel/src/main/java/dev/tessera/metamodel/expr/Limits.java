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
  /** Characters of any text value an expression builds (functions and + refuse to go beyond). */
  public static final int MAX_TEXT_VALUE = 100_000;

  private Limits() {}
}
