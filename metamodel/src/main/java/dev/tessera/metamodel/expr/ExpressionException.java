package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.model.LocalizedText;

/**
 * An expression that cannot be accepted, with the 1-based line and column where the problem starts
 * and a message a business user understands, in zh-CN and en (from {@code messages/expression.properties}).
 */
public final class ExpressionException extends RuntimeException {
  private final int line;
  private final int column;
  private final transient LocalizedText text;

  public ExpressionException(int line, int column, LocalizedText text) {
    super("line " + line + ", column " + column + ": " + text.get(LocalizedText.EN), null, false, false);
    this.line = line;
    this.column = column;
    this.text = text;
  }

  /** The message {@code code} with its placeholders ({@code nameValuePairs}) at {@code pos}. */
  static ExpressionException at(Node.Pos pos, ExpressionMessage code, Object... nameValuePairs) {
    return new ExpressionException(pos.line(), pos.column(), code.text(nameValuePairs));
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the position. */
  public LocalizedText text() {
    return text;
  }

  /** The message with its position: "第 1 行第 12 列：…" / "Line 1, column 12: …". */
  public LocalizedText positioned() {
    return ExpressionMessage.POSITIONED.text("line", line, "column", column, "message", text);
  }
}
