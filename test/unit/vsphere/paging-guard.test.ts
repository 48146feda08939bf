// The guard against a server that pages forever (issue #11 point 4): a repeated token, or far more pages
// than objects. (The repeated-token case is also driven through the client in test/msw/vsphere/hostile-server.)
import { describe, expect, it } from 'vitest';
import { checkPaging } from '../../../src/vsphere/collect.js';
import { TransportError } from '../../../src/vsphere/errors.js';

describe('checkPaging', () => {
  it('accepts fresh tokens while pages carry objects, and the last page', () => {
    const seen = new Set<string>();
    for (let p = 1; p <= 100; p++) checkPaging(String(p), seen, p, p * 1000);
    expect(() => checkPaging(undefined, seen, 101, 100_000)).not.toThrow();
  });

  it('[hostile] a token seen before fails the collection, bounded in what it echoes', () => {
    const seen = new Set<string>();
    const token = 't'.repeat(10_000);
    checkPaging(token, seen, 1, 1000);
    const e = (() => {
      try {
        checkPaging(token, seen, 2, 2000);
      } catch (err) {
        return err as TransportError;
      }
      throw new Error('expected a throw');
    })();
    expect(e).toBeInstanceOf(TransportError);
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/a second time \(after 2 pages\)/);
    expect(e.message.length).toBeLessThan(200);
  });

  it('[hostile] empty pages with fresh tokens fail once pages far exceed objects', () => {
    const seen = new Set<string>();
    let error: unknown;
    let p = 1;
    for (; p <= 1000 && !error; p++) {
      try {
        checkPaging(`fresh-${p}`, seen, p, 3);
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/pages for 3 objects/);
    expect(p).toBeLessThan(20);
  });
});
