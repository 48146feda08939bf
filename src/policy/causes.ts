// "What to fix first", decided once in the policy stage and stored in the result (result.causes): the blockers
// of the estate grouped by root cause, with how many VMs each affects, how many it makes ready on its own, and
// the cumulative answer — the causes taken greedily in the order that makes the most VMs ready at each step,
// with how many VMs are ready after each step.
//
// A cause is one VM rule across every VM it blocks, one cluster/datastore/network finding, or one host rule on
// the hosts of one cluster that fail it (licensing both hosts of a cluster is one fix). A finding that exists
// only because of host findings is not a cause of its own but belongs to them (derived):
//  - cluster-ft-host-count (fewer than two FT-capable hosts) when hosts that fail only host rules would make
//    up the two: it goes away once enough of them are fixed;
//  - vm-secondary-host when a host it rejects is rejected for host-rule findings only (its evidence is theirs):
//    it goes away once every host rule of one such host is fixed;
//  - vm-secondary-host when every host is rejected for not mounting the VM's datastores and the VM has its own
//    vm-datastore-access finding: the datastore is the one cause (moving the files clears both).
// "Makes ready" asks the one verdict function (rules/verdict.ts) about the VM's remaining findings, so a VM that
// would be left unknown or disputed is affected, never unblocked. Cost: linear in the estate per greedy step
// (docs/performance.md).
import { DISRUPTION_ORDER, verdictOf } from '../rules/verdict.js';
import type { Finding } from '../rules/types.js';
import type { Cause, Causes, ResultEvaluation, TargetResult, RuleSummary, VmResult } from '../result/types.js';
import { vmCauses } from '../result/cause-view.js';
import { normalizeServer } from '../util/server.js';

const ON_VM = (f: Finding) => f.objectType === 'VirtualMachine' || f.moid === f.vmMoid;
const blocks = (f: Finding) => f.source === 'ftscan' && f.severity === 'blocker' && !f.waived;

// A derived finding's condition on the set of fixed causes: at least `need` of the hosts are freed, a host being
// freed when every cause in its set is fixed.
interface Derived {
  finding: Finding;
  need: number;
  hosts: number[][]; // cause indexes per freeable host
}

interface VmReq {
  direct: number[]; // causes whose own findings block the VM
  derived: Derived[];
  all: number[]; // every cause the VM depends on (direct and roots of derived)
}

export interface CauseInput {
  evaluation: Pick<ResultEvaluation, 'findings' | 'vms' | 'clusters'>;
  targets: TargetResult[];
  rules?: RuleSummary[];
  // Each VM's non-waived findings by its index, as decideVerdicts collected them (else looked up here).
  actives?: Finding[][];
  // Every finding by id, as decideVerdicts looked them up (else built here when needed).
  byId?: Map<string, Finding>;
}

