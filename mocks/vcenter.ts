// msw handlers of the mock vCenter: vim25 SOAP at /sdk and the vSphere Automation REST API (/api, /rest).
// Behaviour follows real vCenter where it differs from vcsim: an unknown property path fails the whole
// RetrievePropertiesEx with InvalidProperty; propSet comes back sorted by path; unset properties are absent;
// views and paging tokens belong to a session and die with it.
// Synthetic (no real capture exists; shapes from the vim25 schema): paging tokens, the FT compatibility
// query, HasPrivilegeOnEntities / FetchUserPrivilegeOnEntities, QueryAssignedLicenses, the /api tagging API.
import { http, type HttpHandler } from 'msw';
import { XMLParser } from 'fast-xml-parser';
import { randomBytes, randomUUID } from 'node:crypto';
import { MockControl } from './control.js';
import { isMoRef, moref, type Estate, type MockObject, type MockUser, type MoRefValue } from './estate.js';
import { isA, isKnownMethod, isManagedType, methodReturnType, pathType, type FieldType } from './schema.js';
import { escapeXml, serializeEnvelope, serializeFault, serializeResponse, serializeTypedValue, serializeValue } from './serializer.js';
import { createRestHandler } from './rest.js';

export interface MockVcenterOptions {
  baseUrl?: string; // default 'https://vc.mock.test'
  defaultMaxObjects?: number; // page size when RetrieveOptions.maxObjects is unset (default 100)
}

export interface MockVcenter {
  readonly baseUrl: string;
  readonly estate: Estate;
  readonly handlers: HttpHandler[]; // msw: setupServer(...mock.handlers)
  readonly control: MockControl;
  handle(req: Request): Promise<Response>; // the same logic without msw (server.ts)
  // Live SOAP sessions (for assertions such as "logout happened").
  sessionCount(): number;
}

type X = Record<string, unknown>; // a parsed request element

interface View {
  moid: string;
  container: MoRefValue;
  type: string[];
  recursive: boolean;
  view: MoRefValue[];
}

interface PageState {
  objects: MockObject[];
  propSets: { type: string; all: boolean; paths: string[] }[];
  max: number; // RetrieveOptions.maxObjects of the first call, kept for the continuation pages
}

