// A display-only reading of a form's conditions (`visibleWhen`, `requiredWhen`, `readOnlyWhen`) in the
// browser, so the record page reacts while the user types. It understands the common shapes —
// fields, literals, comparisons, `&&`, `||`, `!`, parentheses — and answers `undefined` for anything
// else (functions, arithmetic, reference paths), in which case the page shows the field as if the
// condition were absent. The server compiled the condition when the form was published and stays the
// authority on what a record must hold.

type Value = string | number | boolean | null | readonly unknown[];
type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')'];

function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(text.slice(i));
    if (number) {
      out.push({ t: 'num', v: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out.push({ t: 'str', v: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (word) {
      out.push({ t: 'id', v: word[0] });
      i += word[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) return undefined;
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

class Unsupported extends Error {}

/** Recursive descent over: or := and ('||' and)*; and := not ('&&' not)*; not := '!' not | cmp; cmp := atom (op atom)? */
class Reader {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly valueOf: (field: string) => Value | undefined,
  ) {}

  read(): Value {
    const v = this.or();
    if (this.at !== this.tokens.length) throw new Unsupported();
    return v;
  }

  private peek(op: string) {
    const t = this.tokens[this.at];
    return t?.t === 'op' && t.v === op;
  }

  private or(): Value {
    let v = this.and();
    while (this.peek('||')) {
      this.at++;
      const r = this.and();
      v = truth(v) || truth(r);
    }
    return v;
  }

  private and(): Value {
    let v = this.not();
    while (this.peek('&&')) {
      this.at++;
      const r = this.not();
      v = truth(v) && truth(r);
    }
    return v;
  }

  private not(): Value {
    if (this.peek('!')) {
      this.at++;
      return !truth(this.not());
    }
    return this.comparison();
  }

  private comparison(): Value {
    const left = this.atom();
    const t = this.tokens[this.at];
    if (t?.t !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(t.v)) return left;
    this.at++;
    return compare(t.v, left, this.atom());
  }

  private atom(): Value {
    const t = this.tokens[this.at++];
    if (!t) throw new Unsupported();
    if (t.t === 'num' || t.t === 'str') return t.v;
    if (t.t === 'op' && t.v === '(') {
      const v = this.or();
      if (!this.peek(')')) throw new Unsupported();
      this.at++;
      return v;
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return t.v === 'true';
      if (t.v === 'null') return null;
      if (this.peek('(')) throw new Unsupported();
      const v = this.valueOf(t.v);
      if (v === undefined) throw new Unsupported();
      return v;
    }
    throw new Unsupported();
  }
}

function truth(v: Value): boolean {
  if (typeof v !== 'boolean') throw new Unsupported();
  return v;
}

const blank = (v: Value) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

function compare(op: string, a: Value, b: Value): boolean {
  if (op === '==' || op === '!=') {
    const same = blank(a) || blank(b) ? blank(a) && blank(b) : loose(a) === loose(b);
    return op === '==' ? same : !same;
  }
  if (blank(a) || blank(b)) return false;
  const [x, y] = typeof a === 'number' || typeof b === 'number' ? [Number(a), Number(b)] : [String(a), String(b)];
  if (typeof x === 'number' && (Number.isNaN(x) || Number.isNaN(y as number))) throw new Unsupported();
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

/** Numbers typed as text ('1000.50' of a money field) compare as numbers. */
function loose(v: Value): unknown {
  return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/**
 * The condition's value on the record as the form holds it: true or false, or undefined when the
 * condition is absent, is not understood here, or names something `valueOf` does not know.
 */
export function evaluateCondition(
  expression: string | undefined,
  valueOf: (field: string) => Value | undefined,
): boolean | undefined {
  if (!expression?.trim()) return undefined;
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  try {
    const v = new Reader(tokens, valueOf).read();
    return typeof v === 'boolean' ? v : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

export type ConditionValue = Value;
