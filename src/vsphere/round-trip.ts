// The one seam below the typed methods (methods.ts), like govmomi's soap.RoundTripper: a SOAP request in,
// the decoded `returnval` out. The allowlist, retries, call accounting, keep-alive and re-login are
// decorators around it (decorators.ts); the base below them encodes, sends one HTTP exchange and decodes.
// Property-collector pages take the streaming path: their objects go to `page.onObject` as the body
// arrives (decoded on a worker thread when there is one: decode-offload.ts) and only the paging token is returned.
import { StringDecoder } from 'node:string_decoder';
import type { Logger } from 'pino';
import type { Decorator, PageResult, PageSink, RoundTripper, SoapRequest, VimValue } from './api.js';
import { decodeEnvelope } from './decode-doc.js';
import { pageDecoder } from './decode-offload.js';
import { TransportError, VimFault } from './errors.js';
import { encodeRequest } from './soap-encode.js';
import type { HttpReply, SoapTransport } from './transport.js';

/** base wrapped by the decorators, the first one outermost. */
export function stack(base: RoundTripper, ...decorators: Decorator[]): RoundTripper {
  return decorators.reduceRight((next, d) => d(next), base);
}

function looksLikeSoap(text: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*:)?Envelope[\s>/]/.test(text);
}

function describeBody(text: string): string {
  if (!text.trim()) return 'an empty body';
  if (/^\s*(<!doctype html|<html)/i.test(text)) return 'an HTML page, not SOAP';
  return 'a body that is not a SOAP envelope';
}

// The base: one HTTP exchange per call (the retry decorator repeats it), whole document or streamed page.
export function soapRoundTripper(transport: SoapTransport, host: string, log: Logger): RoundTripper {
  const logCall = (method: string, started: number, reply: HttpReply): void => {
    log.debug({ method, ms: Date.now() - started, bytes: reply.bytes, status: reply.status }, 'soap call');
  };
  const nonSoap = (method: string, status: number, text: string): TransportError => {
    const kind = status === 200 ? 'malformed' : 'http';
    return new TransportError(kind, `vCenter ${host} answered ${method} with HTTP ${status} and ${describeBody(text)}`, status, method);
  };
  // A reply other than a SOAP 200: the VimFault of a SOAP 500, else a TransportError saying what came back.
  const failed = (method: string, status: number, text: string): never => {
    if (status === 500 && looksLikeSoap(text)) decodeEnvelope(text, method); // throws the VimFault
    throw nonSoap(method, status, text);
  };

  async function wholeDocument(req: SoapRequest, reply: HttpReply, started: number): Promise<VimValue> {
    const text = await reply.text();
    logCall(req.method, started, reply);
    if (reply.status === 200 && looksLikeSoap(text)) return decodeEnvelope(text, req.method).returnval;
    return failed(req.method, reply.status, text);
  }

  async function page(req: SoapRequest, sink: PageSink, reply: HttpReply, started: number): Promise<PageResult> {
    const { method } = req;
    if (reply.status !== 200) {
      const text = await reply.text();
      logCall(method, started, reply);
      return failed(method, reply.status, text);
    }
    if (sink.ready) await reply.hold(sink.ready());
    const decoder = pageDecoder(sink.onObject, method, sink.prepare);
    // The body goes to the decoder as bytes; the head is also read as text, enough to tell a SOAP reply.
    const utf8 = new StringDecoder('utf8');
    let head = '';
    const held: Buffer[] = [];
    let sniffed = false;
    let result: PageResult;
    try {
      for await (const chunk of reply.chunks()) {
        if (sniffed) {
          const behind = decoder.write(chunk);
          if (behind) await behind;
        } else {
          head += utf8.write(chunk);
          held.push(chunk);
          if (head.trimStart().length < 64) continue; // too little to judge yet
          if (!looksLikeSoap(head)) {
            reply.discard();
            throw nonSoap(method, reply.status, head);
          }
          sniffed = true;
          head = '';
          for (const c of held.splice(0)) await decoder.write(c);
        }
        const stopErr = sink.stop();
        if (stopErr) {
          reply.discard();
          throw stopErr;
        }
      }
      if (!sniffed) {
        const rest = head + utf8.end();
        if (!looksLikeSoap(rest)) throw nonSoap(method, reply.status, rest);
        for (const c of held) await decoder.write(c);
      }
      result = await decoder.end();
      const stopErr = sink.stop();
      if (stopErr) throw stopErr;
    } catch (err) {
      decoder.abort();
      logCall(method, started, reply);
      if (err instanceof TransportError || err instanceof VimFault || err === sink.stop() || req.signal?.aborted) throw err;
      throw new TransportError(
        'malformed',
        `the ${method} response from ${host} is not well-formed (${(err as Error)?.message ?? err})`,
        reply.status,
        method,
      );
    }
    logCall(method, started, reply);
    return result;
  }

  return async (req) => {
    const xml = encodeRequest(req.method, req.self, req.args);
    const started = Date.now();
    const reply = await transport.post(req.method, xml, false, req.signal);
    return req.page ? page(req, req.page, reply, started) : wholeDocument(req, reply, started);
  };
}
