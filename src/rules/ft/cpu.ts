// CPU family classification for FT. The host's own capability lists are authoritative; the name-based
// table below is the fallback for hosts that do not publish them (old APIs, vcsim) and for explaining
// pairing. Groups: K1/K4 (legacy FT compatible sets), D1/D10/D14/K2 (SMP-FT: Sandy Bridge / Bulldozer+).
// A name that matches nothing here is reported as unknown, never as a blocker.
import type { Cluster, CpuVendor, Host } from '../../inventory/model.js';
import type { Generation } from '../types.js';

export interface CpuClass {
  vendor: CpuVendor;
  family: string; // marketing generation, e.g. "Intel Westmere-EP"
  rank: number; // order within the vendor, for vMotion compatibility (older < newer)
  legacyGroup: string | null; // legacy FT compatible set; null = no legacy FT on this CPU
  smp: boolean; // SMP-FT capable (hardware MMU, Sandy Bridge / Bulldozer or newer)
}

const intel = (family: string, rank: number, legacyGroup: string | null, smp: boolean): CpuClass => ({
  vendor: 'intel',
  family: `Intel ${family}`,
  rank,
  legacyGroup,
  smp,
});
const amd = (family: string, rank: number, legacyGroup: string | null, smp: boolean): CpuClass => ({
  vendor: 'amd',
  family: `AMD ${family}`,
  rank,
  legacyGroup,
  smp,
});

// Xeon "E5-2670 v2" style names: v1 Sandy Bridge, v2 Ivy Bridge, v3 Haswell, v4 Broadwell, v5/v6 Skylake/Kaby Lake.
// Legacy FT: processors launched after Q1 2015 never got it [K3] (Broadwell and later).
function xeonEseries(line: string, v: number): CpuClass {
  if (line === '7' && v === 1) return intel('Westmere-EX', 5, 'intel-westmere-ex', false);
  const gens: [string, string | null][] = [
    ['Sandy Bridge', 'intel-sandybridge'],
    ['Ivy Bridge', 'intel-ivybridge'],
    ['Haswell', 'intel-haswell'],
    ['Broadwell', null],
    ['Skylake', null],
    ['Kaby Lake', null],
  ];
  const [family, group] = gens[Math.min(v, gens.length) - 1]!;
  return intel(family, 9 + v, group, true);
}

function intelByNumber(n: number): CpuClass | undefined {
  const series = Math.floor(n / 100);
  if ([31, 33, 52, 54, 74].includes(series)) return intel('Penryn (Harpertown/Wolfdale/Yorkfield/Dunnington)', 2, 'intel-penryn', false);
  if ([55, 35].includes(series)) return intel('Nehalem-EP', 3, 'intel-nehalem', false);
  if ([56, 36].includes(series)) return intel('Westmere-EP', 4, 'intel-westmere', false);
  if ([65, 75].includes(series)) return intel('Nehalem-EX', 4, 'intel-nehalem-ex', false);
  if ([30, 32, 51, 53, 71, 72, 73].includes(series)) return intel('Core (Woodcrest/Clovertown/Tigerton)', 1, null, false);
  return undefined;
}

function amdOpteron(n: number): CpuClass | undefined {
  const series = Math.floor(n / 100);
  if ([13, 23, 83].includes(series)) return amd('Barcelona/Shanghai (third-generation Opteron)', 2, 'amd-opteron-gen3', false);
  if ([24, 84].includes(series)) return amd('Istanbul', 3, 'amd-istanbul', false);
  if (series === 41) return amd('Lisbon', 4, 'amd-lisbon', false);
  if (series === 61) return amd('Magny-Cours', 4, 'amd-magny-cours', false);
  if ([32, 42, 62].includes(series)) return amd('Bulldozer', 5, 'amd-bulldozer', true);
  if ([33, 43, 63].includes(series)) return amd('Piledriver', 6, 'amd-piledriver', true);
  if ([12, 22, 82].includes(series)) return amd('Opteron Rev F', 1, null, false);
  return undefined;
}