interface Session {
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

const ROOT = 'group-d1';
const SERVICE_INSTANCE = moref('ServiceInstance', 'ServiceInstance');
const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-cache', 'x-frame-options': 'DENY' };

// Every privilege the mock knows; a user without `privileges` holds all of them (Administrator).
export const ALL_PRIVILEGES = [
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

const VERSIONS_XML =
  '<?xml version="1.0" encoding="UTF-8" ?><namespaces version="1.0"><namespace><name>urn:vim25</name><version>VERSION</version><priorVersions>' +
  [
    '8.0.2.0',
    '8.0.1.0',
    '8.0.0.0',
    '7.0.3.0',
    '7.0.2.0',
    '7.0.1.0',
    '7.0.0.0',
    '6.7.3',
    '6.7',
    '6.5',
    '6.0',
    '5.5',
    '5.1',
    '5.0',
    '4.1',
    '4.0',
  ]
    .map((v) => `<version>${v}</version>`)
    .join('') +
  '</priorVersions></namespace></namespaces>\n';

// ServiceContent as vCenter 6.7 returns it (fog-vsphere/shared.yml), with this estate's about.
function serviceContent(about: unknown): Record<string, unknown> {
  const m = (field: string, type: string, value: string) => [field, moref(type, value)] as const;
  return {
    _type: 'ServiceContent',
    ...Object.fromEntries([
      m('rootFolder', 'Folder', ROOT),
      m('propertyCollector', 'PropertyCollector', 'propertyCollector'),
      m('viewManager', 'ViewManager', 'ViewManager'),
    ]),
    about,
    ...Object.fromEntries([
      m('setting', 'OptionManager', 'VpxSettings'),
      m('userDirectory', 'UserDirectory', 'UserDirectory'),
      m('sessionManager', 'SessionManager', 'SessionManager'),
      m('authorizationManager', 'AuthorizationManager', 'AuthorizationManager'),
      m('serviceManager', 'ServiceManager', 'ServiceMgr'),
      m('perfManager', 'PerformanceManager', 'PerfMgr'),
      m('scheduledTaskManager', 'ScheduledTaskManager', 'ScheduledTaskManager'),
      m('alarmManager', 'AlarmManager', 'AlarmManager'),
      m('eventManager', 'EventManager', 'EventManager'),
      m('taskManager', 'TaskManager', 'TaskManager'),
      m('extensionManager', 'ExtensionManager', 'ExtensionManager'),
      m('customizationSpecManager', 'CustomizationSpecManager', 'CustomizationSpecManager'),
      m('customFieldsManager', 'CustomFieldsManager', 'CustomFieldsManager'),
      m('diagnosticManager', 'DiagnosticManager', 'DiagMgr'),
      m('licenseManager', 'LicenseManager', 'LicenseManager'),
      m('searchIndex', 'SearchIndex', 'SearchIndex'),
      m('fileManager', 'FileManager', 'FileManager'),
      m('datastoreNamespaceManager', 'DatastoreNamespaceManager', 'DatastoreNamespaceManager'),
      m('virtualDiskManager', 'VirtualDiskManager', 'virtualDiskManager'),
      m('snmpSystem', 'HostSnmpSystem', 'SnmpSystem'),
      m('vmProvisioningChecker', 'VirtualMachineProvisioningChecker', 'ProvChecker'),
      m('vmCompatibilityChecker', 'VirtualMachineCompatibilityChecker', 'CompatChecker'),
      m('ovfManager', 'OvfManager', 'OvfManager'),
      m('ipPoolManager', 'IpPoolManager', 'IpPoolManager'),
      m('dvSwitchManager', 'DistributedVirtualSwitchManager', 'DVSManager'),
      m('hostProfileManager', 'HostProfileManager', 'HostProfileManager'),
      m('clusterProfileManager', 'ClusterProfileManager', 'ClusterProfileManager'),
      m('complianceManager', 'ProfileComplianceManager', 'MoComplianceManager'),
      m('localizationManager', 'LocalizationManager', 'LocalizationManager'),
      m('storageResourceManager', 'StorageResourceManager', 'StorageResourceManager'),
      m('guestOperationsManager', 'GuestOperationsManager', 'guestOperationsManager'),
      m('overheadMemoryManager', 'OverheadMemoryManager', 'OverheadMemoryManager'),
      m('certificateManager', 'CertificateManager', 'certificateManager'),
      m('ioFilterManager', 'IoFilterManager', 'IoFilterManager'),
      m('vStorageObjectManager', 'VcenterVStorageObjectManager', 'VStorageObjectManager'),
      m('hostSpecManager', 'HostSpecificationManager', 'HostSpecificationManager'),
      m('cryptoManager', 'CryptoManagerKmip', 'CryptoManager'),
      m('healthUpdateManager', 'HealthUpdateManager', 'HealthUpdateManager'),
      m('failoverClusterConfigurator', 'FailoverClusterConfigurator', 'FailoverClusterConfigurator'),
      m('failoverClusterManager', 'FailoverClusterManager', 'FailoverClusterManager'),
    ]),
  };
}

// fast-xml-parser keeps namespace prefixes on attributes (xsi:type vs a MoRef's type) and drops them on
// elements, so `env:`, `soapenv:` and `n1:` requests all parse alike (NOTES item 1).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  transformTagName: (name) => name.replace(/^[^:]*:/, ''),
});

function arr<T = unknown>(x: unknown): T[] {
  return x === undefined || x === null ? [] : Array.isArray(x) ? (x as T[]) : [x as T];
}
function text(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const t = (x as X)['#text'];
    return typeof t === 'string' ? t : '';
  }
  return undefined;
}
function moRefOf(x: unknown): MoRefValue | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const type = (x as X)['@_type'];
  const value = text(x);
  return typeof type === 'string' && value !== undefined ? moref(type, value) : undefined;
}
function bool(x: unknown): boolean | undefined {
  const t = text(x);
  return t === undefined ? undefined : t === 'true' || t === '1';
}

