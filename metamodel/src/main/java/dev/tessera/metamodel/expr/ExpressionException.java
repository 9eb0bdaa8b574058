package dev.tessera.metamodel.expr;

import dev.tessera.metamodel.model.LocalizedText;

/**
 * An expression that cannot be accepted, with the 1-based line and column where the problem starts
 * and a message a business user understands, in zh-CN and en.
 */
public final class ExpressionException extends RuntimeException {
  private final int line;
  private final int column;
  private final transient LocalizedText text;

  public ExpressionException(int line, int column, String zh, String en) {
    super("line " + line + ", column " + column + ": " + en, null, false, false);
    this.line = line;
    this.column = column;
    this.text = LocalizedText.of(zh, en);
  }

  static ExpressionException at(Node.Pos pos, String zh, String en) {
    return new ExpressionException(pos.line(), pos.column(), zh, en);
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
    return LocalizedText.of("第 " + line + " 行第 " + column + " 列：" + text.get(LocalizedText.ZH),
        "Line " + line + ", column " + column + ": " + text.get(LocalizedText.EN));
  }
}
