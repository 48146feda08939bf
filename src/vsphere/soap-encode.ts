// vim25 SOAP request encoding. Every text value and attribute is XML-escaped here and nowhere else,
// so a password such as `<&>"'` can never break (or inject into) the envelope.
import type { MoRef, SoapArg, SoapValue } from './api.js';

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"' +
  ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function isMoRef(v: unknown): v is MoRef {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as MoRef).type === 'string' &&
    typeof (v as MoRef).value === 'string'
  );
}

function isTyped(v: unknown): v is { xsiType: string; fields: SoapArg[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { xsiType?: unknown }).xsiType === 'string';
}

function isArg(v: unknown): v is SoapArg {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string';
}

// An array is a data object (ordered fields) when every item is a [name, value] pair; otherwise it is
// a repeated element. A repeated list of data objects has arrays-of-pairs as items, so it never matches.
function isFieldList(v: SoapValue[]): v is SoapArg[] {
  return v.length > 0 && v.every(isArg);
}

function encodeValue(name: string, value: SoapValue | undefined | null, out: string[]): void {
  if (value === undefined || value === null) return; // optional argument left out
  if (typeof value === 'string') out.push(`<${name}>${xmlEscape(value)}</${name}>`);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(`<${name}>${String(value)}</${name}>`);
  else if (Array.isArray(value)) {
    if (isFieldList(value)) {
      out.push(`<${name}>`);
      encodeFields(value, out);
      out.push(`</${name}>`);
    } else {
      for (const item of value) encodeValue(name, item, out);
    }
  } else if (isTyped(value)) {
    out.push(`<${name} xsi:type="${xmlEscape(value.xsiType)}">`);
    encodeFields(value.fields, out);
    out.push(`</${name}>`);
  } else if (isMoRef(value)) {
    out.push(`<${name} type="${xmlEscape(value.type)}">${xmlEscape(value.value)}</${name}>`);
  } else {
    throw new TypeError(`cannot encode SOAP argument ${name}`);
  }
}

function encodeFields(fields: SoapArg[], out: string[]): void {
  for (const [name, value] of fields) encodeValue(name, value, out);
}

// The whole request: <Method xmlns="urn:vim25"><_this type="T">v</_this>...args</Method> in an envelope.
export function encodeRequest(method: string, self: MoRef, args: SoapArg[] = []): string {
  const out: string[] = [ENVELOPE_OPEN, `<${method} xmlns="urn:vim25">`];
  encodeValue('_this', self, out);
  encodeFields(args, out);
  out.push(`</${method}>`, ENVELOPE_CLOSE);
  return out.join('');
}
