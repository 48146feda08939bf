// The catalogue is discovered, not kept by hand: src/rules/catalog/index.ts is what scripts/gen-rule-index.ts
// generates from the folder's files, so every rule file is registered, once, and nothing else is. Its tests are
// found the same way: one case file per rule, test/unit/rules/catalog/<rule-id>.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_DIR, SCOPE_ORDER, catalogFiles, ruleIndexSource } from '../../../scripts/gen-rule-index.js';
import { RULES } from '../../../src/rules/catalog/index.js';
import { CASES_DIR, ruleOfCaseFile } from './catalog/case.js';

describe('rule catalogue index', () => {
  it('src/rules/catalog/index.ts is current (npx tsx scripts/gen-rule-index.ts)', () => {
    expect(readFileSync(join(CATALOG_DIR, 'index.ts'), 'utf8')).toBe(ruleIndexSource(catalogFiles()));
  });

  it('registers every rule file once, under the id its file is named after, in scope order', () => {
    const files = catalogFiles().map((f) => f.replace(/\.ts$/, ''));
    expect(files.length).toBeGreaterThan(60);
    expect([...RULES.map((r) => r.meta.id)].sort()).toEqual([...files].sort());
    for (const r of RULES) expect(r.meta.id.startsWith(`${r.meta.scope}-`), r.meta.id).toBe(true);
    const ranks = RULES.map((r) => SCOPE_ORDER.indexOf(r.meta.scope));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('every rule has its case file (test/unit/rules/catalog/<rule-id>.test.ts), and every case file names a rule', () => {
    const cases = readdirSync(CASES_DIR).filter((f) => f.endsWith('.test.ts'));
    expect(cases.map(ruleOfCaseFile).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it('a stale or foreign file is caught: an added rule file changes the index, a file not named by scope is refused', () => {
    const files = catalogFiles();
    expect(ruleIndexSource([...files, 'vm-new-check.ts'])).not.toBe(ruleIndexSource(files));
    expect(ruleIndexSource([...files, 'vm-new-check.ts'])).toContain("import { rule as vmNewCheck } from './vm-new-check.js';");
    expect(() => ruleIndexSource([...files, 'helpers.ts'])).toThrow(/catalog\/helpers\.ts: a rule file is named after its id/);
  });

  it('defineRule fills in both generations unless a rule narrows them', () => {
    const narrowed = RULES.filter((r) => r.meta.generations.length === 1).map((r) => r.meta.id);
    expect(narrowed).toContain('vm-vtpm');
    expect(RULES.find((r) => r.meta.id === 'vm-snapshots')!.meta.generations).toEqual(['legacy', 'smp']);
    // Field order kept: `ftscan rules --json` prints meta as it is.
    expect(Object.keys(RULES.find((r) => r.meta.id === 'vm-snapshots')!.meta).slice(0, 5)).toEqual([
      'id',
      'title',
      'severity',
      'scope',
      'generations',
    ]);
  });
});
