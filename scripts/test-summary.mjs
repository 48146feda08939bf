// Prints vitest's JSON results as one plain line per tier plus a total ("unit: N passed, N failed"),
// so CI logs end with a line any reader (human or tool) can count. Usage: node scripts/test-summary.mjs a.json [b.json]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const p = r.numPassedTests ?? 0;
  const f = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  console.log(`${basename(file, '.json')}: ${p} passed, ${f} failed, ${s} skipped`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