// Pairing classifies the same few CPU names for every VM x host pair: memoize by name.
const classified = new Map<string, CpuClass | undefined>();

export function classifyCpuName(name: string): CpuClass | undefined {
  if (classified.has(name)) return classified.get(name);
  const c = classifyUncached(name);
  classified.set(name, c);
  return c;
}

function classifyUncached(name: string): CpuClass | undefined {
  const s = name.replace(/\s+/g, ' ');
  if (/\bAtom\b.*\bC2\d{3}\b/i.test(s)) return intel('Avoton (Atom C2000)', 0, null, false);
  if (/Xeon/i.test(s)) {
    const scal = /\b(Platinum|Gold|Silver|Bronze|Max)\s+(\d)(\d)\d\d/i.exec(s);
    if (scal) return intel('Xeon Scalable', 20 + Number(scal[3]), null, true);
    const e = /\bE([357])-\s?(\d{4})[A-Z]*(?:\s*v(\d))?/i.exec(s); // Westmere-EX reads "E7- 4870"
    if (e) return xeonEseries(e[1]!, e[3] ? Number(e[3]) : 1);
    if (/\bE-2\d{3}/i.test(s)) return intel('Coffee Lake (Xeon E-2100+)', 16, null, true);
    if (/\bD-[12]\d{3}/i.test(s)) return intel('Xeon D', 13, null, true);
    if (/\bW-\d{4,5}/i.test(s)) return intel('Xeon W', 15, null, true);
    const old = /\b[EXLW]\s?(\d{4})\b/.exec(s);
    if (old) return intelByNumber(Number(old[1]));
    return undefined;
  }
  if (/EPYC/i.test(s)) {
    const m = /EPYC\s+(\d{4})/i.exec(s);
    const gen = m ? Number(m[1]!.slice(3)) : 0;
    return amd(`EPYC (Zen${gen ? ', gen ' + gen : ''})`, 10 + gen, null, true);
  }
  const op = /Opteron.*?\b(\d{4})\b/i.exec(s);
  if (op) return amdOpteron(Number(op[1]));
  return undefined;
}

export function cpuName(host: Host): string {
  return host.cpu.packages[0]?.description?.trim() || host.cpu.model;
}

export function classifyHost(host: Host): CpuClass | undefined {
  return classifyCpuName(cpuName(host)) ?? (host.cpu.model ? classifyCpuName(host.cpu.model) : undefined);
}

// Capability issue values that mean the CPU itself cannot do FT (not BIOS, licence or network).
export const CPU_ISSUES = ['cpuHwmmuUnsupported', 'cpuHvUnsupported', 'incompatibleCpu'];
export const HV_ISSUES = ['cpuHvDisabled', 'hvDisabled'];
export const PRODUCT_ISSUES = ['unsupportedProduct', 'incompatibleProduct', 'cpuidLimitSet', 'oldBIOS'];
// Every capability issue some host rule reports by name (host-cpu-ft-capable, host-hv-enabled, host-ft-product,
// host-ft-licensed, host-vmotion-nic, host-ft-logging-nic, host-ha-agent); anything else is reported by
// host-ft-product as an unmapped reason.
export const ISSUES_WITH_A_RULE = new Set([
  ...CPU_ISSUES,
  ...HV_ISSUES,
  ...PRODUCT_ISSUES,
  'ftNotLicensed',
  'vMotionNotLicensed',
  'missingVMotionNic',
  'missingFTLoggingNic',
  'haAgentIssue',
]);

// Issue lists the host publishes for a generation, with the property path each came from.
function capabilityIssues(host: Host, generation: Generation): { path: string; issues: string[] }[] {
  const c = host.capability;
  const out: { path: string; issues: string[] }[] = [];
  if (generation === 'smp') {
    if (c.smpFtCompatibilityIssues) out.push({ path: 'capability.smpFtCompatibilityIssues', issues: c.smpFtCompatibilityIssues });
  } else {
    if (c.replayCompatibilityIssues) out.push({ path: 'capability.replayCompatibilityIssues', issues: c.replayCompatibilityIssues });
    if (c.replayUnsupportedReason) out.push({ path: 'capability.replayUnsupportedReason', issues: [c.replayUnsupportedReason] });
    if (c.ftCompatibilityIssues) out.push({ path: 'capability.ftCompatibilityIssues', issues: c.ftCompatibilityIssues });
  }
  return out;
}

