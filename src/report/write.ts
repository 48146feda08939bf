// Atomic report writes: a temporary file in the target's directory, fsync, then rename over the target.
// A job killed mid-write leaves the previous report intact (rename is atomic within one filesystem).
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A report that could not be written; one line naming the file and the cause. */
export class ReportWriteError extends Error {
  override name = 'ReportWriteError';
}

export async function writeReportAtomic(path: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const failed = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return new ReportWriteError(`cannot write report ${path} (${code}): check the directory exists and is writable`);
  };
  const fh = await open(temp, 'wx', 0o644).catch((e: unknown) => {
    throw failed(e);
  });
  try {
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) await fh.writeFile(content);
      else await writeChunks(fh, content);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw failed(e);
  }
  await syncDir(dir);
}

// A streamed report (JSON of a 45,000-VM estate) is written in ~1 MiB batches: never one string in memory.
async function writeChunks(fh: import('node:fs/promises').FileHandle, chunks: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  for (const c of chunks) {
    batch.push(c);
    size += c.length;
    if (size >= 1 << 20) {
      await fh.write(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (batch.length) await fh.write(batch.join(''));
}

// Persist the rename itself; not every platform can open a directory for fsync, hence best effort.
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // best effort
  }
}
