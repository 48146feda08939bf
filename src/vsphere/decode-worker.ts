// The worker side of decode-offload.ts: decodes property-collector pages off the main thread. One decoder per
// page id; after each piece of the body, the objects it completed go back in one message (structured clone: fresh
// strings in the main thread's heap, none of them a slice of the reply). A page's `prepare` module (CollectSpec)
// maps each object here, so that only what the consumer keeps is cloned back. Secrets are registered in the main
// thread only, so the main thread scrubs the server's text (decode-offload.ts), not this one.
import { parentPort } from 'node:worker_threads';
import type { ObjectContent } from './api.js';
import { createRetrieveResultDecoder, type RetrieveResultDecoder } from './decode-stream.js';
import { TransportError, VimFault } from './errors.js';
import type { FromWorker, SerializedError, ToWorker } from './decode-offload.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.js runs as a worker thread only');

interface Page {
  decoder: RetrieveResultDecoder;
  objects: ObjectContent[];
  bytes: number; // decoded and not yet reported
}
const pages = new Map<number, Page>();

type Prepare = (oc: ObjectContent) => unknown;
const prepares = new Map<string, Promise<Prepare>>();
const loadPrepare = (url: string): Promise<Prepare> => {
  let p = prepares.get(url);
  if (!p) prepares.set(url, (p = import(url).then((m: { prepare: Prepare }) => m.prepare)));
  return p;
};

// An object the module prepared goes back as its ref, its missing properties and what the module made of it. A
// module that throws leaves the object whole: the consumer meets the same failure in its own thread.
function prepared(oc: ObjectContent, prepare: Prepare): ObjectContent {
  let value: unknown;
  try {
    value = prepare(oc);
  } catch {
    return oc;
  }
  return value === undefined ? oc : { obj: oc.obj, props: {}, missing: oc.missing, prepared: value };
}

function serialize(e: unknown): SerializedError {
  if (e instanceof VimFault) return { kind: 'fault', faultName: e.faultName, message: e.faultString, detail: e.detail, method: e.method };
  if (e instanceof TransportError) return { kind: 'transport', type: e.kind, message: e.message, status: e.status, method: e.method };
  return { kind: 'other', message: (e as Error)?.message ?? String(e) };
}

const post = (m: FromWorker): void => port.postMessage(m);

// The objects completed so far, and how many bytes were decoded (the main thread's backpressure): at least
// every REPORT_BYTES.
const REPORT_BYTES = 256 << 10;
function flush(id: number, page: Page, force = false): void {
  if (page.objects.length === 0 && page.bytes < REPORT_BYTES && !force) return;
  post({ id, objects: page.objects, bytes: page.bytes });
  page.objects = [];
  page.bytes = 0;
}

// Messages in order; a page's prepare module is loaded before its text is decoded.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToWorker) => {
  // Whatever fails the page (a value that cannot be cloned back, say) fails it, never the queue of the others.
  queue = queue
    .then(() => handle(m))
    .catch((e: unknown) => {
      pages.delete(m.id);
      post({ id: m.id, error: serialize(e) });
    });
});

async function handle(m: ToWorker): Promise<void> {
  if (m.op === 'start') {
    let prep: Prepare | undefined;
    try {
      prep = m.prepare ? await loadPrepare(m.prepare) : undefined;
    } catch (e) {
      post({
        id: m.id,
        error: { kind: 'other', message: `the decoding worker could not load ${m.prepare}: ${(e as Error)?.message ?? e}` },
      });
      return;
    }
    const page: Page = {
      objects: [],
      bytes: 0,
      // Strings need no copy here: what the page gives is structured-cloned back (fresh strings) before any is kept.
      decoder: createRetrieveResultDecoder((oc) => page.objects.push(prep ? prepared(oc, prep) : oc), {
        method: m.method,
        copyStrings: false,
      }),
    };
    pages.set(m.id, page);
    return;
  }
  const page = pages.get(m.id);
  if (!page) return; // failed or aborted already
  try {
    if (m.op === 'write') {
      page.decoder.write(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
      page.bytes += m.chunk.byteLength;
      flush(m.id, page);
    } else if (m.op === 'end') {
      const done = page.decoder.end();
      flush(m.id, page, true);
      pages.delete(m.id);
      post({ id: m.id, done });
    } else {
      pages.delete(m.id);
    }
  } catch (e) {
    flush(m.id, page); // what the page gave before the error, as the main thread's decoder would have
    pages.delete(m.id);
    post({ id: m.id, error: serialize(e) });
  }
}
