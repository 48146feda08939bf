// The mock vCenter's SOAP behaviour: sessions, container views, the property collector (paging, paths,
// InvalidProperty, missingSet), the synthetic FT / privilege / licence methods and fault injection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockVcenter, estate, type MockVcenter } from '../../../mocks/index.js';
import { pathType } from '../../../mocks/schema.js';
import { child, children, objectsOf, Soap } from './xml.js';

const USER = 'ftscan@vsphere.local';
const PASS = 'p<&>"w';
const ESC_PASS = 'p&lt;&amp;&gt;&quot;w';

function smallEstate() {
  const b = estate({ seed: 3 });
  const dc = b.datacenter('DC1');
  const c1 = b.cluster({ name: 'C1', datacenter: dc, ha: { options: { 'das.maxftvmsperhost': '2' } } });
  const c2 = b.cluster({ name: 'C2', datacenter: dc, ha: false });
  const ds = b.datastore({ name: 'ds1', datacenter: dc });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const h1 = b.host({ name: 'esx1', cluster: c1, datastores: [ds], networks: [net] });
  const h2 = b.host({ name: 'esx2', cluster: c1, datastores: [ds], networks: [net] });
  const h3 = b.host({ name: 'esx3', cluster: c2, datastores: [ds], networks: [net] });
  const vms = [h1, h1, h2, h2, h3, h3, h3].map((h, i) => b.vm({ name: `vm-${i}`, host: h }));
  const ft = b.vm({ name: 'ft-1', host: h1, ftState: 'running', ftSecondaryHost: h2 });
  b.ftCompat(vms[0]!, ['hasSnapshots', 'tooManyVCPUs']);
  b.license(h1, { editionKey: 'esx.enterprisePlus.cpuPackage', name: 'VMware vSphere 7 Enterprise Plus' });
  b.user(USER, PASS);
  b.user('scoped@vsphere.local', 'x', { [c2.moid]: ['System.Read'] });
  return { e: b.build(), dc, c1, c2, h1, h2, h3, vms, ft, ds };
}

const ROOT = { type: 'Folder', value: 'group-d1' };
const valType = (o: { type: string }, p: string) => pathType(o.type, p);

let mock: MockVcenter;
async function session(user = USER, pass = ESC_PASS) {
  const s = new Soap(mock);
  const r = await s.login(user, pass);
  expect(r.status).toBe(200);
  return s;
}

