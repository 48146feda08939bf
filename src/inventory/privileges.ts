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
import { TransportError } from '../vsphere/errors.js';
import { hasPrivilegeOnEntities } from '../vsphere/methods.js';
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
