// The vSphere client against govmomi's simulator (issue 2, live tier): TLS verified against the
// simulator's own certificate, login, bulk reads of every host and VM, InvalidLogin, NotAuthenticated
// after Logout, and a call count that does not grow with the number of VMs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectContent, SoapArg, VimClient } from '../../src/vsphere/api.js';
import { connect } from '../../src/vsphere/client.js';
import { TransportError, VimFault } from '../../src/vsphere/errors.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';

async function readAll(client: VimClient): Promise<{ objects: ObjectContent[]; pages: number }> {
  const objects: ObjectContent[] = [];
  const stats = await client.collect(
    {
      viewTypes: ['HostSystem', 'VirtualMachine'],
      propSets: [
        { type: 'HostSystem', paths: ['name', 'config.product', 'summary.hardware.cpuModel'] },
        { type: 'VirtualMachine', paths: ['name', 'config.hardware.numCPU', 'config.hardware.device', 'runtime.host'] },
      ],
    },
    { onObject: (oc) => objects.push(oc), onRestart: () => (objects.length = 0) },
  );
  return { objects, pages: stats.pages };
}

// RetrievePropertiesEx of the root folder's name, the smallest call that reaches the property collector.
function rootNameArgs(client: VimClient): SoapArg[] {
  return [
    [
      'specSet',
      [
        [
          'propSet',
          [
            [
              ['type', 'Folder'],
              ['pathSet', ['name']],
            ],
          ],
        ],
        ['objectSet', [[['obj', client.serviceContent.rootFolder]]]],
      ],
    ],
    ['options', []],
  ];
}

