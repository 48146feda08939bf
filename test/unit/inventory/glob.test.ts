// The --vm / --host glob matcher (src/util/glob.ts): the syntax users rely on, and no backtracking on
// hostile server-provided names (issue #11 point 4).
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../../src/util/glob.js';
import { Prng } from '../../../mocks/prng.js';

describe('globMatcher', () => {
  const cases: [string, string, boolean][] = [
    ['sql-*', 'sql-01', true],
    ['sql-*', 'SQL-01', true],
    ['sql-*', 'mysql-01', false],
    ['esx-0[1-4]*', 'esx-03.lab', true],
    ['esx-0[1-4]*', 'esx-05.lab', false],
    ['esx-0[!1-4]*', 'esx-05.lab', true],
    ['{web,db}-?', 'db-1', true],
    ['{web,db}-?', 'db-12', false],
    ['{a,{b,c}}x', 'cx', true],
    ['!test-*', 'prod-1', true],
    ['!test-*', 'test-1', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['*', '', true],
    ['*x*', 'abc', false],
    ['a*b*c', 'aXbYbZc', true],
  ];
  for (const [glob, name, want] of cases) {
    it(`${glob} ${want ? 'matches' : 'does not match'} ${JSON.stringify(name)}`, () => expect(globMatcher(glob)(name)).toBe(want));
  }

  it('agrees with picomatch on random names and patterns of *, ?, [] and literals', () => {
    const prng = new Prng(11);
    const rng = () => prng.next();
    const alphabet = 'ab-x'; // no '.': picomatch never lets * match the names . and ..
    const pick = (s: string) => s[Math.floor(rng() * s.length)]!;
    for (let n = 0; n < 2000; n++) {
      const glob = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => pick('ab-*?x*['))
        .join('')
        .replace(/\[/g, '[ab]');
      const name = Array.from({ length: 1 + Math.floor(rng() * 10) }, () => pick(alphabet)).join('');
      expect(globMatcher(glob)(name), `${glob} ~ ${name}`).toBe(picomatch(glob, { nocase: true, dot: true })(name));
    }
  });

  it('[hostile] a VM named with 20,000 dashes against "*-*-*x" answers at once (no backtracking)', () => {
    const name = '-'.repeat(20_000);
    const started = performance.now();
    expect(globMatcher('*-*-*x')(name)).toBe(false);
    expect(globMatcher('*-*-*-*-*-*x')(name)).toBe(false);
    expect(globMatcher('*-*-*-')(name)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
