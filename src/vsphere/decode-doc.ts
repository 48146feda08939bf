// Whole-document decoder for small SOAP replies (service content, login, faults, privileges...). Bulk
// property-collector pages go through decode-stream.ts instead. Both use the same tokenizer (xml-scan.ts:
// linear, bounded, no DTD, only predefined entities and character references) and the same ValueDecoder
// (typing.ts), so a value decodes identically whichever path read it and a hostile body is refused the
// same way by both. (fast-xml-parser, used here before, took seconds on a few MB of "&amp;" and had its own
// depth limit that surfaced as an untyped error.)
import { malformedResponse, TransportError, VimFault } from './errors.js';
import { vimFaultFromSoap } from './soap-fault.js';
import { type Attrs, type FieldType, ValueDecoder, SOAP_FAULT_TYPE, isDataType, localName, methodReturnType } from './typing.js';
import { XmlScanner } from './xml-scan.js';

const FAULT: FieldType = { type: SOAP_FAULT_TYPE, array: false };

// Feeds a whole document to the scanner: tokenizer errors become one-line malformed-response errors.
function scan(xml: string, method: string | undefined, h: ConstructorParameters<typeof XmlScanner>[0]): void {
  const scanner = new XmlScanner(h);
  try {
    scanner.write(xml);
    scanner.close();
  } catch (e) {
    if (e instanceof TransportError || e instanceof VimFault) throw e;
    throw malformedResponse(`response is not well-formed XML (${(e as Error).message})`, method);
  }
}

const refuseDtd = (method?: string) => (): never => {
  throw malformedResponse('response contains a DTD, which SOAP does not allow; refusing it', method);
};

/**
 * Decodes a SOAP reply: `returnval` typed by its xsi:type or by the method's declared return type
 * (`method`, else the response element's name). A method that returns an array gives an array even for
 * one `returnval`; no `returnval` gives undefined. Accepts a bare `<XResponse>` without envelope.
 * Throws VimFault for soapenv:Fault and TransportError('malformed') for anything that is not a reply.
 */
export function decodeEnvelope(xml: string, method?: string): { returnval: unknown } {
  const dec = new ValueDecoder(method);
  // Element depth outside the value being decoded; where the envelope's parts are.
  let depth = 0;
  let envelope = false; // the root is soapenv:Envelope
  let bodyDepth = -1; // depth of the element whose children are the reply (Body, or the document for a bare reply)
  let reply: string | undefined; // qname of the reply element (XResponse / Fault)
  let replyDone = false;
  let sawBody = false;
  let rt: FieldType | null | undefined;
  const values: unknown[] = [];
  let fault = false;

  function open(qname: string, attrs: Attrs): void {
    if (dec.active) return dec.open(qname, attrs);
    const name = localName(qname);
    const d = depth++;
    if (d === 0) {
      dec.declare(attrs);
      if (name === 'Envelope') envelope = true;
      else bodyDepth = -1; // a bare reply: the root is the reply element
    }
    if (envelope && d === 1 && name === 'Body' && !sawBody) {
      sawBody = true;
      bodyDepth = 1;
      dec.declare(attrs);
      return;
    }
    if (d === bodyDepth + 1 && reply === undefined && (envelope ? bodyDepth === 1 : true)) {
      reply = qname;
      dec.declare(attrs);
      if (name === 'Fault') {
        fault = true;
        depth--; // the decoder owns this subtree
        return dec.begin(qname, attrs, FAULT);
      }
      if (!name.endsWith('Response')) throw malformedResponse(`response is not a SOAP reply (root element <${qname}>)`, method);
      rt = methodReturnType(method ?? name.slice(0, -'Response'.length));
      return;
    }
    if (reply !== undefined && !replyDone && d === bodyDepth + 2 && name === 'returnval') {
      depth--;
      return dec.begin(qname, attrs, rt ?? undefined);
    }
  }

  function close(): void {
    if (dec.active) {
      if (!dec.close()) return;
      if (fault) throw vimFaultFromSoap(dec.result, method);
      values.push(dec.result);
      return;
    }
    depth--;
    if (reply !== undefined && depth === bodyDepth + 1) replyDone = true;
  }

  if (/<!DOCTYPE/i.test(xml)) refuseDtd(method)();
  scan(xml, method, { open, close, text: (t) => dec.active && dec.text(t), doctype: refuseDtd(method) });
  if (envelope && !sawBody) throw malformedResponse('SOAP envelope has no Body', method);
  if (reply === undefined) throw malformedResponse(envelope ? 'SOAP Body is empty' : 'response is empty (no XML element)', method);
  if (values.length === 0) return { returnval: undefined };
  if (rt?.array || (rt === undefined && values.length > 1)) return { returnval: values };
  return { returnval: values[0] };
}

/**
 * Decodes a bare data document whose root element is a value (govc re-serializations such as
 * `<ConfigTarget>…`): typed by its xsi:type, else by the root's name when that names a data type.
 */
export function decodeDataDocument(xml: string, staticType?: string): unknown {
  const dec = new ValueDecoder();
  let done = false;
  scan(xml, undefined, {
    open(qname, attrs) {
      if (dec.active) return dec.open(qname, attrs);
      const name = localName(qname);
      const t = staticType ?? (isDataType(name) ? name : undefined);
      dec.begin(qname, attrs, t ? { type: t, array: false } : undefined);
    },
    text: (t) => dec.active && dec.text(t),
    close() {
      if (dec.close()) done = true;
    },
    doctype: refuseDtd(),
  });
  if (!done) throw malformedResponse('response is empty (no XML element)');
  return dec.result;
}
