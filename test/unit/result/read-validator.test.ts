// The current schema's validator is compiled ahead of time (scripts/gen-validator.ts -> src/result/validate-current.ts)
// so `ftscan report` compiles nothing. It must stay what ajv compiles at run time from docs/scan-result.schema.json
// with the reader's options (src/result/ajv.ts): same verdict, same first error, same defaults filled in.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VALIDATOR_FILE, validatorSource } from '../../../scripts/gen-validator.js';
import { render } from '../../../src/report/json.js';
import { reportAjv } from '../../../src/result/ajv.js';
import { schemaValidator } from '../../../src/result/read.js';
import { loadSchema } from '../../../src/result/schemas.js';
import { SCHEMA_VERSION } from '../../../src/result/types.js';
import { makeScanResult } from '../report/fixtures.js';

const major = SCHEMA_VERSION.split('.')[0]!;

describe('the precompiled report validator', () => {
  it('src/result/validate-current.ts is current (npx tsx scripts/gen-validator.ts)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8')).toBe(validatorSource());
  });

  it("judges reports as ajv's run-time compile of the schema does: verdict, first error, defaults filled in", () => {
    const compiled = reportAjv({ optimize: false }).compile(loadSchema(major));
    const precompiled = schemaValidator(major);
    expect(precompiled).not.toBe(compiled);
    const good = JSON.parse(render(makeScanResult()));
    const cases: [string, (d: any) => void][] = [
      ['as written', () => {}],
      ['a finding without id', (d) => delete d.evaluation.findings[0].id],
      ['a wrong type', (d) => (d.evaluation.vms[0].moid = 7)],
      ['a bad date-time', (d) => (d.startedAt = 'yesterday')],
      ['an unknown severity', (d) => (d.evaluation.findings[0].severity = 'huge')],
      ['an unknown verdict', (d) => (d.evaluation.vms[0].verdict = 'fine')],
      // Left out as equal to its default: filled back (useDefaults) by both.
      ['an inventory default left out', (d) => delete d.targets[0].inventory.vms[0].powerState],
    ];
    for (const [what, change] of cases) {
      const a = structuredClone(good);
      change(a);
      const b = structuredClone(a);
      const ok = compiled(a);
      expect(ok, what).toBe(what === 'as written' || what === 'an inventory default left out');
      expect(precompiled(b), what).toBe(ok);
      expect(precompiled.errors?.[0], what).toEqual(compiled.errors?.[0]);
      expect(b, what).toEqual(a);
    }
  });
});
