// `tsx bench/page-bytes.ts [--per-path]` — bytes the inventory's RetrievePropertiesEx costs the server,
// per managed type (and with --per-path, per property path), against a running vcsim given by the
// FTSCAN_BENCH_* variables of bench/ftscan-peer.ts. Shows where narrowing property paths pays.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parseArgs } from 'node:util';
import { PROPS_BY_TYPE, pathsFor, VIEW_TYPES } from '../src/inventory/property-specs.js';
import type { MoRef, PropSet } from '../src/vsphere/api.js';
import { containerViewRetrieveArgs, encodeRequest } from '../src/vsphere/soap-encode.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`${k} is not set`);
  return v;
};
const url = new URL(env('FTSCAN_BENCH_URL'));
const ca = readFileSync(env('FTSCAN_BENCH_CA'), 'utf8');
const moref = (type: string, value: string): MoRef => ({ type, value });

function post(body: string, cookie?: string): Promise<{ text: string; bytes: number; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'urn:vim25/6.5', ...(cookie ? { Cookie: cookie } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (bytes < 1 << 20) chunks.push(c); // keep only small replies (view ids)
        });
        res.on('end', () => resolve({ text: Buffer.concat(chunks).toString(), bytes, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'per-path': { type: 'boolean', default: false }, api: { type: 'string', default: '6.5' } } });
  const login = await post(encodeRequest('Login', moref('SessionManager', 'SessionManager'), [['userName', env('FTSCAN_BENCH_USER')], ['password', env('FTSCAN_BENCH_PASSWORD')]]));
  const view = await post(
    encodeRequest('CreateContainerView', moref('ViewManager', 'ViewManager'), [['container', moref('Folder', 'group-d1')], ['type', VIEW_TYPES], ['recursive', true]]),
    login.cookie,
  );
  const viewId = /<returnval type="ContainerView">([^<]+)</.exec(view.text)?.[1];
  if (!viewId) throw new Error('CreateContainerView gave no view');
  const measure = async (propSets: PropSet[]): Promise<number> => {
    const args = containerViewRetrieveArgs(moref('ContainerView', viewId), propSets, 100_000);
    return (await post(encodeRequest('RetrievePropertiesEx', moref('PropertyCollector', 'propertyCollector'), args), login.cookie)).bytes;
  };
  let total = 0;
  for (const [type, defs] of Object.entries(PROPS_BY_TYPE)) {
    const paths = pathsFor(defs, values.api);
    if (paths.length === 0) continue;
    const bytes = await measure([{ type, paths }]);
    total += bytes;
    console.log(`${type.padEnd(32)} ${(bytes / 1e6).toFixed(2).padStart(8)} MB  (${paths.length} paths)`);
    if (values['per-path']) {
      const empty = await measure([{ type, paths: [] }]);
      for (const path of paths) console.log(`    ${path.padEnd(44)} ${((await measure([{ type, paths: [path] }])) - empty).toString().padStart(10)} B`);
    }
  }
  console.log(`${'sum of pages'.padEnd(32)} ${(total / 1e6).toFixed(2).padStart(8)} MB`);
  await post(encodeRequest('Logout', moref('SessionManager', 'SessionManager')), login.cookie);
}

main().catch((err: unknown) => {
  console.error(`page-bytes: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
