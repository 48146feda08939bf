// Name globs for --vm, --host and waiver objects, matched without backtracking. The names come from the server (a VM may be
// named with 20,000 dashes), and a regex-compiled glob such as picomatch's backtracks polynomially or worse on
// them ("*-*-*x" against 20,000 dashes never finishes). This matcher is the classic two-pointer wildcard
// walk: O(name × pattern) whatever the input.
//
// Syntax: `*` any run (also empty), `?` one character, `[abc]`, `[a-z]`, `[!x]`/`[^x]` one character of (not
// of) a set, `{a,b}` alternatives (nested allowed), `\x` a literal x, a leading `!` negates the whole glob.
// Case-insensitive by default. `/` is an ordinary character (vCenter escapes it in names as %2f anyway).

type Token = { k: 'char'; c: string } | { k: 'any' } | { k: 'star' } | { k: 'set'; neg: boolean; ranges: [string, string][] };

const MAX_ALTERNATIVES = 256; // brace expansion bound: a user's pattern, but still finite

export function isGlob(s: string): boolean {
  return /[*?[\]{}!\\]/.test(s);
}

/** A matcher for `glob`: case-insensitive (--vm, --host) unless `caseSensitive` (waiver objects). */
export function globMatcher(glob: string, opts: { caseSensitive?: boolean } = {}): (name: string) => boolean {
  const fold = opts.caseSensitive ? (s: string) => s : (s: string) => s.toLowerCase();
  const negate = glob.startsWith('!');
  const alternatives = expandBraces(negate ? glob.slice(1) : glob).map((g) => tokenize(fold(g)));
  return (name) => {
    const n = fold(name);
    const hit = alternatives.some((t) => matchTokens(t, n));
    return negate ? !hit : hit;
  };
}

// "{a,b}x{c,d}" -> ["axc", "axd", "bxc", "bxd"]; an unbalanced brace is literal.
function expandBraces(glob: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{' && depth++ === 0) open = i;
    else if (c === '}' && depth > 0 && --depth === 0) {
      const parts = splitTop(glob.slice(open + 1, i));
      const rest = expandBraces(glob.slice(i + 1));
      const out: string[] = [];
      for (const p of parts)
        for (const e of expandBraces(p)) for (const r of rest) if (out.length < MAX_ALTERNATIVES) out.push(glob.slice(0, open) + e + r);
      return out;
    }
  }
  return [glob];
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function tokenize(g: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '\\' && i + 1 < g.length) out.push({ k: 'char', c: g[++i]! });
    else if (c === '*') {
      if (out[out.length - 1]?.k !== 'star') out.push({ k: 'star' });
    } else if (c === '?') out.push({ k: 'any' });
    else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end < 0) {
        out.push({ k: 'char', c });
        continue;
      }
      let body = g.slice(i + 1, end);
      const neg = body[0] === '!' || body[0] === '^';
      if (neg) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      out.push({ k: 'set', neg, ranges });
      i = end;
    } else out.push({ k: 'char', c });
  }
  return out;
}

function one(t: Token, c: string): boolean {
  switch (t.k) {
    case 'char':
      return t.c === c;
    case 'any':
      return true;
    case 'set':
      return t.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== t.neg;
    default:
      return false;
  }
}

// Two pointers; on a mismatch, resume just after the last star with one more character consumed by it.
// Each star is retried at most once per name position: O(name × pattern).
function matchTokens(p: Token[], s: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < s.length) {
    const t = p[i];
    if (t !== undefined && t.k === 'star') {
      star = i++;
      mark = j;
    } else if (t !== undefined && one(t, s[j]!)) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (p[i]?.k === 'star') i++;
  return i === p.length;
}
