// `npm run mock-vcenter`: the mock vCenter (demo estate, mocks/demo-estate.ts) served over https on 127.0.0.1
// until Ctrl-C, so every command (scan, plan, report, privileges, explain) can be tried without a vCenter. Prints
// the URL, the CA file, the user and the password, and writes the CA, the password (mode 0600) and a config file
// naming all four (ftscan.yaml, mode 0600) so the commands can use --ca-file, --password-file or --config as
// against a real vCenter.
// A development and evaluation tool beside the mocks, run by tsx: the product never imports it.
//   --port N        port to listen on (default 8443; 0 = any free port)
//   --dir DIR       where ca.pem, password and ftscan.yaml are written (default .mock-vcenter/ in the current directory)
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as mocks from './index.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8443' }, dir: { type: 'string', default: '.mock-vcenter' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`mock-vcenter: --port ${values.port} is not a port number (0-65535)\n`);
  process.exit(2);
}
const dir = resolve(values.dir);
mkdirSync(dir, { recursive: true });
const caFile = resolve(dir, 'ca.pem');
const passwordFile = resolve(dir, 'password');
const configFile = resolve(dir, 'ftscan.yaml');

let server: mocks.MockServer;
try {
  server = await mocks.startMockServer(mocks.createMockVcenter(mocks.demoEstate()), { tls: true, port });
} catch (e) {
  process.stderr.write(`mock-vcenter: cannot listen on 127.0.0.1:${port} (${(e as Error).message}): try --port 0\n`);
  process.exit(2);
}
// The CA is public (readable by a container's non-root user); the password file is the user's alone.
copyFileSync(server.caFile, caFile);
writeFileSync(passwordFile, mocks.DEMO_PASSWORD, { mode: 0o600 });
// Relative paths in a config file are relative to the file.
const config = `server: ${server.url}\nuser: ${mocks.DEMO_USER}\nca-file: ca.pem\npassword-file: password\n`;
writeFileSync(configFile, config, { mode: 0o600 });

process.stdout.write(
  [
    'mock vCenter (demo estate) on 127.0.0.1, serving until Ctrl-C',
    `  URL:           ${server.url}`,
    `  CA file:       ${caFile}`,
    `  user:          ${mocks.DEMO_USER}`,
    `  password:      ${mocks.DEMO_PASSWORD}`,
    `  password file: ${passwordFile}`,
    `  config file:   ${configFile} (server, user, ca-file, password-file)`,
    '',
    `try: npx ftscan scan --config ${configFile}`,
    `  or npx ftscan scan --server ${server.url} --user ${mocks.DEMO_USER} --ca-file ${caFile} --password-file ${passwordFile}`,
    '',
  ].join('\n'),
);

let closing = false;
function stop(): void {
  if (closing) return;
  closing = true;
  void server.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
