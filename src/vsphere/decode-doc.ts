// Whole-document decoder for small SOAP replies (service content, login, faults, privileges...), with
// fast-xml-parser. Bulk property-collector pages go through decode-stream.ts instead. Both decoders feed
// the same ValueDecoder (typing.ts), so a value decodes identically whichever path read it.
import { XMLParser } from 'fast-xml-parser';
import { malformedResponse, TransportError } from './errors.js';
import { describeChars, MAX_DEPTH, MAX_TEXT_CHARS } from './limits.js';
import { decodeEntities, XmlScanner } from './xml-scan.js';
import { vimFaultFromSoap } from './soap-fault.js';
import { type Attrs, type FieldType, ValueDecoder, SOAP_FAULT_TYPE, isDataType, localName, methodReturnType } from './typing.js';

// Entities are NOT processed by the parser (processEntities: false): we decode only the five predefined
// ones and numeric references ourselves, so no DTD-declared entity can ever be expanded. A body that
// carries a DOCTYPE at all is refused (SOAP forbids DTDs).
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  maxNestedTags: MAX_DEPTH, // checked first by wellFormed(); kept as a second fence
});

// Well-formedness with the streaming tokenizer's rules and limits (depth, tag and text sizes, entities,
// no DTD), so both decoders refuse the same bodies; fast-xml-parser then builds the tree.
function wellFormed(xml: string, method?: string): void {
  let textChars = 0;
  const scanner = new XmlScanner({
    open: () => void (textChars = 0),
    text: (t) => {
      textChars += t.length;
      if (textChars > MAX_TEXT_CHARS) throw malformedResponse(`the response has a value longer than ${describeChars(MAX_TEXT_CHARS)}`, method);
    },
    close: () => void (textChars = 0),
    doctype: () => {
      throw malformedResponse('response contains a DTD, which SOAP does not allow; refusing it', method);
    },
  });
  try {
    scanner.write(xml);
    scanner.close();
  } catch (e) {
    if (e instanceof TransportError) throw e;
    throw malformedResponse(`response is not well-formed XML (${(e as Error).message})`, method);
  }
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** The five predefined entities and character references (xml-scan.ts rules); anything else is malformed. */
function entities(s: string): string {
  if (!s.includes('&')) return s;
  try {
    return decodeEntities(s);
  } catch (e) {
    throw malformedResponse(`response is not well-formed XML (${(e as Error).message})`);
  }
}

function nodeName(n: OrderedNode): string | undefined {
  for (const k in n) if (k !== ':@' && k !== '#text' && k !== '#cdata') return k;
  return undefined;
}

function attrsOf(n: OrderedNode): Attrs {
  const a = n[':@'];
  if (!a) return undefined;
  let out: Record<string, string> | undefined;
  for (const k in a) {
    if (a[k]!.includes('&')) {
      out ??= { ...a };
      out[k] = entities(a[k]!);
    }
  }
  return out ?? a;
}

const children = (n: OrderedNode, name: string): OrderedNode[] => (n[name] as OrderedNode[] | undefined) ?? [];
const elements = (n: OrderedNode, name: string): OrderedNode[] => children(n, name).filter((c) => nodeName(c));

function feed(dec: ValueDecoder, node: OrderedNode, name: string): void {
  for (const c of children(node, name)) {
    if ('#text' in c) dec.text(entities(String(c['#text'])));
    else if ('#cdata' in c) for (const t of c['#cdata'] as OrderedNode[]) dec.text(String(t['#text'] ?? ''));
    else {
      const cn = nodeName(c);
      if (!cn) continue;
      dec.open(cn, attrsOf(c));
      feed(dec, c, cn);
      dec.close();
    }
  }
}

/** Decodes one element (and its subtree) as a value of `staticType` (its xsi:type wins). */
function decodeElement(dec: ValueDecoder, node: OrderedNode, staticType: FieldType | undefined): unknown {
  const name = nodeName(node)!;
  dec.begin(name, attrsOf(node), staticType);
  feed(dec, node, name);
  dec.close();
  return dec.result;
}

function parseRoot(xml: string, method?: string): OrderedNode {
  if (/<!DOCTYPE/i.test(xml)) throw malformedResponse('response contains a DTD, which SOAP does not allow; refusing it', method);
  wellFormed(xml, method);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (e) {
    throw malformedResponse(`response is not well-formed XML (${(e as Error).message})`, method);
  }
  const root = nodes.find((n) => nodeName(n));
  if (!root) throw malformedResponse('response is empty (no XML element)', method);
  return root;
}

/**
 * Decodes a SOAP reply: `returnval` typed by its xsi:type or by the method's declared return type
 * (`method`, else the response element's name). A method that returns an array gives an array even for
 * one `returnval`; no `returnval` gives undefined. Accepts a bare `<XResponse>` without envelope.
 * Throws VimFault for soapenv:Fault and TransportError('malformed') for anything that is not a reply.
 */
export function decodeEnvelope(xml: string, method?: string): { returnval: unknown } {
  const root = parseRoot(xml, method);
  const dec = new ValueDecoder(method);
  let body = root;
  let bodyName = nodeName(root)!;
  dec.declare(attrsOf(root));
  if (localName(bodyName) === 'Envelope') {
    const b = elements(root, bodyName).find((c) => localName(nodeName(c)!) === 'Body');
    if (!b) throw malformedResponse('SOAP envelope has no Body', method);
    dec.declare(attrsOf(b));
    const first = elements(b, nodeName(b)!)[0];
    if (!first) throw malformedResponse('SOAP Body is empty', method);
    body = first;
    bodyName = nodeName(first)!;
  }
  const local = localName(bodyName);
  if (local === 'Fault') throw vimFaultFromSoap(decodeElement(dec, body, { type: SOAP_FAULT_TYPE, array: false }), method);
  if (!local.endsWith('Response')) throw malformedResponse(`response is not a SOAP reply (root element <${bodyName}>)`, method);

  dec.declare(attrsOf(body));
  const rt = methodReturnType(method ?? local.slice(0, -'Response'.length));
  const values = elements(body, bodyName)
    .filter((c) => localName(nodeName(c)!) === 'returnval')
    .map((c) => decodeElement(dec, c, rt ?? undefined));
  if (values.length === 0) return { returnval: undefined };
  if (rt?.array || (rt === undefined && values.length > 1)) return { returnval: values };
  return { returnval: values[0] };
}

/**
 * Decodes a bare data document whose root element is a value (govc re-serializations such as
 * `<ConfigTarget>…`): typed by its xsi:type, else by the root's name when that names a data type.
 */
export function decodeDataDocument(xml: string, staticType?: string): unknown {
  const root = parseRoot(xml);
  const name = localName(nodeName(root)!);
  const t = staticType ?? (isDataType(name) ? name : undefined);
  return decodeElement(new ValueDecoder(), root, t ? { type: t, array: false } : undefined);
}
