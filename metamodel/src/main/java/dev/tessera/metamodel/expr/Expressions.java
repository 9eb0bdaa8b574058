package dev.tessera.metamodel.expr;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * The entry point of the expression language: parse with Tessera's own grammar, type-check against
 * the scope, generate MVEL text and compile it once with strong typing. Every failure before MVEL is
 * an {@link ExpressionException} with line, column and a business message.
 */
public final class Expressions {
  private static final AtomicLong COMPILATIONS = new AtomicLong();

  private Expressions() {}

  /** Compiles {@code source}; {@code expected} (may be null) is the type the result must have. */
  public static CompiledExpression compile(String source, Scope scope, ExprType expected) {
    Node tree = Parser.parse(source);
    Compiler c = new Compiler(scope);
    Compiler.Typed t = c.compile(tree);
    if (expected != null && !expected.accepts(t.type())) {
      String zhUse = scope.use().zh;
      throw ExpressionException.at(start(tree), zhUse + "的结果应是" + expected.zh() + "，但这个表达式得到的是" + t.type().zh(),
          "The " + scope.use().en + " must yield " + expected.en() + ", but this expression yields " + t.type().en());
    }
    ParserContext pc = new ParserContext();
    pc.setStrongTyping(true);
    for (Scope.Variable v : c.inputs.values()) {
      pc.addInput(v.mvelName(), v.type().javaClass());
    }
    if (c.usesContext) {
      pc.addInput("c_ctx", EvalContext.class);
    }
    c.imports.forEach(pc::addImport);
    Serializable compiled;
    try {
      compiled = MVEL.compileExpression(t.code(), pc);
    } catch (RuntimeException e) {
      throw new IllegalStateException("generated MVEL did not compile: " + t.code(), e);
    }
    COMPILATIONS.incrementAndGet();
    return new CompiledExpression(source, t.type(), c.inputs.values(), c.functions, c.usesClock, c.usesContext,
        t.code(), compiled);
  }

  /** Where an expression begins: its leftmost part (a binary node's own position is its operator). */
  private static Node.Pos start(Node n) {
    Node.Pos best = n.pos();
    Node left = n instanceof Node.Binary b ? b.left() : n instanceof Node.Ternary t ? t.condition()
        : n instanceof Node.In i ? i.value() : null;
    if (left != null) {
      Node.Pos p = start(left);
      if (p.line() < best.line() || p.line() == best.line() && p.column() < best.column()) {
        best = p;
      }
    }
    return best;
  }

  /** How many expressions MVEL has compiled in this JVM (tests use it to prove the cache works). */
  public static long compilations() {
    return COMPILATIONS.get();
  }
}
