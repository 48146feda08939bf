// Every rule of the catalogue: the clean inventory passes, a failing inventory fails with the expected
// severity, and the boundary values sit on the right side.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/inventory/model.js';
import { RULES } from '../../../src/rules/catalog/index.js';
import { CATALOGUE_HEADING, catalogueMarkdown } from '../../../src/rules/docs/catalogue.js';
import { sourceIdOf, sourcesMarkdown } from '../../../src/rules/docs/sources.js';
import type { EvaluateOptions, Severity } from '../../../src/rules/types.js';
import {
  GiB,
  TiB,
  cleanInventory,
  cluster0,
  disk,
  ds0,
  host,
  legacyInventory,
  removeFtLogging,
  ruleFindings,
  run,
  setHostVersion,
  setHosts,
  setNicSpeed,
  vm0,
  addVm,
} from './fixtures.js';

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
interface Case {
  rule: string;
  base: Base;
  opts?: Partial<EvaluateOptions>;
  fail: Fail[];
  pass?: Variant[]; // boundary / look-alike inventories that must NOT produce the finding
}

// A second, local datastore on host 1 holding a second disk of the VM.
function withLocalDisk(inv: Inventory): void {
  inv.datastores.push({
    ...structuredClone(ds0(inv)),
    moid: 'datastore-9',
    name: 'local-1',
    multipleHostAccess: false,
    hostMoids: ['host-1'],
  });
  host(inv, 1).datastoreMoids.push('datastore-9');
  vm0(inv).datastoreMoids.push('datastore-9');
  vm0(inv).disks.push(disk(2001, { datastoreMoid: 'datastore-9', fileName: '[local-1] app01/app01_1.vmx' }));
}

const mkBase = (b: Base) => (b === 'smp' ? cleanInventory() : legacyInventory());
const disks = (n: number) => Array.from({ length: n }, (_, i) => disk(2000 + i));

