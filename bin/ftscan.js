#!/usr/bin/env node
// Launcher: the built CLI when present and up to date — the ES module bundle (dist/bundle/, scripts/bundle-esm.ts:
// a few files load faster than the ~165 compiled modules), else the compiled modules (dist/) — both built by
// `npm run build` and by `prepare` on npm ci; else the TypeScript sources through tsx, so `npx ftscan` works in a
// checkout without a build and never runs a build older than the sources being edited.
import { existsSync, readdirSync, statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/ftscan.js', import.meta.url);
const dist = new URL('../dist/cli/main.js', import.meta.url);
const src = new URL('../src/', import.meta.url);

// The newest source's modification time (none in an installed package without sources).
let newest;
function newestSource() {
  if (newest === undefined) {
    newest = existsSync(src)
      ? Math.max(0, ...readdirSync(src, { recursive: true }).map((f) => (String(f).endsWith('.ts') ? statSync(new URL(String(f), src)).mtimeMs : 0)))
      : 0;
  }
  return newest;
}

const isCurrent = (built) => existsSync(built) && statSync(built).mtimeMs >= newestSource();

async function load() {
  if (isCurrent(bundle)) return import(bundle.href);
  if (isCurrent(dist)) return import(dist.href);
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    // Sources newer, but no tsx (a production install): the build there is.
    for (const built of [bundle, dist]) if (existsSync(built)) return import(built.href);
    throw new Error('ftscan is not built: run `npm run build` (or `npm ci`, which builds it)');
  }
  return import(new URL('../src/cli/main.ts', import.meta.url).href);
}

// main(): runCli on process.argv, EPIPE-tolerant stdout, exit with the code once stdout has drained.
const { main } = await load();
await main();
