// vCenter's own verdict (opt-in --ask-vcenter): QueryFaultToleranceCompatibilityEx(forLegacyFt) per VM
// (API 6.0+; QueryFaultToleranceCompatibility before), with a concurrency limit. The caller's privilege
// VirtualMachine.Config.QueryFTCompatibility is checked first with HasPrivilegeOnEntities (one call for
// all VMs). Without the privilege, on MethodNotFound (vcsim) or any other failure the VM is recorded as
// notEvaluated with the reason: this never makes the scan incomplete.

import { scrubSecrets } from '../util/redact.js';
import type { MoRef, VimClient } from '../vsphere/api.js';
import { isFault } from '../vsphere/errors.js';
import { queryFaultToleranceCompatibility, queryFaultToleranceCompatibilityEx } from '../vsphere/methods.js';
import type { FtQueryResult, Host, Vm } from './model.js';
import { privilegesOnEntities, QUERY_FT_PRIVILEGE } from './privileges.js';
import { isApiAtLeast } from './property-specs.js';
import { arr, get, obj, str, type Obj } from './values.js';

export interface FtQueryOptions {
  concurrency?: number; // parallel queries, default 8
  // forLegacyFt per VM; default: true when the VM runs on a pre-6.0 host or already uses record/replay FT
  forLegacyFt?: (vm: Vm, host: Host | undefined) => boolean;
}

type FtFault = FtQueryResult['faults'][number];

export function defaultForLegacyFt(vm: Vm, host: Host | undefined): boolean {
  if (vm.ft.type === 'recordReplay') return true;
  const major = Number.parseInt(host?.product.version ?? '', 10);
  return Number.isFinite(major) && major < 6;
}

function faultMessage(fault: Obj, localized?: string): string {
  if (localized) return localized;
  const parts = arr(fault.faultMessage).flatMap((m) => str(get(m, 'message')) ?? []);
  return parts.join(' ');
}

// Wrapper faults carry the real issues inside (VmFaultToleranceConfigIssueWrapper.error,
// VmConfigIncompatibleForFaultTolerance.fault, FtIssuesOnHost.errors[], VmFaultToleranceOpIssuesList.errors[]
// / warnings[], IncompatibleHostForFtSecondary.error[]): keep the leaves.
const NESTED_FIELDS = ['fault', 'error', 'errors', 'warnings'] as const;

export function flattenFtFaults(items: unknown): FtFault[] {
  const out: FtFault[] = [];
  const visit = (item: unknown, depth: number, context: string): void => {
    let f = obj(item);
    let localized: string | undefined;
    if (str(f?._type) === 'LocalizedMethodFault') {
      localized = str(f?.localizedMessage) || undefined;
      f = obj(f?.fault);
    }
    if (!f) return;
    const type = str(f._type) ?? 'MethodFault';
    const hostName = str(f.hostName);
    const nested = NESTED_FIELDS.flatMap((k) => arr(f![k])).filter((x) => obj(x) !== undefined);
    if (nested.length && depth < 8) {
      for (const n of nested) visit(n, depth + 1, hostName ? `${hostName}: ` : context);
      return;
    }
    const reason = str(f.reason);
    out.push({ fault: type, ...(reason !== undefined ? { reason } : {}), message: scrubSecrets(context + faultMessage(f, localized)) });
  };
  for (const item of arr(items)) visit(item, 0, '');
  return out;
}

function notEvaluated(reason: string): FtQueryResult {
  return { status: 'notEvaluated', reason, faults: [] };
}

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

export async function askVcenterFt(
  client: VimClient,
  vms: Vm[],
  hosts: Host[],
  opts: FtQueryOptions = {},
): Promise<Record<string, FtQueryResult>> {
  const results: Record<string, FtQueryResult> = {};
  const candidates: Vm[] = [];
  for (const vm of vms) {
    if (vm.template) results[vm.moid] = notEvaluated('template (vCenter cannot query a template)');
    else candidates.push(vm);
  }
  if (!candidates.length) return results;

  // Privilege check in one call; a server that cannot answer it (pre-5.5) is simply asked directly.
  const granted = await privilegesOnEntities(
    client,
    candidates.map((v) => ({ type: 'VirtualMachine', value: v.moid })),
    [QUERY_FT_PRIVILEGE],
  ).catch(() => undefined);
  const hostById = new Map(hosts.map((h) => [h.moid, h]));
  const useEx = isApiAtLeast(client.about.apiVersion, '6.0');
  const forLegacy = opts.forLegacyFt ?? defaultForLegacyFt;
  let methodMissing: string | undefined;

  await pool(candidates, opts.concurrency ?? 8, async (vm) => {
    if (granted && !granted.get(vm.moid)?.has(QUERY_FT_PRIVILEGE)) {
      results[vm.moid] = notEvaluated(`no privilege ${QUERY_FT_PRIVILEGE} on this VM`);
      return;
    }
    if (methodMissing) {
      results[vm.moid] = notEvaluated(methodMissing);
      return;
    }
    const self: MoRef = { type: 'VirtualMachine', value: vm.moid };
    try {
      const answer = useEx
        ? await queryFaultToleranceCompatibilityEx(client.roundTrip, self, {
            forLegacyFt: forLegacy(vm, vm.hostMoid ? hostById.get(vm.hostMoid) : undefined),
          })
        : await queryFaultToleranceCompatibility(client.roundTrip, self);
      results[vm.moid] = { status: 'evaluated', faults: flattenFtFaults(answer) };
    } catch (err) {
      if (isFault(err, 'MethodNotFound')) {
        methodMissing = 'this server does not implement the FT compatibility query (MethodNotFound)';
        results[vm.moid] = notEvaluated(methodMissing);
      } else if (isFault(err, 'NotAuthenticated')) {
        throw err;
      } else if (isFault(err, 'NoPermission')) {
        results[vm.moid] = notEvaluated(`no privilege ${err.privilegeId ?? QUERY_FT_PRIVILEGE} on this VM`);
      } else {
        results[vm.moid] = notEvaluated(err instanceof Error ? err.message : String(err));
      }
    }
  });
  return results;
}