const CASES: Case[] = [
  {
    rule: 'vcenter-ft-generation',
    base: 'legacy',
    fail: [
      {
        name: 'legacy FT under a 6.5 vCenter',
        mutate: (inv) => void (inv.vcenter.version = '6.5.0'),
        severity: 'blocker',
        message: /cannot turn legacy FT on/,
      },
      {
        name: 'SMP-FT under a 5.5 vCenter',
        base: 'smp',
        mutate: (inv) => void (inv.vcenter.version = '5.5.0'),
        severity: 'blocker',
        message: /predates SMP-FT/,
      },
    ],
    pass: [{ name: 'legacy FT under a 6.0 vCenter', mutate: (inv) => void (inv.vcenter.version = '6.0.0') }],
  },
  {
    rule: 'cluster-ha-enabled',
    base: 'smp',
    fail: [
      {
        name: 'HA off',
        mutate: (inv) => void (cluster0(inv).ha.enabled = false),
        severity: 'blocker',
        message: /vSphere HA is off on cluster Prod/,
      },
    ],
  },
  {
    rule: 'cluster-ha-host-monitoring',
    base: 'smp',
    fail: [{ name: 'host monitoring disabled', mutate: (inv) => void (cluster0(inv).ha.hostMonitoring = 'disabled'), severity: 'warning' }],
  },
  {
    rule: 'cluster-ft-host-count',
    base: 'smp',
    fail: [
      {
        name: 'two FT-capable hosts',
        mutate: (inv) => void (host(inv, 3).inMaintenanceMode = true),
        severity: 'warning',
        message: /only 2 FT-capable hosts/,
      },
      {
        name: 'one FT-capable host',
        mutate: (inv) => [2, 3].forEach((i) => removeFtLogging(host(inv, i))),
        severity: 'blocker',
        message: /has 1 FT-capable host;/,
      },
    ],
    pass: [{ name: 'three FT-capable hosts (boundary)', mutate: () => {} }],
  },
  {
    rule: 'cluster-ft-version-match',
    base: 'legacy',
    fail: [
      {
        name: 'one host on another FT version',
        mutate: (inv) => void (host(inv, 3).ftFeatureVersion = '4.0.0-4.0.0-4.0.0'),
        severity: 'warning',
        message: /mixes 2 ESX builds\/FT versions/,
      },
    ],
    pass: [{ name: 'SMP-FT ignores builds', base: 'smp', mutate: (inv) => void (host(inv, 3).product.build = '1') }],
  },
  {
    rule: 'host-version-generation',
    base: 'smp',
    fail: [
      {
        name: 'legacy forced on 7.0 hosts',
        mutate: () => {},
        opts: { profile: 'legacy' },
        severity: 'blocker',
        message: /ESXi 7\.0\.3 cannot run legacy FT/,
      },
    ],
    pass: [{ name: 'legacy forced on 6.0 hosts (boundary)', mutate: (inv) => setHostVersion(inv, '6.0.0'), opts: { profile: 'legacy' } }],
  },
  {
    rule: 'host-cpu-ft-capable',
    base: 'smp',
    fail: [
      {
        name: 'host reports cpuHwmmuUnsupported',
        mutate: (inv) =>
          setHosts(inv, (h) => void (h.capability = { smpFtSupported: false, smpFtCompatibilityIssues: ['cpuHwmmuUnsupported'] })),
        severity: 'blocker',
        message: /cpuHwmmuUnsupported/,
      },
      {
        name: 'no capability published, Westmere name (pre-Sandy Bridge)',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU X5670 @ 2.93GHz'));
          }),
        severity: 'blocker',
        message: /Westmere-EP\) predates SMP-FT/,
      },
      {
        name: 'unrecognised CPU name: info, never a blocker',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.model = 'Hygon C86 7285 32-core Processor';
            h.cpu.packages.forEach((p) => (p.description = 'Hygon C86 7285 32-core Processor'));
          }),
        severity: 'info',
        message: /cannot classify CPU "Hygon C86 7285 32-core Processor"; check the VMware Compatibility Guide/,
      },
      {
        name: 'legacy FT on a post-2015 CPU (no capability)',
        base: 'legacy',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz'));
          }),
        severity: 'blocker',
        message: /Broadwell\) is in no legacy FT compatible set/,
      },
      {
        name: 'legacy: host reports incompatibleCpu',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).capability = { ftSupported: false, replayCompatibilityIssues: ['incompatibleCpu'] }),
        severity: 'blocker',
      },
    ],
    pass: [
      {
        name: 'no capability published, Sandy Bridge E5-2670 (boundary)',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz'));
          }),
      },
      {
        name: 'no capability published, AMD Bulldozer Opteron 6276',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.vendor = 'amd';
            h.cpu.packages.forEach((p) => ((p.description = 'AMD Opteron(tm) Processor 6276'), (p.vendor = 'amd')));
          }),
      },
    ],
  },
  {
    rule: 'host-hv-enabled',
    base: 'smp',
    fail: [
      {
        name: 'cpuHvDisabled',
        mutate: (inv) => void (host(inv, 1).capability = { smpFtSupported: false, smpFtCompatibilityIssues: ['cpuHvDisabled'] }),
        severity: 'blocker',
        message: /disabled in the BIOS/,
      },
      {
        name: 'legacy hvDisabled',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).capability = { ftSupported: false, replayCompatibilityIssues: ['hvDisabled'] }),
        severity: 'blocker',
      },
    ],
  },
  {
    rule: 'host-ft-product',
    base: 'smp',
    fail: [
      {
        name: 'unsupportedProduct',
        mutate: (inv) => void (host(inv, 1).capability.smpFtCompatibilityIssues = ['unsupportedProduct']),
        severity: 'blocker',
      },
      {
        name: 'smpFtSupported = false with no reason',
        mutate: (inv) =>
          void (host(inv, 1).capability = { ...host(inv, 1).capability, smpFtSupported: false, smpFtCompatibilityIssues: [] }),
        severity: 'blocker',
        message: /smpFtSupported = false for SMP-FT and lists no reason/,
      },
      {
        name: 'legacy: ftSupported = false with no reason',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).capability.ftSupported = false),
        severity: 'blocker',
        message: /ftSupported = false for legacy FT and lists no reason/,
      },
      {
        name: 'smpFtSupported = false naming an unmapped reason',
        mutate: (inv) =>
          void (host(inv, 1).capability = {
            ...host(inv, 1).capability,
            smpFtSupported: false,
            smpFtCompatibilityIssues: ['someFutureReason'],
          }),
        severity: 'blocker',
        message: /names only someFutureReason/,
      },
    ],
    pass: [
      {
        name: 'smpFtSupported = false for a reason another rule reports',
        mutate: (inv) =>
          void (host(inv, 1).capability = {
            ...host(inv, 1).capability,
            smpFtSupported: false,
            smpFtCompatibilityIssues: ['ftNotLicensed'],
          }),
      },
    ],
  },
  {
    rule: 'host-ft-licensed',
    base: 'smp',
    fail: [
      {
        name: 'Essentials Plus licence',
        mutate: (inv) => void (host(inv, 1).licenseEdition = 'esx.essentialsPlus.cpuPackage'),
        severity: 'blocker',
        message: /esx\.essentialsPlus\.cpuPackage has no Fault Tolerance/,
      },
      {
        name: 'host reports ftNotLicensed',
        mutate: (inv) => void (host(inv, 1).capability.smpFtCompatibilityIssues = ['ftNotLicensed']),
        severity: 'blocker',
      },
    ],
    pass: [
      { name: 'Standard licence', mutate: (inv) => void (host(inv, 1).licenseEdition = 'esx.standard.cpuPackage') },
      {
        name: 'Standard licence on 5.5 (UNVERIFIED: allowed)',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).licenseEdition = 'esx.standard.cpuPackage'),
      },
    ],
  },
  // Standard on 4.x / 5.0 had no FT (5.0 edition table).
  {
    rule: 'host-ft-licensed',
    base: 'legacy',
    fail: [
      {
        name: 'Standard licence on ESXi 5.0',
        mutate: (inv) => {
          setHostVersion(inv, '5.0.0');
          host(inv, 1).licenseEdition = 'esx.standard.cpuPackage';
        },
        severity: 'blocker',
        message: /Standard\) on ESX\/ESXi 5\.0\.0 has no Fault Tolerance/,
      },
    ],
  },
  {
    rule: 'host-power-management',
    base: 'smp',
    fail: [
      { name: 'balanced policy', mutate: (inv) => void (host(inv, 1).powerPolicy = { key: 2, shortName: 'dynamic' }), severity: 'info' },
    ],
  },
  {
    rule: 'host-hyperthreading',
    base: 'legacy',
    fail: [{ name: 'HT active under legacy FT', mutate: (inv) => void (host(inv, 1).hyperThreading.active = true), severity: 'info' }],
    pass: [{ name: 'HT active under SMP-FT', base: 'smp', mutate: (inv) => void (host(inv, 1).hyperThreading.active = true) }],
  },
  {
    rule: 'host-ft-logging-nic',
    base: 'smp',
    fail: [
      {
        name: 'no FT logging vmknic',
        mutate: (inv) => removeFtLogging(host(inv, 1)),
        severity: 'blocker',
        message: /no VMkernel NIC is enabled for FT logging/,
      },
    ],
  },
  {
    rule: 'host-ft-logging-bandwidth',
    base: 'smp',
    fail: [
      {
        name: 'SMP-FT on 1 Gb/s',
        mutate: (inv) => setNicSpeed(host(inv, 1), 1000),
        severity: 'warning',
        message: /1000 Mb\/s; SMP-FT needs 10000/,
      },
      {
        name: 'legacy on 100 Mb/s',
        base: 'legacy',
        mutate: (inv) => setNicSpeed(host(inv, 1), 100),
        severity: 'warning',
        message: /legacy FT needs 1000/,
      },
      {
        name: 'every uplink down',
        mutate: (inv) => setNicSpeed(host(inv, 1), null),
        severity: 'blocker',
        message: /every FT logging uplink is down \(vmnic2, vmnic3\)/,
      },
      {
        name: 'no uplink found',
        mutate: (inv) => void (host(inv, 1).vmknics[2]!.uplinks = []),
        severity: 'warning',
        message: /no physical uplink found/,
      },
    ],
    pass: [
      { name: 'SMP-FT on 10 Gb/s (boundary)', mutate: (inv) => setNicSpeed(host(inv, 1), 10000) },
      { name: 'legacy on 1 Gb/s (boundary)', base: 'legacy', mutate: (inv) => setNicSpeed(host(inv, 1), 1000) },
      // insufficientBandwidth is a VM-level vCenter reason, never a host capability issue: the link speed decides.
      {
        name: 'a capability list naming insufficientBandwidth at 10 Gb/s',
        mutate: (inv) => void host(inv, 1).capability.smpFtCompatibilityIssues!.push('insufficientBandwidth'),
      },
    ],
  },
  {
    rule: 'host-ft-logging-uplinks',
    base: 'smp',
    fail: [
      {
        name: 'single uplink',
        mutate: (inv) => void host(inv, 1).vmknics[2]!.uplinks.splice(1),
        severity: 'warning',
        message: /single uplink \(vmnic2\)/,
      },
      {
        name: 'two uplinks, one link down',
        mutate: (inv) => void (host(inv, 1).vmknics[2]!.uplinks[1]!.speedMb = null),
        severity: 'warning',
        message: /one uplink with link up \(vmnic2\); vmnic3 is down/,
      },
    ],
  },
  {
    rule: 'host-ft-logging-ipv6',
    base: 'legacy',
    fail: [{ name: 'IPv6-only FT vmknic', mutate: (inv) => void (host(inv, 1).vmknics[2]!.ipv6Only = true), severity: 'warning' }],
    pass: [{ name: 'IPv6 under SMP-FT', base: 'smp', mutate: (inv) => void (host(inv, 1).vmknics[2]!.ipv6Only = true) }],
  },
  {
    rule: 'host-ft-vmotion-separate',
    base: 'smp',
    fail: [
      {
        name: 'FT logging and vMotion on one vmknic',
        mutate: (inv) => void host(inv, 1).vmknics[2]!.services.push('vmotion'),
        severity: 'info',
        message: /vmk2 carries both/,
      },
    ],
  },
  {
    rule: 'host-vmotion-nic',
    base: 'smp',
    fail: [{ name: 'no vMotion vmknic', mutate: (inv) => void (host(inv, 1).vmknics[1]!.services = ['management']), severity: 'blocker' }],
  },
  {
    rule: 'host-ha-agent',
    base: 'smp',
    fail: [
      {
        name: 'agent unreachable',
        mutate: (inv) => void (host(inv, 1).dasHostState = 'fdmUnreachable'),
        severity: 'blocker',
        message: /fdmUnreachable/,
      },
      { name: 'election in progress', mutate: (inv) => void (host(inv, 1).dasHostState = 'election'), severity: 'warning' },
    ],
    pass: [
      {
        name: 'HA off (reported by cluster-ha-enabled instead)',
        mutate: (inv) => {
          cluster0(inv).ha.enabled = false;
          host(inv, 1).dasHostState = 'uninitialized';
        },
      },
    ],
  },
  {
    rule: 'host-state',
    base: 'smp',
    fail: [
      {
        name: 'primary host in maintenance',
        mutate: (inv) => void (host(inv, 1).inMaintenanceMode = true),
        severity: 'warning',
        message: /maintenance mode/,
      },
    ],
  },
  {
    rule: 'host-cpu-threads',
    base: 'smp',
    fail: [{ name: '4 threads', mutate: (inv) => void (host(inv, 1).cpu.numThreads = 4), severity: 'info' }],
    pass: [{ name: '6 threads (boundary)', mutate: (inv) => void (host(inv, 1).cpu.numThreads = 6) }],
  },
  {
    rule: 'datastore-shared',
    base: 'smp',
    fail: [
      {
        name: 'legacy: local datastore',
        base: 'legacy',
        mutate: (inv) => {
          ds0(inv).multipleHostAccess = false;
        },
        severity: 'blocker',
        message: /shared-ds is local/,
      },
      { name: 'inaccessible', mutate: (inv) => void (ds0(inv).accessible = false), severity: 'blocker' },
    ],
    pass: [
      { name: 'no multipleHostAccess but mounted on 3 hosts', mutate: (inv) => void delete ds0(inv).multipleHostAccess },
      // SMP-FT: only the files other than the disks must be shared (vm-files-shared)
      { name: 'SMP-FT: a local datastore', mutate: (inv) => void (ds0(inv).multipleHostAccess = false) },
    ],
  },
  {
    rule: 'vm-files-shared',
    base: 'smp',
    fail: [
      {
        name: 'VM home on a local datastore',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).vmPathName = '[local-1] app01/app01.vmx';
        },
        severity: 'blocker',
        message: /the VM home is on local datastore local-1/,
      },
      {
        name: 'FT metadata on a local datastore',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).vmPathName = '[shared-ds] app01/app01.vmx';
          vm0(inv).ftMetadataDirectory = '[local-1] app01/';
        },
        severity: 'blocker',
        message: /the FT metadata directory is on local datastore local-1/,
      },
      {
        name: 'home unreadable, a local datastore in use',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).unreadable.push({ path: 'config.files.vmPathName', fault: 'NoPermission' });
        },
        severity: 'unknown',
        message: /config\.files\.vmPathName is unreadable \(NoPermission\); the VM uses a local datastore/,
      },
    ],
    pass: [
      {
        name: 'disks on a local datastore, home shared',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).vmPathName = '[shared-ds] app01/app01.vmx';
        },
      },
      {
        name: 'home unreadable, every datastore shared',
        mutate: (inv) => void vm0(inv).unreadable.push({ path: 'config.files.vmPathName', fault: 'NoPermission' }),
      },
    ],
  },
  {
    rule: 'datastore-type',
    base: 'smp',
    fail: [
      { name: 'vVol', mutate: (inv) => void (ds0(inv).type = 'VVOL'), severity: 'blocker', message: /vVol/ },
      {
        name: 'vSAN under legacy FT (5.5 Storage, Limitations of Virtual SAN)',
        base: 'legacy',
        mutate: (inv) => void (ds0(inv).type = 'vsan'),
        severity: 'blocker',
        not: 'warning',
      },
    ],
    pass: [
      { name: 'vSAN under SMP-FT', mutate: (inv) => void (ds0(inv).type = 'vsan') },
      { name: 'NFS', mutate: (inv) => void (ds0(inv).type = 'NFS') },
    ],
  },
  {
    rule: 'vm-vcpu-count',
    base: 'legacy',
    fail: [
      {
        name: 'legacy: 2 vCPUs',
        mutate: (inv) => void (vm0(inv).numCpu = 2),
        opts: { profile: 'legacy' },
        severity: 'blocker',
        message: /^2 vCPUs; legacy FT allows 1$/,
      },
      {
        name: '8.0 Enterprise Plus: 9 vCPUs',
        base: 'smp',
        mutate: (inv) => {
          setHostVersion(inv, '8.0.2');
          vm0(inv).numCpu = 9;
        },
        severity: 'blocker',
        message: /^9 vCPUs; SMP-FT allows 8 \(Enterprise Plus/,
      },
      {
        name: 'Standard: 3 vCPUs',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void (h.licenseEdition = 'esx.standard.cpuPackage'));
          vm0(inv).numCpu = 3;
        },
        severity: 'blocker',
        message: /3 vCPUs; SMP-FT allows 2 \(Standard edition; edition from licence esx\.standard\.cpuPackage\)/,
      },
      {
        name: '6.0 Enterprise Plus without host cap: 5 vCPUs',
        base: 'smp',
        mutate: (inv) => {
          setHostVersion(inv, '6.0.0');
          setHosts(inv, (h) => void delete h.capability.maxVcpusPerFtVm);
          vm0(inv).numCpu = 5;
        },
        severity: 'blocker',
        message: /allows 4 \(Enterprise Plus on ESXi 6\.0\.0/,
      },
      {
        name: '--edition standard when no licence was read',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void delete h.licenseEdition);
          vm0(inv).numCpu = 4;
        },
        opts: { edition: 'standard' },
        severity: 'blocker',
        message: /edition from --edition/,
      },
      {
        name: 'edition unknown (licence not read, no --edition): 4 vCPUs are unknown, naming Global.Licenses',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void delete h.licenseEdition);
          vm0(inv).numCpu = 4;
        },
        severity: 'unknown',
        message:
          /4 vCPUs fit only with Enterprise Plus .*edition of host .* is unknown: host licence not read \(no licence assignment returned; reading it needs Global\.Licenses\), no --edition/,
      },
    ],
    pass: [
      { name: 'legacy: 1 vCPU (boundary)', mutate: () => {} },
      {
        name: '8.0 Enterprise Plus: 8 vCPUs (boundary)',
        base: 'smp',
        mutate: (inv) => {
          setHostVersion(inv, '8.0.2');
          vm0(inv).numCpu = 8;
        },
      },
      {
        name: 'edition unknown: 2 vCPUs (what every FT edition allows)',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void delete h.licenseEdition);
          vm0(inv).numCpu = 2;
        },
      },
      {
        name: 'Standard: 2 vCPUs (boundary)',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void (h.licenseEdition = 'esx.standard.cpuPackage'));
          vm0(inv).numCpu = 2;
        },
      },
    ],
  },
  {
    rule: 'vm-memory-size',
    base: 'smp',
    fail: [
      {
        name: 'one MB over the host cap',
        mutate: (inv) => void (vm0(inv).memoryMB = 131073),
        severity: 'blocker',
        message: /capability\.maxMemMBPerFtVm/,
      },
    ],
    pass: [{ name: 'exactly the host cap (boundary)', mutate: (inv) => void (vm0(inv).memoryMB = 131072) }],
  },
  {
    rule: 'vm-thin-disks',
    base: 'legacy',
    fail: [
      {
        name: 'thin disk with enough free space: warning naming power-off and space',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'thin'),
        severity: 'warning',
        message: /Hard disk 1 \(thin\) on shared-ds: vCenter converts .* VM powered off and up to 100 GiB free on shared-ds/,
      },
      {
        name: 'thin disk without enough free space: blocker',
        mutate: (inv) => {
          vm0(inv).disks[0]!.backing = 'thin';
          ds0(inv).freeBytes = 100 * GiB - 1;
        },
        severity: 'blocker',
        message: /cannot be converted: it needs up to 100 GiB free, the datastore has 100 GiB \(1 B short\)/,
      },
      {
        name: 'free space exactly the need (boundary): still a warning, not a blocker',
        mutate: (inv) => {
          vm0(inv).disks[0]!.backing = 'thin';
          ds0(inv).freeBytes = 100 * GiB;
        },
        severity: 'warning',
        not: 'blocker',
      },
      {
        name: 'lazy-zeroed disk: warning (no extra space)',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'lazyZeroedThick'),
        severity: 'warning',
        message: /lazy-zeroed thick/,
      },
      {
        name: 'free space unreadable: unknown',
        mutate: (inv) => {
          vm0(inv).disks[0]!.backing = 'thin';
          ds0(inv).unreadable.push({ path: 'summary.freeSpace', fault: 'NoPermission' });
        },
        severity: 'unknown',
      },
    ],
    pass: [{ name: 'SMP-FT allows thin disks', base: 'smp', mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'thin') }],
  },
  {
    rule: 'vm-disk-backing',
    base: 'smp',
    fail: [
      {
        name: 'SEsparse disk',
        mutate: (inv) => Object.assign(vm0(inv).disks[0]!, { backing: 'sparse', backingType: 'VirtualDiskSeSparseBackingInfo' }),
        severity: 'blocker',
      },
    ],
  },
  {
    rule: 'vm-physical-rdm',
    base: 'legacy',
    fail: [
      {
        name: 'physical RDM',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'rdmPhysical'),
        severity: 'blocker',
        message: /physical-mode RDM/,
      },
      {
        name: 'virtual RDM under SMP-FT',
        base: 'smp',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'rdmVirtual'),
        severity: 'warning',
      },
    ],
    pass: [{ name: 'virtual RDM under legacy FT', mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'rdmVirtual') }],
  },
  {
    rule: 'vm-large-disks',
    base: 'smp',
    fail: [
      {
        name: '2 TiB + 1 byte',
        mutate: (inv) => void (vm0(inv).disks[0]!.capacityBytes = 2 * TiB + 1),
        severity: 'blocker',
        message: /SMP-FT allows at most 2 TiB/,
      },
      {
        name: 'legacy FT on 5.5: a 62 TB-era disk',
        base: 'legacy',
        mutate: (inv) => void (vm0(inv).disks[0]!.capacityBytes = 4 * TiB),
        severity: 'blocker',
        message: /legacy FT allows at most 2 TiB/,
      },
    ],
    pass: [{ name: 'exactly 2 TiB (boundary)', mutate: (inv) => void (vm0(inv).disks[0]!.capacityBytes = 2 * TiB) }],
  },
  {
    rule: 'vm-disk-count',
    base: 'smp',
    fail: [
      {
        name: '17 disks under SMP-FT',
        mutate: (inv) => void (vm0(inv).disks = disks(17)),
        severity: 'blocker',
        message: /^17 virtual disks; FT allows 16$/,
      },
      { name: '17 disks under legacy FT', base: 'legacy', mutate: (inv) => void (vm0(inv).disks = disks(17)), severity: 'warning' },
    ],
    pass: [{ name: '16 disks (boundary)', mutate: (inv) => void (vm0(inv).disks = disks(16)) }],
  },
  {
    rule: 'vm-snapshots',
    base: 'smp',
    fail: [
      {
        name: 'one snapshot',
        mutate: (inv) => void (vm0(inv).snapshotCount = 1),
        severity: 'blocker',
        message: /^1 snapshot; FT needs none$/,
      },
    ],
  },
  {
    rule: 'vm-linked-clone',
    base: 'smp',
    fail: [{ name: 'delta disk without snapshot', mutate: (inv) => void (vm0(inv).disks[0]!.hasParent = true), severity: 'blocker' }],
    pass: [
      {
        name: 'delta disk of a snapshot (vm-snapshots reports it)',
        mutate: (inv) => {
          vm0(inv).disks[0]!.hasParent = true;
          vm0(inv).snapshotCount = 1;
        },
      },
    ],
  },
  {
    rule: 'vm-hw-version',
    base: 'legacy',
    fail: [
      { name: 'vmx-06', mutate: (inv) => void (vm0(inv).hwVersion = 6), severity: 'blocker', message: /vmx-06; FT needs vmx-07/ },
      { name: 'SMP-FT on vmx-10: info', base: 'smp', mutate: (inv) => void (vm0(inv).hwVersion = 10), severity: 'info' },
    ],
    pass: [{ name: 'vmx-07 (boundary)', mutate: (inv) => void (vm0(inv).hwVersion = 7) }],
  },
  {
    rule: 'vm-guest-os',
    base: 'legacy',
    fail: [{ name: 'otherGuest', mutate: (inv) => void (vm0(inv).guestId = 'otherGuest'), severity: 'warning' }],
    pass: [{ name: 'SMP-FT accepts any guest', base: 'smp', mutate: (inv) => void (vm0(inv).guestId = 'otherGuest') }],
  },
  {
    rule: 'vm-vmi-paravirtualization',
    base: 'legacy',
    fail: [{ name: 'VMI ROM', mutate: (inv) => void (vm0(inv).vmiRom = true), severity: 'blocker' }],
  },
  {
    rule: 'vm-pcnet32-nic',
    base: 'legacy',
    fail: [
      {
        name: 'vlance NIC',
        mutate: (inv) => {
          vm0(inv).pcnet32 = true;
          vm0(inv).nics[0]!.type = 'VirtualPCNet32';
        },
        severity: 'blocker',
        message: /Network adapter 1 is a vlance/,
      },
    ],
    pass: [{ name: 'vlance under SMP-FT', base: 'smp', mutate: (inv) => void (vm0(inv).pcnet32 = true) }],
  },
  {
    rule: 'vm-removable-devices',
    base: 'smp',
    fail: [
      {
        name: "CD-ROM on the host's drive",
        mutate: (inv) => void Object.assign(vm0(inv).removable[0]!, { backing: 'hostDevice', backingType: 'VirtualCdromAtapiBackingInfo' }),
        severity: 'blocker',
        message: /physical device/,
      },
      {
        name: 'connected client device',
        mutate: (inv) =>
          void Object.assign(vm0(inv).removable[0]!, {
            backing: 'client',
            backingType: 'VirtualCdromRemotePassthroughBackingInfo',
            connected: true,
          }),
        severity: 'blocker',
      },
      {
        name: 'disconnected client device: still a blocker',
        mutate: (inv) =>
          void Object.assign(vm0(inv).removable[0]!, { backing: 'client', backingType: 'VirtualCdromRemotePassthroughBackingInfo' }),
        severity: 'blocker',
        not: 'warning',
        message: /\(disconnected\)/,
      },
    ],
  },
  {
    rule: 'vm-npiv',
    base: 'legacy',
    fail: [{ name: 'NPIV WWNs', mutate: (inv) => void (vm0(inv).npiv = true), severity: 'blocker' }],
  },
  {
    rule: 'vm-device-hot-add',
    base: 'smp',
    fail: [
      {
        name: 'CPU hot-add on',
        mutate: (inv) => void (vm0(inv).cpuHotAdd = true),
        severity: 'warning',
        message: /CPU hot-add enabled; vCenter turns hot-plug off/,
      },
    ],
  },
  {
    rule: 'vm-clustering',
    base: 'legacy',
    fail: [
      {
        name: 'shared SCSI bus',
        mutate: (inv) => void (vm0(inv).scsiControllers[0]!.busSharing = 'physicalSharing'),
        severity: 'blocker',
        message: /shares its bus/,
      },
      {
        name: 'multi-writer disk',
        base: 'smp',
        mutate: (inv) => void (vm0(inv).disks[0]!.sharing = 'sharingMultiWriter'),
        severity: 'blocker',
        message: /multi-writer/,
      },
    ],
  },
  {
    rule: 'vm-usb-devices',
    base: 'smp',
    fail: [
      {
        name: 'USB device',
        mutate: (inv) => void vm0(inv).usb.push({ key: 15000, label: 'USB 1', type: 'VirtualUSB' }),
        severity: 'blocker',
      },
      {
        name: 'bare USB controller',
        mutate: (inv) => void vm0(inv).usbControllers.push({ key: 14000, label: 'USB xHCI controller', type: 'VirtualUSBXHCIController' }),
        severity: 'info',
      },
    ],
  },
  {
    rule: 'vm-sound-card',
    base: 'smp',
    fail: [
      {
        name: 'HD audio',
        mutate: (inv) => void vm0(inv).sound.push({ key: 5000, label: 'Sound card', type: 'VirtualHdAudioCard' }),
        severity: 'blocker',
      },
    ],
  },
  {
    rule: 'vm-serial-parallel-ports',
    base: 'legacy',
    fail: [
      {
        name: 'serial port',
        mutate: (inv) => void vm0(inv).serial.push({ key: 9000, label: 'Serial port 1', type: 'VirtualSerialPort' }),
        severity: 'blocker',
      },
      {
        name: 'parallel port',
        base: 'smp',
        mutate: (inv) => void vm0(inv).parallel.push({ key: 10000, label: 'Parallel port 1', type: 'VirtualParallelPort' }),
        severity: 'blocker',
      },
    ],
  },
  {
    rule: 'vm-3d-video',
    base: 'smp',
    fail: [{ name: '3D on', mutate: (inv) => void (vm0(inv).video3d = true), severity: 'blocker' }],
  },
  {
    rule: 'vm-passthrough',
    base: 'smp',
    fail: [
      {
        name: 'vGPU',
        mutate: (inv) => void vm0(inv).passthrough.push({ key: 13000, label: 'PCI device 0', type: 'VirtualPCIPassthrough', kind: 'vgpu' }),
        severity: 'blocker',
        message: /PCI device 0 \(vgpu\)/,
      },
    ],
  },
  {
    rule: 'vm-efi-firmware',
    base: 'smp',
    fail: [
      {
        name: 'host says no',
        mutate: (inv) => {
          vm0(inv).firmware = 'efi';
          setHosts(inv, (h) => void (h.capability.ftEfiSupported = false));
        },
        severity: 'blocker',
        message: /ftEfiSupported = false/,
      },
      {
        name: 'host does not say',
        mutate: (inv) => {
          vm0(inv).firmware = 'efi';
          setHosts(inv, (h) => void delete h.capability.ftEfiSupported);
        },
        severity: 'info',
      },
      { name: 'legacy FT', base: 'legacy', mutate: (inv) => void (vm0(inv).firmware = 'efi'), severity: 'blocker' },
      {
        name: '6.5 host (no flag before 6.7)',
        mutate: (inv) => {
          vm0(inv).firmware = 'efi';
          setHostVersion(inv, '6.5.0');
          setHosts(inv, (h) => void delete h.capability.ftEfiSupported);
        },
        severity: 'blocker',
        message: /SMP-FT on ESXi 6\.5\.0 .* does not support EFI/,
        not: 'info',
      },
    ],
    pass: [{ name: 'host says yes', mutate: (inv) => void (vm0(inv).firmware = 'efi') }],
  },
  {
    rule: 'vm-nested-hv',
    base: 'smp',
    fail: [{ name: 'nested HV', mutate: (inv) => void (vm0(inv).nestedHv = true), severity: 'blocker' }],
  },
  {
    rule: 'vm-vbs',
    base: 'smp',
    fail: [{ name: 'VBS', mutate: (inv) => void (vm0(inv).vbs = true), severity: 'blocker' }],
  },
  {
    rule: 'vm-vtpm',
    base: 'smp',
    fail: [
      { name: 'vTPM on 7.0', mutate: (inv) => void (vm0(inv).vtpm = true), severity: 'blocker' },
      {
        name: 'vTPM on 8.0',
        mutate: (inv) => {
          vm0(inv).vtpm = true;
          setHostVersion(inv, '8.0.1');
        },
        severity: 'warning',
      },
    ],
  },
  {
    rule: 'vm-encryption',
    base: 'smp',
    fail: [
      { name: 'host supports encrypted FT: info', mutate: (inv) => void (vm0(inv).encrypted = true), severity: 'info' },
      {
        name: 'host says no',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          setHosts(inv, (h) => void (h.capability.encryptedFtSupported = false));
        },
        severity: 'blocker',
      },
      {
        name: '6.7 host without the flag',
        mutate: (inv) => {
          vm0(inv).disks[0]!.encrypted = true;
          setHostVersion(inv, '6.7.0');
          setHosts(inv, (h) => void delete h.capability.encryptedFtSupported);
        },
        severity: 'blocker',
        message: /Hard disk 1 is encrypted/,
      },
      { name: 'legacy FT', base: 'legacy', mutate: (inv) => void (vm0(inv).encrypted = true), severity: 'blocker' },
      {
        name: '7.0 before Update 2 (API 7.0.1.0), no flag',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          setHosts(inv, (h) => {
            delete h.capability.encryptedFtSupported;
            h.product = { ...h.product, version: '7.0.1', apiVersion: '7.0.1.0' };
          });
        },
        severity: 'blocker',
        message: /before Update 2 \(API 7\.0\.1\.0\)/,
      },
    ],
    pass: [],
  },
  {
    rule: 'vm-vflash',
    base: 'legacy',
    fail: [{ name: 'vFlash reservation', mutate: (inv) => void (vm0(inv).disks[0]!.vFlashReservationMB = 1024), severity: 'blocker' }],
  },
  {
    rule: 'vm-io-filters',
    base: 'smp',
    fail: [{ name: 'I/O filter', mutate: (inv) => void (vm0(inv).disks[0]!.iofilters = ['VMW_vmwarevmcrypt_1.0.0']), severity: 'blocker' }],
  },
  {
    rule: 'vm-pmem',
    base: 'smp',
    fail: [{ name: 'NVDIMM', mutate: (inv) => void (vm0(inv).nvdimm = true), severity: 'blocker' }],
  },
  {
    rule: 'vm-nsx-network',
    base: 'smp',
    fail: [
      {
        name: 'NSX port group on 8.0',
        mutate: (inv) => {
          setHostVersion(inv, '8.0.2');
          inv.networks[0]!.backingType = 'nsx';
        },
        severity: 'blocker',
        message: /Network adapter 1 \(VM Network\) on NSX-backed networks/,
      },
      {
        name: 'NSX port group on 7.0: warning (the 7.0 guides are silent)',
        mutate: (inv) => void (inv.networks[0]!.backingType = 'nsx'),
        severity: 'warning',
        not: 'blocker',
        message: /silent/,
      },
    ],
  },
  {
    rule: 'vm-vmci',
    base: 'smp',
    fail: [
      {
        name: 'unrestricted VM-to-VM VMCI',
        mutate: (inv) => void (vm0(inv).vmciUnrestricted = true),
        severity: 'warning',
        not: 'blocker',
        message: /VM-to-VM/,
      },
    ],
    pass: [{ name: 'a VMCI device without VM-to-VM communication', mutate: (inv) => void (vm0(inv).vmciUnrestricted = false) }],
  },
  {
    rule: 'vm-vpmc',
    base: 'smp',
    fail: [{ name: 'vPMC on', mutate: (inv) => void (vm0(inv).vpmc = true), severity: 'warning' }],
  },
  {
    rule: 'vm-esx40-devices',
    base: 'legacy',
    fail: [{ name: 'vmxnet3 on ESX 4.0', mutate: (inv) => setHostVersion(inv, '4.0.0'), severity: 'blocker' }],
    pass: [{ name: 'vmxnet3 on ESX 4.1 (boundary)', mutate: (inv) => setHostVersion(inv, '4.1.0') }],
  },
  {
    rule: 'vm-storage-vmotion',
    base: 'smp',
    fail: [
      {
        name: 'already protected',
        mutate: (inv) => void (vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'info',
      },
    ],
  },
  {
    rule: 'vm-drs-automation',
    base: 'legacy',
    fail: [
      { name: 'DRS without EVC', mutate: (inv) => void delete cluster0(inv).evcModeKey, severity: 'info', message: /no EVC/ },
      {
        name: 'SMP-FT under vCenter 6.5 without EVC',
        base: 'smp',
        mutate: (inv) => void (inv.vcenter.version = '6.5.0'),
        severity: 'info',
        message: /under vCenter 6\.5\.0 DRS does not act on SMP-FT VMs without EVC/,
      },
    ],
    pass: [
      {
        name: 'DRS disabled for the VM',
        mutate: (inv) => {
          delete cluster0(inv).evcModeKey;
          cluster0(inv).drs.vmOverrides.push({ vmMoid: 'vm-100', enabled: false });
        },
      },
      { name: 'SMP-FT under vCenter 6.7 without EVC', base: 'smp', mutate: (inv) => void (inv.vcenter.version = '6.7.0') },
    ],
  },
  {
    rule: 'vm-ha-restart-disabled',
    base: 'smp',
    fail: [
      {
        name: 'restart priority disabled',
        mutate: (inv) => void cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-100', restartPriority: 'disabled' }),
        severity: 'blocker',
        message: /overridden to disabled/,
      },
      {
        name: 'cluster default disabled, no override',
        mutate: (inv) => void (cluster0(inv).ha.defaultRestartPriority = 'disabled'),
        severity: 'blocker',
        message: /default VM restart priority to disabled/,
      },
      {
        name: 'cluster default disabled, override inherits it',
        mutate: (inv) => {
          cluster0(inv).ha.defaultRestartPriority = 'disabled';
          cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-100', restartPriority: 'clusterRestartPriority' });
        },
        severity: 'blocker',
      },
    ],
    pass: [
      {
        name: "another VM's override",
        mutate: (inv) => void cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-999', restartPriority: 'disabled' }),
      },
      {
        name: 'cluster default disabled, VM override high',
        mutate: (inv) => {
          cluster0(inv).ha.defaultRestartPriority = 'disabled';
          cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-100', restartPriority: 'high' });
        },
      },
    ],
  },
  {
    rule: 'vm-datastore-access',
    base: 'smp',
    fail: [
      {
        name: 'host does not mount the VM datastore',
        mutate: (inv) => void (host(inv, 1).datastoreMoids = []),
        severity: 'blocker',
        message: /host esx-01\.lab does not mount shared-ds/,
      },
    ],
  },
  {
    rule: 'vm-datastore-mix',
    base: 'smp',
    fail: [
      {
        name: 'vSAN plus VMFS',
        mutate: (inv) => {
          inv.datastores.push({ ...structuredClone(ds0(inv)), moid: 'datastore-9', name: 'vsanDatastore', type: 'vsan' });
          vm0(inv).datastoreMoids.push('datastore-9');
          setHosts(inv, (h) => void h.datastoreMoids.push('datastore-9'));
        },
        severity: 'blocker',
      },
    ],
  },
  {
    rule: 'vm-ft-capacity',
    base: 'smp',
    fail: [
      {
        name: "the VM's host is at das.maxftvmsperhost",
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVmsPerHost = 1;
          addVm(inv, 'ft-1', { hostMoid: 'host-1', ft: { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /the primary has no room\): primary host esx-01\.lab already carries 1 FT VM \(das\.maxftvmsperhost = 1\)/,
      },
      {
        name: 'every secondary candidate is at das.maxftvcpusperhost',
        mutate: (inv) => {
          addVm(inv, 'sec-2', {
            hostMoid: 'host-2',
            numCpu: 7,
            ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] },
          });
          addVm(inv, 'sec-3', {
            hostMoid: 'host-3',
            numCpu: 7,
            ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] },
          });
        },
        severity: 'blocker',
        message: /the secondary has no room\): esx-02\.lab already carries 7 FT vCPUs; 2 more exceed das\.maxftvcpusperhost = 8/,
      },
      {
        name: "the primary's host cannot reserve the VM's full memory (other VMs' reservations)",
        mutate: (inv) => void addVm(inv, 'big-1', { hostMoid: 'host-1', memoryMB: 8192, memoryReservationMB: 510 * 1024 }),
        severity: 'blocker',
        message:
          /primary host esx-01\.lab has 2 GB of its 512 GB memory unreserved \(510 GB reserved by its VMs\); the primary needs 8 GB reserved/,
      },
      {
        name: "no secondary candidate can reserve the VM's full memory (FT VMs count at full memory)",
        mutate: (inv) => {
          for (const h of ['host-2', 'host-3'])
            addVm(inv, `ft-${h}`, {
              hostMoid: h,
              memoryMB: 508 * 1024,
              ft: { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] },
            });
        },
        severity: 'blocker',
        message: /the secondary has no room\): esx-02\.lab has 4 GB of its 512 GB memory unreserved .*the secondary needs 8 GB reserved/,
      },
      {
        name: "the primary host's memory size is unreadable: unknown, naming the property",
        mutate: (inv) => {
          delete host(inv, 1).memoryBytes;
          host(inv, 1).unreadable.push({ path: 'summary.hardware.memorySize', fault: 'NoPermission' });
        },
        severity: 'unknown',
        message: /summary\.hardware\.memorySize of host esx-01\.lab not read/,
      },
      {
        name: "a VM's reservation on the only other candidates is unreadable: unknown",
        mutate: (inv) => {
          for (const h of ['host-2', 'host-3']) {
            const v = addVm(inv, `x-${h}`, { hostMoid: h });
            v.unreadable.push({ path: 'config.memoryAllocation.reservation', fault: 'NoPermission' });
          }
        },
        severity: 'unknown',
        message: /config\.memoryAllocation\.reservation of VM x-host-2 not read/,
      },
      {
        name: 'SMP-FT: no datastore the secondary mounts has room for the disk copy',
        mutate: (inv) => void (ds0(inv).freeBytes = 50 * GiB),
        severity: 'blocker',
        message: /mounts no datastore with 100 GB free for the SMP-FT disk copy \(the most free: 50 GB\)/,
      },
      {
        name: "SMP-FT: the datastore's free space is unreadable: unknown",
        mutate: (inv) => void ds0(inv).unreadable.push({ path: 'summary', fault: 'NoPermission' }),
        severity: 'unknown',
        message: /summary\.freeSpace of shared-ds not read/,
      },
      {
        name: 'a dedicated HA failover host runs no secondary',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverHostAdmissionControlPolicy',
            failoverHosts: ['host-2', 'host-3'],
          };
        },
        severity: 'blocker',
        message: /esx-02\.lab is a dedicated HA failover host/,
      },
      {
        name: "a needSecondary VM's missing secondary keeps its slot: the candidate that looked free is taken",
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVmsPerHost = 1;
          // The pending secondary of pend-3 (host 3) is reserved on host 1, the least loaded other host.
          addVm(inv, 'pend-3', { hostMoid: 'host-3', ft: { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /primary host esx-01\.lab already carries 1 FT VM \(das\.maxftvmsperhost = 1\)/,
      },
      {
        name: 'a disabled pair takes back both slots',
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVmsPerHost = 1;
          addVm(inv, 'dis-3', { hostMoid: 'host-3', ft: { state: 'disabled', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /primary host esx-01\.lab already carries 1 FT VM/,
      },
    ],
    pass: [
      {
        name: 'one secondary candidate has room (boundary: exactly 8)',
        mutate: (inv) =>
          void addVm(inv, 'sec-2', {
            hostMoid: 'host-2',
            numCpu: 7,
            ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] },
          }),
      },
      {
        name: '0 turns the vCPU check off',
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVcpusPerHost = 0;
          for (const h of ['host-2', 'host-3'])
            addVm(inv, `sec-${h}`, { hostMoid: h, numCpu: 7, ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] } });
        },
      },
      {
        name: 'legacy FT knows only the VM count',
        base: 'legacy',
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVcpusPerHost = 1;
          addVm(inv, 'ft-1', { hostMoid: 'host-1', ft: { state: 'running', role: 1, type: 'recordReplay', instanceUuids: [] } });
        },
      },
      {
        name: 'memory boundary: exactly the full memory left unreserved on the primary host',
        mutate: (inv) => void addVm(inv, 'big-1', { hostMoid: 'host-1', memoryReservationMB: 504 * 1024 }),
      },
      {
        name: "a powered-off VM's reservation holds no memory",
        mutate: (inv) => void addVm(inv, 'off-1', { hostMoid: 'host-1', powerState: 'poweredOff', memoryReservationMB: 510 * 1024 }),
      },
      {
        name: 'legacy FT shares the disks: no disk copy',
        base: 'legacy',
        mutate: (inv) => void (ds0(inv).freeBytes = 1 * GiB),
      },
      {
        name: 'disk copy boundary: free space exactly the provisioned size',
        mutate: (inv) => void (ds0(inv).freeBytes = 100 * GiB),
      },
    ],
  },
  {
    rule: 'vm-ft-cluster-memory',
    base: 'smp',
    fail: [
      {
        name: "the root resource pool cannot reserve the primary's and the secondary's memory",
        mutate: (inv) => void (cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 10 * GiB }),
        severity: 'blocker',
        message:
          /root resource pool has 10240 MB unreserved for VMs; FT needs 16384 MB more \(8192 MB for the primary, 8192 MB for the secondary\)/,
      },
      {
        name: "the root pool's unreserved memory is unreadable: unknown, naming the property",
        mutate: (inv) => {
          cluster0(inv).rootPool = { moid: 'resgroup-1' };
          cluster0(inv).unreadable.push({ path: 'resourcePool.runtime.memory.unreservedForVm', fault: 'NoPermission' });
        },
        severity: 'unknown',
        message: /resourcePool\.runtime\.memory\.unreservedForVm\) was not read/,
      },
      {
        name: 'HA admission control (percentage) would fall below its failover reserve',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverResourcesAdmissionControlPolicy',
            memoryFailoverResourcesPercent: 99,
          };
        },
        severity: 'blocker',
        message: /HA admission control keeps 99% of the cluster's 1572864 MB host memory for failover/,
      },
      {
        name: 'HA admission control (auto-computed percentage) with little memory left',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverResourcesAdmissionControlPolicy',
            failoverLevel: 2,
            autoComputePercentages: true,
          };
          addVm(inv, 'big-2', { hostMoid: 'host-2', memoryReservationMB: 500 * 1024 });
        },
        severity: 'blocker',
        message: /keeps 67% of the cluster's/,
      },
      {
        name: 'HA admission control (slot policy): too few slots after the tolerated host failures',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverLevelAdmissionControlPolicy',
            failoverLevel: 2,
            slotMemoryMB: 300 * 1024,
          };
        },
        severity: 'blocker',
        message: /slot policy, 2 host failures tolerated\) leaves 1 memory slots of 307200 MB; 2 are needed/,
      },
      {
        name: 'HA admission control on, its policy unreadable: unknown',
        mutate: (inv) => void delete cluster0(inv).ha.admissionControlPolicy,
        severity: 'unknown',
        message: /configurationEx\.dasConfig\.admissionControlPolicy\) was not read/,
      },
      {
        name: 'a policy type ftscan does not model: unknown',
        mutate: (inv) => void (cluster0(inv).ha.admissionControlPolicy = { type: 'ClusterFutureAdmissionControlPolicy' }),
        severity: 'unknown',
        message: /ClusterFutureAdmissionControlPolicy, which ftscan does not model/,
      },
      {
        name: 'secondaries still to restart are owed their memory',
        mutate: (inv) => {
          cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 20 * GiB };
          addVm(inv, 'pend-3', { hostMoid: 'host-3', ft: { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /20480 MB unreserved for VMs \(8192 MB of it owed to secondaries still to restart\)/,
      },
    ],
    pass: [
      {
        name: 'pool boundary: exactly what FT needs',
        mutate: (inv) => void (cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 16 * GiB }),
      },
      {
        name: 'admission control off: only the pool counts',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlEnabled = false;
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverResourcesAdmissionControlPolicy',
            memoryFailoverResourcesPercent: 99,
          };
        },
      },
      {
        name: "the VM's own reservation is already counted in the pool",
        mutate: (inv) => {
          vm0(inv).memoryReservationMB = 8192;
          cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 8 * GiB };
        },
      },
      {
        name: 'dedicated failover hosts: decided per host (vm-ft-capacity), not here',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = { type: 'ClusterFailoverHostAdmissionControlPolicy', failoverHosts: ['host-3'] };
        },
      },
    ],
  },
  {
    rule: 'vm-ft-health',
    base: 'smp',
    fail: [
      {
        name: 'needSecondary',
        mutate: (inv) => void (vm0(inv).ft = { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'blocker',
        message: /needSecondary\): the VM runs unprotected/,
      },
      {
        name: 'enabled while powered on',
        mutate: (inv) => void (vm0(inv).ft = { state: 'enabled', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'warning',
        message: /pair is not running/,
      },
      {
        name: 'disabled',
        mutate: (inv) => void (vm0(inv).ft = { state: 'disabled', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'warning',
      },
      {
        name: 'starting (Not Protected – Starting)',
        mutate: (inv) => void (vm0(inv).ft = { state: 'starting', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'warning',
        not: 'blocker',
        message: /still starting/,
      },
      {
        name: 'enabled, powered off (Not Protected – VM not Running)',
        mutate: (inv) => {
          vm0(inv).powerState = 'poweredOff';
          vm0(inv).ft = { state: 'enabled', role: 1, type: 'checkpointing', instanceUuids: [] };
        },
        severity: 'warning',
        message: /VM not Running/,
      },
      {
        name: 'running, HA off on the cluster',
        mutate: (inv) => {
          vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] };
          inv.clusters[0]!.ha.enabled = false;
        },
        severity: 'warning',
        message: /cannot take over/,
      },
    ],
    pass: [
      { name: 'running', mutate: (inv) => void (vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] }) },
      // notProtected is not a VirtualMachineFaultToleranceState value (the old rule listed it).
      {
        name: 'notProtected is no state',
        mutate: (inv) => void (vm0(inv).ft = { state: 'notProtected', role: 1, type: 'checkpointing', instanceUuids: [] }),
      },
    ],
  },
  {
    rule: 'vm-secondary-host',
    base: 'smp',
    fail: [
      {
        name: 'both other hosts in maintenance',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).inMaintenanceMode = true)),
        severity: 'blocker',
        message: /no other host in cluster Prod can hold the secondary: esx-02\.lab, esx-03\.lab \(each\): is in maintenance mode/,
      },
      {
        name: 'legacy: other hosts more than 400 MHz slower (a caveat, not a rejection)',
        base: 'legacy',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).cpu.hz = 2_933_000_000 - 400_000_001)),
        severity: 'warning',
        message: /every secondary candidate has a caveat: .*MHz from the primary's 2933 MHz \(legacy FT allows 400\)/,
        not: 'blocker',
      },
      {
        name: "other hosts not on the VM's network",
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).networkMoids = [])),
        severity: 'blocker',
        message: /esx-02\.lab, esx-03\.lab \(each\): is not connected to network VM Network/,
      },
      {
        name: "other hosts too old for the VM's hardware version",
        mutate: (inv) => {
          vm0(inv).hwVersion = 19;
          [2, 3].forEach((i) => (host(inv, i).product = { ...host(inv, i).product, version: '7.0.0', apiVersion: '7.0.0.0' }));
        },
        severity: 'blocker',
        message: /supports virtual hardware up to vmx-17 \(the VM is vmx-19\)/,
      },
      {
        name: 'encrypted VM, other hosts without encrypted FT',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          [2, 3].forEach((i) => (host(inv, i).capability.encryptedFtSupported = false));
        },
        severity: 'blocker',
        message: /does not support encrypted FT/,
      },
      {
        name: 'legacy: other hosts in another FT compatible set',
        base: 'legacy',
        mutate: (inv) =>
          [2, 3].forEach((i) => host(inv, i).cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU X5570 @ 2.93GHz'))),
        severity: 'blocker',
        message: /Nehalem-EP is not in the primary's FT-compatible set \(Intel Westmere-EP\)/,
      },
      {
        name: 'legacy: other hosts on another build',
        base: 'legacy',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).ftFeatureVersion = '4.1.0-4.1.0-4.1.0')),
        severity: 'blocker',
        message: /differs from the primary's FT 5\.0\.0/,
      },
      {
        name: 'standalone host',
        mutate: (inv) => {
          inv.clusters = [];
          setHosts(inv, (h) => void delete h.clusterMoid);
        },
        severity: 'blocker',
        message: /standalone/,
      },
    ],
    pass: [
      {
        name: 'legacy: clocks exactly 400 MHz apart (boundary)',
        base: 'legacy',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).cpu.hz = 2_933_000_000 - 400_000_000)),
      },
      { name: 'one of two other hosts usable', mutate: (inv) => void (host(inv, 2).inMaintenanceMode = true) },
      {
        name: 'encrypted VM, one other host with encrypted FT',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          host(inv, 2).capability.encryptedFtSupported = false;
        },
      },
      {
        name: "hosts on 7.0 U2 run the VM's vmx-19",
        mutate: (inv) => {
          vm0(inv).hwVersion = 19;
          [2, 3].forEach((i) => (host(inv, i).product = { ...host(inv, i).product, version: '7.0.2', apiVersion: '7.0.2.0' }));
        },
      },
      {
        name: 'legacy: one of two other hosts within 400 MHz',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 2).cpu.hz = 2_933_000_000 - 400_000_001),
      },
    ],
  },
];

