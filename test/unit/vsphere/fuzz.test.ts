// Seeded fuzz suite over the real recorded replies (test/fixtures/real): every mutated reply gives a decoded
// result or a typed ftscan error (TransportError / VimFault), never another exception, and each case
// finishes under a time cap — in both decoders. Memory cases (values and documents far beyond the limits)
// run in a child process with a small heap (fuzz-memory-child.ts), so an out-of-memory abort fails the test
// instead of taking vitest down.
//
//   npm test                                                       -> FTSCAN_FUZZ_CASES default (3,000)
//   FTSCAN_FUZZ_CASES=100000 npx vitest run test/unit/vsphere/fuzz.test.ts   (longer run; all fixture sizes)
//   FTSCAN_FUZZ_SEED=7 ...                                         -> another seed (printed on failure)
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../mocks/prng.js';
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { createRetrieveResultDecoder } from '../../../src/vsphere/decode-stream.js';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { loadCassette, loadXml, REAL_DIR, soapMethod } from '../../fixtures/cassettes.js';

const CASES = Number(process.env.FTSCAN_FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FTSCAN_FUZZ_SEED ?? 11);
const LONG = CASES > 3000;
// Small replies in the default run keep it within a few seconds; a longer run takes every recording.
const MAX_BODY = LONG ? Infinity : 24 * 1024;
const CASE_MS = 2000;

interface Reply {
  name: string;
  method: string | undefined;
  body: string;
}

