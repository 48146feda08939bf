// ftscan benchmark peer, run as a child process so its peak RSS is its own. Every mode reads ftscan's collect
// spec as bench/run.ts wrote it ($FTSCAN_BENCH_SPEC: buildCollectSpec as JSON), the spec the peers read. Modes:
//   retrieve  — connect + client.collect of the spec: every object decoded, counted and dropped
//   inventory — connect + the full collectInventory (builds the same spec, keeps the normalized model)
//   raw       — the same RetrievePropertiesEx (and Continue pages) over plain node:https, bodies read and
//               discarded: the floor (vcsim's serialization + transfer) that no client can beat
// Connection details from the environment (never argv): FTSCAN_BENCH_URL, _USER, _PASSWORD, _CA, _SPEC.
// $FTSCAN_BENCH_REPO: the checkout whose sources are measured (default this one; bench/run.ts --baseline).
// Pages are decoded in the main thread as the CLI decodes them by default; FTSCAN_DECODE_WORKER=1 decodes them on
// the worker thread (decode-worker-tsx.mjs) when the checkout has one (src/vsphere/decode-offload.ts), as the CLI does.
// Prints one JSON line: seconds, objects, devices, maxRssMB, cpuSeconds.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CollectSpec } from '../src/vsphere/api.js';
import { benchTarget, env, rawSoap } from './raw-soap.js';

const repo = pathToFileURL(`${process.env.FTSCAN_BENCH_REPO ?? new URL('..', import.meta.url).pathname}/`);
const load = <T>(path: string): Promise<T> => import(new URL(path, repo).href) as Promise<T>;
const { collectInventory } = await load<typeof import('../src/inventory/collect.js')>('src/inventory/collect.ts');
const { connect } = await load<typeof import('../src/vsphere/client.js')>('src/vsphere/client.ts');
const { DEFAULT_MAX_OBJECTS } = await load<typeof import('../src/vsphere/collect.js')>('src/vsphere/collect.ts');
const { containerViewRetrieveArgs } = await load<typeof import('../src/vsphere/methods.js')>('src/vsphere/methods.ts');
if (process.env.FTSCAN_DECODE_WORKER === '1') {
  const offload = await load<typeof import('../src/vsphere/decode-offload.js')>('src/vsphere/decode-offload.ts').catch(() => undefined);
  offload?.setDecodeWorker({ url: new URL('decode-worker-tsx.mjs', import.meta.url) });
}

const spec = (): CollectSpec => JSON.parse(readFileSync(env('FTSCAN_BENCH_SPEC'), 'utf8')) as CollectSpec;

async function raw(): Promise<{ objects: null; bytes: number }> {
  const { url, ca } = benchTarget();
  const soap = rawSoap(url, ca);
  const s = spec();
  const cookie = await soap.login();
  const view = await soap.view(cookie, s.viewTypes);
  let page = await soap.retrieve(cookie, containerViewRetrieveArgs(view, s.propSets, s.maxObjects ?? DEFAULT_MAX_OBJECTS));
  let bytes = page.bytes;
  while (page.token) {
    page = await soap.continueRetrieve(cookie, page.token);
    bytes += page.bytes;
  }
  await soap.logout(cookie);
  return { objects: null, bytes };
}

const cpuSeconds = (): number => {
  const ru = process.resourceUsage();
  return (ru.userCPUTime + ru.systemCPUTime) / 1e6;
};

async function main(mode: string): Promise<void> {
  const start = performance.now();
  if (mode === 'raw') {
    const r = await raw();
    const seconds = (performance.now() - start) / 1000;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `${JSON.stringify({ seconds, objects: r.objects, devices: null, maxRssMB, cpuSeconds: cpuSeconds(), bytes: r.bytes })}\n`,
    );
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
      objects = inv.stats.objects;
      devices = null; // normalized away: only the FT-relevant devices are kept
    } else {
      await client.collect(spec(), {
        onObject: (oc) => {
          objects++;
          const d = oc.props['config.hardware.device'];
          if (Array.isArray(d)) devices! += d.length;
        },
      });
    }
    seconds = (performance.now() - start) / 1000; // to the last object, like the other peers
  } finally {
    await client.logout();
  }
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, objects, devices, maxRssMB, cpuSeconds: cpuSeconds() })}\n`);
}

main(process.argv[2] ?? 'retrieve').catch((err: unknown) => {
  process.stderr.write(`ftscan-peer: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
