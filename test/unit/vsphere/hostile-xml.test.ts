// Issue #11 point 4 at the tokenizer and decoder layer: unterminated constructs stay linear, every text node,
// tag and nesting level is bounded, and each case fails with a typed malformed-response error naming the
// cause (never "Invalid string length", "Maximum nested tags exceeded" or an out-of-memory abort).
import { describe, expect, it } from 'vitest';
import type { ObjectContent } from '../../../src/vsphere/api.js';
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { createRetrieveResultDecoder } from '../../../src/vsphere/decode-stream.js';
import { TransportError } from '../../../src/vsphere/errors.js';
import { MAX_DEPTH, MAX_TAG_CHARS, MAX_TEXT_CHARS } from '../../../src/vsphere/limits.js';
import { XmlError, XmlScanner } from '../../../src/vsphere/xml-scan.js';
import { catchError, envelope } from './helpers.js';

const HEAD = envelope('<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-1</obj>@@').split(
  '@@',
)[0]!;
const CHUNK = 65_536;
const MB32 = 32 * 1024 * 1024;

// Feeds `head`, then `filler` repeated up to `total` characters, in 64 KiB chunks (as the transport does);
// returns the error and the time taken.
function feedStream(head: string, filler: string, total: number): { error: unknown; ms: number } {
  const d = createRetrieveResultDecoder(() => {}, { method: 'RetrievePropertiesEx' });
  const chunk = filler.repeat(Math.ceil(CHUNK / filler.length)).slice(0, CHUNK);
  const started = performance.now();
  let error: unknown;
  try {
    d.write(head);
    for (let sent = 0; sent < total; sent += chunk.length) d.write(chunk);
    d.end();
  } catch (e) {
    error = e;
  }
  return { error, ms: performance.now() - started };
}

function expectMalformed(error: unknown, cause: RegExp): TransportError {
  expect(error).toBeInstanceOf(TransportError);
  const e = error as TransportError;
  expect(e.kind).toBe('malformed');
  expect(e.message).toMatch(cause);
  expect(e.message).not.toMatch(/internal error|Invalid string length|Maximum nested/);
  expect(e.message.length).toBeLessThan(400);
  return e;
}

describe('[hostile] streaming tokenizer on 32 MB unterminated constructs (linear, bounded)', () => {
  const cases: [string, string, string, RegExp][] = [
    ['one open tag that never closes', '<propSet name="', 'a', /tag or comment longer than/],
    ['an open tag with ">" inside a quoted attribute value', `<propSet a='`, '">>>>>>', /tag or comment longer than/],
    ['an unterminated comment', '<!--', 'comment text - -> ', /tag or comment longer than/],
    ['an unterminated CDATA section', '<propSet><name>n</name><val xsi:type="xsd:string"><![CDATA[', 'x]]', /CDATA section longer than/],
    [
      '"&" followed by 32 MB without ";"',
      '<propSet><name>n</name><val xsi:type="xsd:string">&',
      'abcdefgh',
      /"&" not followed by an entity reference/,
    ],
    ['one 32 MB text node', '<propSet><name>n</name><val xsi:type="xsd:string">', 'text ', /value longer than 16 Mi characters/],
    ['an unterminated processing instruction', '<?pi ', 'data ', /tag or comment longer than/],
  ];
  for (const [title, head, filler, cause] of cases) {
    it(`[hostile] ${title}`, () => {
      const { error, ms } = feedStream(HEAD + head, filler, MB32);
      expectMalformed(error, cause);
      expect(ms).toBeLessThan(3000); // was 35-72 s (quadratic)
    });
  }

  it('[hostile] 100,000 nested elements name the nesting depth as the cause', () => {
    const { error } = feedStream(HEAD + '<propSet><name>n</name><val xsi:type="xsd:string">', '<a>', 300_000);
    expectMalformed(error, new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
  });

  it('a tag split across many tiny chunks still decodes (the wait logic is exact)', () => {
    const xml = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-1</obj>' +
        `<propSet><name>name</name><val xsi:type="xsd:string" data-x="a>b&quot;'c">n&amp;1<!-- c- > --><![CDATA[<x]]>y</val></propSet>` +
        '</objects></returnval></RetrievePropertiesExResponse>',
    );
    const seen: ObjectContent[] = [];
    const d = createRetrieveResultDecoder((o) => seen.push(o));
    for (let i = 0; i < xml.length; i += 3) d.write(xml.slice(i, i + 3));
    d.end();
    expect(seen[0]!.props.name).toBe('n&1<xy');
  });

  it('accepts a tag and a text node just under the limits', () => {
    const events: string[] = [];
    const p = new XmlScanner({ open: (n) => events.push(n), text: () => {}, close: () => {}, doctype: () => {} });
    const attr = 'v'.repeat(MAX_TAG_CHARS - 100);
    p.write(`<r a="${attr.slice(0, 1000)}`);
    p.write(`${attr.slice(1000)}">`);
    p.write('x'.repeat(1000));
    p.write('</r>');
    p.close();
    expect(events).toEqual(['r']);
    expect(() => {
      const q = new XmlScanner({ open: () => {}, text: () => {}, close: () => {}, doctype: () => {} });
      q.write(`<r a="${'v'.repeat(MAX_TAG_CHARS + 10)}`);
    }).toThrow(XmlError);
    expect(MAX_TEXT_CHARS).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });
});

describe('[hostile] whole-document decoder', () => {
  it('[hostile] 100,000 nested elements: a malformed-response error naming the depth', () => {
    const xml = envelope(
      `<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</returnval></RetrieveServiceContentResponse>`,
    );
    expectMalformed(
      catchError(() => decodeEnvelope(xml, 'RetrieveServiceContent')),
      /nested deeper than/,
    );
  });

  it('[hostile] a text node over the limit: a malformed-response error, not an out-of-memory abort', () => {
    const xml = envelope(
      `<LoginResponse xmlns="urn:vim25"><returnval><key>${'k'.repeat(MAX_TEXT_CHARS + 1)}</key></returnval></LoginResponse>`,
    );
    expectMalformed(
      catchError(() => decodeEnvelope(xml, 'Login')),
      /longer than 16 Mi characters/,
    );
  });
});
