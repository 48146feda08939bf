// Secrets scrubbed from outside text in every spelling a server could send back, and outside text made inert
// for a terminal or pipe (util/redact.ts, util/text.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, registerPassword, registerSessionSecret, scrubDeep, scrubSecrets, secretForms } from '../../../src/util/redact.js';
import { clip, inertDocument, inertJson, visible } from '../../../src/util/text.js';

afterEach(() => clearSecrets());

describe('scrubSecrets', () => {
  const pw = `p&ss"<wörd> 'x'/+`;

  it('replaces the password raw and XML/HTML-, JSON-, URL- and form-encoded', () => {
    registerPassword(pw);
    const spellings = [
      pw,
      'p&amp;ss&quot;&lt;wörd&gt; &apos;x&apos;/+',
      'p&amp;ss&#34;&lt;wörd&gt; &#39;x&#39;/+',
      "p&amp;ss\"&lt;wörd&gt; 'x'/+", // text-node escaping only
      JSON.stringify(pw).slice(1, -1),
      "p&ss\\\"<w\\u00f6rd> 'x'\\/+",
      encodeURIComponent(pw),
      encodeURIComponent(pw).replace(/%20/g, '+'),
    ];
    for (const s of spellings) expect(scrubSecrets(`fault: [${s}] end`), s).toBe('fault: [***] end');
    expect(secretForms(pw).length).toBeGreaterThanOrEqual(spellings.length);
  });

  it('replaces a session cookie with or without its quotes; ignores values too short to be a session', () => {
    registerSessionSecret('"52c1d7a0e9b4f3c2a1d0e9f8c7b6a5d4e3f2a1b0"');
    registerSessionSecret('abc'); // not credible as a session secret: scrubbing it would only garble text
    expect(scrubSecrets('session 52c1d7a0e9b4f3c2a1d0e9f8c7b6a5d4e3f2a1b0 is "52c1d7a0e9b4f3c2a1d0e9f8c7b6a5d4e3f2a1b0"')).toBe(
      'session *** is "***"',
    );
    expect(scrubSecrets('abc def')).toBe('abc def');
  });

  it('replaces the longest spelling whole, and leaves text without secrets alone', () => {
    registerPassword('a&b');
    expect(scrubSecrets('x a&amp;b y a&b z')).toBe('x *** y *** z');
    expect(scrubSecrets('nothing here')).toBe('nothing here');
  });

  it('scrubs every string of an error detail, cycles included', () => {
    registerPassword('hunter2');
    const detail: Record<string, unknown> = { message: 'bad hunter2', nested: [{ userName: 'x', echo: 'hunter2' }], n: 3 };
    detail.self = detail;
    const out = scrubDeep(detail) as Record<string, unknown>;
    expect(out.message).toBe('bad ***');
    expect(out.nested).toEqual([{ userName: 'x', echo: '***' }]);
    expect(out.n).toBe(3);
  });
});

describe('inert text', () => {
  it('visible() shows every C0, DEL and C1 control as an escape', () => {
    expect(visible('a\nb\tc\u009bd\u001b]0;x\u0007\u007f')).toBe('a\\nb\\tc\\x9bd\\x1b]0;x\\x07\\x7f');
    expect(visible(undefined)).toBe('');
  });

  it('inertDocument keeps line structure (LF, tab, CRLF) and, when asked, only SGR colour escapes', () => {
    const doc = 'a\tb\r\nc\rd\u001b[2J\u0007\n';
    expect(inertDocument(doc)).toBe('a\tb\r\nc\\rd\\x1b[2J\\x07\n');
    expect(inertDocument('\u001b[31mred\u001b[39m \u001b]8;;http://x\u0007', { sgr: true })).toBe(
      '\u001b[31mred\u001b[39m \\x1b]8;;http://x\\x07',
    );
    expect(inertDocument('\u001b[31mred', { sgr: false })).toBe('\\x1b[31mred');
  });

  it('inertJson escapes DEL and C1 (left raw by JSON.stringify) without changing the value', () => {
    const value = { name: 'vm\u009b31m\u007f\u001b' };
    const text = inertJson(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('clip bounds an echoed text and says how much was cut', () => {
    expect(clip('x'.repeat(50_000), 100)).toBe(`${'x'.repeat(100)}… (49900 more characters)`);
    expect(clip('short', 100)).toBe('short');
  });
});
