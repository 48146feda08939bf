#!/usr/bin/env node
// Launcher: the compiled CLI (dist/, built by `npm run build` and by `prepare` on npm ci) when present and up
// to date, else the TypeScript sources through tsx, so `npx ftscan` works in a checkout without a build and
// never runs a dist/ older than the sources being edited.
import { existsSync, readdirSync, statSync } from 'node:fs';

const dist = new URL('../dist/cli/main.js', import.meta.url);
const src = new URL('../src/', import.meta.url);

function distIsCurrent() {
  if (!existsSync(dist)) return false;
  if (!existsSync(src)) return true; // an installed package without sources
  const built = statSync(dist).mtimeMs;
  return readdirSync(src, { recursive: true }).every((f) => !String(f).endsWith('.ts') || statSync(new URL(String(f), src)).mtimeMs <= built);
}

async function load() {
  if (distIsCurrent()) return import(dist.href);
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    if (existsSync(dist)) return import(dist.href); // sources newer, but no tsx (production install): use dist
    throw new Error('ftscan is not built: run `npm run build` (or `npm ci`, which builds it)');
  }
  return import(new URL('../src/cli/main.ts', import.meta.url).href);
}

// main(): runCli on process.argv, EPIPE-tolerant stdout, exit with the code once stdout has drained.
const { main } = await load();
await main();
