package dev.tessera.metamodel.expr;

import java.math.BigDecimal;
import java.util.List;

/** The syntax tree of an accepted expression. Every node knows where it starts in the source. */
sealed interface Node {
  Pos pos();

  /** A 1-based line and column. */
  record Pos(int line, int column) {}

  record Text(Pos pos, String value) implements Node {}

  record Num(Pos pos, BigDecimal value) implements Node {}

  record Bool(Pos pos, boolean value) implements Node {}

  record Null(Pos pos) implements Node {}

  /** A field ({@code annualSpend}), a system field or a path through references ({@code company.industry}). */
  record Ref(Pos pos, List<String> path) implements Node {
    String dotted() {
      return String.join(".", path);
    }
  }

  record Call(Pos pos, String name, List<Node> args) implements Node {}

  record Unary(Pos pos, String op, Node operand) implements Node {}

  record Binary(Pos pos, String op, Node left, Node right) implements Node {}

  /** {@code value in list} or {@code value not in list}. */
  record In(Pos pos, Node value, Node list, boolean negated) implements Node {}

  record Ternary(Pos pos, Node condition, Node then, Node otherwise) implements Node {}

  record ListLit(Pos pos, List<Node> items) implements Node {}

  record MapLit(Pos pos, List<String> keys, List<Node> values) implements Node {}
}
