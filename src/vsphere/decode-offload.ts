// Property-collector pages decoded on a worker thread (decode-worker.ts), so that the main thread only reads the
// socket and consumes the objects: the decoding (the tokenizer and the typed decoder, most of a collection's
// CPU) runs on the second core. The objects come back in order as the main thread's decoder gives them
// (structured clone: same values, fresh strings that keep no reply chunk alive), or as what the collection's
// `prepare` module made of them there (CollectSpec.prepare: the inventory's VM records, a fraction of the bytes
// to clone); errors come back as the same TransportError or VimFault. One worker for the process, started with
// the client (its modules load during the login), unref'd while no page is open (it never keeps the process
// alive), ended after each collection. Opt-in (FTSCAN_DECODE_WORKER=1): measured on 2 cores beside vcsim, six
// alternated 10,000-VM scans, the worker cost 0.5-0.8 CPU s more (the clone back, its own compile and GC) and
// 0.1-0.3 s of wall time, since the main thread has nothing else to do during the read; it may pay where the
// client has cores to spare and the socket's TLS work is heavy. Otherwise, and where no decode-worker.js sits
// beside this module (the sources run by vitest or tsx, a one-file bundle without import.meta.url), pages are
// decoded in the main thread (decode-stream.ts). A bundle that wants the worker needs decode-worker.ts and the prepare module as
// entries of their own, emitted beside it under these names.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ObjectContent } from './api.js';
import { scrubSecrets } from '../util/redact.js';
import { createRetrieveResultDecoder } from './decode-stream.js';
import { TransportError, type TransportErrorKind, VimFault } from './errors.js';

export type ToWorker =
  | { op: 'start'; id: number; method?: string | undefined; prepare?: string | undefined }
  | { op: 'write'; id: number; chunk: Uint8Array }
  | { op: 'end' | 'abort'; id: number };

export type SerializedError =
  | { kind: 'fault'; faultName: string; message: string; detail: Record<string, unknown>; method?: string | undefined }
  | { kind: 'transport'; type: TransportErrorKind; message: string; status?: number | undefined; method?: string | undefined }
  | { kind: 'other'; message: string };

export type FromWorker =
  | { id: number; objects: ObjectContent[]; bytes: number } // bytes: decoded since the last such message
  | { id: number; done: PageEnd }
  | { id: number; error: SerializedError };

interface PageEnd {
  token?: string;
  objects: number;
}

/**
 * A page's decoder: the body's bytes in as they arrive (write throws once the page failed; a promise to await
 * before the next write while the worker is behind), the paging token at the end.
 */
export interface PageDecoder {
  write(chunk: Buffer): Promise<void> | undefined;
  end(): Promise<PageEnd>;
  abort(): void; // the read was given up: drop the page's state
}

function deserialize(e: SerializedError): Error {
  if (e.kind === 'fault') return new VimFault(e.faultName, scrubSecrets(e.message), e.detail, e.method);
  if (e.kind === 'transport') return new TransportError(e.type, e.message, e.status, e.method);
  return new Error(e.message);
}

// What the worker may have queued of one page (the bytes, besides what it decodes them into), and the worker's
// young generation: together they keep the worker's memory to a few tens of MB whatever the page size.
const QUEUED_BYTES = 2 << 20;
const WORKER_YOUNG_MB = 6;

class OffloadedPage implements PageDecoder {
  private failure: { error: unknown } | undefined;
  private result: PageEnd | undefined;
  private waiter: { resolve: (r: PageEnd) => void; reject: (e: unknown) => void } | undefined;
  private closed = false;
  private queued = 0; // bytes posted and not yet decoded
  private drained: (() => void) | undefined;

  constructor(
    private readonly pool: DecodeWorker,
    readonly id: number,
    private readonly onObject: (oc: ObjectContent) => void,
  ) {}

  write(chunk: Buffer): Promise<void> | undefined {
    if (this.failure) throw this.failure.error;
    if (this.closed) return undefined;
    // A copy of its own, moved to the worker: the chunk's memory may be shared with others (Buffer pools).
    const bytes = new Uint8Array(chunk);
    this.pool.post({ op: 'write', id: this.id, chunk: bytes }, [bytes.buffer]);
    this.queued += bytes.byteLength;
    // Backpressure: the socket is not read further while the worker is more than QUEUED_BYTES behind.
    return this.queued > QUEUED_BYTES ? new Promise((resolve) => (this.drained = resolve)) : undefined;
  }

  private wake(): void {
    const drained = this.drained;
    this.drained = undefined;
    drained?.();
  }

  end(): Promise<PageEnd> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.result) return Promise.resolve(this.result);
    this.pool.post({ op: 'end', id: this.id });
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  abort(): void {
    if (this.closed) return;
    this.pool.post({ op: 'abort', id: this.id });
    this.close();
  }

  receive(m: FromWorker): void {
    if ('objects' in m) {
      this.queued -= m.bytes;
      if (this.queued <= QUEUED_BYTES / 2) this.wake();
      for (const oc of m.objects) {
        for (const miss of oc.missing) miss.message = scrubSecrets(miss.message); // server text: may echo a secret
        try {
          this.onObject(oc);
        } catch (error) {
          // The consumer's own error, thrown as is (as the main thread's decoder does); the rest is not decoded.
          this.abort();
          return this.fail(error);
        }
      }
    } else if ('done' in m) {
      this.close();
      this.result = m.done;
      this.waiter?.resolve(m.done);
    } else {
      this.close();
      this.fail(deserialize(m.error));
    }
  }

  fail(error: unknown): void {
    if (this.failure || this.result) return;
    this.close();
    this.failure = { error };
    this.waiter?.reject(error);
    this.wake(); // the next write throws it
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.release(this.id);
  }
}

