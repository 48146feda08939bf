// Judge an estate built through the mocks' public API the way a scan does: collect over the (msw) wire,
// evaluate, then the policy stage's verdicts. For rule tests that want the inventory in its real shapes.
import {
  estate,
  type ClusterOptions,
  type ClusterRef,
  type DatacenterRef,
  type DatastoreRef,
  type EstateBuilder,
  type HostRef,
  type MockVcenter,
  type NetworkRef,
  type VmOptions,
  type VmRef,
} from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import { decideVerdicts } from '../../../src/policy/verdicts.js';
import { evaluate } from '../../../src/rules/engine.js';
import type { EvaluateOptions, Finding } from '../../../src/rules/types.js';
import type { ResultEvaluation, VmResult } from '../../../src/result/types.js';
import { useMsw } from '../inventory/setup.js';

export interface Judged {
  evaluation: ResultEvaluation;
  vm(name: string): VmResult & { findings: Finding[] };
  findings(ruleId: string): Finding[];
  cluster(name: string): ResultEvaluation['clusters'][number];
}

export function useJudge() {
  const start = useMsw();
  return async function judge(
    b: EstateBuilder,
    opts: Partial<EvaluateOptions> & { before?: (mock: MockVcenter) => void } = {},
  ): Promise<Judged> {
    const { before, ...evalOpts } = opts;
    const { client, mock } = await start(b.build());
    before?.(mock);
    const inv = await collectInventory(client, { licenses: false });
    const ev = evaluate(inv, { profile: 'auto', edition: 'enterprisePlus', ...evalOpts });
    const evaluation = decideVerdicts(ev as Parameters<typeof decideVerdicts>[0]);
    const byId = new Map(evaluation.findings.map((f) => [f.id, f]));
    return {
      evaluation,
      vm(name) {
        const v = evaluation.vms.find((x) => x.name === name);
        if (!v) throw new Error(`no VM ${name}`);
        return { ...v, findings: v.findingIds.map((id) => byId.get(id)!) };
      },
      findings: (ruleId) => evaluation.findings.filter((f) => f.ruleId === ruleId),
      cluster(name) {
        const c = evaluation.clusters.find((x) => x.name === name);
        if (!c) throw new Error(`no cluster ${name}`);
        return c;
      },
    };
  };
}

export interface ReadyEstate {
  b: EstateBuilder;
  dc: DatacenterRef;
  ds: DatastoreRef;
  net: NetworkRef;
  legacy: boolean;
  // Adds an FT-ready cluster of three hosts on the shared datastore and network.
  cluster(
    name: string,
    opts?: { ha?: ClusterOptions['ha']; hosts?: number; datastores?: DatastoreRef[]; networks?: NetworkRef[] },
  ): { cluster: ClusterRef; hosts: HostRef[] };
  // A VM that is FT-ready on these hosts (1 vCPU, vmx-10, eager-zeroed disk under legacy FT).
  vm(name: string, host: HostRef, extra?: Partial<VmOptions>): VmRef;
}

// An FT-ready estate: hosts of one ESXi version (8.0.2 unless told), a shared VMFS datastore, one network.
export function readyEstate(opts: { vcenterVersion?: string; version?: string; datastoreType?: string } = {}): ReadyEstate {
  const version = opts.version ?? '8.0.2';
  const legacy = /^[45]\./.test(version);
  const b = estate({ vcenterVersion: opts.vcenterVersion ?? (legacy ? '5.5.0' : '8.0.2') }).user('ftscan@vsphere.local', 'pw');
  const dc = b.datacenter('DC1');
  const ds = b.datastore({ name: 'shared-01', datacenter: dc, type: opts.datastoreType ?? 'VMFS', capacityGB: 8000, freeGB: 4000 });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  let n = 0;
  return {
    b,
    dc,
    ds,
    net,
    legacy,
    cluster(name, o = {}) {
      const cluster = b.cluster({ name, datacenter: dc, ...(o.ha !== undefined ? { ha: o.ha } : {}) });
      const hosts = Array.from({ length: o.hosts ?? 3 }, () =>
        b.host({ name: `esx-${++n}`, cluster, version, datastores: [ds, ...(o.datastores ?? [])], networks: [net, ...(o.networks ?? [])] }),
      );
      return { cluster, hosts };
    },
    vm(name, host, extra = {}) {
      return b.vm({
        name,
        host,
        numCpu: legacy ? 1 : 2,
        memoryMB: 4096,
        ...(legacy ? { hwVersion: 'vmx-10' } : {}),
        disks: [{ capacityGB: 40, kind: 'eager', datastore: ds }],
        cdrom: false,
        ...extra,
      });
    },
  };
}
