import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Intercept rename to look at the directory at the last moment before the report is swapped in.
const hooks = vi.hoisted(() => ({ beforeRename: undefined as undefined | ((from: string, to: string) => void) }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      hooks.beforeRename?.(from, to);
      return real.rename(from, to);
    },
  };
});

const { writeReportAtomic, ReportWriteError } = await import('../../../src/report/write.js');

const fresh = () => mkdtempSync(join(tmpdir(), 'ftscan-write-'));

describe('writeReportAtomic', () => {
  afterEach(() => {
    hooks.beforeRename = undefined;
  });

  it('writes a new file and leaves no temporary file', async () => {
    const dir = fresh();
    await writeReportAtomic(join(dir, 'scan.html'), '<p>é</p>');
    expect(readFileSync(join(dir, 'scan.html'), 'utf8')).toBe('<p>é</p>');
    expect(readdirSync(dir)).toEqual(['scan.html']);
  });

  it('keeps the old report intact until the complete new one is renamed over it', async () => {
    const dir = fresh();
    const target = join(dir, 'scan.json');
    writeFileSync(target, 'OLD');
    const big = 'x'.repeat(5_000_000);
    let seen: { target: string; temp: string; tempDir: string } | undefined;
    hooks.beforeRename = (from, to) => {
      seen = { target: readFileSync(to, 'utf8'), temp: readFileSync(from, 'utf8'), tempDir: join(from, '..') };
    };
    await writeReportAtomic(target, big);
    expect(seen!.target).toBe('OLD'); // readers never see a partial file
    expect(seen!.temp.length).toBe(big.length); // the temp file was complete before the swap
    expect(seen!.tempDir).toBe(dir); // same directory, so rename is atomic
    expect(readFileSync(target, 'utf8')).toBe(big);
    expect(readdirSync(dir)).toEqual(['scan.json']);
  });

  it('on failure keeps the old file, removes the temporary one and says why in one line', async () => {
    const dir = fresh();
    const target = join(dir, 'report');
    mkdirSync(target); // renaming a file over a directory fails
    writeFileSync(join(target, 'keep'), 'OLD');
    const err = await writeReportAtomic(target, 'new').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportWriteError);
    expect((err as Error).message).toMatch(/^cannot write report .*report \(E[A-Z]+\): check the directory exists and is writable$/);
    expect(readdirSync(dir)).toEqual(['report']);
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('OLD');
  });

  it('reports a missing directory in one line', async () => {
    const err = await writeReportAtomic(join(fresh(), 'no', 'such', 'x.csv'), 'a').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^cannot write report .*x\.csv \(ENOENT\): check the directory exists and is writable$/);
  });
});
