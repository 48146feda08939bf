// Streaming decoder for property-collector replies (RetrievePropertiesEx, ContinueRetrievePropertiesEx,
// and the older RetrieveProperties whose returnval is ObjectContent directly). XmlScanner (xml-scan.ts:
// no namespace processing, the XMLSchema-instance prefix bindings are tracked by ValueDecoder), fed chunk
// by chunk as the HTTP body arrives, so parsing overlaps the transfer. One <objects> element is
// decoded at a time, handed to onObject, then dropped: memory stays flat whatever the page size.
import { StringDecoder } from 'node:string_decoder';
import type { MissingProperty, MoRef, ObjectContent } from './api.js';
import { scrubSecrets } from '../util/redact.js';
import { malformedResponse, TransportError, VimFault } from './errors.js';
import { vimFaultFromSoap } from './soap-fault.js';
import { type FieldType, ValueDecoder, SOAP_FAULT_TYPE, localName } from './typing.js';
import { type XmlAttrs, XmlScanner } from './xml-scan.js';

const OBJECT_CONTENT: FieldType = { type: 'ObjectContent', array: false };
const FAULT: FieldType = { type: SOAP_FAULT_TYPE, array: false };

// Where the parser is, outside the subtree the ValueDecoder is busy with.
const enum At {
  Start, // before the root element
  Envelope,
  Body,
  ExResponse, // <RetrievePropertiesExResponse>: returnval is a RetrieveResult
  Response, // <RetrievePropertiesResponse>: each returnval is an ObjectContent
  Result, // inside RetrieveResult: objects*, token
  Token,
  Skip, // an element we do not read (soapenv:Header...)
  Done,
}

interface DecodedObjectContent {
  obj?: MoRef;
  propSet?: { name?: string; val?: unknown }[];
  missingSet?: { path?: string; fault?: { fault?: Record<string, unknown>; localizedMessage?: string } }[];
}

/** A decoded vim25 ObjectContent (propSet/missingSet) -> the client's ObjectContent (props by path). */
export function toObjectContent(decoded: unknown): ObjectContent {
  const oc = (decoded ?? {}) as DecodedObjectContent;
  const props: Record<string, unknown> = {};
  for (const p of oc.propSet ?? []) if (p.name !== undefined && 'val' in p) props[p.name] = p.val;
  const missing: MissingProperty[] = (oc.missingSet ?? []).map((m) => {
    const inner = m.fault?.fault ?? {};
    return {
      path: m.path ?? '',
      faultName: typeof inner._type === 'string' ? inner._type : 'MethodFault',
      fault: inner,
      message: scrubSecrets(m.fault?.localizedMessage ?? ''), // server text: may echo a secret
    };
  });
  return { obj: oc.obj ?? { type: '', value: '' }, props, missing };
}

export interface RetrieveResultDecoder {
  write(chunk: Buffer | string): void;
  /** Call after the last chunk: checks the document is complete; returns the paging token if any. */
  end(): { token?: string; objects: number };
}

export interface StreamDecodeOptions {
  method?: string; // for error messages and VimFault.method
  copyStrings?: boolean; // false: values may keep slices of the reply's text (ValueDecoder); for values cloned at once
}