// Every issue the host lists for the generation, with its path.
export function allIssues(host: Host, generation: Generation): { path: string; issue: string }[] {
  return capabilityIssues(host, generation).flatMap(({ path, issues }) => issues.map((issue) => ({ path, issue })));
}

export function hasIssue(host: Host, generation: Generation, names: string[]): { path: string; issue: string } | undefined {
  for (const { path, issues } of capabilityIssues(host, generation)) {
    const hit = issues.find((i) => names.includes(i));
    if (hit) return { path, issue: hit };
  }
  return undefined;
}

// True when the host states outright that it supports the generation.
export function capabilitySupported(host: Host, generation: Generation): { path: string; value: boolean } | undefined {
  const c = host.capability;
  if (generation === 'smp')
    return c.smpFtSupported === undefined ? undefined : { path: 'capability.smpFtSupported', value: c.smpFtSupported };
  if (c.ftSupported !== undefined) return { path: 'capability.ftSupported', value: c.ftSupported };
  if (c.recordReplaySupported !== undefined) return { path: 'capability.recordReplaySupported', value: c.recordReplaySupported };
  return undefined;
}

const LEGACY_CLOCK_TOLERANCE_HZ = 400e6; // SiteSurvey flagged pairs more than 400 MHz apart [K4]

export interface PairCheck {
  ok: boolean | undefined; // undefined: cannot tell (unclassified CPU) -> not a blocker
  reason?: string;
  warning?: string; // ok, but worth saying (legacy clocks more than 400 MHz apart)
}

// Can `b` carry the secondary of a VM whose primary runs on `a`?
export function cpuPairCompatible(a: Host, b: Host, generation: Generation, cluster?: Cluster): PairCheck {
  if (a.cpu.vendor !== 'other' && b.cpu.vendor !== 'other' && a.cpu.vendor !== b.cpu.vendor) {
    return { ok: false, reason: `CPU vendor ${b.cpu.vendor} differs from the primary's ${a.cpu.vendor}` };
  }
  if (generation === 'smp' && (cluster?.evcModeKey || cpuName(a) === cpuName(b))) return { ok: true };
  const ca = classifyHost(a);
  const cb = classifyHost(b);
  if (generation === 'legacy') {
    if (!ca || !cb) return cpuName(a) === cpuName(b) ? clockCheck(a, b) : { ok: undefined, reason: 'CPU not classified' };
    if (ca.legacyGroup !== cb.legacyGroup) {
      return { ok: false, reason: `CPU ${cb.family} is not in the primary's FT-compatible set (${ca.family})` };
    }
    return clockCheck(a, b);
  }
  if (!ca || !cb) return { ok: undefined, reason: 'CPU not classified' };
  // Without EVC a VM moves to the same or a newer CPU generation (vMotion compatibility), never to an older one.
  if (cb.rank < ca.rank) {
    return {
      ok: false,
      reason: `CPU generation ${cb.family} is older than the primary's ${ca.family} and the cluster has no EVC mode (not vMotion-compatible)`,
    };
  }
  return { ok: true };
}

// SiteSurvey flagged clocks more than 400 MHz apart [K4]; the FT guides never made it a requirement: a warning.
function clockCheck(a: Host, b: Host): PairCheck {
  const d = Math.abs(a.cpu.hz - b.cpu.hz);
  if (a.cpu.hz > 0 && b.cpu.hz > 0 && d > LEGACY_CLOCK_TOLERANCE_HZ) {
    return {
      ok: true,
      warning: `CPU clock ${Math.round(b.cpu.hz / 1e6)} MHz is ${Math.round(d / 1e6)} MHz from the primary's ${Math.round(a.cpu.hz / 1e6)} MHz (legacy FT allows 400)`,
    };
  }
  return { ok: true };
}
