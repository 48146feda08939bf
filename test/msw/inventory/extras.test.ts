// Optional extras: tags over REST (/api and the /rest fallback), vCenter's FT compatibility query,
// privileges and host licences.
import { describe, expect, it } from 'vitest';
import { estate, type EstateBuilder } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import { checkPrivileges, QUERY_FT_PRIVILEGE } from '../../../src/inventory/privileges.js';
import { restTagReader } from '../../../src/inventory/tags.js';
import { useMsw } from './setup.js';

const start = useMsw();

const READ_ONLY = ['System.Anonymous', 'System.View', 'System.Read'];
const FT_QUERY_USER: [string, string, Record<string, string[]>] = [
  'ftscan@vsphere.local',
  'ft-pass',
  { '*': [...READ_ONLY, QUERY_FT_PRIVILEGE] },
];

function build(opts: { flavour?: 'api' | 'rest'; user?: [string, string, Record<string, string[]>?] } = {}) {
  const b: EstateBuilder = estate({ seed: 11, ...(opts.flavour ? { restFlavour: opts.flavour } : {}) });
  if (opts.user) b.user(...opts.user);
  const c = b.cluster({ name: 'Prod' });
  const storage = { datastores: [b.datastore({ name: 'ds1' })], networks: [b.network({ name: 'net1' })] };
  const h1 = b.host({ name: 'esx1', cluster: c, version: '7.0.3', ...storage });
  const h2 = b.host({ name: 'esx2', cluster: c, version: '7.0.3', ...storage });
  const web = b.vm({ name: 'web01', host: h1, snapshots: 1 });
  const db = b.vm({ name: 'db01', host: h2 });
  const tpl = b.vm({ name: 'tpl-rhel', host: h2, template: true });
  return { b, c, h1, h2, web, db, tpl };
}

describe('tags', () => {
  it.each(['api', 'rest'] as const)('reads Category/Tag over /%s and filters the scope on them', async (flavour) => {
    const { b, web, db, h1 } = build({ flavour });
    b.tag('Tier', 'Gold', [web, h1]).tag('Env', 'Prod', [web, db]);
    const e = b.build();
    const { client, mock } = await start(e);
    const user = e.users[0]!;
    const tags = restTagReader({ server: mock.baseUrl, user: user.name, password: user.password, retries: 0 });
    const inv = await collectInventory(client, { licenses: false, tags, scope: { tags: ['Tier/Gold'] } });
    expect(inv.vms.map((v) => v.name)).toEqual(['web01']);
    expect(inv.tags?.[web.moid]).toEqual(['Env/Prod', 'Tier/Gold']);
    expect(inv.tags?.[h1.moid]).toEqual(['Tier/Gold']);
    expect(inv.tags?.[db.moid]).toBeUndefined(); // out of scope
    const paths = mock.control.restCalls.map((c) => c.path);
    if (flavour === 'rest') {
      // 6.5/6.7: POST /api/session answers 404, then everything goes to /rest
      expect(mock.control.restCalls[0]).toMatchObject({ method: 'POST', path: '/api/session', status: 404 });
      paths.shift();
    }
    expect(paths.every((p) => p.startsWith(flavour === 'api' ? '/api/' : '/rest/'))).toBe(true);
    expect(paths.filter((p) => p.endsWith('tag-association'))).toHaveLength(1);
    expect(mock.control.restCalls.at(-1)!.method).toBe('DELETE'); // logged out
    expect(inv.stats.restCalls).toBe(mock.control.restCalls.length);
    expect(inv.complete).toBe(true);
  });
});

