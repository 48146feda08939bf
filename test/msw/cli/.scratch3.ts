import { run, USER } from './harness.js';
const r = await run(['scan', '--server', 'https://127.0.0.1:1', '--user', USER], { env: { FTSCAN_PASSWORD: 'x' } });
console.log(r.code, r.stdout, r.stderr);
