// The loopback server: real https with the generated certificate, cookies across requests, and plain http.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockVcenter, estate, startMockServer, type MockServer } from '../../../mocks/index.js';
import { ENV } from './xml.js';

function post(
  url: string,
  body: string,
  opts: https.RequestOptions,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, ...opts }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function mockWithVms(n: number) {
  const b = estate();
  const ds = b.datastore({ name: 'ds' });
  const net = b.network({ name: 'VM Network' });
  const h = b.host({ name: 'esx', datastores: [ds], networks: [net] });
  for (let i = 0; i < n; i++) b.vm({ name: `vm-${i}`, host: h });
  b.user('u@vsphere.local', 'pw');
  return createMockVcenter(b.build());
}

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startMockServer', () => {
  it('serves SOAP over https on 127.0.0.1 with a certificate trusted through its CA file', async () => {
    server = await startMockServer(mockWithVms(60));
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(server.caFile, 'utf8');
    expect(ca).toBe(server.caPem);
    const login = await post(
      `${server.url}/sdk`,
      ENV(
        '<Login xmlns="urn:vim25"><_this type="SessionManager">SessionManager</_this><userName>u@vsphere.local</userName><password>pw</password></Login>',
      ),
      { ca },
    );
    expect(login.status).toBe(200);
    const cookie = (login.headers['set-cookie'] as string[])[0]!.split(';')[0]!;
    const port = new URL(server.url).port;
    // localhost is in the SAN too; a big answer streams through intact
    const view = await post(
      `https://localhost:${port}/sdk`,
      ENV(
        '<CreateContainerView xmlns="urn:vim25"><_this type="ViewManager">ViewManager</_this><container type="Folder">group-d1</container><type>VirtualMachine</type><recursive>true</recursive></CreateContainerView>',
      ),
      { ca, headers: { cookie, 'content-type': 'text/xml' } },
    );
    const v = /ContainerView">([^<]+)</.exec(view.body)![1]!;
    const page = await post(
      `${server.url}/sdk`,
      ENV(
        `<RetrievePropertiesEx xmlns="urn:vim25"><_this type="PropertyCollector">propertyCollector</_this><specSet><propSet><type>VirtualMachine</type><pathSet>config</pathSet></propSet><objectSet><obj type="ContainerView">${v}</obj><skip>true</skip><selectSet xsi:type="TraversalSpec"><name>t</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options><maxObjects>100</maxObjects></options></RetrievePropertiesEx>`,
      ),
      { ca, headers: { cookie, 'content-type': 'text/xml' } },
    );
    expect(page.status).toBe(200);
    expect(page.body.length).toBeGreaterThan(65536 * 4);
    expect(page.body.match(/<objects>/g)).toHaveLength(60);
    expect(page.body.endsWith('</soapenv:Envelope>')).toBe(true);
  });

  it('is not trusted without its CA (verification on)', async () => {
    server = await startMockServer(mockWithVms(1));
    await expect(post(`${server.url}/sdk`, ENV(''), {})).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('serves plain http when tls is off', async () => {
    const mock = mockWithVms(1);
    server = await startMockServer(mock, { tls: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(server.caFile).toBe('');
    const res = await fetch(`${server.url}/sdk`, {
      method: 'POST',
      body: ENV('<RetrieveServiceContent xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent>'),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<rootFolder type="Folder">group-d1</rootFolder>');
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent']);
  });
});
