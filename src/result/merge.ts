// Several JSON reports (one per vCenter or region, from jobs on several machines) as one estate result:
// `ftscan report a.json b.json ...`. The facts are put side by side; the policy stage then judges the merged
// result again (waivers, baseline, verdicts, counts), so a merged report is what one scan of every vCenter
// would have given. A vCenter present in two reports (same instanceUuid, or the same server when the uuid is
// unknown) is taken from the newer report, with a warning. A report dated in the future (clock skew on the
// machine that wrote it) is a warning and never preferred on its date alone: a copy dated in the past wins over
// it, so a report from 2096 cannot keep winning every merge. Finding ids carry the vCenter's instanceUuid, so
// findings of different vCenters never collide.
import type { ScanResult, TargetResult } from './types.js';
import { normalizeServer } from '../util/server.js';

export interface MergeInput {
  file: string;
  result: ScanResult;
}

const identity = (t: TargetResult) =>
  t.inventory?.vcenter.instanceUuid ? `uuid:${t.inventory.vcenter.instanceUuid}` : `server:${normalizeServer(t.server)}`;
const when = (r: ScanResult, t: TargetResult) => Date.parse(t.inventory?.collectedAt ?? r.finishedAt) || 0;
// Slack for clocks that are merely a little apart between the machines of one estate.
const FUTURE_SLACK_MS = 5 * 60_000;

export function mergeResults(inputs: MergeInput[], warn: (line: string) => void, now: number = Date.now()): ScanResult {
  const future = (r: ScanResult, t: TargetResult) => when(r, t) > now + FUTURE_SLACK_MS;
  for (const input of inputs) {
    const ahead = input.result.targets.filter((t) => future(input.result, t));
    if (!ahead.length) continue;
    const at = new Date(Math.max(...ahead.map((t) => when(input.result, t)))).toISOString();
    warn(
      `${input.file} is dated ${at}, in the future (clock skew on the machine that wrote it?): ` +
        `its copy of a vCenter is not preferred on its date; check that machine's clock`,
    );
  }
  if (inputs.length === 1) return inputs[0]!.result;
  // Which report each vCenter is taken from: the newest.
  const chosen = new Map<string, { input: MergeInput; target: TargetResult }>();
  for (const input of inputs) {
    for (const t of input.result.targets) {
      const id = identity(t);
      const prev = chosen.get(id);
      if (!prev) {
        chosen.set(id, { input, target: t });
        continue;
      }
      // A future date never wins on its own: past-dated copies first, then the later date.
      const fa = future(input.result, t);
      const fb = future(prev.input.result, prev.target);
      const newer = fa !== fb ? fb : when(input.result, t) > when(prev.input.result, prev.target);
      const [keep, drop] = newer ? [{ input, target: t }, prev] : [prev, { input, target: t }];
      warn(
        `${t.server} is in both ${prev.input.file} and ${input.file} (same vCenter): using ${keep.input.file}, the newer${fa !== fb ? ' (the other is dated in the future)' : ''}; ${drop.input.file}'s copy is left out`,
      );
      chosen.set(id, keep);
    }
  }
  const first = inputs[0]!.result;
  const profiles = new Set(inputs.map((i) => i.result.profile));
  if (profiles.size > 1)
    warn(`the reports were scanned with different --profile values (${[...profiles].join(', ')}): the merged report says ${first.profile}`);

  const out: ScanResult = {
    ...first,
    startedAt: inputs.map((i) => i.result.startedAt).sort()[0]!,
    finishedAt: inputs
      .map((i) => i.result.finishedAt)
      .sort()
      .at(-1)!,
    targets: [],
    evaluation: { ...first.evaluation, vms: [], clusters: [], hosts: [], datastores: [], findings: [] },
    summary: { ...first.summary, soapCalls: 0 },
    complete: true,
  };
  delete out.baseline; // the merged result is judged again against the --baseline given now
  delete out.waivers;
  delete out.targetCluster;
  delete out.notFound;
  delete out.evaluation.placement;
  const rules = new Map<string, NonNullable<ScanResult['rules']>[number]>();
  const skipped = new Set<string>(); // a rule skipped in any of the reports was not checked for the estate
  for (const input of inputs) {
    const r = input.result;
    const mine = r.targets.filter((t) => chosen.get(identity(t))?.target === t);
    if (!mine.length) continue;
    // A one-vCenter report does not tag its assessments with the server: tag them now, they are no longer alone.
    const only = r.targets.length === 1 ? r.targets[0]!.server : undefined;
    const keep = new Set(mine.map((t) => normalizeServer(t.server)));
    const kept = <T extends { server?: string }>(x: T): T | undefined => {
      const server = x.server ?? only;
      if (server === undefined || !keep.has(normalizeServer(server))) return undefined;
      return x.server === undefined ? { ...x, server } : x;
    };
    const pick = <T extends { server?: string }>(xs: T[]) => xs.flatMap((x) => kept(x) ?? []);
    out.targets.push(...mine);
    out.evaluation.vms.push(...pick(r.evaluation.vms));
    out.evaluation.clusters.push(...pick(r.evaluation.clusters));
    out.evaluation.hosts.push(...pick(r.evaluation.hosts));
    out.evaluation.datastores.push(...pick(r.evaluation.datastores));
    out.evaluation.findings.push(...pick(r.evaluation.findings));
    out.summary.soapCalls += r.summary.soapCalls; // the whole report's calls, when only part of it is kept too
    out.complete &&= mine.every((t) => t.status === 'complete');
    for (const rule of r.rules ?? []) rules.set(rule.id, rule);
    for (const id of r.skippedRules ?? []) skipped.add(id);
  }
  if (rules.size) out.rules = [...rules.values()];
  if (skipped.size) out.skippedRules = [...skipped];
  else delete out.skippedRules;
  return out;
}
