// The harness of the per-rule case files (test/unit/rules/catalog/<rule-id>.test.ts): for each case, the clean
// inventory passes, each failing inventory fails with the expected severity, and the boundary values sit on the
// right side. A case file is named after its rule, as a rule file is (catalog-index.test.ts checks that every
// rule has one and that every case file names a rule); the inventories come from ../fixtures.ts.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../../src/inventory/model.js';
import type { EvaluateOptions, Severity } from '../../../../src/rules/types.js';
import { cleanInventory, legacyInventory, ruleFindings, run } from '../fixtures.js';

type Base = 'smp' | 'legacy';
interface Variant {
  name: string;
  base?: Base; // default: the case's base
  mutate: (inv: Inventory) => void;
  opts?: Partial<EvaluateOptions>;
}
interface Fail extends Variant {
  severity: Severity;
  message?: RegExp;
  not?: Severity; // a severity the findings must not carry (boundary cases)
}
export interface RuleCase {
  base: Base;
  opts?: Partial<EvaluateOptions>;
  fail: Fail[];
  pass?: Variant[]; // boundary / look-alike inventories that must NOT produce the finding
}

export const CASES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The rule a case file is about: its name without `.test.ts`. */
export const ruleOfCaseFile = (file: string): string => basename(file).replace(/\.test\.ts$/, '');

const mkBase = (b: Base) => (b === 'smp' ? cleanInventory() : legacyInventory());

function evalCase(base: Base, v: Variant, caseOpts?: Partial<EvaluateOptions>) {
  const inv = mkBase(base);
  v.mutate(inv);
  return run(inv, { ...caseOpts, ...v.opts });
}

/** Registers the cases of the rule the calling file is named after: `ruleCases(import.meta.url, [...])`. */
export function ruleCases(caseFileUrl: string, cases: RuleCase[]): void {
  const rule = ruleOfCaseFile(fileURLToPath(caseFileUrl));
  describe('rule catalogue', () => {
    for (const c of cases) {
      describe(rule, () => {
        it(`clean ${c.base} inventory: no finding`, () => {
          expect(ruleFindings(evalCase(c.base, { name: 'clean', mutate: () => {} }, c.opts), rule)).toEqual([]);
        });
        for (const f of c.fail) {
          it(`fails: ${f.name} -> ${f.severity}`, () => {
            const found = ruleFindings(evalCase(f.base ?? c.base, f, c.opts), rule);
            expect(found.length, 'expected a finding').toBeGreaterThan(0);
            expect(found.map((x) => x.severity)).toContain(f.severity);
            const hit = found.find((x) => x.severity === f.severity)!;
            if (f.message) expect(hit.message).toMatch(f.message);
            if (f.not) expect(found.map((x) => x.severity)).not.toContain(f.not);
            expect(hit.evidence.length).toBeGreaterThan(0);
            expect(hit.remediation.length).toBeGreaterThan(0);
          });
        }
        for (const p of c.pass ?? []) {
          it(`passes: ${p.name}`, () => {
            expect(ruleFindings(evalCase(p.base ?? c.base, p, c.opts), rule)).toEqual([]);
          });
        }
      });
    }
  });
}
