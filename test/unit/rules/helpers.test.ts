// CPU classification, editions, generation choice, headroom arithmetic and the catalogue views.
import { describe, expect, it } from 'vitest';
import { classifyCpuName, cpuPairCompatible } from '../../../src/rules/ft/cpu.js';
import { ftLimits, readEditionKey } from '../../../src/rules/ft/edition.js';
import { UnknownRuleError, explainRule, listRules } from '../../../src/rules/explain.js';
import { hostGenerations } from '../../../src/rules/ft/generation.js';
import { pairsThatFit } from '../../../src/rules/ft/headroom.js';
import { RULES } from '../../../src/rules/catalog/index.js';
import { cleanInventory, host, legacyInventory } from './fixtures.js';

describe('classifyCpuName', () => {
  const cases: [string, string | undefined, string | null | undefined, boolean | undefined][] = [
    // name, family, legacy group, SMP-FT capable
    ['Intel(R) Xeon(R) CPU           E5450  @ 3.00GHz', 'Intel Penryn (Harpertown/Wolfdale/Yorkfield/Dunnington)', 'intel-penryn', false],
    ['Intel(R) Xeon(R) CPU           X7460  @ 2.66GHz', 'Intel Penryn (Harpertown/Wolfdale/Yorkfield/Dunnington)', 'intel-penryn', false],
    ['Intel(R) Xeon(R) CPU           X5570  @ 2.93GHz', 'Intel Nehalem-EP', 'intel-nehalem', false],
    ['Intel(R) Xeon(R) CPU           L5640  @ 2.27GHz', 'Intel Westmere-EP', 'intel-westmere', false],
    ['Intel(R) Xeon(R) CPU E7- 4870  @ 2.40GHz', 'Intel Westmere-EX', 'intel-westmere-ex', false],
    ['Intel(R) Xeon(R) CPU E7-8890 v2 @ 2.80GHz', 'Intel Ivy Bridge', 'intel-ivybridge', true],
    ['Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz', 'Intel Sandy Bridge', 'intel-sandybridge', true],
    ['Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz', 'Intel Ivy Bridge', 'intel-ivybridge', true],
    ['Intel(R) Xeon(R) CPU E5-2690 v4 @ 2.60GHz', 'Intel Broadwell', null, true],
    ['Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz', 'Intel Xeon Scalable', null, true],
    ['Intel(R) Xeon(R) Platinum 8480+', 'Intel Xeon Scalable', null, true],
    ['Intel(R) Atom(TM) CPU  C2750  @ 2.40GHz', 'Intel Avoton (Atom C2000)', null, false],
    ['Quad-Core AMD Opteron(tm) Processor 2356', 'AMD Barcelona/Shanghai (third-generation Opteron)', 'amd-opteron-gen3', false],
    ['Six-Core AMD Opteron(tm) Processor 8435', 'AMD Istanbul', 'amd-istanbul', false],
    ['AMD Opteron(tm) Processor 6276', 'AMD Bulldozer', 'amd-bulldozer', true],
    ['AMD Opteron(tm) Processor 6380', 'AMD Piledriver', 'amd-piledriver', true],
    ['AMD EPYC 7763 64-Core Processor', 'AMD EPYC (Zen, gen 3)', null, true],
    ['Hygon C86 7285 32-core Processor', undefined, undefined, undefined],
  ];
  for (const [name, family, group, smp] of cases) {
    it(name.replace(/\s+/g, ' '), () => {
      const c = classifyCpuName(name);
      if (family === undefined) return expect(c).toBeUndefined();
      expect(c).toMatchObject({ family, legacyGroup: group, smp });
    });
  }
});

describe('cpuPairCompatible', () => {
  it('legacy: same group within 400 MHz pairs cleanly; 401 MHz pairs with a warning, not a rejection', () => {
    const inv = legacyInventory();
    const [a, b] = [host(inv, 1), host(inv, 2)];
    b.cpu.hz = a.cpu.hz + 400e6;
    expect(cpuPairCompatible(a, b, 'legacy')).toEqual({ ok: true });
    b.cpu.hz = a.cpu.hz + 401e6;
    expect(cpuPairCompatible(a, b, 'legacy')).toMatchObject({ ok: true, warning: expect.stringMatching(/401 MHz from the primary/) });
  });

  it('SMP-FT without EVC: a newer CPU generation may carry the secondary, an older one may not', () => {
    const inv = cleanInventory();
    const [a, b] = [host(inv, 1), host(inv, 2)];
    a.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz'));
    b.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz'));
    expect(cpuPairCompatible(a, b, 'smp').ok).toBe(true);
    expect(cpuPairCompatible(b, a, 'smp')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Ivy Bridge is older than the primary's Intel Broadwell/),
    });
  });

  it('an unclassified pair is "cannot tell", never false', () => {
    const inv = cleanInventory();
    const [a, b] = [host(inv, 1), host(inv, 2)];
    a.cpu.packages.forEach((p) => (p.description = 'Mystery CPU 1'));
    a.cpu.model = 'Mystery CPU 1';
    b.cpu.packages.forEach((p) => (p.description = 'Mystery CPU 2'));
    b.cpu.model = 'Mystery CPU 2';
    expect(cpuPairCompatible(a, b, 'smp').ok).toBeUndefined();
  });
});

