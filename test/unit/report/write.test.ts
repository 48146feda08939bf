import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
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

const { writeReportAtomic, writeReportAtomicWith, writesThrough, ReportWriteError } = await import('../../../src/report/write.js');

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

it('writes chunks byte for byte across its buffers: multi-byte characters at the seams, a chunk larger than a buffer', async () => {
  const dir = fresh();
  const target = join(dir, 'scan.json');
  // Sizes around the 1 MiB buffer, two- to four-byte characters, and one chunk of 3 MiB.
  const chunks = [
    ...Array.from({ length: 300 }, (_, i) => `{"n":${i},"t":"${'é✖😀'.repeat(i % 7)}${'x'.repeat(4093 + i)}"}\n`),
    'ü'.repeat(3 << 20),
    ...Array.from({ length: 40 }, (_, i) => `${'✖'.repeat(50_000 + i)}\n`),
    '',
    'end\n',
  ];
  await writeReportAtomic(target, chunks.values());
  expect(readFileSync(target).equals(Buffer.from(chunks.join('')))).toBe(true);
  expect(readdirSync(dir)).toEqual(['scan.json']);
});

it('a chunk source that fails mid-way leaves no file and no temporary one', async () => {
  const dir = fresh();
  function* failing() {
    yield 'x'.repeat(1 << 20);
    yield 'y'.repeat(1 << 20);
    throw new TypeError('broken renderer');
  }
  const err = await writeReportAtomic(join(dir, 'scan.json'), failing()).catch((e: unknown) => e);
  expect((err as Error).message).toMatch(/^cannot write report .*scan\.json \(broken renderer\)/);
  expect(readdirSync(dir)).toEqual([]);
});

// Issue 22 §1: atomic replace is for regular files. Everything here lives in a temporary directory: never /dev.
describe('a report path that is not a regular file', () => {
  const fifo = () => {
    const path = join(fresh(), 'pipe');
    execFileSync('mkfifo', [path]);
    return path;
  };

  it('[local] a FIFO with a reader is written through: the reader gets the report, the FIFO stays a FIFO', async () => {
    const path = fifo();
    const reader = spawn('cat', [path]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => (got += b.toString()));
    const done = new Promise<void>((r) => reader.on('close', () => r()));
    const big = 'report line\n'.repeat(20_000); // more than a pipe buffer: the reader drains it as it comes
    // Until cat has the FIFO open the write fails at once (no reader); then it goes through.
    for (let i = 0; ; i++) {
      const err = await writeReportAtomic(path, [big, 'end\n']).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!err) break;
      expect((err as Error).message).toMatch(/no process is reading it$/);
      if (i > 500) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
    await done;
    expect(got).toBe(`${big}end\n`);
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(readdirSync(join(path, '..'))).toEqual(['pipe']); // no temporary file beside it
  });

  it('[local] a FIFO with no reader fails at once with one line, and is left a FIFO', async () => {
    const path = fifo();
    expect(writesThrough(path)).toBe(true); // before the scan: no directory check for it
    const err = await writeReportAtomic(path, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportWriteError);
    expect((err as Error).message).toBe(`cannot write report ${path}: it is a FIFO and no process is reading it`);
    const err2 = await writeReportAtomicWith(path, async () => undefined).catch((e: unknown) => e);
    expect((err2 as Error).message).toMatch(/no process is reading it$/);
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(readdirSync(join(path, '..'))).toEqual(['pipe']);
  });

  it('[local] a socket, or a symlink to one, is refused in one line and never replaced', async () => {
    const dir = fresh();
    const path = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(path, () => r()));
    try {
      symlinkSync(path, join(dir, 'link'));
      for (const p of [path, join(dir, 'link')]) {
        expect(() => writesThrough(p)).toThrow(/it is a socket; give a file path, a character device or a FIFO$/);
        const err = await writeReportAtomic(p, 'x').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ReportWriteError);
        expect((err as Error).message).toBe(`cannot write report ${p}: it is a socket; give a file path, a character device or a FIFO`);
      }
      expect(lstatSync(path).isSocket()).toBe(true);
      expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("[local] a symlink to a regular file keeps today's rule: the link is replaced, its target untouched", async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'elsewhere'), 'KEEP');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'scan.json'));
    expect(writesThrough(join(dir, 'scan.json'))).toBe(false);
    await writeReportAtomic(join(dir, 'scan.json'), 'new');
    expect(lstatSync(join(dir, 'scan.json')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'scan.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'elsewhere'), 'utf8')).toBe('KEEP');
  });

  // mknod needs root; the device lives in the temporary directory (1,3 is the null device), never under /dev.
  it.runIf(process.getuid?.() === 0)('[local] a character device (and a symlink to one) is written through, not replaced', async () => {
    const dir = fresh();
    const dev = join(dir, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    symlinkSync(dev, join(dir, 'stdout'));
    for (const p of [dev, join(dir, 'stdout')]) {
      expect(writesThrough(p)).toBe(true);
      await writeReportAtomic(p, ['a', 'b']);
      await writeReportAtomicWith(p, (s) => new Promise((r) => s.end('xlsx bytes', () => r())));
    }
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(lstatSync(join(dir, 'stdout')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['null', 'stdout']);
  });
});
