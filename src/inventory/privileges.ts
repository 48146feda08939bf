// The minimal vCenter role for a full ftscan run, and a check of the current user's privileges
// (`ftscan privileges`) with HasPrivilegeOnEntities (API 5.5+), which needs only the session key
// (SessionManager.currentSession, readable with System.Anonymous).
//
// Privilege ids are the vim25 ones (pyVmomi ServerObjects.py lists each method's and property's
// privilege): every property ftscan reads needs System.Read on the object (System.View for
// datastore/network lists and the licence manager), QueryAssignedLicenses needs System.View,
// QueryFaultToleranceCompatibility(Ex) needs VirtualMachine.Config.QueryFTCompatibility.
// System.Anonymous, System.View and System.Read are part of every vCenter role, so a custom role
// cloned from "Read-only" plus the FT query privilege is enough; tags need no extra privilege to be read.

import type { MoRef, VimClient } from '../vsphere/api.js';
import { TransportError, VimFault } from '../vsphere/errors.js';
import { hasPrivilegeOnEntities } from '../vsphere/methods.js';
import { scrubSecrets } from '../util/redact.js';
import type { Visibility } from './model.js';
import { readProperties } from './read-props.js';
import { get, str } from './values.js';

export const QUERY_FT_PRIVILEGE = 'VirtualMachine.Config.QueryFTCompatibility';

export interface RequiredPrivilege {
  privilege: string;
  purpose: string;
  optional: boolean; // only needed for an opt-in feature
}

export const REQUIRED_PRIVILEGES: RequiredPrivilege[] = [
  { privilege: 'System.Anonymous', purpose: 'log in and read the session', optional: false },
  { privilege: 'System.View', purpose: 'list the inventory (ContainerView), licence assignments', optional: false },
  { privilege: 'System.Read', purpose: 'read VM, host, cluster, datastore and network properties', optional: false },
  { privilege: QUERY_FT_PRIVILEGE, purpose: "ask vCenter's own FT compatibility check (--ask-vcenter)", optional: true },
];

export interface PrivilegeCheck {
  privilege: string;
  granted: boolean; // granted on every entity checked
  missingOn: string[]; // entity moids where it is missing
}

async function sessionKey(client: VimClient): Promise<string> {
  const sm = client.serviceContent.sessionManager;
  if (!sm) throw new TransportError('malformed', 'this server has no SessionManager');
  const props = await readProperties(client, sm, ['currentSession']);
  const key = str(get(props.currentSession, 'key'));
  if (!key) throw new TransportError('malformed', 'the current session has no key (SessionManager.currentSession)');
  return key;
}

// entity moid -> granted privilege ids (only among `privIds`).
export async function privilegesOnEntities(client: VimClient, entities: MoRef[], privIds: string[]): Promise<Map<string, Set<string>>> {
  const am = client.serviceContent.authorizationManager;
  if (!am) throw new TransportError('malformed', 'this server has no AuthorizationManager');
  const key = await sessionKey(client);
  const out = new Map<string, Set<string>>();
  const CHUNK = 1000; // keeps one request small on large estates; still O(VMs / 1000) calls
  for (let i = 0; i < entities.length; i += CHUNK) {
    const answer = await hasPrivilegeOnEntities(client.roundTrip, am, {
      entity: entities.slice(i, i + CHUNK),
      sessionId: key,
      privId: privIds,
    });
    for (const ep of answer) {
      const id = ep.entity?.value;
      if (!id) continue;
      const set = out.get(id) ?? new Set<string>();
      for (const pa of ep.privAvailability ?? []) {
        if (pa.privId && pa.isGranted === true) set.add(pa.privId);
      }
      out.set(id, set);
    }
  }
  return out;
}

