// What every SOAP method family of the mock vCenter shares: the parsed-request helpers, the session record,
// the SoapFault a handler throws, and MockContext — the estate indexes and per-server state a handler reads.
// vcenter.ts builds one MockContext per mock and dispatches each call through the table in methods/index.ts.
import type { MockControl } from '../control.js';
import { moref, type Estate, type MockObject, type MockUser, type MoRefValue } from '../estate.js';

export type X = Record<string, unknown>; // a parsed request element

type View =
  | { kind: 'ContainerView'; moid: string; container: MoRefValue; type: string[]; recursive: boolean; view: MoRefValue[] }
  // CreateListView: the objects given, in their order; one deleted since drops out of `view` when read.
  | { kind: 'ListView'; moid: string; view: MoRefValue[] };

export interface PageState {
  objects: MockObject[];
  propSets: { type: string; all: boolean; paths: string[] }[];
  max: number; // RetrieveOptions.maxObjects of the first call, kept for the continuation pages
}

export interface Session {
  id: string; // cookie value
  key: string; // UserSession.key
  user: MockUser;
  userSession: Record<string, unknown>;
  views: Map<string, View>;
  tokens: Map<string, PageState>;
}

export class SoapFault {
  constructor(
    readonly faultName: string,
    readonly fields: Record<string, unknown> = {},
    readonly message = '',
  ) {}
}

export interface MockContext {
  readonly estate: Estate;
  readonly control: MockControl;
  readonly pageSize: number; // page size when RetrieveOptions.maxObjects is unset
  readonly sessions: Map<string, Session>;
  readonly byMoid: ReadonlyMap<string, MockObject>;
  readonly children: ReadonlyMap<string, string[]>; // inventory children, a VM under its resource pool too
  // An inventory object, a session's view or a service object (LicenseManager, SessionManager, ServiceInstance).
  lookup(ref: MoRefValue, s: Session): MockObject | undefined;
  isServiceObject(moid: string): boolean;
}

// One SOAP call inside an authenticated session.
interface SoapCall {
  method: string;
  args: X;
  self: MoRefValue | undefined; // _this
  session: Session;
}

export type MethodHandler = (ctx: MockContext, call: SoapCall) => string; // the response envelope

export const ROOT = 'group-d1';

export function arr<T = unknown>(x: unknown): T[] {
  return x === undefined || x === null ? [] : Array.isArray(x) ? (x as T[]) : [x as T];
}
export function text(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const t = (x as X)['#text'];
    return typeof t === 'string' ? t : '';
  }
  return undefined;
}
export function moRefOf(x: unknown): MoRefValue | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const type = (x as X)['@_type'];
  const value = text(x);
  return typeof type === 'string' && value !== undefined ? moref(type, value) : undefined;
}
export function bool(x: unknown): boolean | undefined {
  const t = text(x);
  return t === undefined ? undefined : t === 'true' || t === '1';
}

export function nowIso(): string {
  return new Date().toISOString().replace('Z', '000Z');
}

export function objectNotFound(ref: MoRefValue | undefined): SoapFault {
  return new SoapFault(
    'ManagedObjectNotFound',
    { obj: ref },
    `The object '${ref?.type}:${ref?.value}' has already been deleted or has not been completely created`,
  );
}

export function requireThis(self: MoRefValue | undefined, type: string, value?: string): void {
  if (!self || self.type !== type || (value !== undefined && self.value !== value)) throw objectNotFound(self);
}

export function noPermission(self: MoRefValue | undefined, privilegeId: string): SoapFault {
  return new SoapFault('NoPermission', { object: self, privilegeId }, 'Permission to perform this operation was denied.');
}

export function invalidArgument(name: string): SoapFault {
  return new SoapFault('InvalidArgument', { invalidProperty: name }, `A specified parameter was not correct: ${name}`);
}
