// ftscan benchmark peer, run as a child process so its peak RSS is its own. Modes:
//   retrieve  — connect + ContainerView + RetrievePropertiesEx of the VM paths (the peers' exact work)
//   inventory — connect + the full collectInventory (every type, normalized model)
//   raw       — the same RetrievePropertiesEx over plain node:https, body read and discarded: the floor
//               (vcsim's serialization + transfer) that no client can beat
// Connection details from the environment (never argv): FTSCAN_BENCH_URL, _USER, _PASSWORD, _CA, _PATHS.
// Prints one JSON line: seconds, objects, devices, maxRssMB.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { collectInventory } from '../src/inventory/collect.js';
import { connect } from '../src/vsphere/client.js';
import { containerViewRetrieveArgs, encodeRequest } from '../src/vsphere/soap-encode.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`${k} is not set`);
  return v;
};

// One SOAP POST; resolves with the body (or only its size when `discard`) and the session cookie.
function post(url: URL, body: string, ca: string, cookie?: string, discard = false): Promise<{ text: string; bytes: number; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'urn:vim25/6.5', ...(cookie ? { Cookie: cookie } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (!discard) chunks.push(c);
        });
        res.on('end', () => resolve({ text: Buffer.concat(chunks).toString(), bytes, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function raw(): Promise<{ objects: number; bytes: number }> {
  const url = new URL(env('FTSCAN_BENCH_URL'));
  const ca = readFileSync(env('FTSCAN_BENCH_CA'), 'utf8');
  const moref = (type: string, value: string) => ({ type, value }); // vcsim's fixed vCenter moids
  const login = await post(url, encodeRequest('Login', moref('SessionManager', 'SessionManager'), [['userName', env('FTSCAN_BENCH_USER')], ['password', env('FTSCAN_BENCH_PASSWORD')]]), ca);
  const view = await post(
    url,
    encodeRequest('CreateContainerView', moref('ViewManager', 'ViewManager'), [['container', moref('Folder', 'group-d1')], ['type', ['VirtualMachine']], ['recursive', true]]),
    ca,
    login.cookie,
  );
  const viewId = /<returnval type="ContainerView">([^<]+)</.exec(view.text)?.[1];
  if (!viewId) throw new Error('CreateContainerView gave no view');
  const args = containerViewRetrieveArgs(moref('ContainerView', viewId), [{ type: 'VirtualMachine', paths: env('FTSCAN_BENCH_PATHS').split(',') }], 1000);
  const page = await post(url, encodeRequest('RetrievePropertiesEx', moref('PropertyCollector', 'propertyCollector'), args), ca, login.cookie, true);
  await post(url, encodeRequest('Logout', moref('SessionManager', 'SessionManager')), ca, login.cookie);
  return { objects: Number(process.env.FTSCAN_BENCH_VMS ?? 0), bytes: page.bytes };
}

async function main(mode: string): Promise<void> {
  const start = performance.now();
  if (mode === 'raw') {
    const r = await raw();
    const seconds = (performance.now() - start) / 1000;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ seconds, objects: r.objects, devices: null, maxRssMB, bytes: r.bytes }) + '\n');
    return;
  }
  const client = await connect({
    server: env('FTSCAN_BENCH_URL'),
    user: env('FTSCAN_BENCH_USER'),
    password: env('FTSCAN_BENCH_PASSWORD'),
    tls: { caFile: env('FTSCAN_BENCH_CA') },
  });
  let objects = 0;
  let devices: number | null = 0;
  let seconds = 0;
  try {
    if (mode === 'inventory') {
      const inv = await collectInventory(client, { licenses: false });
      objects = inv.vms.length;
      devices = null; // normalized away: only the FT-relevant devices are kept
    } else {
      await client.collect(
        { viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: env('FTSCAN_BENCH_PATHS').split(',') }] },
        {
          onObject: (oc) => {
            objects++;
            const d = oc.props['config.hardware.device'];
            if (Array.isArray(d)) devices! += d.length;
          },
        },
      );
    }
    seconds = (performance.now() - start) / 1000; // to the last object, like the other peers
  } finally {
    await client.logout();
  }
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, objects, devices, maxRssMB }) + '\n');
}

main(process.argv[2] ?? 'retrieve').catch((err: unknown) => {
  process.stderr.write(`ftscan-peer: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