function objectNotFound(ref: MoRefValue | undefined): SoapFault {
  return new SoapFault(
    'ManagedObjectNotFound',
    { obj: ref },
    `The object '${ref?.type}:${ref?.value}' has already been deleted or has not been completely created`,
  );
}

function cookieSession(req: Request): string | undefined {
  const m = /vmware_soap_session="?([^";]+)"?/.exec(req.headers.get('cookie') ?? '');
  return m?.[1];
}

function nowIso(): string {
  return new Date().toISOString().replace('Z', '000Z');
}

export function createMockVcenter(estate: Estate, opts: MockVcenterOptions = {}): MockVcenter {
  const baseUrl = (opts.baseUrl ?? 'https://vc.mock.test').replace(/\/$/, '');
  const pageSize = opts.defaultMaxObjects ?? 100;
  const control = new MockControl();
  const sessions = new Map<string, Session>();
  const byMoid = new Map<string, MockObject>();
  const children = new Map<string, string[]>();
  const link = (parent: string, child: string) => {
    const list = children.get(parent);
    if (list) {
      if (!list.includes(child)) list.push(child);
    } else children.set(parent, [child]);
  };
  for (const o of estate.objects) byMoid.set(o.moid, o);
  for (const o of estate.objects) {
    if (o.parent) link(o.parent.value, o.moid);
    // A VM is in its resource pool too, so a cluster container view reaches its VMs (vCenter behaviour).
    const rp = o.props.resourcePool;
    if (o.type === 'VirtualMachine' && isMoRef(rp)) link(rp.value, o.moid);
  }
  const about = estate.about as { version?: string; apiVersion?: string };
  const rest = createRestHandler(estate, control);

  // Managed objects that are not inventory entities but are read with RetrievePropertiesEx.
  const serviceObjects = new Map<string, (s: Session) => MockObject>([
    [
      'LicenseManager',
      () => ({
        type: 'LicenseManager' as never,
        moid: 'LicenseManager',
        props: { licenseAssignmentManager: moref('LicenseAssignmentManager', 'LicenseAssignmentManager') },
      }),
    ],
    [
      'SessionManager',
      (s) => ({
        type: 'SessionManager' as never,
        moid: 'SessionManager',
        props: { currentSession: s.userSession, defaultLocale: 'en', messageLocaleList: ['en'], supportedLocaleList: ['en'] },
      }),
    ],
    [
      'ServiceInstance',
      () => ({
        type: 'ServiceInstance' as never,
        moid: 'ServiceInstance',
        props: { content: serviceContent(estate.about), serverClock: nowIso() },
      }),
    ],
  ]);

  function lookup(ref: MoRefValue, s: Session): MockObject | undefined {
    const view = s.views.get(ref.value);
    if (view && ref.type === 'ContainerView')
      return {
        type: 'ContainerView' as never,
        moid: view.moid,
        props: { view: view.view, container: view.container, type: view.type, recursive: view.recursive },
      };
    const svc = serviceObjects.get(ref.value);
    if (svc && ref.type === ref.value) return svc(s);
    const o = byMoid.get(ref.value);
    return o && o.type === ref.type ? o : undefined;
  }

  // ---- privileges -------------------------------------------------------------------------------
  // Permissions propagate down the inventory: folders and, for a VM, its resource pool chain too.
  function ancestors(moid: string): string[] {
    const out: string[] = [];
    const todo = [moid];
    while (todo.length) {
      const m = todo.pop()!;
      if (out.includes(m)) continue;
      out.push(m);
      const o = byMoid.get(m);
      if (o?.parent) todo.push(o.parent.value);
      if (o?.type === 'VirtualMachine' && isMoRef(o.props.resourcePool)) todo.push(o.props.resourcePool.value);
    }
    return out;
  }
  function privilegesOn(user: MockUser, moid: string): ReadonlySet<string> {
    if (!user.privileges) return ADMIN;
    const out = new Set<string>();
    for (const m of [...ancestors(moid), '*']) for (const p of user.privileges[m] ?? []) out.add(p);
    if (out.size) out.add('System.Anonymous').add('System.View');
    return out;
  }

  // ---- container views ------------------------------------------------------------------------
  function viewContents(s: Session, container: string, types: string[], recursive: boolean): MoRefValue[] {
    const out: MoRefValue[] = [];
    const seen = new Set<string>([container]);
    const walk = (moid: string) => {
      for (const c of children.get(moid) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        const o = byMoid.get(c)!;
        if ((types.length === 0 || types.some((t) => isA(o.type, t))) && privilegesOn(s.user, c).has('System.View'))
          out.push(moref(o.type, o.moid));
        if (recursive) walk(c);
      }
    };
    walk(container);
    return out;
  }

  // ---- property collector ---------------------------------------------------------------------
  function selectObjects(s: Session, specSet: X[]): Pick<PageState, 'objects' | 'propSets'> {
    const propSets: PageState['propSets'] = [];
    const objects: MockObject[] = [];
    const seen = new Set<string>();
    for (const spec of specSet) {
      for (const ps of arr<X>(spec.propSet)) {
        const type = text(ps.type) ?? '';
        const paths = arr(ps.pathSet).map((p) => text(p) ?? '');
        if (!isManagedType(type)) throw new SoapFault('InvalidType', { argument: type }, `Invalid type: ${type}`);
        for (const p of paths) if (!pathType(type, p)) throw new SoapFault('InvalidProperty', { name: p }, '');
        propSets.push({ type, all: bool(ps.all) ?? false, paths });
      }
      const named = new Map<string, X>();
      const collectNames = (sel: X[]) => {
        for (const t of sel) {
          const name = text(t.name);
          if (name && t.path !== undefined && !named.has(name)) {
            named.set(name, t);
            collectNames(arr<X>(t.selectSet));
          } else if (t.path !== undefined) collectNames(arr<X>(t.selectSet));
        }
      };
      for (const os of arr<X>(spec.objectSet)) collectNames(arr<X>(os.selectSet));
      const include = (o: MockObject) => {
        const k = `${o.type}:${o.moid}`;
        if (!seen.has(k)) {
          seen.add(k);
          objects.push(o);
        }
      };
      const visited = new Set<string>();
      const traverse = (o: MockObject, sel: X[]) => {
        for (const raw of sel) {
          const t = raw.path === undefined ? named.get(text(raw.name) ?? '') : raw;
          if (!t) continue;
          const key = `${o.moid}|${text(t.name) ?? text(t.path)}|${text(t.type)}`;
          if (visited.has(key)) continue;
          visited.add(key);
          if (!isA(o.type, text(t.type) ?? '')) continue;
          const targets = arr(o.props[text(t.path) ?? '']).filter(isMoRef);
          for (const ref of targets) {
            const target = lookup(ref, s);
            if (!target) continue;
            if (!bool(t.skip)) include(target);
            traverse(target, arr<X>(t.selectSet));
          }
        }
      };
      for (const os of arr<X>(spec.objectSet)) {
        const ref = moRefOf(os.obj);
        const o = ref && lookup(ref, s);
        if (!o) throw objectNotFound(ref);
        if (!bool(os.skip)) include(o);
        traverse(o, arr<X>(os.selectSet));
      }
    }
    return { objects, propSets };
  }

  function valueAt(o: MockObject, path: string, st: FieldType): unknown {
    const segs = path.split('.');
    let parent: unknown = o.props;
    for (let i = 0; i < segs.length - 1; i++) {
      parent = parent && typeof parent === 'object' ? (parent as X)[segs[i]!] : undefined;
      if (parent === undefined) return undefined;
    }
    const v = parent && typeof parent === 'object' ? (parent as X)[segs[segs.length - 1]!] : undefined;
    // Arrays are never "unset" on the server: a set parent with no items answers an empty ArrayOfX.
    return v === undefined && st.array && parent !== undefined ? [] : v;
  }

  function objectContent(s: Session, o: MockObject, propSets: PageState['propSets'], out: string[]): boolean {
    const matching = propSets.filter((ps) => isA(o.type, ps.type));
    if (!matching.length) return false;
    const paths = new Set<string>();
    for (const ps of matching) {
      for (const p of ps.paths) paths.add(p);
      if (ps.all) for (const k of Object.keys(o.props)) if (pathType(o.type, k)) paths.add(k);
    }
    const sorted = [...paths].sort();
    const canRead = o.type === ('ContainerView' as never) || serviceObjects.has(o.moid) || privilegesOn(s.user, o.moid).has('System.Read');
    out.push(`<objects><obj type="${escapeXml(o.type)}">${escapeXml(o.moid)}</obj>`);
    const missing: { path: string; privilegeId: string }[] = [];
    for (const path of sorted) {
      const rule = control.noPermissions.find(
        (r) =>
          r.moid === o.moid && (r.path === undefined || path === r.path || path.startsWith(r.path + '.') || r.path.startsWith(path + '.')),
      );
      if (!canRead || rule) {
        missing.push({ path, privilegeId: rule?.privilegeId ?? 'System.Read' });
        continue;
      }
      const st = pathType(o.type, path)!;
      const v = valueAt(o, path, st);
      if (v === undefined) continue;
      out.push(`<propSet><name>${escapeXml(path)}</name>`);
      serializeTypedValue('val', v, st, out);
      out.push('</propSet>');
    }
    for (const m of missing) {
      out.push(`<missingSet><path>${escapeXml(m.path)}</path>`);
      serializeValue(
        'fault',
        {
          _type: 'LocalizedMethodFault',
          fault: { _type: 'NoPermission', object: moref(o.type, o.moid), privilegeId: m.privilegeId },
          localizedMessage: '',
        },
        { type: 'LocalizedMethodFault', array: false },
        out,
      );
      out.push('</missingSet>');
    }
    out.push('</objects>');
    return true;
  }

  function page(s: Session, state: PageState): string {
    const out: string[] = [];
    let n = 0;
    let i = 0;
    for (; i < state.objects.length && n < state.max; i++) if (objectContent(s, state.objects[i]!, state.propSets, out)) n++;
    const rest = state.objects.slice(i);
    // Skip trailing objects no propSet matches, so the last page carries no token.
    while (rest.length && !state.propSets.some((ps) => isA(rest[0]!.type, ps.type))) rest.shift();
    if (rest.length) {
      const token = String(s.tokens.size + 1) + '-' + randomBytes(6).toString('hex');
      s.tokens.set(token, { ...state, objects: rest });
      out.push(`<token>${token}</token>`);
    }
    return out.length ? `<returnval>${out.join('')}</returnval>` : '';
  }

  // ---- SOAP methods ---------------------------------------------------------------------------
  function requireThis(self: MoRefValue | undefined, type: string, value?: string): void {
    if (!self || self.type !== type || (value !== undefined && self.value !== value)) throw objectNotFound(self);
  }

  function soapMethod(method: string, args: X, self: MoRefValue | undefined, s: Session): string {
    switch (method) {
      case 'CurrentTime':
        // Needs a session on vCenter (govmomi's keep-alive relies on that: govmomi PR #408, pyvmomi #953).
        requireThis(self, 'ServiceInstance', 'ServiceInstance');
        return serializeResponse(method, nowIso(), methodReturnType(method));
      case 'Logout':
        requireThis(self, 'SessionManager', 'SessionManager');
        sessions.delete(s.id);
        return serializeEnvelope('Logout', '');
      case 'CreateContainerView': {
        requireThis(self, 'ViewManager', 'ViewManager');
        const container = moRefOf(args.container);
        if (!container || !(container.value === ROOT || byMoid.get(container.value)?.type === container.type))
          throw new SoapFault('ManagedObjectNotFound', { obj: container }, 'The container does not exist');
        const types = arr(args.type).map((t) => text(t) ?? '');
        const recursive = bool(args.recursive) ?? false;
        const moid = `session[${s.key}]${randomUUID()}`;
        s.views.set(moid, { moid, container, type: types, recursive, view: viewContents(s, container.value, types, recursive) });
        return serializeResponse('CreateContainerView', moref('ContainerView', moid), methodReturnType('CreateContainerView'));
      }
      case 'DestroyView': {
        if (!self || !s.views.delete(self.value)) throw new SoapFault('ManagedObjectNotFound', { obj: self }, 'The view does not exist');
        return serializeEnvelope('DestroyView', '');
      }
      case 'RetrievePropertiesEx': {
        requireThis(self, 'PropertyCollector', 'propertyCollector');
        const { objects, propSets } = selectObjects(s, arr<X>(args.specSet));
        const maxText = text((args.options as X | undefined)?.maxObjects);
        const max = maxText ? Math.max(1, Number(maxText)) : pageSize;
        return serializeEnvelope('RetrievePropertiesEx', page(s, { objects, propSets, max }));
      }
      case 'ContinueRetrievePropertiesEx': {
        requireThis(self, 'PropertyCollector', 'propertyCollector');
        const token = text(args.token) ?? '';
        const state = s.tokens.get(token);
        if (!state) throw new SoapFault('InvalidArgument', { invalidProperty: 'token' }, 'A specified parameter was not correct: token');
        s.tokens.delete(token);
        return serializeEnvelope('ContinueRetrievePropertiesEx', page(s, state));
      }
      case 'CancelRetrievePropertiesEx': {
        requireThis(self, 'PropertyCollector', 'propertyCollector');
        const token = text(args.token) ?? '';
        if (!s.tokens.delete(token))
          throw new SoapFault('InvalidArgument', { invalidProperty: 'token' }, 'A specified parameter was not correct: token');
        return serializeEnvelope('CancelRetrievePropertiesEx', '');
      }
      case 'QueryFaultToleranceCompatibility':
      case 'QueryFaultToleranceCompatibilityEx': {
        const vm = self && byMoid.get(self.value);
        if (vm?.type !== 'VirtualMachine')
          throw new SoapFault(
            'ManagedObjectNotFound',
            { obj: self },
            'The object has already been deleted or has not been completely created',
          );
        // The vim25 reference names this privilege for both query methods.
        if (!privilegesOn(s.user, vm.moid).has('VirtualMachine.Config.QueryFTCompatibility'))
          throw new SoapFault(
            'NoPermission',
            { object: self, privilegeId: 'VirtualMachine.Config.QueryFTCompatibility' },
            'Permission to perform this operation was denied.',
          );
        return serializeResponse(method, estate.ftCompat?.[vm.moid] ?? [], methodReturnType(method));
      }
      case 'HasPrivilegeOnEntities': {
        requireThis(self, 'AuthorizationManager', 'AuthorizationManager');
        const key = text(args.sessionId) ?? '';
        const target = [...sessions.values()].find((x) => x.key === key);
        if (!target)
          throw new SoapFault('InvalidArgument', { invalidProperty: 'sessionId' }, 'A specified parameter was not correct: sessionId');
        const privIds = arr(args.privId).map((p) => text(p) ?? '');
        const result = arr(args.entity)
          .map(moRefOf)
          .map((e) => ({
            _type: 'EntityPrivilege',
            entity: e,
            privAvailability: privIds.map((privId) => ({
              _type: 'PrivilegeAvailability',
              privId,
              isGranted: privilegesOn(target.user, e!.value).has(privId),
            })),
          }));
        return serializeResponse(method, result, methodReturnType(method));
      }
      case 'FetchUserPrivilegeOnEntities': {
        requireThis(self, 'AuthorizationManager', 'AuthorizationManager');
        const name = text(args.userName) ?? '';
        const user = estate.users.find(
          (u) => u.name.toLowerCase() === name.toLowerCase() || userName(u).toLowerCase() === name.toLowerCase(),
        );
        if (!user) throw new SoapFault('UserNotFound', { principal: name, unresolved: false }, `User ${name} not found`);
        const result = arr(args.entities)
          .map(moRefOf)
          .map((e) => ({ _type: 'UserPrivilegeResult', entity: e, privileges: [...privilegesOn(user, e!.value)].sort() }));
        return serializeResponse(method, result, methodReturnType(method));
      }
      case 'QueryAssignedLicenses': {
        requireThis(self, 'LicenseAssignmentManager', 'LicenseAssignmentManager');
        // QueryAssignedLicenses needs only System.View (vim25 reference).
        if (!privilegesOn(s.user, ROOT).has('System.View'))
          throw new SoapFault(
            'NoPermission',
            { object: self, privilegeId: 'System.View' },
            'Permission to perform this operation was denied.',
          );
        const entityId = text(args.entityId);
        const result = Object.entries(estate.licenses ?? {})
          .filter(([moid]) => entityId === undefined || moid === entityId)
          .map(([moid, lic]) => ({
            _type: 'LicenseAssignmentManagerLicenseAssignment',
            entityId: moid,
            entityDisplayName: String(byMoid.get(moid)?.props.name ?? moid),
            assignedLicense: {
              _type: 'LicenseManagerLicenseInfo',
              licenseKey: lic.licenseKey ?? `${randomKey(moid)}`,
              editionKey: lic.editionKey,
              name: lic.name,
              total: 32,
              used: 2,
              costUnit: lic.costUnit ?? 'cpuPackage',
              properties: [
                { _type: 'KeyAnyValue', key: 'ProductName', value: 'VMware ESX Server' },
                { _type: 'KeyAnyValue', key: 'ProductVersion', value: `${(about.version ?? '7').split('.')[0]}.0` },
              ],
            },
          }));
        return serializeResponse(method, result, methodReturnType(method));
      }
      default:
        if (!isKnownMethod(method))
          throw new SoapFault(
            'InvalidRequest',
            {},
            `Unable to resolve WSDL method name ${method} for namespace name urn:vim25\n\nwhile parsing SOAP body`,
          );
        throw new SoapFault('MethodNotFound', { receiver: self, method }, `The method "${method}" is not supported by the mock vCenter.`);
    }
  }

  function userName(u: MockUser): string {
    const [name, domain] = u.name.split('@');
    return domain ? `${domain.toUpperCase()}\\${name}` : u.name;
  }

  function login(args: X, req: Request): { body: string; cookie: string } {
    const name = text(args.userName) ?? '';
    const password = text(args.password) ?? '';
    const user = estate.users.find((u) => u.name.toLowerCase() === name.toLowerCase() && u.password === password);
    if (!user) throw new SoapFault('InvalidLogin', {}, 'Cannot complete login due to an incorrect user name or password.');
    const id = randomBytes(20).toString('hex');
    const now = nowIso();
    const userSession = {
      _type: 'UserSession',
      key: randomUUID(),
      userName: userName(user),
      fullName: user.name.split('@')[0],
      loginTime: now,
      lastActiveTime: now,
      locale: 'en',
      messageLocale: 'en',
      extensionSession: false,
      ipAddress: '127.0.0.1',
      userAgent: req.headers.get('user-agent') ?? '',
      callCount: 0,
    };
    sessions.set(id, { id, key: userSession.key, user, userSession, views: new Map(), tokens: new Map() });
    return {
      body: serializeResponse('Login', userSession, methodReturnType('Login')),
      cookie: `vmware_soap_session="${id}"; Path=/; HttpOnly; Secure; `,
    };
  }

  function faultResponse(f: SoapFault): Response {
    return new Response(serializeFault(f.faultName, f.fields, f.message), { status: 500, headers: SOAP_HEADERS });
  }

  function httpError(status: number, html: boolean | undefined): Response {
    const reason = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[status] ?? 'Error';
    return html
      ? new Response(
          `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>envoy</center></body></html>\n`,
          {
            status,
            headers: { 'content-type': 'text/html' },
          },
        )
      : new Response('', { status, headers: { 'content-type': 'text/plain' } });
  }

  async function handleSoap(req: Request): Promise<Response> {
    const bodyText = await req.text();
    let method = '';
    let call: X = {};
    try {
      const doc = parser.parse(bodyText) as X;
      const body = ((doc.Envelope as X | undefined)?.Body ?? {}) as X;
      method = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text') ?? '';
      call = (typeof body[method] === 'object' ? body[method] : {}) as X;
    } catch {
      method = '';
    }
    const sessionId = cookieSession(req);
    const record = { method: method || '(unparseable)', at: Date.now(), sessionId, ok: true };
    control.calls.push(record);
    const answer = (r: Response) => {
      record.ok = r.status === 200;
      return r;
    };
    if (!method) return answer(faultResponse(new SoapFault('InvalidRequest', {}, 'Unable to parse the SOAP request')));

    if (control.expireAfterCalls !== undefined) {
      if (control.expireAfterCalls <= 0) {
        sessions.clear();
        control.expireAfterCalls = undefined;
      } else control.expireAfterCalls--;
    }
    const failure = control.take(control.failures, method);
    if (failure) return answer(httpError(failure.status, failure.html));
    const injected = control.take(control.faults, method);
    if (injected) return answer(faultResponse(new SoapFault(injected.faultName, injected.fields, injected.message ?? '')));

    const self = moRefOf(call._this);
    let response: Response;
    try {
      if (method === 'RetrieveServiceContent') {
        requireThis(self, 'ServiceInstance', 'ServiceInstance');
        response = new Response(serializeResponse(method, serviceContent(estate.about), methodReturnType(method)), {
          status: 200,
          headers: SOAP_HEADERS,
        });
      } else if (method === 'Login') {
        requireThis(self, 'SessionManager', 'SessionManager');
        const { body, cookie } = login(call, req);
        response = new Response(body, { status: 200, headers: { ...SOAP_HEADERS, 'set-cookie': cookie } });
      } else {
        const s = sessionId ? sessions.get(sessionId) : undefined;
        if (!s)
          throw new SoapFault(
            'NotAuthenticated',
            { object: self ?? SERVICE_INSTANCE, privilegeId: 'System.View' },
            'The session is not authenticated.',
          );
        (s.userSession as { callCount: number }).callCount++;
        (s.userSession as { lastActiveTime: string }).lastActiveTime = nowIso();
        response = new Response(soapMethod(method, call, self, s), { status: 200, headers: SOAP_HEADERS });
      }
    } catch (e) {
      if (!(e instanceof SoapFault)) throw e;
      response = faultResponse(e);
    }
    if (control.take(control.truncations, method)) {
      const full = await response.text();
      response = new Response(full.slice(0, Math.floor(full.length / 2)), { status: response.status, headers: response.headers });
    }
    return answer(await control.deliver(method, response));
  }

  async function handle(req: Request): Promise<Response> {
    if (control.latencyMs > 0) await new Promise((r) => setTimeout(r, control.latencyMs));
    const url = new URL(req.url);
    if (url.pathname === '/sdk' || url.pathname === '/sdk/') {
      if (req.method !== 'POST') return new Response('', { status: 405 });
      return handleSoap(req);
    }
    if (url.pathname === '/sdk/vimServiceVersions.xml')
      return new Response(VERSIONS_XML.replace('VERSION', about.apiVersion ?? '7.0.3.0'), { status: 200, headers: SOAP_HEADERS });
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/rest/')) return rest(req, url);
    return new Response('', { status: 404 });
  }

  return {
    baseUrl,
    estate,
    control,
    handle,
    handlers: [http.all(`${baseUrl}/*`, ({ request }) => handle(request))],
    sessionCount: () => sessions.size,
  };
}

function randomKey(seed: string): string {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const part = () => ((h = (h * 1103515245 + 12345) >>> 0) % 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
  return [part(), part(), part(), part(), part()].join('-');
}
