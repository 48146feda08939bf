// The decoding worker from the TypeScript sources (decode-offload.test.ts): tsx's loader registered in the worker
// thread, then src/vsphere/decode-worker.ts, as dist/ runs decode-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('../../../src/vsphere/decode-worker.ts');