describe('client against vcsim (basic model)', () => {
  let sim: Vcsim;
  beforeAll(async () => {
    sim = await startVcsim({ scenario: 'basic' });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('verifies TLS against the CA file, logs in and bulk-reads every host and VM', async () => {
    const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
    try {
      expect(client.about.apiType).toBe('VirtualCenter');
      expect(client.about.version).toBe(sim.expected.vcenter.version);
      const { objects } = await readAll(client);
      const hosts = objects.filter((o) => o.obj.type === 'HostSystem');
      const vms = objects.filter((o) => o.obj.type === 'VirtualMachine');
      expect(hosts.map((h) => h.obj.value).sort()).toEqual(sim.expected.hosts!.map((h) => h.moid).sort());
      expect(vms.map((v) => v.obj.value).sort()).toEqual(sim.expected.vms!.map((v) => v.moid).sort());
      for (const h of hosts) {
        const exp = sim.expected.hosts!.find((e) => e.moid === h.obj.value)!;
        expect(h.props.name).toBe(exp.name);
        expect(h.props['config.product']).toMatchObject({ _type: 'AboutInfo', build: exp.product.build });
        expect(h.missing).toEqual([]);
      }
      for (const v of vms) {
        const exp = sim.expected.vms!.find((e) => e.moid === v.obj.value)!;
        expect(v.props.name).toBe(exp.name);
        expect(v.props['config.hardware.numCPU']).toBe(exp.numCpu);
        expect(v.props['runtime.host']).toMatchObject({ type: 'HostSystem', value: exp.host });
        const devices = v.props['config.hardware.device'] as { _type: string; key: number }[];
        expect(Array.isArray(devices)).toBe(true);
        const disks = devices.filter((d) => d._type === 'VirtualDisk').map((d) => d.key);
        expect(disks).toEqual(exp.disks.map((d) => d.key));
      }
      expect(client.calls.byMethod.Login).toBe(1);
    } finally {
      await client.logout();
    }
  });

  it('rejects the self-signed certificate without --ca-file, and a host name the certificate does not name', async () => {
    const untrusted = connect({ server: sim.url, user: sim.user, password: sim.password });
    await expect(untrusted).rejects.toBeInstanceOf(TransportError);
    await expect(untrusted).rejects.toMatchObject({ kind: 'tls-untrusted' });
    // vcsim's certificate names 127.0.0.1, ::1 and example.com, not "localhost".
    const byName = connect({
      server: sim.url.replace('127.0.0.1', 'localhost'),
      user: sim.user,
      password: sim.password,
      tls: { caFile: sim.caFile },
    });
    await expect(byName).rejects.toMatchObject({ kind: 'tls-hostname' });
  });

  it('connects with the explicit insecure opt-out', async () => {
    const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { insecure: true } });
    expect(client.about.name).toBeTruthy();
    await client.logout();
  });

  it('sees InvalidLogin for a wrong password, without the password in the error', async () => {
    const wrong = `${sim.password}-wrong`;
    const err = await connect({ server: sim.url, user: sim.user, password: wrong, tls: { caFile: sim.caFile } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VimFault);
    expect((err as VimFault).faultName).toBe('InvalidLogin');
    expect(String((err as Error).message)).not.toContain(wrong);
    expect(JSON.stringify(err)).not.toContain(wrong);
  });

  it('surfaces NotAuthenticated after Logout, also where vcsim answers HTTP 200 with a missingSet', async () => {
    const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
    const pc = client.serviceContent.propertyCollector;
    // Logged in, the same call returns data.
    const before = (await client.invoke('RetrievePropertiesEx', pc, rootNameArgs(client))) as { objects: unknown[] };
    expect(before.objects).toHaveLength(1);
    await client.logout();
    // RetrievePropertiesEx after Logout: HTTP 200, every property in missingSet with NotAuthenticated.
    const viaMissingSet = await client.invoke('RetrievePropertiesEx', pc, rootNameArgs(client)).catch((e: unknown) => e);
    expect(viaMissingSet).toBeInstanceOf(VimFault);
    expect((viaMissingSet as VimFault).faultName).toBe('NotAuthenticated');
    // Any other method after Logout: a NotAuthenticated SOAP fault.
    const viaFault = await client
      .invoke('CreateContainerView', client.serviceContent.viewManager!, [
        ['container', client.serviceContent.rootFolder],
        ['type', ['VirtualMachine']],
        ['recursive', true],
      ])
      .catch((e: unknown) => e);
    expect(viaFault).toBeInstanceOf(VimFault);
    expect((viaFault as VimFault).faultName).toBe('NotAuthenticated');
  });
});

describe('call count against vcsim does not grow with the number of VMs', () => {
  // Same clusters and hosts, 10 vs 1,000 VMs. vcsim ignores maxObjects, so both are one page.
  async function scan(vms: number): Promise<{ calls: Record<string, number>; total: number; vms: number; hosts: number; pages: number }> {
    const sim = await startVcsim({ scenario: 'scale', vms, clusters: 2, hosts: 3 });
    try {
      const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
      try {
        const { objects, pages } = await readAll(client);
        expect(objects.filter((o) => o.obj.type === 'VirtualMachine')).toHaveLength(sim.expected.counts.vms);
        return {
          calls: { ...client.calls.byMethod },
          total: client.calls.total,
          vms: objects.filter((o) => o.obj.type === 'VirtualMachine').length,
          hosts: objects.filter((o) => o.obj.type === 'HostSystem').length,
          pages,
        };
      } finally {
        await client.logout();
      }
    } finally {
      await sim.stop();
    }
  }

  it('reads 1,000 VMs in exactly the calls it needs for 10', async () => {
    const small = await scan(10);
    const large = await scan(1000);
    expect(small.vms).toBe(10);
    expect(large.vms).toBe(1000);
    expect(large.hosts).toBe(small.hosts);
    expect(large.pages).toBe(small.pages);
    expect(large.calls).toEqual(small.calls);
    expect(large.total).toBe(small.total);
    expect(large.total).toBeLessThanOrEqual(8); // RetrieveServiceContent, Login, view, retrieve, destroy, logout
  });
});
