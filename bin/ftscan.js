#!/usr/bin/env node
// Launcher: the compiled CLI (dist/, built by `npm run build` / `prepare`) when present, else the TypeScript
// sources through tsx, so `npx ftscan` works in a fresh checkout without a build.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/cli/main.js', import.meta.url);
let mod;
if (existsSync(dist)) {
  mod = await import(dist.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
const code = await mod.runCli(process.argv.slice(2));
// Exit explicitly once stdout has drained: a target abandoned at --target-timeout may still hold a socket.
process.stdout.write('', () => process.exit(code));
