// One thin typed function per vim25 method ftscan may send (api.ts ALLOWED_METHODS), modelled on govmomi's
// vim25/methods: each builds its request in the WSDL's argument order, sends it through a RoundTripper
// (the client's `roundTrip`, or the stack below re-login inside collect.ts) and returns the decoded
// `returnval` as its vim25 type. The types list only the fields ftscan reads; the decoders guarantee the
// schema's scalar types and arrays (api.ts header), but a hostile server may leave any field out, so fields
// the callers test stay optional.
import type {
  AllowedMethod,
  MoRef,
  ObjectContent,
  PageResult,
  PageSink,
  PropSet,
  RoundTripper,
  ServiceContent,
  SoapArg,
  SoapValue,
  VimValue,
} from './api.js';
import { toObjectContent } from './decode-stream.js';

export const SERVICE_INSTANCE: MoRef = { type: 'ServiceInstance', value: 'ServiceInstance' };

// vim25 data objects as sent (PropertyFilterSpec and friends).
interface PropertySpec {
  type: string;
  pathSet: string[];
}
interface TraversalSpec {
  type: string;
  path: string;
  skip: boolean;
}
interface ObjectSpec {
  obj: MoRef;
  skip: boolean;
  selectSet?: TraversalSpec[];
}
export interface PropertyFilterSpec {
  propSet: PropertySpec[];
  objectSet: ObjectSpec[];
}
export interface RetrieveOptions {
  maxObjects?: number;
}

// vim25 data objects as received.
export interface RetrieveResult {
  token?: string;
  objects: ObjectContent[]; // propSet by path, missingSet as MissingProperty (the page decoder's shape)
}
export interface LocalizedMethodFault {
  fault?: Record<string, unknown> & { _type?: string };
  localizedMessage?: string;
}
export interface EntityPrivilege {
  entity?: MoRef;
  privAvailability?: { privId?: string; isGranted?: boolean }[];
}
interface UserPrivilegeResult {
  entity?: MoRef;
  privileges?: string[];
}
export interface LicenseAssignment {
  entityId?: string;
  assignedLicense?: { licenseKey?: string; editionKey?: string; name?: string };
}
export interface UserSession {
  key?: string;
  userName?: string;
}

function call(rt: RoundTripper, method: AllowedMethod, self: MoRef, args: SoapArg[] = [], signal?: AbortSignal): Promise<VimValue> {
  return rt({ method, self, args, ...(signal ? { signal } : {}) });
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : v === undefined || v === null ? [] : [v as T];
}

function filterSpecArg(spec: PropertyFilterSpec): SoapValue {
  return [
    [
      'propSet',
      spec.propSet.map((ps): SoapArg[] => [
        ['type', ps.type],
        ['all', false],
        ['pathSet', ps.pathSet],
      ]),
    ],
    [
      'objectSet',
      spec.objectSet.map((os): SoapArg[] => [
        ['obj', os.obj],
        ['skip', os.skip],
        ...(os.selectSet ?? []).map(
          (ts): SoapArg => [
            'selectSet',
            {
              xsiType: 'TraversalSpec',
              fields: [
                ['type', ts.type],
                ['path', ts.path],
                ['skip', ts.skip],
              ],
            },
          ],
        ),
      ]),
    ],
  ];
}

// RetrievePropertiesEx arguments. RetrieveOptions is required even when empty (then sent typed, as an
// empty element would otherwise be left out).
export function retrieveArgs(specSet: PropertyFilterSpec[], options: RetrieveOptions): SoapArg[] {
  return [
    ['specSet', specSet.map(filterSpecArg)],
    ['options', options.maxObjects !== undefined ? [['maxObjects', options.maxObjects]] : { xsiType: 'RetrieveOptions', fields: [] }],
  ];
}

// "These properties of every object in this ContainerView": the view itself is skipped, its `view`
// property traversed.
export function containerViewSpec(view: MoRef, propSets: PropSet[]): PropertyFilterSpec {
  return {
    propSet: propSets.map((ps) => ({ type: ps.type, pathSet: ps.paths })),
    objectSet: [{ obj: view, skip: true, selectSet: [{ type: 'ContainerView', path: 'view', skip: false }] }],
  };
}

// The same over a ListView (CreateListView): its `view` property lists the objects it was created with, less
// those deleted since.
export function listViewSpec(view: MoRef, propSets: PropSet[]): PropertyFilterSpec {
  return {
    propSet: propSets.map((ps) => ({ type: ps.type, pathSet: ps.paths })),
    objectSet: [{ obj: view, skip: true, selectSet: [{ type: 'ListView', path: 'view', skip: false }] }],
  };
}

export function containerViewRetrieveArgs(view: MoRef, propSets: PropSet[], maxObjects: number): SoapArg[] {
  return retrieveArgs([containerViewSpec(view, propSets)], { maxObjects });
}

function retrieveResult(v: unknown): RetrieveResult {
  const r = (v ?? {}) as { token?: unknown; objects?: unknown };
  return { ...(typeof r.token === 'string' ? { token: r.token } : {}), objects: list(r.objects).map(toObjectContent) };
}

export async function retrieveServiceContent(rt: RoundTripper): Promise<ServiceContent | undefined> {
  return (await call(rt, 'RetrieveServiceContent', SERVICE_INSTANCE)) as ServiceContent | undefined;
}

