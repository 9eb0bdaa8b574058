package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.expr.RowCondition.Op;
import dev.tessera.metamodel.expr.RowCondition.Operand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a record-scope expression of a role ({@code owner == currentUser || region in
 * currentUser.regions}) into a {@link RowCondition}, so the record reader can add it to every query as
 * SQL instead of testing rows one by one. Only what a query can say is accepted: the record's own and
 * system fields compared with literals or {@code currentUser} values, {@code in}/{@code not in},
 * {@code isBlank} (not on lists), {@code &&}, {@code ||}, {@code !} and boolean fields alone; {@code <}
 * and the like only on numbers and dates, whose order Java and the database agree on. Anything else
 * (reference paths, functions, arithmetic, two fields compared) is refused with its position, at publish.
 */
public final class RowConditions {
  private static final Map<String, Op> COMPARISONS = Map.of("==", Op.EQ, "!=", Op.NE, "<", Op.LT, "<=", Op.LTE,
      ">", Op.GT, ">=", Op.GTE);
  private static final Map<Op, Op> FLIPPED = Map.of(Op.EQ, Op.EQ, Op.NE, Op.NE, Op.LT, Op.GT, Op.LTE, Op.GTE, Op.GT,
      Op.LT, Op.GTE, Op.LTE);

  /** Types whose order the database and Java agree on (text order depends on the database's collation). */
  private static final java.util.Set<ExprType.Kind> ORDERED = java.util.EnumSet.of(ExprType.Kind.NUMBER,
      ExprType.Kind.DATE, ExprType.Kind.DATETIME);

  private final Scope scope;

  private RowConditions(Scope scope) {
    this.scope = scope;
  }

  /**
   * The condition {@code source} stands for; {@code scope} must know {@code currentUser}
   * ({@link Scope#withCurrentUser}). Throws {@link ExpressionException} when the source does not
   * compile as true/false or cannot be a query.
   */
  public static RowCondition translate(String source, Scope scope) {
    Expressions.compile(source, scope, ExprType.BOOLEAN);
    return new RowConditions(scope).condition(Parser.parse(source));
  }

  private RowCondition condition(Node n) {
    if (n instanceof Node.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      List<RowCondition> parts = List.of(condition(b.left()), condition(b.right()));
      return b.op().equals("&&") ? new RowCondition.And(parts) : new RowCondition.Or(parts);
    }
    if (n instanceof Node.Unary u && u.op().equals("!")) {
      return new RowCondition.Not(condition(u.operand()));
    }
    if (n instanceof Node.Bool b) {
      return new RowCondition.Const(b.value());
    }
    if (n instanceof Node.Binary b && COMPARISONS.containsKey(b.op())) {
      return comparison(b);
    }
    if (n instanceof Node.In in) {
      String field = recordField(in.value());
      Operand list = operand(in.list());
      if (field == null || list == null) {
        throw refused(n);
      }
      return new RowCondition.Compare(field, in.negated() ? Op.NOT_IN : Op.IN, list);
    }
    if (n instanceof Node.Call c && c.name().equals("isBlank") && c.args().size() == 1 && recordField(c.args().get(0)) != null
        && type(c.args().get(0)).kind() != ExprType.Kind.LIST) {
      return new RowCondition.Blank(recordField(c.args().get(0)));
    }
    String field = recordField(n);
    if (field != null) {
      return new RowCondition.Compare(field, Op.EQ, new RowCondition.Literal(Boolean.TRUE));
    }
    throw refused(n);
  }

  private RowCondition comparison(Node.Binary b) {
    Op op = COMPARISONS.get(b.op());
    String left = recordField(b.left());
    String right = recordField(b.right());
    if (left != null && right == null) {
      return compare(left, op, b.right(), b);
    }
    if (right != null && left == null) {
      return compare(right, FLIPPED.get(op), b.left(), b);
    }
    throw refused(left == null && operand(b.left()) == null ? b.left() : right == null && operand(b.right()) == null ? b.right() : b);
  }

  private RowCondition compare(String field, Op op, Node other, Node whole) {
    if (op != Op.EQ && op != Op.NE && !ORDERED.contains(type(field).kind())) {
      throw refused(whole);
    }
    if (other instanceof Node.Null && (op == Op.EQ || op == Op.NE)) {
      RowCondition blank = new RowCondition.Blank(field);
      return op == Op.EQ ? blank : new RowCondition.Not(blank);
    }
    Operand value = operand(other);
    if (value == null) {
      throw refused(whole);
    }
    return new RowCondition.Compare(field, op, value);
  }

  /** The API name of the record's own or system field {@code n} names; null when it names something else. */
  private String recordField(Node n) {
    if (!(n instanceof Node.Ref r)) {
      return null;
    }
    Scope.Variable v = scope.resolve(r.path(), r.pos());
    boolean user = v.path().equals(Scope.CURRENT_USER) || v.path().startsWith(Scope.CURRENT_USER + ".");
    return user || v.path().contains(".") ? null : v.path();
  }

  private ExprType type(Node ref) {
    Node.Ref r = (Node.Ref) ref;
    return scope.resolve(r.path(), r.pos()).type();
  }

  private ExprType type(String field) {
    return scope.resolve(List.of(field), new Node.Pos(1, 1)).type();
  }

  /** A literal, a list of literals or a value of {@code currentUser}; null for anything else. */
  private Operand operand(Node n) {
    if (n instanceof Node.Ref r) {
      Scope.Variable v = scope.resolve(r.path(), r.pos());
      if (v.path().equals(Scope.CURRENT_USER)) {
        return new RowCondition.UserValue("id");
      }
      return v.path().startsWith(Scope.CURRENT_USER + ".")
          ? new RowCondition.UserValue(v.path().substring(Scope.CURRENT_USER.length() + 1)) : null;
    }
    if (n instanceof Node.ListLit l) {
      List<Object> items = new ArrayList<>();
      for (Node item : l.items()) {
        Object value = literal(item);
        if (value == null) {
          return null;
        }
        items.add(value);
      }
      return new RowCondition.Literal(List.copyOf(items));
    }
    Object value = literal(n);
    return value == null ? null : new RowCondition.Literal(value);
  }

  private static Object literal(Node n) {
    if (n instanceof Node.Text t) {
      return t.value();
    }
    if (n instanceof Node.Num x) {
      return x.value();
    }
    if (n instanceof Node.Bool b) {
      return b.value();
    }
    if (n instanceof Node.Unary u && u.op().equals("-") && u.operand() instanceof Node.Num x) {
      return x.value().negate();
    }
    return null;
  }

  private static ExpressionException refused(Node n) {
    return ExpressionException.at(n.pos(), ExpressionMessage.SCOPE_NOT_QUERYABLE, "part", part(n));
  }

  /** A short name of the part that cannot be a query: an operator, a function or a path. */
  private static String part(Node n) {
    if (n instanceof Node.Binary b) {
      return b.op();
    }
    if (n instanceof Node.Call c) {
      return c.name() + "(…)";
    }
    if (n instanceof Node.Ref r) {
      return r.dotted();
    }
    if (n instanceof Node.Ternary) {
      return "? :";
    }
    return n.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
