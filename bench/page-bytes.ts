// `tsx bench/page-bytes.ts [--per-path]` — bytes the inventory's RetrievePropertiesEx costs the server,
// per managed type (and with --per-path, per property path), against a running vcsim given by the
// FTSCAN_BENCH_* variables of bench/ftscan-peer.ts. Shows where narrowing property paths pays.
import { parseArgs } from 'node:util';
import { PROPS_BY_TYPE, pathsFor, VIEW_TYPES } from '../src/inventory/property-specs.js';
import type { PropSet } from '../src/vsphere/api.js';
import { containerViewRetrieveArgs } from '../src/vsphere/methods.js';
import { benchTarget, rawSoap } from './raw-soap.js';

const { url, ca } = benchTarget();
const soap = rawSoap(url, ca);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'per-path': { type: 'boolean', default: false }, api: { type: 'string', default: '6.5' } } });
  const cookie = await soap.login();
  const view = await soap.view(cookie, VIEW_TYPES);
  const measure = async (propSets: PropSet[]): Promise<number> => {
    return (await soap.retrieve(cookie, containerViewRetrieveArgs(view, propSets, 100_000))).bytes;
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
      for (const path of paths)
        console.log(`    ${path.padEnd(44)} ${((await measure([{ type, paths: [path] }])) - empty).toString().padStart(10)} B`);
    }
  }
  console.log(`${'sum of pages'.padEnd(32)} ${(total / 1e6).toFixed(2).padStart(8)} MB`);
  await soap.logout(cookie);
}

main().catch((err: unknown) => {
  console.error(`page-bytes: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
