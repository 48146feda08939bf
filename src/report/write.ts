// Atomic report writes: a temporary file in the target's directory, fsync, then rename over the target.
// A job killed mid-write leaves the previous report intact (rename is atomic within one filesystem), and no
// temporary file behind: every exit path removes them (errors here, SIGINT/SIGTERM/SIGHUP and process exit
// through the process-level cleanup below).
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { onStopSignal } from '../util/signals.js';

/** A report that could not be written; one line naming the file and the cause. */
export class ReportWriteError extends Error {
  override name = 'ReportWriteError';
}

// Beside the target (rename is atomic only within one filesystem), hidden, unique per process and write.
const tempNameFor = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

function writeFailed(path: string, e: unknown): ReportWriteError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new ReportWriteError(`cannot write report ${path} (${code}): check the directory exists and is writable`);
}

// `content` may come in chunks (a streamed JSON report): written as they come, never joined into one string.
export async function writeReportAtomic(path: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const dir = dirname(path);
  const temp = tempNameFor(path);
  const failed = (e: unknown) => writeFailed(path, e);
  tempFiles.track(temp); // before open: a signal between open and track would otherwise miss it
  try {
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
  } finally {
    tempFiles.untrack(temp);
  }
  await syncDir(dir);
}

/**
 * The same atomic write for a writer that needs a stream (exceljs's streaming workbook): `produce` writes the
 * whole file to `stream` and resolves once the stream has finished; then fsync, rename.
 */
export async function writeReportAtomicWith(path: string, produce: (stream: Writable) => Promise<void>): Promise<void> {
  const dir = dirname(path);
  const temp = tempNameFor(path);
  const failed = (e: unknown) => writeFailed(path, e);
  tempFiles.track(temp);
  try {
    const fh = await open(temp, 'wx', 0o644).catch((e: unknown) => {
      throw failed(e);
    });
    // The stream holds a reference on the handle until destroyed: close() would wait for it forever.
    const stream = fh.createWriteStream({ autoClose: false });
    const release = () =>
      new Promise<void>((done) => {
        if (stream.destroyed) return done();
        stream.once('close', () => done());
        stream.destroy();
      });
    try {
      const broken = new Promise<never>((_, reject) => stream.once('error', reject));
      broken.catch(() => undefined); // an error after produce() settled is not an unhandled rejection
      await Promise.race([produce(stream), broken]);
      await fh.sync();
      await release();
      await fh.close();
      await rename(temp, path);
    } catch (e) {
      await release();
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e instanceof ReportWriteError ? e : failed(e);
    }
  } finally {
    tempFiles.untrack(temp);
  }
  await syncDir(dir);
}

// Chunks gathered up to about 1 MB per write: few syscalls, bounded memory.
async function writeChunks(fh: FileHandle, chunks: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      await fh.writeFile(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (size > 0) await fh.writeFile(batch.join(''));
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

// The temporary files being written, removed synchronously when the process is told to stop or exits.
// The clean-up is registered with the one stop-signal handler (util/signals.ts) only while a write is in flight;
// that handler ends the run by the signal's convention (exit status 128+n for the shell).
class TempFiles {
  private readonly live = new Set<string>();
  private release: (() => void) | undefined;

  track(file: string): void {
    if (this.live.size === 0) {
      this.release = onStopSignal(this.removeAll);
      process.on('exit', this.removeAll);
    }
    this.live.add(file);
  }

  untrack(file: string): void {
    if (!this.live.delete(file) || this.live.size > 0) return;
    this.uninstall();
  }

  /** Temporary files currently being written (for tests). */
  get pending(): string[] {
    return [...this.live];
  }

  private uninstall(): void {
    this.release?.();
    this.release = undefined;
    process.removeListener('exit', this.removeAll);
  }

  private readonly removeAll = (): void => {
    for (const f of this.live) {
      try {
        unlinkSync(f);
      } catch {
        // already renamed or never created
      }
    }
    this.live.clear();
    this.uninstall();
  };
}

export const tempFiles = new TempFiles();
