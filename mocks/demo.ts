// `npm run demo`: the bundled mock vCenter (a realistic estate) served over https on 127.0.0.1 with a
// certificate generated at start, scanned by the real CLI exactly as a user would run it: --ca-file to
// trust the certificate, the password in FTSCAN_PASSWORD, reports under .demo-out/ (or $FTSCAN_DEMO_OUT).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.js';
import * as mocks from './index.js';

// A development and evaluation tool, not the product: it lives beside the mocks, runs under tsx and is never
// compiled into dist/ (tsconfig.json's rootDir is src/).
async function main(): Promise<number> {
  const outDir = process.env.FTSCAN_DEMO_OUT ?? fileURLToPath(new URL('../.demo-out/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, 'ftscan-demo.html');
  const json = join(outDir, 'ftscan-demo.json');

  const server = await mocks.startMockServer(mocks.createMockVcenter(mocks.demoEstate()), { tls: true });
  process.stderr.write(`demo: mock vCenter listening on ${server.url} (certificate generated at start: ${server.caFile})\n`);
  try {
    const argv = [
      'scan',
      '--server',
      server.url,
      '--user',
      mocks.DEMO_USER,
      '--ca-file',
      server.caFile,
      '--output',
      'table=-',
      '--output',
      `html=${html}`,
      '--output',
      `json=${json}`,
      '--fail-on',
      'none', // the demo estate has blockers on purpose; the demo itself succeeds
    ];
    process.stderr.write(`demo: FTSCAN_PASSWORD=*** ftscan ${argv.join(' ')}\n\n`);
    const code = await runCli(argv, { env: { ...process.env, FTSCAN_PASSWORD: mocks.DEMO_PASSWORD } });
    process.stdout.write(
      `\nHTML report: ${html}\nJSON report: ${json}\n(re-render offline: npx ftscan report ${json} --output markdown=-)\n`,
    );
    return code;
  } finally {
    await server.close();
  }
}

process.exitCode = await main();