describe('FT compatibility query (--ask-vcenter)', () => {
  it('keeps the faults vCenter reports per VM', async () => {
    const { b, web, db, tpl } = build({ user: FT_QUERY_USER });
    b.ftCompat(web, ['hasSnapshots', { _type: 'VmFaultToleranceTooManyVMsOnHost', hostName: 'esx1', maxNumFtVms: 4 }]);
    const { client, mock } = await start(b.build());
    const inv = await collectInventory(client, { licenses: false, askVcenter: true });
    expect(inv.ftQuery?.[web.moid]).toEqual({
      status: 'evaluated',
      faults: [
        { fault: 'VmFaultToleranceConfigIssue', reason: 'hasSnapshots', message: 'Fault Tolerance is not supported: hasSnapshots' },
        { fault: 'VmFaultToleranceTooManyVMsOnHost', message: '' },
      ],
    });
    expect(inv.ftQuery?.[db.moid]).toEqual({ status: 'evaluated', faults: [] });
    expect(inv.ftQuery?.[tpl.moid]?.status).toBe('notEvaluated');
    expect(mock.control.methods().filter((m) => m === 'QueryFaultToleranceCompatibilityEx')).toHaveLength(2);
    expect(mock.control.methods()).toContain('HasPrivilegeOnEntities');
    expect(inv.complete).toBe(true);
  });

  it('records notEvaluated without the privilege, and never asks', async () => {
    const { b, web } = build({ user: ['ro@vsphere.local', 'ro-pass', { '*': READ_ONLY }] });
    const { client, mock } = await start(b.build());
    const inv = await collectInventory(client, { licenses: false, askVcenter: true });
    expect(inv.ftQuery?.[web.moid]).toEqual({
      status: 'notEvaluated',
      reason: `no privilege ${QUERY_FT_PRIVILEGE} on this VM`,
      faults: [],
    });
    expect(mock.control.methods()).not.toContain('QueryFaultToleranceCompatibilityEx');
    expect(inv.complete).toBe(true);
  });

  it('records notEvaluated when the server lacks the method (vcsim)', async () => {
    const { b, web, db } = build({ user: FT_QUERY_USER });
    const { client, mock } = await start(b.build());
    mock.control.faultNext('QueryFaultToleranceCompatibilityEx', 'MethodNotFound', {
      receiver: { _type: 'ManagedObjectReference', type: 'VirtualMachine', value: web.moid },
      method: 'QueryFaultToleranceCompatibilityEx',
    });
    const inv = await collectInventory(client, { licenses: false, askVcenter: { concurrency: 1 } });
    for (const vm of [web, db])
      expect(inv.ftQuery?.[vm.moid]).toMatchObject({ status: 'notEvaluated', reason: expect.stringContaining('MethodNotFound') });
    expect(mock.control.methods().filter((m) => m === 'QueryFaultToleranceCompatibilityEx')).toHaveLength(1);
    expect(inv.complete).toBe(true);
  });

  it('uses QueryFaultToleranceCompatibility on a pre-6.0 vCenter', async () => {
    const b = estate({ vcenterVersion: '5.5.0', seed: 2 });
    b.user(...FT_QUERY_USER);
    const c = b.cluster({ name: 'Old' });
    const h = b.host({
      name: 'esx55',
      cluster: c,
      version: '5.5.0',
      datastores: [b.datastore({ name: 'ds' })],
      networks: [b.network({ name: 'net' })],
    });
    const vm = b.vm({ name: 'legacy01', host: h, hwVersion: 'vmx-10' });
    b.ftCompat(vm, ['thinDisk']);
    const { client, mock } = await start(b.build());
    const inv = await collectInventory(client, { licenses: false, askVcenter: true });
    expect(inv.ftQuery?.[vm.moid]).toEqual({
      status: 'evaluated',
      faults: [expect.objectContaining({ fault: 'VmFaultToleranceConfigIssue', reason: 'thinDisk' })],
    });
    expect(mock.control.methods()).toContain('QueryFaultToleranceCompatibility');
    expect(mock.control.methods()).not.toContain('QueryFaultToleranceCompatibilityEx');
  });
});

describe('privileges', () => {
  it('reports which privileges the user lacks on the root folder', async () => {
    const { b } = build({ user: ['ro@vsphere.local', 'ro-pass', { '*': READ_ONLY }] });
    const { client } = await start(b.build());
    const checks = await checkPrivileges(client);
    expect(checks.find((c) => c.privilege === 'System.Read')).toEqual({ privilege: 'System.Read', granted: true, missingOn: [] });
    expect(checks.find((c) => c.privilege === QUERY_FT_PRIVILEGE)).toEqual({
      privilege: QUERY_FT_PRIVILEGE,
      granted: false,
      missingOn: ['group-d1'],
    });
  });
});

describe('licences', () => {
  it('reads host editions with one QueryAssignedLicenses', async () => {
    const { b, h1, h2 } = build();
    b.license(h1, { editionKey: 'esx.enterprisePlus.cpuPackage', name: 'VMware vSphere 7 Enterprise Plus' });
    b.license(h2, { editionKey: 'esx.standard.cpuPackage', name: 'VMware vSphere 7 Standard' });
    const { client, mock } = await start(b.build());
    const inv = await collectInventory(client);
    expect(inv.hosts.map((h) => [h.name, h.licenseEdition])).toEqual([
      ['esx1', 'esx.enterprisePlus.cpuPackage'],
      ['esx2', 'esx.standard.cpuPackage'],
    ]);
    expect(mock.control.methods().filter((m) => m === 'QueryAssignedLicenses')).toHaveLength(1);
  });

  it('leaves editions unset with an optional problem when the query fails', async () => {
    const { b } = build();
    const { client, mock } = await start(b.build());
    mock.control.faultNext('QueryAssignedLicenses', 'NoPermission', { privilegeId: 'System.View' });
    const inv = await collectInventory(client);
    expect(inv.hosts.every((h) => h.licenseEdition === undefined)).toBe(true);
    expect(inv.problems).toEqual([expect.objectContaining({ fault: 'NoPermission', optional: true })]);
    expect(inv.complete).toBe(true);
  });
});