export async function login(
  rt: RoundTripper,
  sessionManager: MoRef,
  req: { userName: string; password: string },
): Promise<UserSession | undefined> {
  return (await call(rt, 'Login', sessionManager, [
    ['userName', req.userName],
    ['password', req.password],
  ])) as UserSession | undefined;
}

export async function logout(rt: RoundTripper, sessionManager: MoRef, signal?: AbortSignal): Promise<void> {
  await call(rt, 'Logout', sessionManager, [], signal);
}

export async function currentTime(rt: RoundTripper): Promise<string | undefined> {
  const t = await call(rt, 'CurrentTime', SERVICE_INSTANCE);
  return typeof t === 'string' ? t : undefined;
}

export async function createContainerView(
  rt: RoundTripper,
  viewManager: MoRef,
  req: { container: MoRef; type: string[]; recursive: boolean },
): Promise<MoRef> {
  return (await call(rt, 'CreateContainerView', viewManager, [
    ['container', req.container],
    ['type', req.type],
    ['recursive', req.recursive],
  ])) as MoRef;
}

export async function createListView(rt: RoundTripper, viewManager: MoRef, req: { obj: MoRef[] }, signal?: AbortSignal): Promise<MoRef> {
  const obj = req.obj.map((o) => ({ type: o.type, value: o.value }));
  return (await call(rt, 'CreateListView', viewManager, [['obj', obj]], signal)) as MoRef;
}

export async function destroyView(rt: RoundTripper, view: MoRef): Promise<void> {
  await call(rt, 'DestroyView', view);
}

export async function retrievePropertiesEx(
  rt: RoundTripper,
  collector: MoRef,
  req: { specSet: PropertyFilterSpec[]; options: RetrieveOptions },
): Promise<RetrieveResult> {
  return retrieveResult(await call(rt, 'RetrievePropertiesEx', collector, retrieveArgs(req.specSet, req.options)));
}

// The same call with its objects streamed to `sink` as the page arrives (bulk collection).
export async function retrievePropertiesExPage(
  rt: RoundTripper,
  collector: MoRef,
  req: { specSet: PropertyFilterSpec[]; options: RetrieveOptions },
  sink: PageSink,
  signal?: AbortSignal,
): Promise<PageResult> {
  return (await rt({
    method: 'RetrievePropertiesEx',
    self: collector,
    args: retrieveArgs(req.specSet, req.options),
    page: sink,
    ...(signal ? { signal } : {}),
  })) as PageResult;
}

export async function continueRetrievePropertiesEx(rt: RoundTripper, collector: MoRef, token: string): Promise<RetrieveResult> {
  return retrieveResult(await call(rt, 'ContinueRetrievePropertiesEx', collector, [['token', token]]));
}

export async function continueRetrievePropertiesExPage(
  rt: RoundTripper,
  collector: MoRef,
  token: string,
  sink: PageSink,
  signal?: AbortSignal,
): Promise<PageResult> {
  return (await rt({
    method: 'ContinueRetrievePropertiesEx',
    self: collector,
    args: [['token', token]],
    page: sink,
    ...(signal ? { signal } : {}),
  })) as PageResult;
}

export async function cancelRetrievePropertiesEx(rt: RoundTripper, collector: MoRef, token: string): Promise<void> {
  await call(rt, 'CancelRetrievePropertiesEx', collector, [['token', token]]);
}

export async function queryFaultToleranceCompatibility(rt: RoundTripper, vm: MoRef): Promise<LocalizedMethodFault[]> {
  return list(await call(rt, 'QueryFaultToleranceCompatibility', vm));
}

export async function queryFaultToleranceCompatibilityEx(
  rt: RoundTripper,
  vm: MoRef,
  req: { forLegacyFt?: boolean },
): Promise<LocalizedMethodFault[]> {
  const args: SoapArg[] = req.forLegacyFt !== undefined ? [['forLegacyFt', req.forLegacyFt]] : [];
  return list(await call(rt, 'QueryFaultToleranceCompatibilityEx', vm, args));
}

export async function hasPrivilegeOnEntities(
  rt: RoundTripper,
  authorizationManager: MoRef,
  req: { entity: MoRef[]; sessionId: string; privId: string[] },
): Promise<EntityPrivilege[]> {
  const entity = req.entity.map((e) => ({ type: e.type, value: e.value }));
  return list(
    await call(rt, 'HasPrivilegeOnEntities', authorizationManager, [
      ['entity', entity],
      ['sessionId', req.sessionId],
      ['privId', req.privId],
    ]),
  );
}

export async function fetchUserPrivilegeOnEntities(
  rt: RoundTripper,
  authorizationManager: MoRef,
  req: { entities: MoRef[]; userName: string },
): Promise<UserPrivilegeResult[]> {
  const entities = req.entities.map((e) => ({ type: e.type, value: e.value }));
  return list(
    await call(rt, 'FetchUserPrivilegeOnEntities', authorizationManager, [
      ['entities', entities],
      ['userName', req.userName],
    ]),
  );
}

export async function queryAssignedLicenses(
  rt: RoundTripper,
  licenseAssignmentManager: MoRef,
  req: { entityId?: string } = {},
): Promise<LicenseAssignment[]> {
  const args: SoapArg[] = req.entityId !== undefined ? [['entityId', req.entityId]] : [];
  return list(await call(rt, 'QueryAssignedLicenses', licenseAssignmentManager, args));
}
