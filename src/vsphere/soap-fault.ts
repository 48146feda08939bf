// soapenv:Fault -> VimFault, shared by both decoders. They decode the Fault element with the
// ValueDecoder (static type SOAP_FAULT_TYPE) and hand the result here.
//
// Shape on the wire (NOTES item 16): <faultcode>ServerFaultCode</faultcode><faultstring>…</faultstring>
// <detail><InvalidLoginFault xsi:type="InvalidLogin">…</InvalidLoginFault></detail>
// The fault's name is the detail element's xsi:type (or its element name minus "Fault"); its fields are
// decoded by the schema (privilegeId, object MoRef…). An unknown type keeps its name and best-effort fields.
// A fault without detail (a bare SOAP-level fault) is reported as vim25's generic `SystemError` with the
// faultcode kept in detail.faultcode, so callers can still tell it from a typed fault.
import { scrubSecrets } from '../util/redact.js';
import { VimFault } from './errors.js';

export function vimFaultFromSoap(decoded: unknown, method?: string): VimFault {
  const f = (decoded && typeof decoded === 'object' ? decoded : {}) as Record<string, unknown>;
  // A server may echo the password or the session cookie in its fault string: scrubbed where it enters.
  const faultString = typeof f.faultstring === 'string' ? scrubSecrets(f.faultstring) : '';
  const detail = f.detail && typeof f.detail === 'object' ? (f.detail as Record<string, unknown>) : undefined;
  const entry = detail ? Object.entries(detail).find(([k]) => k !== '_type') : undefined;
  if (!entry) {
    const faultcode = typeof f.faultcode === 'string' ? f.faultcode : '';
    return new VimFault('SystemError', faultString, { faultcode }, method);
  }
  const [elementName, value] = entry;
  const first = Array.isArray(value) ? value[0] : value;
  if (first && typeof first === 'object') {
    const fields = first as Record<string, unknown>;
    const name = typeof fields._type === 'string' ? fields._type : elementName.replace(/Fault$/, '') || elementName;
    return new VimFault(name, faultString, fields, method);
  }
  // <detail><XFault/></detail> with no fields and no type: the element name still names the fault.
  return new VimFault(elementName.replace(/Fault$/, '') || elementName, faultString, {}, method);
}
