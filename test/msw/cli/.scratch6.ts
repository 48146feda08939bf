import { createMockVcenter, startMockServer } from '../../../mocks/index.js';
import { run, smallEstate, USER, PASSWORD } from './harness.js';
const mock = createMockVcenter(smallEstate().build());
const server = await startMockServer(mock, { tls: true });
const r = await run(['scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--vm', 'db-01', '--ask-vcenter', '--output', 'json=-'], { env: { FTSCAN_PASSWORD: PASSWORD } });
const j = JSON.parse(r.stdout);
console.log(JSON.stringify(j.targets[0].inventory.ftQuery), JSON.stringify(j.evaluation.vms[0].vcenterOpinion), r.stderr, mock.control.methods());
await server.close();