class DecodeWorker {
  private readonly worker: Worker;
  private readonly pages = new Map<number, OffloadedPage>();
  private nextId = 1;
  private stopped = false;

  constructor(url: URL, execArgv: string[] | undefined) {
    this.worker = new Worker(url, { ...(execArgv ? { execArgv } : {}), resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    this.worker.unref();
    this.worker.on('message', (m: FromWorker) => this.pages.get(m.id)?.receive(m));
    this.worker.on('error', (e) => this.broken(e));
    // A message that cannot be read here: its page would wait forever, so every page fails and the worker ends.
    this.worker.on('messageerror', (e) => {
      this.broken(e);
      this.stopped = true;
      void this.worker.terminate();
    });
    this.worker.on('exit', (code) => this.broken(new Error(`the decoding worker exited with code ${code}`)));
  }

  open(method: string | undefined, onObject: (oc: ObjectContent) => void, prepare: string | undefined): OffloadedPage {
    const page = new OffloadedPage(this, this.nextId++, onObject);
    if (this.pages.size === 0) this.worker.ref(); // a page is waited for: keep the process alive meanwhile
    this.pages.set(page.id, page);
    this.post({ op: 'start', id: page.id, method, prepare });
    return page;
  }

  post(m: ToWorker, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(m, transfer);
  }

  release(id: number): void {
    if (this.pages.delete(id) && this.pages.size === 0) this.worker.unref();
  }

  // Ends the worker if no page is being decoded; its heap (20-30 MB) is given back. True when it was.
  stopIfIdle(): boolean {
    if (this.pages.size > 0) return false;
    this.stopped = true;
    void this.worker.terminate();
    return true;
  }

  // The worker died (it should not): its pages fail; the next page starts another worker.
  private broken(e: Error): void {
    if (shared === this) shared = undefined;
    if (this.stopped) return;
    const error = new TransportError('malformed', `the reply could not be decoded (${e.message})`);
    for (const page of [...this.pages.values()]) page.fail(error);
  }
}

let shared: DecodeWorker | undefined;
let where: { url: URL; execArgv?: string[] } | null | undefined; // null: decode in the main thread
let chosen = false; // `where` was given (setDecodeWorker): modules are taken as named, not looked for as files

function workerLocation(): { url: URL; execArgv?: string[] } | null {
  if (where !== undefined) return where;
  if (process.env.FTSCAN_DECODE_WORKER !== '1') return (where = null);
  try {
    const url = new URL('./decode-worker.js', import.meta.url);
    where = existsSync(url) ? { url } : null;
  } catch {
    where = null; // no module URL (a CommonJS bundle)
  }
  return where;
}

/**
 * Where the decoding worker's module is (tests: the TypeScript source with `execArgv: ['--import', 'tsx']`);
 * null decodes in the main thread; undefined: beside this module when it is there and FTSCAN_DECODE_WORKER=1.
 */
export function setDecodeWorker(location: { url: URL; execArgv?: string[] } | null | undefined): void {
  where = location;
  chosen = location !== undefined;
  shared?.stopIfIdle(); // the next page starts the worker named here
  shared = undefined;
}

// A prepare module runs only from a file that is there (dist/); the sources' `.js` names are not files.
const prepareChecked = new Map<string, boolean>();
function usable(prepare: string | undefined): string | undefined {
  if (prepare === undefined || chosen) return prepare;
  let ok = prepareChecked.get(prepare);
  if (ok === undefined) {
    try {
      ok = existsSync(fileURLToPath(prepare));
    } catch {
      ok = false;
    }
    prepareChecked.set(prepare, ok);
  }
  return ok ? prepare : undefined;
}

function worker(): DecodeWorker | undefined {
  const at = workerLocation();
  if (at) shared ??= new DecodeWorker(at.url, at.execArgv);
  return at ? shared : undefined;
}

/** Starts the decoding worker, when there is one, ahead of the first page (idle, it holds nothing alive). */
export function startDecodeWorker(): void {
  worker();
}

/** After a collection: ends the worker unless another collection's page is being decoded (the next page starts one). */
export function stopDecodeWorker(): void {
  if (shared?.stopIfIdle()) shared = undefined;
}

/** The decoder of one property-collector page: on the worker when there is one, else in this thread. */
export function pageDecoder(onObject: (oc: ObjectContent) => void, method: string | undefined, prepare?: string): PageDecoder {
  const w = worker();
  if (w) return w.open(method, onObject, usable(prepare));
  const d = createRetrieveResultDecoder(onObject, { method });
  return {
    write: (chunk) => {
      d.write(chunk);
      return undefined;
    },
    end: () => Promise.resolve(d.end()),
    abort: () => {},
  };
}
