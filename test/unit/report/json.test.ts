import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { chunks, render } from '../../../src/report/json.js';
import type { ScanResult } from '../../../src/result/types.js';
import { FAILED_SERVER, makeScanResult, XSS_NAME } from './fixtures.js';

// An independent validator built from the schema file, so the test does not trust the module under test.
const schema = JSON.parse(readFileSync(new URL('../../../docs/scan-result.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const addFormatsCjs = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule;
const addFormats = addFormatsCjs.default ?? addFormatsCjs;
addFormats(ajv);
const validate = ajv.compile(schema);

function parsed(r: ScanResult = makeScanResult()): Record<string, any> {
  return JSON.parse(render(r));
}

describe('json report', () => {
  it('validates against docs/scan-result.schema.json', () => {
    const ok = validate(parsed());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('carries every VM with name, moid, verdict and findings with evidence, plus metadata and inventory', () => {
    const doc = parsed();
    expect(doc.schemaVersion).toBe('4.0');
    expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'tool', 'startedAt']);
    expect(doc.evaluation.vms).toHaveLength(9);
    const xss = doc.evaluation.vms.find((v: any) => v.moid === 'vm-103');
    expect(xss).toMatchObject({ verdict: 'blocked' });
    // 4.0: its name is its inventory record's, written there only.
    expect(xss).not.toHaveProperty('name');
    expect(doc.targets[0].inventory.vms.find((v: any) => v.moid === 'vm-103').name).toBe(XSS_NAME);
    // The VM references its findings by position (4.0); each is stored once, with its id and evidence, in
    // evaluation.findings.
    const own = doc.evaluation.findings[xss.findingIds[0]];
    expect(own).toMatchObject({ moid: 'vm-103' });
    expect(own.evidence[0]).toHaveProperty('path');
    // 3.0: the fix order as positions in findingIds, each id written once there.
    expect(xss.fixIds).toBeUndefined();
    expect(xss.fix.length).toBeGreaterThan(0);
    expect(xss.fix.every((i: number) => typeof xss.findingIds[i] === 'number')).toBe(true);
    expect(doc.targets[0].inventory.vms).toHaveLength(9);
    expect(doc.targets[0].inventory.stats.soapCalls).toBe(14);
    expect(doc.targets[1]).toMatchObject({ server: FAILED_SERVER, status: 'failed' });
    expect(doc.complete).toBe(false);
  });

  // Layout (schema 2.0, on purpose): the structure is 2-space indented and each element of a list of objects
  // is one compact line, so two scans of the same estate diff line by line and the writer streams.
  it('is 2-space indented, one compact line per list element, and ends with a newline', () => {
    const r = makeScanResult();
    const text = render(r);
    expect(text.endsWith('}\n')).toBe(true);
    const lines = text.split('\n');
    expect(lines[1]).toBe('  "schemaVersion": "4.0",');
    expect(lines).toContain('  "evaluation": {');
    expect(lines).toContain('    "findings": [');
    for (const f of r.evaluation.findings) expect(lines.filter((l) => l.startsWith(`      {"id":"${f.id}",`))).toHaveLength(1);
    // 3.0: a VM line leaves out what the inventory and targets hold (its host's and cluster's names, the server
    // URL: a target index instead) and gives its fix order as positions in findingIds. 4.0: also its name, host,
    // cluster and editionSource where its inventory record and the evaluation give the same, an empty
    // secondaryCandidates, and its findings are positions in evaluation.findings.
    const at = new Map(r.evaluation.findings.map((f, i) => [f.id, i]));
    // 4.0: a generation reason several VMs share is written once, in evaluation.generationReasons.
    const reasons: string[] = JSON.parse(text).evaluation.generationReasons;
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const g of reasons) expect(r.evaluation.vms.filter((v) => v.generationReason === g).length).toBeGreaterThan(1);
    for (const vm of r.evaluation.vms) {
      const line = lines.find((l) => l.startsWith(`      {"moid":"${vm.moid}",`))!;
      const { hostName: _h, clusterName: _c, server, fixIds, findingIds, ...own } = JSON.parse(JSON.stringify(vm));
      const t = r.targets.findIndex((x) => x.server === server);
      const inv = r.targets[t]!.inventory!.vms.find((v) => v.moid === vm.moid)!;
      if (own.name === inv.name) delete own.name;
      // equal: left out; absent though the inventory or evaluation has one: null
      const derived = (k: string, v: unknown) => {
        if (own[k] === v) delete own[k];
        else if (own[k] === undefined && v !== undefined) own[k] = null;
      };
      derived('hostMoid', inv.hostMoid);
      derived('clusterMoid', inv.clusterMoid);
      derived('editionSource', r.evaluation.editionSource);
      if (own.secondaryCandidates.length === 0) delete own.secondaryCandidates;
      if (reasons.includes(own.generationReason)) own.generationReason = reasons.indexOf(own.generationReason);
      const fix = fixIds.length ? { fix: fixIds.map((id: string) => vm.findingIds.indexOf(id)) } : { fixIds };
      expect(JSON.parse(line.replace(/,$/, ''))).toEqual({
        ...own,
        findingIds: findingIds.map((id: string) => at.get(id)),
        ...fix,
        target: t,
      });
    }
    const invVms = lines.filter((l) => l.startsWith('          {"moid":"vm-') && l.includes('"datastoreMoids"'));
    expect(invVms).toHaveLength(9); // targets[0].inventory.vms, one line each
    expect(render(makeScanResult())).toBe(text); // deterministic
  });

  it('is the concatenation of its streamed chunks', () => {
    const r = makeScanResult();
    const parts = [...chunks(r)];
    expect(parts.length).toBeGreaterThan(50);
    expect(parts.join('')).toBe(render(r));
  });

  it('never emits a bigint, and keeps a stray huge bigint exact as a string', () => {
    const r = makeScanResult();
    r.evaluation.findings[0]!.evidence[0]!.observed = { small: 5n, huge: 2n ** 64n };
    const doc = parsed(r);
    expect(doc.evaluation.findings[0].evidence[0].observed).toEqual({ small: 5, huge: '18446744073709551616' });
  });
});