describe('mock vCenter: sessions and service content', () => {
  afterEach(() => vi.useRealTimers());

  it('answers RetrieveServiceContent with vCenter moids and the estate about', async () => {
    const { e } = smallEstate();
    mock = createMockVcenter(e);
    const r = await new Soap(mock).call('RetrieveServiceContent', 'ServiceInstance', 'ServiceInstance');
    const rv = child(r.body, 'returnval')!;
    expect(child(rv, 'rootFolder')).toMatchObject({ attrs: { type: 'Folder' }, text: 'group-d1' });
    expect(child(rv, 'propertyCollector')!.text).toBe('propertyCollector');
    expect(child(rv, 'viewManager')!.text).toBe('ViewManager');
    expect(child(rv, 'licenseManager')!.text).toBe('LicenseManager');
    expect(child(child(rv, 'about')!, 'apiType')!.text).toBe('VirtualCenter');
    expect(child(child(rv, 'about')!, 'version')!.text).toBe('7.0.3');
  });

  it('logs in with the session cookie vCenter sets, rejects a wrong password with InvalidLogin', async () => {
    mock = createMockVcenter(smallEstate().e);
    const s = new Soap(mock);
    const bad = await s.login(USER, 'nope');
    expect(bad.status).toBe(500);
    expect(child(child(bad.body, 'detail')!, 'InvalidLoginFault')!.attrs['xsi:type']).toBe('InvalidLogin');
    expect(s.cookie).toBe('');
    const ok = await s.login(USER, ESC_PASS);
    expect(ok.status).toBe(200);
    expect(s.cookie).toMatch(/^vmware_soap_session="[0-9a-f]{40}"$/);
    expect(child(child(ok.body, 'returnval')!, 'userName')!.text).toBe('VSPHERE.LOCAL\\ftscan');
    expect(mock.sessionCount()).toBe(1);
  });

  it('refuses calls without a session with NotAuthenticated, CurrentTime included (keep-alive probes rely on it)', async () => {
    mock = createMockVcenter(smallEstate().e);
    const s = new Soap(mock);
    const r = await s.call(
      'CreateContainerView',
      'ViewManager',
      'ViewManager',
      '<container type="Folder">group-d1</container><recursive>true</recursive>',
    );
    expect(r.status).toBe(500);
    const fault = child(child(r.body, 'detail')!, 'NotAuthenticatedFault')!;
    expect(fault.attrs['xsi:type']).toBe('NotAuthenticated');
    expect(child(fault, 'privilegeId')!.text).toBe('System.View');
    expect((await s.call('CurrentTime', 'ServiceInstance', 'ServiceInstance')).status).toBe(500);
    await s.login(USER, ESC_PASS);
    const t = await s.call('CurrentTime', 'ServiceInstance', 'ServiceInstance');
    expect(child(t.body, 'returnval')!.text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  });

  it('records every SOAP method and answers anything off the list with MethodNotFound', async () => {
    const { e, vms } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const r = await s.call('PowerOffVM_Task', 'VirtualMachine', vms[0]!.moid);
    expect(r.status).toBe(500);
    expect(child(child(r.body, 'detail')!, 'MethodNotFoundFault')!.attrs['xsi:type']).toBe('MethodNotFound');
    const bogus = await s.call('NoSuchMethodAtAll', 'ServiceInstance', 'ServiceInstance');
    expect(child(child(bogus.body, 'detail')!, 'InvalidRequestFault')).toBeDefined();
    expect(mock.control.methods()).toEqual(['Login', 'PowerOffVM_Task', 'NoSuchMethodAtAll']);
    expect(mock.control.calls.map((c) => c.ok)).toEqual([true, false, false]);
  });
});

describe('mock vCenter: container views and the property collector', () => {
  it('scopes a container view: a cluster holds only its hosts and VMs; ComputeResource matches clusters', async () => {
    const { e, c1, h1, h2, vms, ft, dc } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const v = await s.view(c1.ref, ['HostSystem', 'VirtualMachine']);
    const { objects } = objectsOf((await s.retrieve(v, { HostSystem: ['name'], VirtualMachine: ['name'] })).body, valType);
    const secondary = e.objects.find((o) => o.props.name === 'ft-1' && o.moid !== ft.moid)!.moid; // on esx2
    const inC1 = [h1, h2, vms[0], vms[1], vms[2], vms[3], ft].map((x) => x!.moid);
    expect([...objects.keys()].sort()).toEqual([...inC1, secondary].sort());
    const crs = await s.view(dc.ref, ['ComputeResource']);
    const got = objectsOf((await s.retrieve(crs, { ComputeResource: ['name'] })).body, valType).objects;
    expect([...got.values()].map((o) => o.type)).toEqual(['ClusterComputeResource', 'ClusterComputeResource']);
    const flat = await s.view(ROOT, ['Datacenter', 'HostSystem'], false);
    expect([...objectsOf((await s.retrieve(flat, { ManagedEntity: ['name'] })).body, valType).objects.values()].map((o) => o.type)).toEqual(
      ['Datacenter'],
    );
  });

  it('answers dotted paths sorted by name, leaves unset properties out and gives empty arrays as empty ArrayOf', async () => {
    const { e, vms, c1 } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const v = await s.view(ROOT, ['VirtualMachine', 'ClusterComputeResource']);
    const r = await s.retrieve(v, {
      VirtualMachine: ['snapshot', 'name', 'config.ftInfo.role', 'config.hardware.numCPU', 'rootSnapshot', 'summary.config.product'],
      ClusterComputeResource: ['configurationEx.dasConfig.option', 'summary.currentEVCModeKey', 'configurationEx.dasConfig.enabled'],
    });
    const oc = children(child(r.body, 'returnval')!, 'objects').find((o) => child(o, 'obj')!.text === vms[0]!.moid)!;
    expect(children(oc, 'propSet').map((p) => child(p, 'name')!.text)).toEqual(['config.hardware.numCPU', 'name', 'rootSnapshot']);
    expect(child(children(oc, 'propSet')[2]!, 'val')).toMatchObject({
      attrs: { 'xsi:type': 'ArrayOfManagedObjectReference' },
      children: [],
    });
    const { objects } = objectsOf(r.body, valType);
    expect(objects.get(c1.moid)!.props).toEqual({
      'configurationEx.dasConfig.enabled': true,
      'configurationEx.dasConfig.option': [{ _type: 'OptionValue', key: 'das.maxftvmsperhost', value: '2' }],
    });
  });

  it('follows TraversalSpecs (by name too) from an object instead of a view', async () => {
    const { e, dc, c1, c2 } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const r = await s.call(
      'RetrievePropertiesEx',
      'PropertyCollector',
      'propertyCollector',
      `<specSet><propSet><type>ClusterComputeResource</type><pathSet>name</pathSet></propSet><propSet><type>Datacenter</type><pathSet>name</pathSet></propSet>` +
        `<objectSet><obj type="Datacenter">${dc.moid}</obj><skip>false</skip>` +
        `<selectSet xsi:type="TraversalSpec"><name>dcToHf</name><type>Datacenter</type><path>hostFolder</path><skip>true</skip><selectSet><name>folderChildren</name></selectSet></selectSet>` +
        `<selectSet xsi:type="TraversalSpec"><name>folderChildren</name><type>Folder</type><path>childEntity</path><skip>false</skip><selectSet><name>folderChildren</name></selectSet></selectSet>` +
        `</objectSet></specSet><options></options>`,
    );
    const { objects } = objectsOf(r.body, valType);
    expect([...objects.entries()].map(([moid, o]) => [moid, o.props.name])).toEqual([
      [dc.moid, 'DC1'],
      [c1.moid, 'C1'],
      [c2.moid, 'C2'],
    ]);
  });

  it('fails the whole call with InvalidProperty for a path the schema does not have (vCenter, not vcsim)', async () => {
    const { e } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const v = await s.view(ROOT, ['VirtualMachine']);
    const r = await s.retrieve(v, { VirtualMachine: ['name', 'config.notAField'] });
    expect(r.status).toBe(500);
    const fault = child(child(r.body, 'detail')!, 'InvalidPropertyFault')!;
    expect(fault.attrs['xsi:type']).toBe('InvalidProperty');
    expect(child(fault, 'name')!.text).toBe('config.notAField');
    // a property that does not belong to the type at all
    expect((await s.retrieve(v, { VirtualMachine: ['hardware.cpuPkg'] })).status).toBe(500);
  });

  it('pages with maxObjects and tokens; tokens die with the session', async () => {
    const { e } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const v = await s.view(ROOT, ['VirtualMachine']);
    const seen: string[] = [];
    let r = objectsOf((await s.retrieve(v, { VirtualMachine: ['name'] }, 3)).body, valType);
    seen.push(...r.objects.keys());
    const sizes = [r.objects.size];
    while (r.token) {
      r = objectsOf((await s.continue(r.token)).body, valType);
      sizes.push(r.objects.size);
      seen.push(...r.objects.keys());
    }
    expect(sizes).toEqual([3, 3, 3]); // 9 VMs: 7 + FT primary + secondary
    expect(new Set(seen).size).toBe(9);

    const first = objectsOf((await s.retrieve(v, { VirtualMachine: ['name'] }, 4)).body, valType);
    expect(first.token).toBeTruthy();
    await s.call('Logout', 'SessionManager', 'SessionManager');
    expect(mock.sessionCount()).toBe(0);
    const after = await s.continue(first.token!);
    expect(child(child(after.body, 'detail')!, 'NotAuthenticatedFault')).toBeDefined();
    // a new session cannot use the old token either
    const s2 = await session();
    const again = await s2.continue(first.token!);
    expect(child(child(again.body, 'detail')!, 'InvalidArgumentFault')).toBeDefined();
  });

  it('cancels a token with CancelRetrievePropertiesEx and destroys views with DestroyView', async () => {
    const { e } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const v = await s.view(ROOT, ['VirtualMachine']);
    const first = objectsOf((await s.retrieve(v, { VirtualMachine: ['name'] }, 2)).body, valType);
    expect(
      (await s.call('CancelRetrievePropertiesEx', 'PropertyCollector', 'propertyCollector', `<token>${first.token}</token>`)).status,
    ).toBe(200);
    expect((await s.continue(first.token!)).status).toBe(500);
    expect((await s.call('DestroyView', 'ContainerView', v)).status).toBe(200);
    expect(child(child((await s.retrieve(v, { VirtualMachine: ['name'] })).body, 'detail')!, 'ManagedObjectNotFoundFault')).toBeDefined();
  });

  it('limits a scoped user to the entities it holds privileges on', async () => {
    const { e, c2, h3, vms } = smallEstate();
    mock = createMockVcenter(e);
    const s = new Soap(mock);
    const login = await s.login('scoped@vsphere.local', 'x');
    const v = await s.view(ROOT, ['HostSystem', 'VirtualMachine']);
    const { objects } = objectsOf((await s.retrieve(v, { HostSystem: ['name'], VirtualMachine: ['name'] })).body, valType);
    expect([...objects.keys()].sort()).toEqual([h3.moid, vms[4]!.moid, vms[5]!.moid, vms[6]!.moid].sort());
    const key = child(child(login.body, 'returnval')!, 'key')!.text;
    const has = await s.call(
      'HasPrivilegeOnEntities',
      'AuthorizationManager',
      'AuthorizationManager',
      `<entity type="ClusterComputeResource">${c2.moid}</entity><entity type="VirtualMachine">${vms[0]!.moid}</entity><sessionId>${key}</sessionId><privId>System.Read</privId>`,
    );
    const granted = children(has.body, 'returnval').map((rv) => child(child(rv, 'privAvailability')!, 'isGranted')!.text);
    expect(granted).toEqual(['true', 'false']);
    const fetch = await s.call(
      'FetchUserPrivilegeOnEntities',
      'AuthorizationManager',
      'AuthorizationManager',
      `<entities type="HostSystem">${h3.moid}</entities><userName>scoped@vsphere.local</userName>`,
    );
    expect(children(child(fetch.body, 'returnval')!, 'privileges').map((p) => p.text)).toContain('System.Read');
  });

  it('answers the FT compatibility query and the assigned licences (synthetic shapes from the schema)', async () => {
    const { e, vms, h1 } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    const q = await s.call('QueryFaultToleranceCompatibilityEx', 'VirtualMachine', vms[0]!.moid, '<forLegacyFt>false</forLegacyFt>');
    const faults = children(q.body, 'returnval');
    expect(faults.map((f) => child(f, 'fault')!.attrs['xsi:type'])).toEqual(['VmFaultToleranceConfigIssue', 'VmFaultToleranceConfigIssue']);
    expect(faults.map((f) => child(child(f, 'fault')!, 'reason')!.text)).toEqual(['hasSnapshots', 'tooManyVCPUs']);
    const none = await s.call('QueryFaultToleranceCompatibility', 'VirtualMachine', vms[1]!.moid);
    expect(none.status).toBe(200);
    expect(children(none.body, 'returnval')).toEqual([]);
    const lic = await s.call(
      'QueryAssignedLicenses',
      'LicenseAssignmentManager',
      'LicenseAssignmentManager',
      `<entityId>${h1.moid}</entityId>`,
    );
    const a = child(lic.body, 'returnval')!;
    expect(child(a, 'entityId')!.text).toBe(h1.moid);
    expect(child(child(a, 'assignedLicense')!, 'editionKey')!.text).toBe('esx.enterprisePlus.cpuPackage');
  });
});

describe('mock vCenter: fault injection (in the handler, below the client)', () => {
  afterEach(() => vi.useRealTimers());

  it('failNext answers an HTTP error page for the next matching call only', async () => {
    mock = createMockVcenter(smallEstate().e);
    const s = await session();
    mock.control.failNext('CurrentTime', { status: 503, html: true });
    const r = await s.call('CurrentTime', 'ServiceInstance', 'ServiceInstance');
    expect(r.status).toBe(503);
    expect(r.xml).toContain('<title>503 Service Unavailable</title>');
    expect((await s.call('CurrentTime', 'ServiceInstance', 'ServiceInstance')).status).toBe(200);
    mock.control.failNext(undefined, { status: 502 });
    expect((await s.call('CurrentTime', 'ServiceInstance', 'ServiceInstance')).status).toBe(502);
  });

  it('truncateNext cuts the body of the next matching answer', async () => {
    mock = createMockVcenter(smallEstate().e);
    const s = new Soap(mock);
    mock.control.truncateNext('RetrieveServiceContent');
    const res = await mock.handle(
      new Request(`${mock.baseUrl}/sdk`, {
        method: 'POST',
        body: '<Envelope><Body><RetrieveServiceContent><_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent></Body></Envelope>',
      }),
    );
    const text = await res.text();
    expect(text).not.toContain('</soapenv:Envelope>');
    expect(text.startsWith('<?xml')).toBe(true);
    expect((await s.call('RetrieveServiceContent', 'ServiceInstance', 'ServiceInstance')).xml).toContain('</soapenv:Envelope>');
  });

  it('faultNext answers a SOAP fault with the given fields', async () => {
    const { e, vms } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    mock.control.faultNext(
      'QueryFaultToleranceCompatibilityEx',
      'NoPermission',
      { object: vms[0]!.ref, privilegeId: 'VirtualMachine.Config.Settings' },
      'Permission denied',
    );
    const r = await s.call('QueryFaultToleranceCompatibilityEx', 'VirtualMachine', vms[0]!.moid);
    const f = child(child(r.body, 'detail')!, 'NoPermissionFault')!;
    expect(f.attrs['xsi:type']).toBe('NoPermission');
    expect(child(f, 'privilegeId')!.text).toBe('VirtualMachine.Config.Settings');
    expect(child(f, 'object')).toMatchObject({ attrs: { type: 'VirtualMachine' }, text: vms[0]!.moid });
  });

  it('expireSessionsAfter kills live sessions (and their views) after n calls', async () => {
    mock = createMockVcenter(smallEstate().e);
    const s = await session();
    const v = await s.view(ROOT, ['VirtualMachine']);
    mock.control.expireSessionsAfter(1);
    expect((await s.retrieve(v, { VirtualMachine: ['name'] })).status).toBe(200);
    const dead = await s.retrieve(v, { VirtualMachine: ['name'] });
    expect(child(child(dead.body, 'detail')!, 'NotAuthenticatedFault')).toBeDefined();
    const s2 = await session();
    expect(child(child((await s2.retrieve(v, { VirtualMachine: ['name'] })).body, 'detail')!, 'ManagedObjectNotFoundFault')).toBeDefined();
  });

  it('noPermission puts NoPermission in missingSet for those properties of that object only', async () => {
    const { e, vms } = smallEstate();
    mock = createMockVcenter(e);
    const s = await session();
    mock.control.noPermission(vms[0]!.moid, 'config.hardware.device', 'VirtualMachine.Config.Settings');
    const v = await s.view(ROOT, ['VirtualMachine']);
    const { objects } = objectsOf((await s.retrieve(v, { VirtualMachine: ['name', 'config.hardware.device'] })).body, valType);
    const o = objects.get(vms[0]!.moid)!;
    expect(Object.keys(o.props)).toEqual(['name']);
    const f = o.missing['config.hardware.device']!;
    expect(child(f, 'fault')!.attrs['xsi:type']).toBe('NoPermission');
    expect(child(child(f, 'fault')!, 'privilegeId')!.text).toBe('VirtualMachine.Config.Settings');
    expect(Object.keys(objects.get(vms[1]!.moid)!.props)).toEqual(['config.hardware.device', 'name']);
  });

  it('latencyMs delays every answer in the handler', async () => {
    mock = createMockVcenter(smallEstate().e);
    vi.useFakeTimers();
    mock.control.latencyMs = 5000;
    let done = false;
    const p = new Soap(mock).call('RetrieveServiceContent', 'ServiceInstance', 'ServiceInstance').then((r) => ((done = true), r));
    await vi.advanceTimersByTimeAsync(4000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await p).status).toBe(200);
  });

  it('reset() clears injections and recorded calls', async () => {
    mock = createMockVcenter(smallEstate().e);
    const s = new Soap(mock);
    mock.control.failNext().truncateNext().faultNext('RetrieveServiceContent', 'InvalidState');
    mock.control.latencyMs = 10;
    await s.call('RetrieveServiceContent', 'ServiceInstance', 'ServiceInstance');
    mock.control.reset();
    expect(mock.control.calls).toEqual([]);
    expect((await s.call('RetrieveServiceContent', 'ServiceInstance', 'ServiceInstance')).status).toBe(200);
    expect(mock.control.latencyMs).toBe(0);
  });
});
