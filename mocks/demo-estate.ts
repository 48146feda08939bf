// The bundled demo vCenter for `npm run demo`: two datacenters, four clusters with mixed ESXi builds and CPUs,
// ~200 VMs with a realistic spread of FT blockers, some VMs already FT-protected, tags and licences.
// Deterministic (seeded PRNG): the same estate, moids and names on every run.
//
// Realism note: one vCenter cannot manage ESXi 6.7 and 8.0 hosts at once in real life; the demo keeps both so
// every SMP-FT rule shows up. Legacy FT (ESXi 5.5 under a 5.5 vCenter) is a second, small estate:
// legacyDemoEstate() below. Prod-Compute is the cluster where the per-host FT limits, not the totals, decide:
// its hosts already carry FT pairs, so an 8-vCPU candidate finds no host pair with 8 FT vCPUs free.
import type { ClusterRef, DatastoreRef, HostOptions, HostRef, NetworkRef, VmOptions, VmRef } from './builder-types.js';
import { estate } from './builders.js';
import type { Estate } from './estate.js';
import type { Prng } from './prng.js';

export const DEMO_USER = 'ftscan@vsphere.local';
export const DEMO_PASSWORD = 'Ft-Demo-2024!';

const ROLES = [
  ['sql-prod', 'windows2019srv_64Guest'],
  ['web-fe', 'rhel8_64Guest'],
  ['app-be', 'rhel8_64Guest'],
  ['dc', 'windows2019srvNext_64Guest'],
  ['file', 'windows2019srv_64Guest'],
  ['k8s-node', 'ubuntu64Guest'],
  ['jump', 'windows9Server64Guest'],
  ['mon', 'rhel9_64Guest'],
  ['backup', 'windows2019srv_64Guest'],
  ['log', 'centos7_64Guest'],
  ['cache-redis', 'rhel8_64Guest'],
  ['mq-rabbit', 'rhel8_64Guest'],
  ['etl', 'sles12_64Guest'],
  ['bi', 'windows2019srvNext_64Guest'],
  ['ci-runner', 'ubuntu64Guest'],
  ['proxy', 'rhel9_64Guest'],
] as const;

interface Site {
  cluster: ClusterRef;
  hosts: HostRef[];
  datastores: DatastoreRef[];
  networks: NetworkRef[];
  haEnabled: boolean;
  legacyHw: boolean;
}