export function decideCauses(input: CauseInput): Causes {
  const { evaluation: ev, targets } = input;
  const titles = new Map((input.rules ?? []).map((r) => [r.id, r.title]));
  const only = targets.length === 1 ? targets[0]!.server : undefined;
  const servers = new Map<string, string>(); // one normalization per distinct server string
  const srv = (server: string | undefined) => {
    const s = server ?? only ?? '';
    let n = servers.get(s);
    if (n === undefined) servers.set(s, (n = normalizeServer(s)));
    return n;
  };
  const hk = (server: string | undefined, moid: string) => `${srv(server)}|${moid}`;

  // Hosts: cluster, usability (as the pairing rules judge it), their blocker and unknown host findings.
  const hostInfo = new Map<string, { clusterKey?: string; usable: boolean; name: string }>();
  const clusterHosts = new Map<string, string[]>();
  for (const t of targets) {
    for (const h of t.inventory?.hosts ?? []) {
      const key = hk(t.server, h.moid);
      const ck = h.clusterMoid !== undefined ? hk(t.server, h.clusterMoid) : undefined;
      hostInfo.set(key, {
        ...(ck ? { clusterKey: ck } : {}),
        usable: h.connectionState === 'connected' && !h.inMaintenanceMode && h.powerState === 'poweredOn',
        name: h.name,
      });
      if (ck) clusterHosts.set(ck, [...(clusterHosts.get(ck) ?? []), key]);
    }
  }
  const clusterName = new Map(ev.clusters.map((c) => [hk(c.server, c.moid), c.name]));
  const hostFindings = new Map<string, Finding[]>(); // blocker and unknown findings on the host itself
  const hostFindingIds = new Set<string>(); // each once (a finding id names its rule and host)
  for (const f of ev.findings) {
    if (f.objectType !== 'HostSystem' || f.source !== 'ftscan' || (f.severity !== 'blocker' && f.severity !== 'unknown')) continue;
    if (hostFindingIds.has(f.id)) continue;
    hostFindingIds.add(f.id);
    const key = hk(f.server, f.moid);
    const list = hostFindings.get(key);
    if (list) list.push(f);
    else hostFindings.set(key, [f]);
  }

  const causes: Cause[] = [];
  const byKey = new Map<string, number>();
  const seen = new Set<string>();
  // A finding shared by many VMs (a cluster's, a host's) is looked up once: its cause never changes once found.
  const causeIndex = new Map<Finding, number>();
  const causeOf = (f: Finding): number => {
    // A VM's own finding is met by its VM only and its cause is fixed by its rule: no look-up to remember.
    if (ON_VM(f)) return findCause(f);
    const known = causeIndex.get(f);
    if (known !== undefined) return known;
    const i = findCause(f);
    causeIndex.set(f, i);
    return i;
  };
  // "vm|<rule>" built once per rule: most findings are a VM's own, each met once.
  const vmKeys = new Map<string, string>();
  const vmKey = (ruleId: string): string => {
    let k = vmKeys.get(ruleId);
    if (k === undefined) vmKeys.set(ruleId, (k = `vm|${ruleId}`));
    return k;
  };
  const findCause = (f: Finding): number => {
    let key: string;
    let object: Cause['object'];
    const onVm = ON_VM(f);
    const info = !onVm && f.objectType === 'HostSystem' ? hostInfo.get(hk(f.server, f.moid)) : undefined;
    if (onVm) key = vmKey(f.ruleId);
    else if (info?.clusterKey) key = `hosts|${f.ruleId}|${info.clusterKey}`;
    else key = `obj|${srv(f.server)}|${f.ruleId}|${f.moid}`;
    let i = byKey.get(key);
    if (!onVm) object = { type: f.objectType, name: f.name, moid: f.moid, ...(f.server ? { server: f.server } : {}) };
    if (i === undefined) {
      i = causes.length;
      byKey.set(key, i);
      causes.push({
        key,
        ruleId: f.ruleId,
        title: titles.get(f.ruleId) ?? f.ruleId,
        kind: onVm ? 'vm' : 'object',
        ...(object ? { object } : {}),
        fix: f.remediation,
        disruption: f.disruption,
        findingIds: [],
        affected: 0,
        unblocks: 0,
        readyAfter: 0,
        newFindings: 0,
      });
    }
    const c = causes[i]!;
    if (!seen.has(f.id)) {
      seen.add(f.id);
      c.findingIds.push(f.id);
      if (f.status === 'new') c.newFindings++;
      if (DISRUPTION_ORDER.indexOf(f.disruption) > DISRUPTION_ORDER.indexOf(c.disruption)) c.disruption = f.disruption;
      // One host rule on several hosts of a cluster: named by the cluster, the hosts listed.
      if (key.startsWith('hosts|') && c.object && c.object.moid !== f.moid) {
        const hosts = c.hosts ?? [c.object.name];
        if (!hosts.includes(f.name)) hosts.push(f.name);
        c.hosts = hosts;
        const ck = info!.clusterKey!;
        c.object = {
          type: 'ClusterComputeResource',
          name: clusterName.get(ck) ?? ck.slice(ck.lastIndexOf('|') + 1),
          moid: ck.slice(ck.lastIndexOf('|') + 1),
          ...(f.server ? { server: f.server } : {}),
        };
      }
    }
    return i;
  };

  // The causes that would free a host (every blocker host rule fixed), or undefined when no fix of ours frees it:
  // unusable, a waived or unknown host finding (the rules still see it), or nothing to fix.
  const freeing = (hostKey: string): number[] | undefined => {
    const info = hostInfo.get(hostKey);
    const fs = hostFindings.get(hostKey) ?? [];
    if (!info?.usable || fs.length === 0 || fs.some((f) => !blocks(f))) return undefined;
    return [...new Set(fs.map(causeOf))];
  };
  // Per host, what every VM's vm-secondary-host finding asks of it: the causes that free it and the properties
  // its host findings cite (the same for each of the VMs that host rejects; computed on first use, so the causes
  // are still created in the order the findings are met).
  const hostRoots = new Map<string, { roots: number[] | undefined; paths: Set<string | undefined> }>();
  const rootsOf = (hostKey: string) => {
    let r = hostRoots.get(hostKey);
    if (!r) {
      r = { roots: freeing(hostKey), paths: new Set((hostFindings.get(hostKey) ?? []).map((x) => x.evidence[0]?.path)) };
      hostRoots.set(hostKey, r);
    }
    return r;
  };
  const rootsBySpelling = new Map<string | undefined, Map<string, ReturnType<typeof rootsOf>>>();
  // (A rule whose findings can be derived here is also named where the VMs' requirements are gathered below.)
  const derivedOf = (f: Finding): Derived | undefined => {
    if (!blocks(f)) return undefined;
    if (f.ruleId === 'cluster-ft-host-count' && f.objectType === 'ClusterComputeResource') {
      const keys = clusterHosts.get(hk(f.server, f.moid)) ?? [];
      const capable = keys.filter((k) => hostInfo.get(k)!.usable && !(hostFindings.get(k) ?? []).some((x) => x.severity === 'blocker'));
      const hosts = keys.map(freeing).filter((x): x is number[] => x !== undefined);
      const need = 2 - capable.length;
      return need > 0 && hosts.length >= need ? { finding: f, need, hosts } : undefined;
    }
    if (f.ruleId === 'vm-secondary-host' && ON_VM(f)) {
      // Per host, in the order first cited: whether each of its evidence items cites a property its host
      // findings cite. The host's entry is found by the VM's server spelling and the moid (no key per VM).
      let bySpelling = rootsBySpelling.get(f.server);
      if (!bySpelling) rootsBySpelling.set(f.server, (bySpelling = new Map()));
      // A cluster's few hosts: kept in arrays (the order first cited), not a map per finding.
      const seenHosts: ReturnType<typeof rootsOf>[] = [];
      const cited: boolean[] = [];
      for (const e of f.evidence) {
        if (e.objectType !== 'HostSystem') continue;
        let r = bySpelling.get(e.moid);
        if (!r) bySpelling.set(e.moid, (r = rootsOf(hk(f.server, e.moid))));
        const at = seenHosts.indexOf(r);
        if (at < 0) {
          seenHosts.push(r);
          cited.push(r.paths.has(e.path));
        } else if (cited[at]) cited[at] = r.paths.has(e.path);
      }
      const hosts: number[][] = [];
      for (let i = 0; i < seenHosts.length; i++) {
        const { roots } = seenHosts[i]!;
        if (roots && cited[i]) hosts.push(roots);
      }
      return hosts.length ? { finding: f, need: 1, hosts } : undefined;
    }
    return undefined;
  };

  // vm-secondary-host whose every host is rejected for not mounting the VM's datastores, beside the VM's own
  // vm-datastore-access finding on the same property: one datastore problem (issue 18), fixed by moving the files.
  const fromDatastores = (f: Finding, vmFindings: Finding[]): Derived | undefined => {
    if (f.ruleId !== 'vm-secondary-host' || !ON_VM(f)) return undefined;
    const hostPaths = f.evidence.filter((e) => e.objectType === 'HostSystem').map((e) => e.path);
    if (!hostPaths.length) return undefined;
    const root = vmFindings.find(
      (g) => g.ruleId === 'vm-datastore-access' && blocks(g) && hostPaths.every((p) => g.evidence.some((e) => e.path === p)),
    );
    return root ? { finding: f, need: 1, hosts: [[causeOf(root)]] } : undefined;
  };

  // Each candidate VM's requirements. Excluded VMs are out of scope; a VM with FT configured gets its verdict
  // from its FT state, not from findings.
  const actives = input.actives;
  let byId = input.byId;
  if (!byId && !actives) {
    byId = new Map();
    for (const f of ev.findings) byId.set(f.id, f);
  }
  // Only these two rules' findings can be derived (derivedOf, fromDatastores): the others are direct causes
  // without a look-up. Keyed by the finding (one object per id: the VMs' lists share them).
  const derivedCache = new Map<Finding, Derived | null>();
  const reqs: { vm: number; req: VmReq; canBeReady: boolean }[] = [];
  let readyNow = 0;
  ev.vms.forEach((vm, vmIndex) => {
    if (vm.verdict === 'ready' || vm.verdict === 'warnings') readyNow++;
    if (vm.verdict === 'excluded' || vm.protection) return;
    let active = actives?.[vmIndex];
    if (!active) {
      active = [];
      for (const id of vm.findingIds) {
        const f = byId!.get(id);
        if (f !== undefined && !f.waived) active.push(f);
      }
    }
    // A VM's causes are few: kept in arrays (in the order first met, as the sets they replace), not Sets.
    const direct: number[] = [];
    const derived: Derived[] = [];
    for (const f of active) {
      if (!blocks(f)) continue;
      let d: Derived | null | undefined;
      if (f.ruleId === 'vm-secondary-host' || f.ruleId === 'cluster-ft-host-count') {
        d = derivedCache.get(f);
        if (d === undefined) derivedCache.set(f, (d = derivedOf(f) ?? fromDatastores(f, active) ?? null));
      }
      if (d) derived.push(d);
      else {
        const c = causeOf(f);
        if (!direct.includes(c)) direct.push(c);
      }
    }
    if (!direct.length && !derived.length) return;
    const all = [...direct];
    for (const d of derived) for (const h of d.hosts) for (const c of h) if (!all.includes(c)) all.push(c);
    const req: VmReq = { direct, derived, all };
    for (const c of all) causes[c]!.affected++;
    // With every blocker fixed, would the VM be ready (or ready with warnings)? Not when unknown or disputed.
    // Asked of blocked VMs only: no other verdict can be unblocked.
    let canBeReady = false;
    if (vm.verdict === 'blocked') {
      const after = verdictOf(
        active.filter((f) => !blocks(f)),
        vm.protection,
      );
      canBeReady = after === 'ready' || after === 'warnings';
    }
    reqs.push({ vm: vmIndex, req, canBeReady });
  });
  // Derived findings belong to their roots: listed there (each root that can clear it), not as causes of their own.
  // (Each finding has its own Derived; a root named by several of its hosts is counted once, stamped per finding.)
  const stampOf = new Int32Array(causes.length);
  let stamp = 0;
  for (const d of derivedCache.values()) {
    if (!d) continue;
    stamp++;
    for (const h of d.hosts) {
      for (const c of h) {
        if (stampOf[c] === stamp) continue;
        stampOf[c] = stamp;
        const cause = causes[c]!;
        (cause.derivedFindingIds ??= []).push(d.finding.id);
        if (d.finding.status === 'new') cause.newFindings++;
      }
    }
  }

  const fixed = new Uint8Array(causes.length);
  // Every direct cause fixed (or `extra`), and for each derived finding at least `need` of its hosts freed.
  const satisfiedWith = (r: VmReq, extra: number): boolean => {
    for (const c of r.direct) if (fixed[c] !== 1 && c !== extra) return false;
    for (const d of r.derived) {
      let freed = 0;
      for (const h of d.hosts) {
        let all = true;
        for (const c of h) {
          if (fixed[c] !== 1 && c !== extra) {
            all = false;
            break;
          }
        }
        if (all) freed++;
      }
      if (freed < d.need) return false;
    }
    return true;
  };
  const pending = reqs.filter((x) => x.canBeReady);
  // VMs with derived findings, grouped by what they wait for (the same causes, the same hosts to free): every VM
  // of a cluster whose hosts fail the same host rules is one group, judged once (alone, and per greedy step) and
  // counted `vms` times. A host's part of the key is joined once (its list is shared by the VMs it rejects).
  const hostSig = new Map<number[], string>();
  const joinHost = (h: number[]): string => {
    let k = hostSig.get(h);
    if (k === undefined) hostSig.set(h, (k = h.join('+')));
    return k;
  };
  const sigOf = (d: Derived): string => {
    let k = `${d.need}:`;
    for (let i = 0; i < d.hosts.length; i++) k += (i ? '/' : '') + joinHost(d.hosts[i]!);
    return k;
  };
  const groups = new Map<string, { req: VmReq; vms: number }>();
  for (const { req } of pending) {
    if (req.derived.length === 0) continue;
    const sig = `${req.direct.join(',')}|${req.derived.map(sigOf).join(';')}`;
    const g = groups.get(sig);
    if (g) g.vms++;
    else groups.set(sig, { req, vms: 1 });
  }

  // Alone: what each cause releases on its own.
  for (const { req } of pending) {
    if (req.derived.length) continue;
    for (const c of req.all) if (satisfiedWith(req, c)) causes[c]!.unblocks++;
  }
  for (const { req, vms } of groups.values()) for (const c of req.all) if (satisfiedWith(req, c)) causes[c]!.unblocks += vms;

  // Greedy: at each step the cause that makes the most VMs ready (then: that most pending VMs wait for, then the
  // order of the static ranking). A VM blocked by direct causes only is counted incrementally (how many of its
  // causes are still unfixed; at one, it is a gain of the one left), so the whole order costs about the number
  // of (VM, cause) pairs plus steps x causes; VMs with derived findings (few: the clusters whose hosts fail host
  // rules) are judged again at each step.
  const staticRank = causes.map((_, i) => i).sort((a, b) => compareCauses(causes[a]!, causes[b]!));
  const rankOf = new Int32Array(causes.length);
  staticRank.forEach((c, r) => (rankOf[c] = r));
  const simple = pending.filter((x) => x.req.derived.length === 0).map((x) => x.req.direct);
  let complex = [...groups.values()];
  const missing = new Int32Array(simple.length);
  const vmsOf: number[][] = causes.map(() => []);
  const gain = new Int32Array(causes.length); // simple VMs
  const touch = new Int32Array(causes.length); // simple VMs still open
  simple.forEach((direct, v) => {
    missing[v] = direct.length;
    for (const c of direct) {
      vmsOf[c]!.push(v);
      touch[c]!++;
    }
    if (direct.length === 1) gain[direct[0]!]!++;
  });
  const order: number[] = [];
  let ready = readyNow;
  const gainC = new Int32Array(causes.length);
  const touchC = new Int32Array(causes.length);
  while (order.length < causes.length) {
    gainC.fill(0);
    touchC.fill(0);
    for (const { req, vms } of complex) {
      for (const c of req.all) {
        if (fixed[c]) continue;
        touchC[c]! += vms;
        if (satisfiedWith(req, c)) gainC[c]! += vms;
      }
    }
    let best = -1;
    let bestGain = -1;
    let bestTouch = -1;
    for (let c = 0; c < causes.length; c++) {
      if (fixed[c]) continue;
      const g = gain[c]! + gainC[c]!;
      const t = touch[c]! + touchC[c]!;
      if (g > bestGain || (g === bestGain && (t > bestTouch || (t === bestTouch && rankOf[c]! < rankOf[best]!)))) {
        best = c;
        bestGain = g;
        bestTouch = t;
      }
    }
    fixed[best] = 1;
    order.push(best);
    for (const v of vmsOf[best]!) {
      const direct = simple[v]!;
      const left = --missing[v]!;
      if (left === 0) {
        ready++;
        for (const c of direct) touch[c]!--;
      } else if (left === 1) {
        gain[direct.find((c) => !fixed[c])!]!++;
      }
    }
    const still: typeof complex = [];
    for (const x of complex) {
      if (satisfiedWith(x.req, -1)) ready += x.vms;
      else still.push(x);
    }
    complex = still;
    causes[best]!.readyAfter = ready;
  }
  // A host cause created only while looking for roots, that no VM waits for, is not listed.
  const list = order.map((i) => causes[i]!).filter((c) => c.affected > 0);
  const result: Causes = { readyNow, list };
  // Each VM's causes in fix order, for the renderers: the causes naming one of its findings, which are exactly
  // the ones it waits for (every finding a cause names is a blocker, direct or derived, of the VMs listing it)
  // when a finding id names one finding. Else the renderers look them up by id.
  if (byId === undefined) {
    byId = new Map();
    for (const f of ev.findings) byId.set(f.id, f);
  }
  if (byId.size === ev.findings.length) {
    const at = new Int32Array(causes.length);
    list.forEach((c, i) => (at[byKey.get(c.key)!] = i));
    const byVm = new Map<VmResult, Cause[]>();
    for (const { vm, req } of reqs) {
      const mine = req.all.map((c) => at[c]!);
      if (mine.length > 1) mine.sort((a, b) => a - b);
      byVm.set(
        ev.vms[vm]!,
        mine.map((i) => list[i]!),
      );
    }
    vmCauses.set(result, { vms: ev.vms, byVm });
  }
  return result;
}

function compareCauses(a: Cause, b: Cause): number {
  return (
    b.unblocks - a.unblocks ||
    b.affected - a.affected ||
    DISRUPTION_ORDER.indexOf(a.disruption) - DISRUPTION_ORDER.indexOf(b.disruption) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.object?.name ?? '').localeCompare(b.object?.name ?? '')
  );
}