function evalCase(base: Base, v: Variant, caseOpts?: Partial<EvaluateOptions>) {
  const inv = mkBase(base);
  v.mutate(inv);
  return run(inv, { ...caseOpts, ...v.opts });
}

// "§5.1" is heading "### 5.1" of ft-requirements.md, or item "1." of its section "## 5.".
function sectionExists(notes: string, n: string): boolean {
  if (new RegExp(`^#+ ${n.replace('.', '\\.')}[. ]`, 'm').test(notes)) return true;
  const [sec, item] = n.split('.');
  const start = notes.search(new RegExp(`^## ${sec}\\. `, 'm'));
  if (start < 0) return false;
  const end = notes.indexOf('\n## ', start + 1);
  const body = notes.slice(start, end < 0 ? undefined : end);
  return item === undefined || new RegExp(`^${item}\\. `, 'm').test(body);
}

describe('rule catalogue', () => {
  it('has a test case for every rule, and no case for an unknown rule', () => {
    const ids = RULES.map((r) => r.meta.id).sort();
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual(ids);
  });

  it('docs/rules.md documents every rule', () => {
    const doc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    for (const { meta } of RULES) expect(doc, meta.id).toContain(`| \`${meta.id}\` | ${meta.severity} | ${meta.scope} |`);
  });

  it('the generated part of docs/rules.md and docs/sources.md are current (npx tsx scripts/gen-rules-doc.ts)', () => {
    const doc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    expect(doc.slice(doc.indexOf(CATALOGUE_HEADING))).toBe(catalogueMarkdown());
    expect(readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8')).toBe(sourcesMarkdown());
  });

  it('every reference a rule cites is in docs/sources.md, and every ft-requirements row it names exists', () => {
    const sources = readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8');
    const notes = readFileSync(new URL('../../../docs/ft-requirements.md', import.meta.url), 'utf8');
    const missing: string[] = [];
    for (const { meta } of RULES) {
      for (const ref of meta.references) {
        const id = sourceIdOf(ref);
        if (!sources.includes(`\n| ${id} | `)) missing.push(`${meta.id}: ${id}`);
        if (id !== 'ft-requirements') continue;
        for (const row of ref
          .slice(id.length)
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)) {
          const found = row.startsWith('§') ? sectionExists(notes, row.slice(1)) : notes.includes(`| ${row} |`);
          if (!found) missing.push(`${meta.id}: ft-requirements ${row}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the seed table in docs/rules.md names only existing rules, and every seedRequirement rule appears in it', () => {
    const doc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Seed requirements'), doc.indexOf('## Catalogue'));
    const named = new Set([...table.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!));
    const ids = new Set(RULES.map((r) => r.meta.id));
    expect([...named].filter((id) => !ids.has(id))).toEqual([]);
    expect(RULES.filter((r) => r.meta.seedRequirement && !named.has(r.meta.id)).map((r) => r.meta.id)).toEqual([]);
  });

  it('every rule has complete metadata with a kebab-case, scope-prefixed id', () => {
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(new RegExp(`^${meta.scope}-[a-z0-9]+(-[a-z0-9]+)*$`));
      expect(meta.title.length).toBeGreaterThan(5);
      expect(meta.rationale.length).toBeGreaterThan(20);
      expect(meta.remediation.length).toBeGreaterThan(10);
      expect(meta.references.length).toBeGreaterThan(0);
      expect(meta.generations.length).toBeGreaterThan(0);
    }
  });

  for (const c of CASES) {
    describe(c.rule, () => {
      it(`clean ${c.base} inventory: no finding`, () => {
        expect(ruleFindings(evalCase(c.base, { name: 'clean', mutate: () => {} }, c.opts), c.rule)).toEqual([]);
      });
      for (const f of c.fail) {
        it(`fails: ${f.name} -> ${f.severity}`, () => {
          const found = ruleFindings(evalCase(f.base ?? c.base, f, c.opts), c.rule);
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
          expect(ruleFindings(evalCase(p.base ?? c.base, p, c.opts), c.rule)).toEqual([]);
        });
      }
    });
  }
});
