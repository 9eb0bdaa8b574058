/** A field the expression may name, with the label shown next to it. */
export interface CompletionField {
  name: string;
  label: string;
  type: string;
}

/** A function of the expression language as `expressionFunctions` lists it. */
export interface CompletionFunction {
  name: string;
  usage: string;
  description: string;
  clock: boolean;
}

/** One completion entry in CodeMirror's shape (kept free of CodeMirror so it can be tested alone). */
export interface CompletionItem {
  label: string;
  type: 'variable' | 'function';
  detail: string;
  info?: string;
  apply: string;
  boost?: number;
}

/**
 * Completion entries: the entity's fields first, then the functions. In a stored formula
 * (`inFormula`) the clock functions are left out, since the server refuses them there.
 */
export function completionItems(
  fields: readonly CompletionField[],
  functions: readonly CompletionFunction[],
  inFormula: boolean,
): CompletionItem[] {
  const fieldItems: CompletionItem[] = fields
    .filter((f) => f.name)
    .map((f) => ({ label: f.name, type: 'variable', detail: `${f.label} · ${f.type}`, apply: f.name, boost: 1 }));
  const functionItems: CompletionItem[] = functions
    .filter((f) => !(inFormula && f.clock))
    .map((f) => ({ label: f.name, type: 'function', detail: f.usage, info: f.description, apply: `${f.name}(` }));
  return [...fieldItems, ...functionItems];
}

/**
 * The character range a problem at 1-based `line` and `column` marks: from that position to the end
 * of the identifier or number there (at least one character), clamped to the text.
 */
export function problemRange(text: string, line: number, column: number): { from: number; to: number } {
  const lines = text.split('\n');
  const lineIndex = Math.min(Math.max(line, 1), lines.length) - 1;
  const start = lines.slice(0, lineIndex).reduce((sum, l) => sum + l.length + 1, 0);
  const lineText = lines[lineIndex] ?? '';
  const col = Math.min(Math.max(column, 1) - 1, lineText.length);
  const word = /^[\p{L}\p{N}_.]+/u.exec(lineText.slice(col))?.[0].length ?? 0;
  const from = start + col;
  const to = Math.min(start + lineText.length, from + Math.max(word, 1));
  return { from: Math.min(from, text.length), to: Math.max(Math.min(to, text.length), Math.min(from, text.length)) };
}