// Checks every privilege of REQUIRED_PRIVILEGES (or `privileges`) on the entities (default: the root folder).
export async function checkPrivileges(
  client: VimClient,
  entities?: MoRef[],
  privileges: string[] = REQUIRED_PRIVILEGES.map((p) => p.privilege),
): Promise<PrivilegeCheck[]> {
  const targets = entities?.length ? entities : [client.serviceContent.rootFolder];
  const granted = await privilegesOnEntities(client, targets, privileges);
  return privileges.map((privilege) => {
    const missingOn = targets.filter((t) => !granted.get(t.value)?.has(privilege)).map((t) => t.value);
    return { privilege, granted: missingOn.length === 0, missingOn };
  });
}

// What a scan must hold to see its whole scope: System.View lists an object, System.Read reads it.
const VISIBILITY_PRIVILEGES = ['System.View', 'System.Read'];

// The scan's own privilege check (the same checkPrivileges as `ftscan privileges`), on what it scans: the
// root folder, or each datacenter / cluster named by --datacenter / --cluster. Without those privileges,
// propagated, the objects below are simply absent from a ContainerView: nothing else would tell. Costs one
// RetrievePropertiesEx (SessionManager.currentSession, for the session key) and one HasPrivilegeOnEntities.
// A named object that was not found is unseen rather than absent when the root folder's System.View is
// missing too (the same call checks the root).
export async function checkVisibility(
  client: VimClient,
  named: { moid: string; type: string; name: string }[] | undefined,
  notFound: { type: string; name: string }[] = [],
): Promise<Visibility> {
  const root = client.serviceContent.rootFolder;
  const rootObject = { moid: root.value, type: root.type, name: 'the root folder' };
  const scope = named ?? [rootObject];
  const checked = notFound.length && named ? [...scope, rootObject] : scope;
  const visibility: Visibility = { checked: scope, missing: [] };
  let checks: PrivilegeCheck[];
  try {
    checks = await checkPrivileges(
      client,
      checked.map((o) => ({ type: o.type, value: o.moid })),
      VISIBILITY_PRIVILEGES,
    );
  } catch (err) {
    // A fault (old vCenter, a refused call) leaves the scope's visibility unknown; cancellation ends the scan.
    if (!(err instanceof VimFault)) throw err;
    visibility.error = `${err.faultName}${err.faultString ? `: ${scrubSecrets(err.faultString)}` : ''}`.split('\n')[0]!;
    return visibility;
  }
  const missingOn = new Map(checks.map((c) => [c.privilege, new Set(c.missingOn)]));
  for (const o of scope) {
    for (const privilege of VISIBILITY_PRIVILEGES) {
      if (missingOn.get(privilege)?.has(o.moid)) visibility.missing.push({ privilege, object: o });
    }
  }
  if (notFound.length && named && missingOn.get('System.View')?.has(root.value)) {
    for (const o of notFound) visibility.missing.push({ privilege: 'System.View', object: o });
  }
  return visibility;
}

// One line: what is missing where, and the fix.
export function visibilityMessage(v: Visibility): string {
  const fix =
    'grant this user a role with System.View and System.Read on the root folder (or on each --datacenter / --cluster scanned) with "Propagate to children" (see `ftscan privileges`)';
  if (v.error) return `could not check that this user sees the whole scope (HasPrivilegeOnEntities: ${v.error}): ${fix}`;
  const byObject = new Map<string, { label: string; privileges: string[] }>();
  for (const m of v.missing) {
    const label = m.object.moid ? `${m.object.name} (${m.object.moid})` : `${m.object.name} (not found: it may exist unseen)`;
    const key = m.object.moid ?? `${m.object.type}:${m.object.name}`;
    const e = byObject.get(key) ?? { label, privileges: [] };
    e.privileges.push(m.privilege);
    byObject.set(key, e);
  }
  const what = [...byObject.values()].map((e) => `${e.privileges.join(' and ')} on ${e.label}`).join(', ');
  return `this user cannot see or read the whole scope (missing ${what}): objects it cannot see are absent from the report; ${fix}`;
}
