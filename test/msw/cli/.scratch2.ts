import { setupServer } from 'msw/node';
import { createMockVcenter } from '../../../mocks/index.js';
import { run, smallEstate, USER } from './harness.js';
const mock = createMockVcenter(smallEstate().build());
const srv = setupServer(...mock.handlers);
srv.listen({ onUnhandledRequest: 'bypass' });
for (const argv of [
  ['scan', '--server', mock.baseUrl, '--user', USER],
  ['scan', '--server', 'https://127.0.0.1:1', '--user', USER],
  ['explain', 'vm-snapshot'],
  ['explain', 'vm-snapshots'],
  ['rules'],
  ['scan', '--servre', 'x'],
  ['scan'],
  ['privileges'],
  ['scan', '--server', mock.baseUrl, '--user', USER, '--target-cluster', 'Nope'],
  ['--version'],
  ['scan', '--help'],
]) {
  const r = await run(argv, { env: { FTSCAN_PASSWORD: 'wrong' } });
  console.log('$', argv.join(' '), '=>', r.code);
  console.log(r.stdout.slice(0, 1500));
  console.log('STDERR', r.stderr);
}
srv.close();