describe('editions', () => {
  it.each([
    ['esx.enterprisePlus.cpuPackage', 'enterprisePlus', true],
    ['esx.enterprisePlus.cpuPackageCoreLimited', 'enterprisePlus', true],
    ['esxEnterprisePlus.vram', 'enterprisePlus', true],
    ['esx.vsphere8EnterprisePlus.cpuCore', 'enterprisePlus', true],
    ['esx.enterprise.cpuPackage', 'enterprise', true],
    ['esx.standard.cpuPackage', 'standard', true],
    ['eval', 'enterprisePlus', true],
    ['esx.essentialsPlus.cpuPackage', undefined, false],
    ['esx.hypervisor.cpuPackageCoreLimited', undefined, false],
    ['esx.somethingElse', undefined, undefined],
  ])('%s -> %s', (key, edition, licensed) => {
    const r = readEditionKey(key);
    expect(r.edition).toBe(edition);
    expect(r.ftLicensed).toBe(licensed);
  });

  it('host-published ceilings win over the documented numbers', () => {
    const h = host(cleanInventory(), 1);
    h.capability.maxVcpusPerFtVm = 6;
    h.capability.maxMemMBPerFtVm = 65536;
    expect(ftLimits(h, 'smp', undefined)).toMatchObject({
      maxVcpus: 6,
      maxMemMB: 65536,
      edition: 'enterprisePlus',
      editionSource: 'license',
    });
    delete h.capability.maxVcpusPerFtVm;
    delete h.capability.maxMemMBPerFtVm;
    expect(ftLimits(h, 'smp', undefined)).toMatchObject({ maxVcpus: 8, maxMemMB: 131072 });
    h.licenseEdition = 'esx.enterprise.cpuPackage';
    expect(ftLimits(h, 'smp', undefined).maxVcpus).toBe(2);
    expect(ftLimits(h, 'legacy', undefined)).toMatchObject({ maxVcpus: 1, maxMemMB: 65536 });
  });

  it('the licence wins over --edition; --edition over unknown (no default edition)', () => {
    const h = host(cleanInventory(), 1);
    expect(ftLimits(h, 'smp', 'standard').editionSource).toBe('license');
    delete h.licenseEdition;
    expect(ftLimits(h, 'smp', 'standard')).toMatchObject({ edition: 'standard', editionSource: 'flag', maxVcpus: 2 });
    const unknown = ftLimits(h, 'smp', undefined);
    expect(unknown).toMatchObject({ editionSource: 'unknown', maxVcpus: 8, vcpusAnyEdition: 2 });
    expect(unknown.edition).toBeUndefined();
  });
});

describe('hostGenerations', () => {
  it.each([
    ['3.5.0', []],
    ['4.0.0', ['legacy']],
    ['5.5.0', ['legacy']],
    ['6.0.0', ['smp', 'legacy']],
    ['6.5.0', ['smp']],
    ['8.0.3', ['smp']],
  ])('ESXi %s -> %j', (version, gens) => {
    const h = host(cleanInventory(), 1);
    h.product.version = version;
    expect(hostGenerations(h)).toEqual(gens);
  });
});

describe('pairsThatFit', () => {
  it.each([
    [[4, 4, 4], 6],
    [[3, 3, 4], 5],
    [[8, 0, 0], 0],
    [[8, 1, 1], 2],
    [[], 0],
  ])('%j -> %i', (free, n) => expect(pairsThatFit(free)).toBe(n));
});

describe('catalogue views', () => {
  it('listRules has one row per rule with unique ids', () => {
    const rows = listRules();
    expect(rows).toHaveLength(RULES.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.find((r) => r.id === 'vm-snapshots')).toEqual({
      id: 'vm-snapshots',
      severity: 'blocker',
      scope: 'vm',
      generations: ['legacy', 'smp'],
      title: 'No snapshots',
    });
  });

  it('explainRule prints the documentation of one rule', () => {
    const text = explainRule('vm-device-hot-add');
    expect(text).toMatch(/^vm-device-hot-add - Device hot-add \/ hot-plug off\n/);
    expect(text).toMatch(/severity: warning/);
    expect(text).toMatch(/Severity decision: .*warning/);
    expect(text).toMatch(/\n {2}ft-requirements V30, §5\.1, §5\.3: ftscan research notes.*docs\/ft-requirements\.md/);
    // Each source id is printed with its document, version, section and where to open it (docs/sources.md).
    expect(text).toMatch(
      /\n {2}D3: Features and Devices Incompatible with Fault Tolerance\. vSphere Availability, 8\.0, section ".*Features and Devices Incompatible with Fault Tolerance"\. VMware vSphere 8\.0 documentation/,
    );
    expect(text).not.toMatch(/not in docs\/sources\.md/);
  });

  it('an unknown id throws UnknownRuleError with the closest id', () => {
    expect(() => explainRule('vm-snapshot')).toThrow(UnknownRuleError);
    expect(() => explainRule('vm-snapshot')).toThrow('unknown rule "vm-snapshot"; did you mean "vm-snapshots"?');
    expect(() => explainRule('host-ft-loging-nic')).toThrow('did you mean "host-ft-logging-nic"?');
    expect(() => explainRule('zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz')).toThrow(/^unknown rule "z+" \(list them/);
  });
});
