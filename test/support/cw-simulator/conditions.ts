/**
 * The simulator's reading of ConnectWise `conditions`: `field = "string"` (backslash escapes), numbers,
 * booleans, `!=`, `contains`, `like` (with %), joined by `and`/`or` (and binding tighter), parentheses.
 * Malformed conditions throw, and the server answers 400 as ConnectWise does.
 */
export type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

export class ConditionError extends Error {}

interface Token {
  kind: 'ident' | 'string' | 'number' | 'op' | 'paren';
  value: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ConditionError('unterminated string');
        const d = text[i] ?? '';
        if (d === '\\') {
          value += text[i + 1] ?? '';
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', value });
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', value: c });
      i++;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : c;
      if (op === '!') throw new ConditionError('unexpected !');
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!m) throw new ConditionError('bad number');
      tokens.push({ kind: 'number', value: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(text.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ kind: 'ident', value: word });
      i += word.length;
    } else {
      throw new ConditionError(`unexpected character ${c}`);
    }
  }
  return tokens;
}

export function parseConditions(text: string): Predicate {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (!t) throw new ConditionError('unexpected end');
    return t;
  };
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'ident' && t.value.toLowerCase() === w;

  const orExpr = (): Predicate => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      next();
      const l = left;
      const r = andExpr();
      left = (row) => l(row) || r(row);
    }
    return left;
  };
  const andExpr = (): Predicate => {
    let left = term();
    while (isWord(peek(), 'and')) {
      next();
      const l = left;
      const r = term();
      left = (row) => l(row) && r(row);
    }
    return left;
  };
  const term = (): Predicate => {
    const t = next();
    if (t.kind === 'paren' && t.value === '(') {
      const inner = orExpr();
      const close = next();
      if (close.value !== ')') throw new ConditionError('missing )');
      return inner;
    }
    if (t.kind !== 'ident') throw new ConditionError('expected a field');
    const field = t.value;
    const opToken = next();
    const op = opToken.kind === 'op' ? opToken.value : opToken.value.toLowerCase();
    if (!['=', '!=', '<', '>', '<=', '>=', 'contains', 'like'].includes(op))
      throw new ConditionError('bad operator');
    const v = next();
    let value: unknown;
    if (v.kind === 'string') value = v.value;
    else if (v.kind === 'number') value = Number(v.value);
    else if (isWord(v, 'true') || isWord(v, 'false')) value = v.value.toLowerCase() === 'true';
    else if (isWord(v, 'null')) value = null;
    else throw new ConditionError('bad value');
    return (row) => compare(row[field], op, value);
  };

  const predicate = orExpr();
  if (pos !== tokens.length) throw new ConditionError('trailing input');
  return predicate;
}

/** Strings compare without regard to case, as SQL Server's default collation does. */
function compare(actual: unknown, op: string, expected: unknown): boolean {
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
  switch (op) {
    case '=':
      return a === e;
    case '!=':
      return a !== e;
    case 'contains':
      return typeof a === 'string' && typeof e === 'string' && a.includes(e);
    case 'like': {
      if (typeof a !== 'string' || typeof e !== 'string') return false;
      const pattern = e
        .split('%')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      return new RegExp(`^${pattern}$`).test(a);
    }
    default: {
      if (typeof a !== 'number' || typeof e !== 'number') return false;
      return op === '<' ? a < e : op === '>' ? a > e : op === '<=' ? a <= e : a >= e;
    }
  }
}
