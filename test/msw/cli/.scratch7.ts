import { createMockVcenter, startMockServer } from '../../../mocks/index.js';
import { run, smallEstate, USER, PASSWORD } from './harness.js';
const mock = createMockVcenter(smallEstate().build());
const server = await startMockServer(mock, { tls: true });
const r = await run(['scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--log-level', 'trace', '--log-file', '/tmp/ftscratch/t.log', '--output', 'json=/tmp/ftscratch/t.json'], { env: { FTSCAN_PASSWORD: PASSWORD } });
await server.close();