function corpus(): Reply[] {
  const out: Reply[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  for (const file of walk(REAL_DIR)) {
    const rel = relative(REAL_DIR, file);
    if (/\.(ya?ml)$/.test(rel)) {
      loadCassette(rel).forEach((i, n) => {
        if (i.response.body.trimStart().startsWith('<'))
          out.push({ name: `${rel}#${n}`, method: soapMethod(i.request.body), body: i.response.body });
      });
    } else if (rel.endsWith('.xml')) out.push({ name: rel, method: undefined, body: loadXml(rel) });
  }
  return out.filter((r) => r.body.length <= MAX_BODY);
}

const PC_REPLY = /<(?:\w+:)?(?:RetrievePropertiesEx|ContinueRetrievePropertiesEx|RetrieveProperties)Response[\s>]/;

// ---- mutations (each: reply text, rng -> mutated text) -----------------------------------------------
type Mutation = (s: string, r: Prng) => string;
const at = (s: string, r: Prng) => r.int(0, s.length);
const GARBAGE = ['abc', '-1e999', 'maybe', '', ' 1', '0x10', 'NaN', '1e999', '𝕏', '\u0000', '&', '<', ']]>', 'x'.repeat(5000)];
const TYPES = [
  'xsd:int',
  'xsd:string',
  'xsd:boolean',
  'xsd:long',
  'ArrayOfString',
  'ManagedObjectReference',
  'VirtualDisk',
  'Bogus',
  'vim25:Nope',
  '',
];

// A random element start "<name" and the end of its first matching close tag (approximate: enough to fuzz).
function element(s: string, r: Prng): [number, number] | undefined {
  for (let tries = 0; tries < 8; tries++) {
    const i = s.indexOf('<', at(s, r));
    if (i < 0) continue;
    const m = /^<([A-Za-z_][\w:.-]*)/.exec(s.slice(i, i + 100));
    if (!m) continue;
    const close = s.indexOf(`</${m[1]}>`, i);
    if (close > 0) return [i, close + m[1]!.length + 3];
  }
  return undefined;
}
function textNode(s: string, r: Prng): [number, number] | undefined {
  for (let tries = 0; tries < 8; tries++) {
    const gt = s.indexOf('>', at(s, r));
    if (gt < 0) continue;
    const lt = s.indexOf('<', gt);
    if (lt > gt) return [gt + 1, lt];
  }
  return undefined;
}

const MUTATIONS: Record<string, Mutation> = {
  truncation: (s, r) => s.slice(0, at(s, r)),
  'byte flips': (s, r) => {
    const a = [...s];
    for (let k = r.int(1, 8); k > 0; k--)
      a[r.int(0, a.length - 1)] = r.pick(['<', '>', '&', '"', "'", '/', '=', '\u0000', '\uffff', '\ud800', 'x', ' ', '\n', ';', '!', '?']);
    return a.join('');
  },
  'dropped elements': (s, r) => {
    const e = element(s, r);
    return e ? s.slice(0, e[0]) + s.slice(e[1]) : s;
  },
  'duplicated elements': (s, r) => {
    const e = element(s, r);
    return e ? s.slice(0, e[1]) + s.slice(e[0], e[1]).repeat(r.int(1, 3)) + s.slice(e[1]) : s;
  },
  'huge values': (s, r) => {
    const t = textNode(s, r);
    return t ? s.slice(0, t[0]) + r.pick(['A', '&amp;', ' ', '9']).repeat(r.int(1_000, LONG ? 400_000 : 60_000)) + s.slice(t[1]) : s;
  },
  'deep nesting': (s, r) => {
    const t = textNode(s, r);
    const n = r.int(20, 3000);
    return t ? s.slice(0, t[0]) + '<a>'.repeat(n) + (r.chance(0.5) ? '</a>'.repeat(n) : '') + s.slice(t[0]) : s;
  },
  'DOCTYPE and entities': (s, r) => {
    if (r.chance(0.4)) {
      const dtd = r.pick([
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:1/">]>',
      ]);
      const decl = s.indexOf('?>');
      return decl >= 0 && decl < 100 ? s.slice(0, decl + 2) + dtd + s.slice(decl + 2) : dtd + s;
    }
    const t = textNode(s, r);
    const ent = r.pick(['&b;', '&lol;', '&#0;', '&#x110000;', '&#xD800;', '&#65;', '&amp', '&', '&#;', '&quot;&apos;']);
    return t ? s.slice(0, t[0]) + ent + s.slice(t[0]) : s;
  },
  'wrong types': (s, r) => {
    if (r.chance(0.5)) {
      const t = textNode(s, r);
      return t ? s.slice(0, t[0]) + r.pick(GARBAGE) + s.slice(t[1]) : s;
    }
    const m = [...s.matchAll(/(?:xsi|XMLSchema-instance):type="[^"]*"/g)];
    if (!m.length) return s;
    const hit = r.pick(m);
    const prefix = hit[0].slice(0, hit[0].indexOf(':type') + 5);
    return s.slice(0, hit.index) + `${prefix}="${r.pick(TYPES)}"` + s.slice(hit.index! + hit[0].length);
  },
};

// ---- one case --------------------------------------------------------------------------------------------
type Outcome = 'decoded' | 'TransportError' | 'VimFault';

function outcome(fn: () => unknown): Outcome {
  try {
    fn();
    return 'decoded';
  } catch (e) {
    if (e instanceof TransportError) {
      // typed and one line, bounded, and never an internal failure dressed up
      if (e.message.includes('\n') || e.message.length > 700)
        throw new Error(`unbounded TransportError message: ${e.message.slice(0, 200)}`);
      return 'TransportError';
    }
    if (e instanceof VimFault) return 'VimFault';
    throw e;
  }
}

function streamDecode(body: string, method: string | undefined, r: Prng): void {
  const d = createRetrieveResultDecoder(() => {}, { method });
  const bytes = Buffer.from(body);
  for (let off = 0; off < bytes.length; ) {
    const n = r.int(1, 4096);
    d.write(bytes.subarray(off, off + n));
    off += n;
  }
  d.end();
}

describe('[hostile] seeded fuzz over the real recordings', () => {
  const replies = corpus();
  const names = Object.keys(MUTATIONS);
  const perKind = Math.max(1, Math.floor(CASES / names.length));

  it('has a corpus of real replies, property-collector pages among them', () => {
    expect(replies.length).toBeGreaterThan(50);
    expect(replies.filter((x) => PC_REPLY.test(x.body)).length).toBeGreaterThan(10);
  });

  for (const [k, kind] of names.entries()) {
    it(`[hostile] fuzz: ${perKind} ${kind} cases (seed ${SEED}) decode or fail typed, each under ${CASE_MS} ms`, () => {
      const r = new Prng(SEED * 1000 + k);
      const seen: Record<Outcome, number> = { decoded: 0, TransportError: 0, VimFault: 0 };
      for (let n = 0; n < perKind; n++) {
        const reply = r.pick(replies);
        const mutated = MUTATIONS[kind]!(reply.body, r);
        const where = `${kind} #${n} of ${reply.name} (FTSCAN_FUZZ_SEED=${SEED})`;
        const started = performance.now();
        try {
          seen[outcome(() => decodeEnvelope(mutated, reply.method))]++;
          if (PC_REPLY.test(reply.body)) seen[outcome(() => streamDecode(mutated, reply.method, r))]++;
        } catch (e) {
          throw new Error(`${where}: untyped ${(e as Error)?.name}: ${(e as Error)?.message}`);
        }
        const ms = performance.now() - started;
        if (ms > CASE_MS) throw new Error(`${where}: took ${Math.round(ms)} ms`);
      }
      // the mutations are not all rejected (nor all accepted): both paths are exercised
      if (kind !== 'truncation') expect(seen.decoded + seen.TransportError + seen.VimFault).toBeGreaterThanOrEqual(perKind);
    });
  }
});

describe('[hostile] memory cases in a child process with a 256 MB heap', () => {
  it('[hostile] 200 MB text nodes and tags, 100,000-deep nesting, an oversized page: typed errors, no OOM', () => {
    const child = fileURLToPath(new URL('./fuzz-memory-child.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', child], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const results = JSON.parse(out.trim().split('\n').pop()!) as Record<string, string>;
    expect(results).toEqual({
      'stream: 200 MB text node': 'malformed',
      'stream: 200 MB inside one tag': 'malformed',
      'stream: 200 MB "&" without ";"': 'malformed',
      'stream: 100,000 nested elements': 'malformed',
      'stream: page beyond maxBytes': 'too-large',
      'document: 17 Mi-character text node': 'malformed',
      'document: 100,000 nested elements': 'malformed',
    });
  }, 90_000);
});
