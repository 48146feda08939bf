// `npm run lint:deps` (dependency-cruiser, .dependency-cruiser.cjs) is what CI runs over the real tree; here the
// same configuration runs over a small fixture tree with one violation of each kind, to show it fails, names
// the rule and the import, and counts type-only imports in cycles.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ftscan-boundaries-'));
  dirs.push(dir);
  const all = {
    'tsconfig.test.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function cruise(dir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [DEPCRUISE, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err', 'src', 'mocks'],
      { cwd: dir },
    );
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe('boundary check (npm run lint:deps)', () => {
  it('fails on a type-only cycle, a layer importing upwards, a layer skipping a contract, and src importing mocks', async () => {
    const dir = tree({
      'src/scan/run.ts': "import type { T } from './stages.js';\nexport interface O { t?: T }\n",
      'src/scan/stages.ts': "import type { O } from './run.js';\nexport interface T { o?: O }\n",
      'src/cli/x.ts': 'export const x = 1;\n',
      'src/rules/a.ts': "import { x } from '../cli/x.js';\nexport const a = x;\n",
      'src/vsphere/transport.ts': 'export const t = 1;\n',
      'src/inventory/b.ts': "import { t } from '../vsphere/transport.js';\nexport const b = t;\n",
      'mocks/index.ts': 'export const m = 1;\n',
      'src/report/c.ts': "import { m } from '../../mocks/index.js';\nexport const c = m;\n",
    });
    const { code, out } = await cruise(dir);
    expect(code).toBe(4);
    expect(out).toMatch(/error no-circular: src\/scan\/(run|stages)\.ts/);
    expect(out).toContain('error rules-read-the-model-only: src/rules/a.ts → src/cli/x.ts');
    expect(out).toContain('error inventory-through-vsphere-api: src/inventory/b.ts → src/vsphere/transport.ts');
    expect(out).toContain('error src-not-mocks-or-test: src/report/c.ts → mocks/index.ts');
  }, 60_000);

  it('fails on the application boundaries: the cli past app, app or scan up, notify into a renderer or the cli', async () => {
    const dir = tree({
      'src/util/text.ts': 'export const t = 1;\n',
      'src/scan/run.ts': 'export const run = 1;\n',
      'src/app/scan.ts': "import { run } from '../scan/run.js';\nexport const runJob = run;\n",
      'src/app/index.ts': "export { runJob } from './scan.js';\n",
      'src/app/exit-codes.ts': "import { main } from '../cli/main.js';\nexport const x = main;\n",
      'src/cli/exit-codes.ts': 'export const ExitCode = { Ok: 0 };\n',
      'src/cli/main.ts':
        "import { runJob } from '../app/index.js';\nimport { run } from '../scan/run.js';\nexport const main = [runJob, run];\n",
      'src/cli/jobs.ts': "import type { runJob } from '../app/scan.js';\nexport type J = typeof runJob;\n",
      'src/scan/up.ts': "import { runJob } from '../app/index.js';\nexport const u = runJob;\n",
      'src/report/html.ts': 'export const html = 1;\n',
      'src/notify/send.ts':
        "import { html } from '../report/html.js';\nimport { ExitCode } from '../cli/exit-codes.js';\nexport const s = [html, ExitCode];\n",
      'mocks/index.ts': 'export const m = 1;\n',
    });
    const { code, out } = await cruise(dir);
    expect(code).toBeGreaterThan(0);
    expect(out).toContain('error cli-through-app: src/cli/main.ts → src/scan/run.ts');
    expect(out).toContain('error cli-through-app: src/cli/jobs.ts → src/app/scan.ts'); // app's door is index.ts
    expect(out).toContain('error app-below-cli: src/app/exit-codes.ts → src/cli/main.ts');
    expect(out).toContain('error scan-below-app: src/scan/up.ts → src/app/index.ts');
    expect(out).toContain('error notify-sends-the-result: src/notify/send.ts → src/report/html.ts');
    expect(out).toContain('error notify-sends-the-result: src/notify/send.ts → src/cli/exit-codes.ts');
    expect(out).not.toContain('src/cli/main.ts → src/app/index.ts');
  }, 60_000);

  it('passes the same layers wired as docs/architecture.md says', async () => {
    const dir = tree({
      'src/util/text.ts': 'export const t = 1;\n',
      'src/result/types.ts': 'export interface R { n: number }\n',
      'src/notify/send.ts':
        "import type { R } from '../result/types.js';\nimport { t } from '../util/text.js';\nexport const s = (r: R) => r.n + t;\n",
      'src/scan/run.ts': "import type { R } from '../result/types.js';\nexport const run = (r: R) => r;\n",
      'src/app/scan.ts': "import { run } from '../scan/run.js';\nimport { s } from '../notify/send.js';\nexport const runJob = [run, s];\n",
      'src/app/index.ts': "export { runJob } from './scan.js';\n",
      'src/cli/main.ts':
        "import { runJob } from '../app/index.js';\nimport { t } from '../util/text.js';\nexport const main = [runJob, t];\n",
      'src/inventory/model.ts': 'export interface Vm { name: string }\n',
      'src/rules/a.ts': "import type { Vm } from '../inventory/model.js';\nexport const a = (v: Vm) => v.name;\n",
      'src/vsphere/api.ts': 'export interface MoRef { value: string }\n',
      'src/inventory/b.ts': "import type { MoRef } from '../vsphere/api.js';\nexport const b = (r: MoRef) => r.value;\n",
      'mocks/index.ts': "import { a } from '../src/rules/a.js';\nexport const m = a;\n",
    });
    expect(await cruise(dir)).toEqual({ code: 0, out: expect.stringContaining('no dependency violations found') });
  }, 60_000);

  it('src/rules: a rule file imports no other, only the catalogue index is imported, ft/ imports no rule', async () => {
    const rule = (id: string, imports = '') => `${imports}export const rule = { id: '${id}' };\n`;
    const dir = tree({
      'src/rules/ft/datastores.ts': 'export const isShared = () => true;\n',
      'src/rules/ft/bad.ts': "import { rule } from '../catalog/b-rule.js';\nexport const x = rule;\n",
      'src/rules/catalog/a-rule.ts': rule('a-rule', "import { isShared } from '../ft/datastores.js';\n"),
      'src/rules/catalog/b-rule.ts': rule('b-rule', "import { rule as a } from './a-rule.js';\n"),
      'src/rules/catalog/index.ts':
        "import { rule as a } from './a-rule.js';\nimport { rule as b } from './b-rule.js';\nexport const RULES = [a, b];\n",
      'src/rules/engine.ts':
        "import { RULES } from './catalog/index.js';\nimport { rule } from './catalog/a-rule.js';\nexport const e = [RULES, rule];\n",
      'mocks/index.ts': "import { RULES } from '../src/rules/catalog/index.js';\nexport const m = RULES;\n",
    });
    const { code, out } = await cruise(dir);
    expect(code).toBe(4); // ft/bad.ts breaks two: it imports a rule, and one that is not the index
    expect(out).toContain('error catalog-rules-stand-alone: src/rules/catalog/b-rule.ts → src/rules/catalog/a-rule.ts');
    expect(out).toContain('error catalog-through-its-index: src/rules/engine.ts → src/rules/catalog/a-rule.ts');
    expect(out).toContain('error ft-knowledge-below-the-catalogue: src/rules/ft/bad.ts → src/rules/catalog/b-rule.ts');
    expect(out).toContain('error catalog-through-its-index: src/rules/ft/bad.ts → src/rules/catalog/b-rule.ts');
    expect(out).not.toMatch(/src\/rules\/catalog\/a-rule\.ts → src\/rules\/ft\/|mocks\/index\.ts →|→ src\/rules\/catalog\/index\.ts/);
  }, 60_000);
});