export function demoEstate(): Estate {
  const b = estate({ seed: 20240501, vcenterVersion: '8.0.2', restFlavour: 'both' });
  const rng = b.rng;
  const east = b.datacenter('DC-East');
  const west = b.datacenter('DC-West');

  // --- networks ---
  const dvsUuid = b.dvsUuid('DSwitch-Prod', east);
  const pgProd = b.dvPortgroup({ name: 'dvpg-prod-vlan100', datacenter: east, switchName: 'DSwitch-Prod', vlanId: 100 });
  const pgDb = b.dvPortgroup({ name: 'dvpg-db-vlan200', datacenter: east, switchName: 'DSwitch-Prod', vlanId: 200 });
  const pgFt = b.dvPortgroup({ name: 'dvpg-ft-logging', datacenter: east, switchName: 'DSwitch-Prod', vlanId: 300 });
  const segWeb = b.dvPortgroup({ name: 'seg-web-nsx', datacenter: east, switchName: 'DSwitch-Prod', backingType: 'nsx' });
  const lsDmz = b.opaqueNetwork({ name: 'ls-dmz', datacenter: east });
  const vmNetEast = b.network({ name: 'VM Network', datacenter: east });
  const vmNetWest = b.network({ name: 'VM Network', datacenter: west });
  const vlan50 = b.network({ name: 'Legacy-VLAN50', datacenter: west });

  // --- datastores ---
  const vmfs1 = b.datastore({ name: 'vmfs-prod-01', datacenter: east, capacityGB: 16384, freeGB: 5120 });
  const vmfs2 = b.datastore({ name: 'vmfs-prod-02', datacenter: east, capacityGB: 16384, freeGB: 9000 });
  const vvol = b.datastore({ name: 'vvol-array-01', datacenter: east, type: 'VVOL', capacityGB: 32768, freeGB: 20000 });
  const nfsTpl = b.datastore({ name: 'nfs-templates', datacenter: east, type: 'NFS', capacityGB: 4096, freeGB: 2500 });
  const vsan = b.datastore({ name: 'vsanDatastore', datacenter: east, type: 'vsan', capacityGB: 61440, freeGB: 30000 });
  const vmfsWest = b.datastore({ name: 'vmfs-legacy-01', datacenter: west, capacityGB: 8192, freeGB: 1200 });
  const nfsIso = b.datastore({ name: 'nfs-west-iso', datacenter: west, type: 'NFS', capacityGB: 2048, freeGB: 900 });

  // --- clusters and hosts ---
  const compute = b.cluster({
    name: 'Prod-Compute',
    datacenter: east,
    ha: { enabled: true, options: { 'das.maxftvmsperhost': '4', 'das.isolationaddress0': '10.1.0.1' } },
    drs: { enabled: true, behavior: 'fullyAutomated' },
    evcModeKey: 'intel-cascadelake',
  });
  const data = b.cluster({
    name: 'Prod-Data',
    datacenter: east,
    ha: { enabled: true, admissionControl: true, options: { 'das.maxftvmsperhost': '4', 'das.maxftvcpusperhost': '16' } },
    drs: { enabled: true, behavior: 'partiallyAutomated' },
  });
  const legacy = b.cluster({ name: 'Legacy-67', datacenter: west, ha: false, drs: { enabled: true, behavior: 'manual' } });
  const lab = b.cluster({ name: 'Lab-Edge', datacenter: west, ha: { enabled: true, hostMonitoring: 'disabled' }, drs: false });

  // n hosts named esx-PREFIX-01.corp.local, esx-PREFIX-02..., in `cluster`; `opts(i)` gives the rest (i from 1).
  const hostsIn = (cluster: ClusterRef, prefix: string, n: number, opts: (i: number) => Omit<HostOptions, 'name' | 'cluster'>): HostRef[] =>
    Array.from({ length: n }, (_, k) =>
      b.host({ name: `esx-${prefix}-${String(k + 1).padStart(2, '0')}.corp.local`, cluster, ...opts(k + 1) }),
    );

  const computeHosts = hostsIn(compute, 'prod', 6, (i) => ({
    version: '8.0.2',
    build: '22380479',
    cpu: { vendor: 'intel', description: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz', packages: 2, cores: 40 },
    memoryGB: 768,
    powerPolicy: i === 5 ? 'dynamic' : 'static',
    pnics:
      i === 3
        ? [
            { device: 'vmnic0', speedMb: 10000 },
            { device: 'vmnic1', speedMb: 10000 },
            { device: 'vmnic2', speedMb: 1000 },
          ]
        : undefined,
    vmknics:
      i === 4
        ? [
            { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
            { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic2', 'vmnic3'] },
          ]
        : i === 3
          ? [
              { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
              { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic1', 'vmnic0'] },
              { device: 'vmk2', services: ['faultToleranceLogging'], portgroup: 'FT Logging', uplinks: ['vmnic2'] },
            ]
          : [
              { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
              { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic2', 'vmnic3'] },
              {
                device: 'vmk2',
                services: ['faultToleranceLogging'],
                dvs: { switchUuid: dvsUuid, portgroupKey: pgFt.moid, name: 'DSwitch-Prod', uplinks: ['vmnic2', 'vmnic3'] },
              },
            ],
    capability: i === 4 ? { smpFtCompatibilityIssues: ['missingFTLoggingNic'] } : {},
    maintenance: i === 6,
    datastores: [vmfs1, vmfs2, vvol, nfsTpl],
    networks: [pgProd, pgDb, segWeb, lsDmz, vmNetEast],
  }));
  const dataHosts = hostsIn(data, 'data', 4, () => ({
    version: '7.0.3',
    build: '19193900',
    cpu: { vendor: 'amd', description: 'AMD EPYC 7543 32-Core Processor', packages: 2, cores: 64, hz: 2_794_000_000 },
    memoryGB: 1024,
    datastores: [vsan, nfsTpl],
    networks: [pgDb, pgProd],
  }));
  const legacyHosts = hostsIn(legacy, 'leg', 3, (i) => ({
    version: '6.7.0',
    build: '8169922',
    cpu: { vendor: 'intel', description: 'Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz', packages: 2, cores: 20 },
    memoryGB: 384,
    powerPolicy: 'dynamic',
    pnics: [
      { device: 'vmnic0', speedMb: 1000 },
      { device: 'vmnic1', speedMb: 1000 },
      { device: 'vmnic2', speedMb: 10000 },
      { device: 'vmnic3', speedMb: i === 3 ? null : 10000 },
    ],
    capability: { smpFtCompatibilityIssues: i === 2 ? ['haAgentIssue'] : [] },
    datastores: [vmfsWest, nfsIso],
    networks: [vmNetWest, vlan50],
  }));
  const labHosts = hostsIn(lab, 'lab', 2, () => ({
    version: '8.0.2',
    build: '22380479',
    cpu: { vendor: 'intel', description: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz', packages: 1, cores: 16 },
    ht: { available: true, active: false },
    memoryGB: 256,
    datastores: [vmfsWest, nfsIso],
    networks: [vmNetWest],
  }));
  const localDs = b.datastore({
    name: 'esx-lab-01-local',
    datacenter: west,
    capacityGB: 900,
    freeGB: 700,
    local: true,
    hosts: [labHosts[0]!],
  });

  const sites: Site[] = [
    {
      cluster: compute,
      hosts: computeHosts.slice(0, 5),
      datastores: [vmfs1, vmfs2, vvol],
      networks: [pgProd, pgDb, segWeb, lsDmz],
      haEnabled: true,
      legacyHw: false,
    },
    { cluster: data, hosts: dataHosts, datastores: [vsan], networks: [pgDb, pgProd], haEnabled: true, legacyHw: false },
    { cluster: legacy, hosts: legacyHosts, datastores: [vmfsWest], networks: [vmNetWest, vlan50], haEnabled: false, legacyHw: true },
    { cluster: lab, hosts: labHosts, datastores: [vmfsWest, localDs], networks: [vmNetWest], haEnabled: true, legacyHw: false },
  ];

  const ftReasons = new Map<VmRef, string[]>();
  const counters = new Map<string, number>();
  const nextName = (role: string) => {
    const n = (counters.get(role) ?? 0) + 1;
    counters.set(role, n);
    return `${role}-${String(n).padStart(2, '0')}`;
  };
  const vms: VmRef[] = [];
  const plan: [Site, number][] = [
    [sites[0]!, 82],
    [sites[1]!, 48],
    [sites[2]!, 40],
    [sites[3]!, 14],
  ];
  for (const [site, count] of plan) {
    for (let i = 0; i < count; i++) {
      const [role, guestId] = rng.pick(ROLES);
      const o = randomVm(rng, nextName(role), guestId, site);
      const vm = b.vm(o);
      vms.push(vm);
      ftReasons.set(vm, reasonsFor(o, site));
    }
  }

  // Shared-bus cluster pair (physical SCSI bus sharing, multi-writer disks).
  for (const n of [1, 2]) {
    const o: VmOptions = {
      name: `sql-clu-${String(n).padStart(2, '0')}`,
      host: computeHosts[n - 1]!,
      numCpu: 8,
      memoryMB: 65536,
      guestId: 'windows2019srv_64Guest',
      firmware: 'efi',
      scsi: [{}, { type: 'lsilogicsas', busSharing: 'physicalSharing' }],
      disks: [
        { capacityGB: 100, kind: 'eager', datastore: vmfs1 },
        { capacityGB: 500, kind: 'rdmPhysical', datastore: vmfs1, controller: 1, sharing: 'sharingMultiWriter' },
      ],
      nics: [{ network: pgDb }],
    };
    const vm = b.vm(o);
    vms.push(vm);
    ftReasons.set(vm, ['hasUnsupportedDisk']);
  }
  // A few hand-picked oddities.
  const odd: VmOptions[] = [
    {
      name: 'sap-hana-01',
      host: dataHosts[0]!,
      numCpu: 16,
      memoryMB: 262144,
      guestId: 'sles12_64Guest',
      disks: [
        { capacityGB: 512, kind: 'eager', datastore: vsan },
        { capacityGB: 3072, kind: 'eager', datastore: vsan },
      ],
    },
    {
      name: 'vdi-gpu-01',
      host: computeHosts[1]!,
      numCpu: 4,
      memoryMB: 16384,
      guestId: 'windows9Server64Guest',
      passthrough: 'vgpu',
      video3d: true,
    },
    { name: 'nfv-router-01', host: computeHosts[2]!, numCpu: 4, passthrough: ['sriov', 'pci'], nics: [{ network: pgProd }] },
    {
      name: 'old-nt-app-01',
      host: legacyHosts[0]!,
      numCpu: 1,
      memoryMB: 1024,
      hwVersion: 'vmx-04',
      guestId: 'winNetStandardGuest',
      pcnet32: true,
      parallel: true,
      floppy: { kind: 'device' },
      nics: [{ network: vlan50, type: 'e1000' }],
    },
    {
      name: 'nested-esx-01',
      host: labHosts[1]!,
      numCpu: 4,
      memoryMB: 32768,
      nestedHv: true,
      vpmc: true,
      guestId: 'other3xLinux64Guest',
      disks: [{ capacityGB: 40, kind: 'thin', datastore: vmfsWest }],
    },
    {
      name: 'license-dongle-01',
      host: legacyHosts[1]!,
      numCpu: 1,
      memoryMB: 2048,
      usb: 1,
      serial: 1,
      sound: true,
      cdrom: { kind: 'hostDevice' },
    },
    {
      name: 'vault-enc-01',
      host: computeHosts[0]!,
      numCpu: 2,
      memoryMB: 8192,
      hwVersion: 'vmx-19',
      encrypted: true,
      vtpm: true,
      vbs: true,
      firmware: 'efi',
      guestId: 'windows2019srvNext_64Guest',
      disks: [{ capacityGB: 80, kind: 'eager', encrypted: true, datastore: vmfs2 }],
    },
    { name: 'linked-clone-01', host: labHosts[0]!, numCpu: 2, disks: [{ capacityGB: 40, parent: true, datastore: localDs }] },
  ];
  for (const o of odd) {
    const vm = b.vm(o);
    vms.push(vm);
    const site = sites.find((s) => s.hosts.includes(o.host as HostRef))!;
    ftReasons.set(vm, reasonsFor(o, site));
  }

  // Already FT-protected: primaries with their secondaries, and one primary waiting for a secondary.
  const ftVms: VmRef[] = [];
  const ftPairs: [string, HostRef, HostRef, DatastoreRef, NetworkRef][] = [
    ['sql-ft-01', computeHosts[0]!, computeHosts[1]!, vmfs1, pgDb],
    ['web-ft-01', computeHosts[1]!, computeHosts[2]!, vmfs2, pgProd],
    ['app-ft-01', dataHosts[0]!, dataHosts[1]!, vsan, pgProd],
    ['app-ft-02', dataHosts[2]!, dataHosts[3]!, vsan, pgProd],
  ];
  for (const [name, host, sec, ds, net] of ftPairs) {
    ftVms.push(
      b.vm({
        name,
        host,
        ftState: 'running',
        ftSecondaryHost: sec,
        numCpu: 2,
        memoryMB: 8192,
        memoryReservationMB: 8192,
        disks: [{ capacityGB: 60, kind: 'eager', datastore: ds }],
        nics: [{ network: net }],
      }),
    );
  }
  ftVms.push(
    b.vm({
      name: 'dc-ft-01',
      host: computeHosts[4]!,
      ftState: 'needSecondary',
      numCpu: 2,
      memoryMB: 4096,
      memoryReservationMB: 4096,
      guestId: 'windows2019srvNext_64Guest',
      disks: [{ capacityGB: 60, kind: 'eager', datastore: vmfs1 }],
      nics: [{ network: pgProd }],
    }),
  );

  // Templates (on the NFS template store) and vCLS agent VMs (3 per cluster, managed by ESX Agent Manager).
  for (const [name, guestId] of [
    ['tpl-rhel9', 'rhel9_64Guest'],
    ['tpl-win2022', 'windows2019srvNext_64Guest'],
    ['tpl-ubuntu22', 'ubuntu64Guest'],
  ] as const) {
    const vm = b.vm({
      name,
      host: computeHosts[0]!,
      template: true,
      guestId,
      firmware: guestId.startsWith('windows') ? 'efi' : 'bios',
      disks: [{ capacityGB: 60, kind: 'thin', datastore: nfsTpl }],
    });
    b.ftCompat(vm, ['templateVm']);
  }
  for (const site of sites) {
    for (let i = 0; i < 3; i++) {
      const vm = b.vm({
        name: `vCLS-${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
        host: site.hosts[i % site.hosts.length]!,
        numCpu: 1,
        memoryMB: 128,
        guestId: 'vmwarePhoton64Guest',
        hwVersion: 'vmx-14',
        managedBy: { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' },
        annotation:
          'vSphere Cluster Service VM is deployed from an OVA with a minimal installed profile of PhotonOS. vSphere Cluster Service manages the resources, power state and availability of these VMs. vSphere Cluster Service VMs are required for maintaining the health and availability of vSphere Cluster Service. Any impact on the power state or resource of these VMs might degrade the health of the vSphere Cluster Service and cause vSphere DRS to cease operation for the cluster.\n',
        disks: [{ capacityGB: 2, kind: 'thin', datastore: site.datastores[0] }],
        nics: [],
      });
      b.ftCompat(vm, ['esxAgentVm']);
    }
  }
  for (const [vm, reasons] of ftReasons) b.ftCompat(vm, reasons);

  // Users: the demo account (read-only everywhere is enough for ftscan), an admin and a scoped auditor.
  b.user(DEMO_USER, DEMO_PASSWORD, {
    '*': ['System.Anonymous', 'System.View', 'System.Read', 'Global.Licenses'],
  });
  b.user('administrator@vsphere.local', 'VMware1!');
  b.user('auditor@vsphere.local', 'Audit-2024!', { [east.moid]: ['System.Read'] });

  // Tags
  const candidates = vms.filter((_, i) => i % 9 === 0);
  b.tag('FT', 'ft-candidate', candidates);
  b.tag('FT', 'tier-1', [...vms.filter((v) => v.name.startsWith('sql-prod') || v.name.startsWith('dc-')), ...ftVms]);
  b.tag('Environment', 'production', [compute, data]);

  // Licences
  for (const h of computeHosts)
    b.license(h, { editionKey: 'esx.enterprisePlus.cpuCore', name: 'VMware vSphere 8 Enterprise Plus', costUnit: 'cpuCore' });
  for (const h of dataHosts) b.license(h, { editionKey: 'esx.enterprisePlus.cpuPackage', name: 'VMware vSphere 7 Enterprise Plus' });
  for (const h of legacyHosts) b.license(h, { editionKey: 'esx.standard.cpuPackage', name: 'VMware vSphere 6 Standard' });
  for (const h of labHosts)
    b.license(h, { editionKey: 'esx.vsphere8EssentialsPlus.cpuCore', name: 'VMware vSphere 8 Essentials Plus', costUnit: 'cpuCore' });
  return b.build();
}

// Legacy FT as it ran: a vCenter 5.5 with one HA/DRS cluster of three ESXi 5.5 hosts (Westmere, EVC, 1 Gb FT
// logging on two uplinks, Standard licences), a legacy FT pair already running and a few candidates that show
// the legacy rules: 1 vCPU only, thin disks converted on enable, no vlance NIC, no snapshots.
export function legacyDemoEstate(): Estate {
  const b = estate({ seed: 20130922, vcenterVersion: '5.5.0' }); // no REST API before 6.5
  const dc = b.datacenter('DC-2013');
  const c = b.cluster({
    name: 'Legacy-55',
    datacenter: dc,
    ha: { enabled: true },
    drs: { enabled: true, behavior: 'fullyAutomated' },
    evcModeKey: 'intel-westmere',
  });
  const ds = b.datastore({ name: 'vmfs-fc-01', datacenter: dc, capacityGB: 4096, freeGB: 1500 });
  const iso = b.datastore({ name: 'nfs-iso', datacenter: dc, type: 'NFS', capacityGB: 1024, freeGB: 600 });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const hosts = [1, 2, 3].map((i) =>
    b.host({
      name: `esx55-0${i}.corp.local`,
      cluster: c,
      version: '5.5.0',
      build: '2068190',
      cpu: { vendor: 'intel', description: 'Intel(R) Xeon(R) CPU           X5670  @ 2.93GHz', packages: 2, cores: 12, hz: 2_933_000_000 },
      memoryGB: 192,
      pnics: [0, 1, 2, 3].map((n) => ({ device: `vmnic${n}`, speedMb: 1000 })),
      vmknics: [
        { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
        { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic1', 'vmnic0'] },
        { device: 'vmk2', services: ['faultToleranceLogging'], portgroup: 'FT Logging', uplinks: ['vmnic2', 'vmnic3'] },
      ],
      ht: { available: true, active: false },
      datastores: [ds, iso],
      networks: [net],
    }),
  );
  const [h1, h2, h3] = hosts as [HostRef, HostRef, HostRef];
  for (const h of hosts) b.license(h, { editionKey: 'esx.standard.cpuPackage', name: 'VMware vSphere 5 Standard' });
  const disk = (kind: 'thin' | 'lazy' | 'eager', capacityGB = 40) => ({ capacityGB, kind, datastore: ds });
  const vms: [VmOptions, string[]][] = [
    [
      {
        name: 'erp-db-01',
        host: h1,
        numCpu: 1,
        memoryMB: 8192,
        hwVersion: 'vmx-10',
        guestId: 'windows7Server64Guest',
        disks: [disk('eager', 80)],
        nics: [{ network: net }],
      },
      [],
    ],
    [
      {
        name: 'erp-app-01',
        host: h2,
        numCpu: 1,
        memoryMB: 4096,
        hwVersion: 'vmx-09',
        guestId: 'windows7Server64Guest',
        disks: [disk('thin', 60)],
        nics: [{ network: net }],
      },
      ['thinDisk'],
    ],
    [
      {
        name: 'erp-web-01',
        host: h1,
        numCpu: 2,
        memoryMB: 4096,
        hwVersion: 'vmx-10',
        guestId: 'rhel6_64Guest',
        disks: [disk('eager')],
        nics: [{ network: net }],
      },
      ['multipleVCPU'],
    ],
    [
      {
        name: 'print-01',
        host: h2,
        numCpu: 1,
        memoryMB: 2048,
        hwVersion: 'vmx-08',
        guestId: 'winNetStandardGuest',
        disks: [disk('eager')],
        nics: [{ network: net, type: 'pcnet32' }],
      },
      [],
    ],
    [
      {
        name: 'ops-tools-01',
        host: h3,
        numCpu: 1,
        memoryMB: 2048,
        hwVersion: 'vmx-10',
        guestId: 'rhel6_64Guest',
        disks: [disk('eager')],
        nics: [{ network: net }],
        snapshots: 1,
      },
      ['hasSnapshots'],
    ],
  ];
  for (const [o, reasons] of vms) b.ftCompat(b.vm(o), reasons);
  // Protected by legacy FT (record/replay) since 2014: primary on esx55-01, secondary on esx55-02.
  b.vm({
    name: 'billing-ft-01',
    host: h1,
    ftState: 'running',
    ftType: 'recordReplay',
    ftSecondaryHost: h2,
    numCpu: 1,
    memoryMB: 4096,
    memoryReservationMB: 4096,
    hwVersion: 'vmx-10',
    disks: [disk('eager', 60)],
    nics: [{ network: net }],
  });
  b.user(DEMO_USER, DEMO_PASSWORD, { '*': ['System.Anonymous', 'System.View', 'System.Read', 'Global.Licenses'] });
  return b.build();
}

function randomVm(rng: Prng, name: string, guestId: string, site: Site): VmOptions {
  const windows = guestId.startsWith('win');
  const numCpu = rng.chance(0.05) ? 16 : rng.chance(0.08) ? 12 : rng.pick([1, 2, 2, 4, 4, 4, 8]);
  const memoryMB = rng.chance(0.04) ? 196608 : rng.pick([2048, 4096, 8192, 8192, 16384, 32768]);
  const host = rng.pick(site.hosts);
  const ds = rng.pick(site.datastores.filter((d) => host.datastores.includes(d)));
  const diskKind = (): 'thin' | 'lazy' | 'eager' => (rng.chance(0.35) ? 'thin' : rng.chance(0.5) ? 'lazy' : 'eager');
  const disks: VmOptions['disks'] = [{ capacityGB: windows ? 90 : 40, kind: diskKind(), datastore: ds }];
  if (rng.chance(0.4))
    disks.push({ capacityGB: rng.chance(0.06) ? 2560 : rng.pick([100, 200, 500, 1024]), kind: diskKind(), datastore: ds });
  if (rng.chance(0.02)) disks.push({ capacityGB: 250, kind: 'rdmPhysical', datastore: ds });
  // Most VMs sit on the site's main port group; NSX segments and other networks are the exception.
  const nets = site.networks.filter((n) => host.networks.includes(n));
  const r = rng.next();
  const net = nets.length ? (r < 0.75 ? nets[0]! : r < 0.9 ? nets[Math.min(1, nets.length - 1)]! : rng.pick(nets)) : host.networks[0]!;
  const cd = rng.next();
  return {
    name,
    host,
    numCpu,
    coresPerSocket: numCpu >= 8 ? numCpu / 2 : 1,
    memoryMB,
    guestId,
    firmware: windows && rng.chance(0.6) ? 'efi' : 'bios',
    hwVersion: site.legacyHw
      ? rng.pick(['vmx-08', 'vmx-10', 'vmx-11', 'vmx-13', 'vmx-14'])
      : rng.pick(['vmx-13', 'vmx-14', 'vmx-17', 'vmx-19', 'vmx-19']),
    hotAdd: rng.chance(0.2) ? { cpu: true, mem: true } : undefined,
    powerState: rng.chance(0.08) ? 'poweredOff' : 'poweredOn',
    snapshots: rng.chance(0.1) ? rng.int(1, 3) : 0,
    disks,
    cdrom:
      cd < 0.03
        ? { kind: 'hostDevice' }
        : cd < 0.13
          ? { kind: 'client', connected: false }
          : cd < 0.23
            ? { kind: 'iso', datastore: ds }
            : undefined,
    usb: rng.chance(0.02) ? 1 : 0,
    serial: rng.chance(0.02) ? 1 : 0,
    sound: rng.chance(0.01),
    video3d: rng.chance(0.01),
    nics: [{ network: net }],
  };
}

// What vCenter's QueryFaultToleranceCompatibilityEx would say for this VM (synthetic, schema reason names).
function reasonsFor(o: VmOptions, site: Site): string[] {
  const r: string[] = [];
  const host = o.host as HostRef;
  const caps = (host.obj.props.capability as { smpFtCompatibilityIssues?: string[] }).smpFtCompatibilityIssues ?? [];
  if (!site.haEnabled) r.push('haNotEnabled');
  if ((o.snapshots ?? 0) > 0) r.push('hasSnapshots');
  if ((o.numCpu ?? 2) > 8) r.push('tooManyVCPUs');
  if ((o.memoryMB ?? 4096) > 131072) r.push('tooMuchMemory');
  if (o.video3d) r.push('video3dEnabled');
  if (o.nestedHv) r.push('hasNestedHVConfiguration');
  if (o.disks?.some((d) => d.kind === 'rdmPhysical' || d.parent))
    r.push(o.disks.some((d) => d.parent) ? 'hasLinkedCloneDisk' : 'hasUnsupportedDisk');
  for (const c of caps) if (c === 'missingFTLoggingNic' || c === 'haAgentIssue') r.push(c);
  return [...new Set(r)];
}