export function createRetrieveResultDecoder(onObject: (oc: ObjectContent) => void, opts: StreamDecodeOptions = {}): RetrieveResultDecoder {
  const { method, copyStrings = true } = opts;
  const utf8 = new StringDecoder('utf8');
  const dec = new ValueDecoder(method, copyStrings);
  const stack: At[] = [];
  let at: At = At.Start;
  let token: string | undefined;
  let objects = 0;
  let inFault = false;
  let consumerError: { error: unknown } | undefined;
  let sawReply = false;

  const enter = (next: At): void => {
    stack.push(at);
    at = next;
  };

  function openBody(name: string, qname: string, attrs: XmlAttrs): void {
    switch (name) {
      case 'Fault':
        inFault = true;
        dec.begin(qname, attrs, FAULT);
        return;
      case 'RetrievePropertiesExResponse':
      case 'ContinueRetrievePropertiesExResponse':
        sawReply = true;
        return enter(At.ExResponse);
      case 'RetrievePropertiesResponse':
        sawReply = true;
        return enter(At.Response);
      default:
        throw malformedResponse(`unexpected <${qname}> in a property-collector reply`, method);
    }
  }

  function open(qname: string, attrs: XmlAttrs): void {
    if (dec.active) return dec.open(qname, attrs);
    const name = localName(qname);
    dec.declare(attrs);
    switch (at) {
      case At.Start:
        return name === 'Envelope' ? enter(At.Envelope) : openBody(name, qname, attrs);
      case At.Envelope:
        return enter(name === 'Body' ? At.Body : At.Skip);
      case At.Body:
        return openBody(name, qname, attrs);
      case At.ExResponse:
        return enter(name === 'returnval' ? At.Result : At.Skip);
      case At.Response:
        if (name === 'returnval') return dec.begin(qname, attrs, OBJECT_CONTENT);
        return enter(At.Skip);
      case At.Result:
        if (name === 'objects') return dec.begin(qname, attrs, OBJECT_CONTENT);
        if (name === 'token') {
          token = '';
          return enter(At.Token);
        }
        return enter(At.Skip);
      default:
        return enter(At.Skip);
    }
  }

  function text(t: string): void {
    if (dec.active) dec.text(t);
    else if (at === At.Token) token += t;
  }

  function close(): void {
    if (dec.active) {
      if (!dec.close()) return;
      if (inFault) throw vimFaultFromSoap(dec.result, method);
      objects++;
      const oc = toObjectContent(dec.result);
      try {
        onObject(oc);
      } catch (e) {
        consumerError = { error: e }; // the consumer's own error: rethrown as is, not as malformed XML
        throw e;
      }
      return;
    }
    at = stack.pop() ?? At.Done;
    if (stack.length === 0) at = At.Done;
  }

  const parser = new XmlScanner({
    open,
    text,
    close,
    doctype() {
      throw malformedResponse('response contains a DTD, which SOAP does not allow; refusing it', method);
    },
  });

  function write(text: string): void {
    try {
      parser.write(text);
    } catch (e) {
      throw e instanceof TransportError || e instanceof VimFault || (consumerError && consumerError.error === e)
        ? e
        : malformedResponse(`response is not well-formed XML (${(e as Error).message})`, method);
    }
  }

  return {
    write(chunk) {
      write(typeof chunk === 'string' ? chunk : utf8.write(chunk));
    },
    end() {
      const rest = utf8.end();
      if (rest) write(rest);
      try {
        parser.close();
      } catch (e) {
        throw malformedResponse(`response is truncated or not well-formed XML (${(e as Error).message})`, method);
      }
      if (!sawReply) throw malformedResponse('response is not a property-collector reply (no SOAP body found)', method);
      return token === undefined ? { objects } : { token, objects };
    },
  };
}

/**
 * Decodes a reply body as it streams in (e.g. node-fetch's `res.body`). `maxBytes` bounds the body:
 * beyond it, TransportError('too-large') and the rest is not read.
 */
export async function decodeRetrieveResultStream(
  source: AsyncIterable<Buffer | string>,
  onObject: (oc: ObjectContent) => void,
  opts: StreamDecodeOptions & { maxBytes?: number } = {},
): Promise<{ token?: string; objects: number }> {
  const d = createRetrieveResultDecoder(onObject, opts);
  let bytes = 0;
  for await (const chunk of source) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (opts.maxBytes !== undefined && bytes > opts.maxBytes) {
      throw new TransportError('too-large', `response exceeded ${opts.maxBytes} bytes`, undefined, opts.method);
    }
    d.write(chunk);
  }
  return d.end();
}
