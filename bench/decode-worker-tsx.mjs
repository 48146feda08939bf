// The decoding worker of the checkout being measured ($FTSCAN_BENCH_REPO, default this one) from its TypeScript
// sources: ftscan-peer.ts runs the sources with tsx, where no decode-worker.js sits beside decode-offload.ts.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const repo = pathToFileURL(`${process.env.FTSCAN_BENCH_REPO ?? new URL('..', import.meta.url).pathname}/`);
await import(new URL('src/vsphere/decode-worker.ts', repo).href);
