// AuthorizationManager: HasPrivilegeOnEntities, FetchUserPrivilegeOnEntities (synthetic: shapes from the vim25
// schema), and the permission model the other families check against. Permissions propagate down the
// inventory: folders and, for a VM, its resource pool chain too.
import { isMoRef, type MockUser } from '../estate.js';
import { methodReturnType } from '../schema.js';
import { serializeResponse } from '../serializer.js';
import { arr, invalidArgument, type MethodHandler, type MockContext, moRefOf, requireThis, SoapFault, text } from './context.js';

// Every privilege the mock knows; a user without `privileges` holds all of them (Administrator).
const ALL_PRIVILEGES = [
  'System.Anonymous',
  'System.View',
  'System.Read',
  'Global.Licenses',
  'Global.Settings',
  'Sessions.TerminateSession',
  'Host.Config.Settings',
  'Host.Config.Network',
  'VirtualMachine.Config.Settings',
  'VirtualMachine.Config.QueryFTCompatibility',
  'VirtualMachine.Interact.PowerOn',
  'VirtualMachine.Interact.CreateSecondary',
  'VirtualMachine.Interact.TurnOffFaultTolerance',
  'VirtualMachine.Interact.MakePrimary',
  'VirtualMachine.Interact.TerminateFaultTolerantVM',
  'VirtualMachine.Interact.DisableSecondary',
  'VirtualMachine.Interact.EnableSecondary',
  'VirtualMachine.Inventory.Create',
  'Datastore.Browse',
  'Network.Assign',
  'Resource.AssignVMToPool',
  'InventoryService.Tagging.AttachTag',
];

const ADMIN: ReadonlySet<string> = new Set(ALL_PRIVILEGES);

function ancestors(ctx: MockContext, moid: string): string[] {
  const out: string[] = [];
  const todo = [moid];
  while (todo.length) {
    const m = todo.pop()!;
    if (out.includes(m)) continue;
    out.push(m);
    const o = ctx.byMoid.get(m);
    if (o?.parent) todo.push(o.parent.value);
    if (o?.type === 'VirtualMachine' && isMoRef(o.props.resourcePool)) todo.push(o.props.resourcePool.value);
  }
  return out;
}

export function privilegesOn(ctx: MockContext, user: MockUser, moid: string): ReadonlySet<string> {
  if (!user.privileges) return ADMIN;
  const out = new Set<string>();
  for (const m of [...ancestors(ctx, moid), '*']) for (const p of user.privileges[m] ?? []) out.add(p);
  if (out.size) out.add('System.Anonymous').add('System.View');
  return out;
}

// UserSession.userName as vCenter words it: DOMAIN\user.
export function userName(u: MockUser): string {
  const [name, domain] = u.name.split('@');
  return domain ? `${domain.toUpperCase()}\\${name}` : u.name;
}

const hasPrivilegeOnEntities: MethodHandler = (ctx, { method, args, self }) => {
  requireThis(self, 'AuthorizationManager', 'AuthorizationManager');
  const key = text(args.sessionId) ?? '';
  const target = [...ctx.sessions.values()].find((x) => x.key === key);
  if (!target) throw invalidArgument('sessionId');
  const privIds = arr(args.privId).map((p) => text(p) ?? '');
  const result = arr(args.entity)
    .map(moRefOf)
    .map((e) => ({
      _type: 'EntityPrivilege',
      entity: e,
      privAvailability: privIds.map((privId) => ({
        _type: 'PrivilegeAvailability',
        privId,
        isGranted: privilegesOn(ctx, target.user, e!.value).has(privId),
      })),
    }));
  return serializeResponse(method, result, methodReturnType(method));
};

const fetchUserPrivilegeOnEntities: MethodHandler = (ctx, { method, args, self }) => {
  requireThis(self, 'AuthorizationManager', 'AuthorizationManager');
  const name = (text(args.userName) ?? '').toLowerCase();
  const user = ctx.estate.users.find((u) => u.name.toLowerCase() === name || userName(u).toLowerCase() === name);
  if (!user)
    throw new SoapFault(
      'UserNotFound',
      { principal: text(args.userName) ?? '', unresolved: false },
      `User ${text(args.userName) ?? ''} not found`,
    );
  const result = arr(args.entities)
    .map(moRefOf)
    .map((e) => ({ _type: 'UserPrivilegeResult', entity: e, privileges: [...privilegesOn(ctx, user, e!.value)].sort() }));
  return serializeResponse(method, result, methodReturnType(method));
};

export const privilegeMethods: Record<string, MethodHandler> = {
  HasPrivilegeOnEntities: hasPrivilegeOnEntities,
  FetchUserPrivilegeOnEntities: fetchUserPrivilegeOnEntities,
};
