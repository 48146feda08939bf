// Bounded memory: what a consumer keeps of a decoded page (names, moids, enums) must not keep the page. The
// tokenizer slices values out of the chunk it reads, and V8 keeps a long slice pointing into its whole chunk,
// so before the decoder copied its string values a 10,000-VM collection held most of its 98 MB reply. Measured
// in a child process (a full GC needs --expose-gc): heap after the page minus heap before, no timing.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('[memory] decoded values do not keep their reply', () => {
  it('keeping the name, moid and power state of the 2,000 objects of a 16 MB page holds under 2 MB, not the page', () => {
    const child = fileURLToPath(new URL('./retained-memory-child.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child], { encoding: 'utf8', timeout: 60_000 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      pageMB: number;
      keptMB: number;
      objects: number;
      first: object;
      last: object;
    };
    expect(r.objects).toBe(2000);
    expect(r.first).toEqual({ moid: 'vm-100000', type: 'VirtualMachine', name: 'production-database-0', power: 'poweredOn' });
    expect(r.last).toEqual({ moid: 'vm-101999', type: 'VirtualMachine', name: 'production-database-1999', power: 'poweredOn' });
    expect(r.pageMB).toBeGreaterThan(15);
    // 2,000 small records and their strings: a few hundred KB. Slices of the chunks held about the whole page.
    expect(r.keptMB).toBeLessThan(2);
  }, 90_000);
});
