// ServiceInstance and SessionManager: RetrieveServiceContent and Login (answered before a session exists),
// CurrentTime and Logout. ServiceContent as vCenter 6.7 returns it (fog-vsphere/shared.yml).
import { randomBytes, randomUUID } from 'node:crypto';
import { moref } from '../estate.js';
import { methodReturnType } from '../schema.js';
import { serializeEnvelope, serializeResponse } from '../serializer.js';
import { type MethodHandler, type MockContext, nowIso, requireThis, ROOT, SoapFault, text, type X } from './context.js';
import { userName } from './privileges.js';

// ServiceContent as vCenter 6.7 returns it (fog-vsphere/shared.yml), with this estate's about.
export function serviceContent(about: unknown): Record<string, unknown> {
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

export function login(ctx: MockContext, args: X, req: Request): { body: string; cookie: string } {
  const name = text(args.userName) ?? '';
  const password = text(args.password) ?? '';
  const user = ctx.estate.users.find((u) => u.name.toLowerCase() === name.toLowerCase() && u.password === password);
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
  ctx.sessions.set(id, { id, key: userSession.key, user, userSession, views: new Map(), tokens: new Map() });
  return {
    body: serializeResponse('Login', userSession, methodReturnType('Login')),
    cookie: `vmware_soap_session="${id}"; Path=/; HttpOnly; Secure; `,
  };
}

// Needs a session on vCenter (govmomi's keep-alive relies on that: govmomi PR #408, pyvmomi #953).
const currentTime: MethodHandler = (_ctx, { method, self }) => {
  requireThis(self, 'ServiceInstance', 'ServiceInstance');
  return serializeResponse(method, nowIso(), methodReturnType(method));
};

const logout: MethodHandler = (ctx, { method, self, session }) => {
  requireThis(self, 'SessionManager', 'SessionManager');
  ctx.sessions.delete(session.id);
  return serializeEnvelope(method, '');
};

export const sessionMethods: Record<string, MethodHandler> = { CurrentTime: currentTime, Logout: logout };
