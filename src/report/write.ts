// Atomic report writes: a temporary file in the target's directory, fsync, then rename over the target.
// A job killed mid-write leaves the previous report intact (rename is atomic within one filesystem), and no
// temporary file behind: every exit path removes them (errors here, SIGINT/SIGTERM/SIGHUP and process exit
// through the process-level cleanup below).
// Atomic replace is for regular files and paths that do not exist yet (a symlink is replaced, not followed, as
// a regular file is). A path that is something else is never replaced: a character device, or a symlink to
// one (/dev/null, /dev/stdout on a terminal), is written through; so is a FIFO that a process is reading (opened
// non-blocking first: no reader is a one-line error, not a hang); a socket or block device is refused.
import { randomBytes } from 'node:crypto';
import { constants, lstatSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { lstat, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
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

type Target = { kind: 'replace' } | { kind: 'through'; fh: FileHandle };

// How a path is written, from what it is (after a symlink): 'replace' (a regular file, a directory, which then
// fails at rename naming EISDIR, or nothing yet), 'through' (a character device or FIFO); anything else refused.
function kindOf(path: string, st: Stats | undefined): 'replace' | 'device' | 'fifo' {
  if (!st || st.isFile() || st.isDirectory()) return 'replace';
  if (st.isCharacterDevice()) return 'device';
  if (st.isFIFO()) return 'fifo';
  const what = st.isSocket() ? 'a socket' : st.isBlockDevice() ? 'a block device' : 'not a regular file';
  throw new ReportWriteError(`cannot write report ${path}: it is ${what}; give a file path, a character device or a FIFO`);
}

/**
 * Before a scan: is this report path written through (a character device or FIFO: no temporary file beside it,
 * so its directory need not be writable)? A socket or block device is refused here (ReportWriteError).
 */
export function writesThrough(path: string): boolean {
  let st: Stats | undefined;
  try {
    st = lstatSync(path);
    if (st.isSymbolicLink()) st = statSync(path);
  } catch {
    st = undefined;
  }
  return kindOf(path, st) !== 'replace';
}

// What the path is now, and for a device or FIFO the handle it is written through.
async function targetOf(path: string): Promise<Target> {
  let st: Stats | undefined;
  try {
    st = await lstat(path);
    if (st.isSymbolicLink()) st = await stat(path);
  } catch {
    st = undefined; // does not exist yet (or a dangling symlink): created by rename
  }
  const kind = kindOf(path, st);
  if (kind === 'replace') return { kind };
  if (kind === 'device') {
    const fh = await open(path, constants.O_WRONLY).catch((e: unknown) => {
      throw writeFailed(path, e);
    });
    return { kind: 'through', fh };
  }
  // A FIFO. Non-blocking first: with no reader, open() fails with ENXIO instead of waiting for one forever. The
  // report is then written through a blocking handle (the reader is there: it opens at once), since writes
  // on a non-blocking pipe stop at EAGAIN whenever the reader is slower than ftscan.
  const probe = await open(path, constants.O_WRONLY | constants.O_NONBLOCK).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENXIO') {
      throw new ReportWriteError(`cannot write report ${path}: it is a FIFO and no process is reading it`);
    }
    throw writeFailed(path, e);
  });
  try {
    const fh = await open(path, constants.O_WRONLY).catch((e: unknown) => {
      throw writeFailed(path, e);
    });
    return { kind: 'through', fh };
  } finally {
    await probe.close();
  }
}

async function writeThrough(path: string, fh: FileHandle, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  try {
    await write(fh);
  } catch (e) {
    throw e instanceof ReportWriteError ? e : writeFailed(path, e);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

// `content` may come in chunks (a streamed JSON report): written as they come, never joined into one string.
export async function writeReportAtomic(path: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const write = (fh: FileHandle) =>
    typeof content === 'string' || content instanceof Uint8Array ? fh.writeFile(content) : writeChunks(fh, content);
  const target = await targetOf(path);
  if (target.kind === 'through') return writeThrough(path, target.fh, write);
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
        await write(fh);
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
  const target = await targetOf(path);
  if (target.kind === 'through') return writeThrough(path, target.fh, (fh) => streamInto(fh, produce));
  const dir = dirname(path);
  const temp = tempNameFor(path);
  const failed = (e: unknown) => writeFailed(path, e);
  tempFiles.track(temp);
  try {
    const fh = await open(temp, 'wx', 0o644).catch((e: unknown) => {
      throw failed(e);
    });
    try {
      await streamInto(fh, produce, true);
      await fh.close();
      await rename(temp, path);
    } catch (e) {
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e instanceof ReportWriteError ? e : failed(e);
    }
  } finally {
    tempFiles.untrack(temp);
  }
  await syncDir(dir);
}

// `produce` writes into a stream on the handle; the stream is released (never closing the handle) either way.
async function streamInto(fh: FileHandle, produce: (stream: Writable) => Promise<void>, sync = false): Promise<void> {
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
    if (sync) await fh.sync(); // while the stream still holds the handle: destroying it may release the descriptor
  } finally {
    await release();
  }
}

// Chunks encoded straight into one of two 1 MiB buffers: while one is written (off the main thread), the next is
// filled; few syscalls, no joined string, bounded memory.
const BATCH = 1 << 20;
async function writeChunks(fh: FileHandle, chunks: Iterable<string>): Promise<void> {
  let buf = Buffer.allocUnsafe(BATCH);
  let other = Buffer.allocUnsafe(BATCH);
  let used = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    await inFlight; // `other` is free again
    inFlight = writeAll(fh, buf, used);
    inFlight.catch(() => undefined); // awaited at the next flush or at the end
    [buf, other] = [other, buf];
    used = 0;
  };
  try {
    for (const chunk of chunks) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: flush first unless the chunk surely fits.
      if (chunk.length * 3 > BATCH - used) {
        if (used > 0) await flush();
        if (chunk.length * 3 > BATCH) {
          await inFlight;
          const whole = Buffer.from(chunk);
          await writeAll(fh, whole, whole.length);
          continue;
        }
      }
      used += buf.write(chunk, used);
    }
    if (used > 0) await flush();
  } catch (e) {
    await inFlight.catch(() => undefined); // the handle is closed by the caller: no write may still be running
    throw e;
  }
  await inFlight;
}

async function writeAll(fh: FileHandle, buf: Buffer, length: number): Promise<void> {
  for (let at = 0; at < length; ) at += (await fh.write(buf, at, length - at)).bytesWritten;
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

const tempFiles = new TempFiles();
