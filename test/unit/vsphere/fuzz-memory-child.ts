// Run by fuzz.test.ts as `node --max-old-space-size=256 --import tsx fuzz-memory-child.ts`: inputs far beyond
// the decoders' limits, generated chunk by chunk (never held whole), must end in a typed error with bounded
// memory. Prints one JSON line: case -> TransportError kind (or the unexpected error's name). An out-of-memory
// abort kills this process, which fails the test.
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { createRetrieveResultDecoder, decodeRetrieveResultStream } from '../../../src/vsphere/decode-stream.js';
import { TransportError } from '../../../src/vsphere/errors.js';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-1</obj>';
const MB200 = 200 * 1024 * 1024;
const CHUNK = 65_536;

function kindOf(fn: () => unknown): string {
  try {
    fn();
    return 'decoded';
  } catch (e) {
    return e instanceof TransportError ? e.kind : `${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
}

function stream(head: string, filler: string, total: number): () => void {
  return () => {
    const d = createRetrieveResultDecoder(() => {}, { method: 'RetrievePropertiesEx' });
    const chunk = Buffer.from(filler.repeat(Math.ceil(CHUNK / filler.length)).slice(0, CHUNK));
    d.write(head);
    for (let sent = 0; sent < total; sent += chunk.length) d.write(chunk);
    d.end();
  };
}

const results: Record<string, string> = {};
results['stream: 200 MB text node'] = kindOf(stream(HEAD + '<propSet><name>n</name><val xsi:type="xsd:string">', 'text ', MB200));
results['stream: 200 MB inside one tag'] = kindOf(stream(HEAD + '<propSet a="', 'v', MB200));
results['stream: 200 MB "&" without ";"'] = kindOf(stream(HEAD + '<propSet><name>n</name><val xsi:type="xsd:string">&', 'abc', MB200));
results['stream: 100,000 nested elements'] = kindOf(stream(HEAD + '<propSet><name>n</name><val xsi:type="xsd:string">', '<a>', 300_000));

// A well-formed page that keeps coming: decodeRetrieveResultStream stops at maxBytes.
async function* endlessPage(): AsyncGenerator<Buffer> {
  yield Buffer.from(HEAD.replace(/<objects>.*$/, ''));
  const obj = Buffer.from(
    '<objects><obj type="VirtualMachine">vm-1</obj><propSet><name>name</name><val xsi:type="xsd:string">vm</val></propSet></objects>'.repeat(
      500,
    ),
  );
  for (let sent = 0; sent < MB200; sent += obj.length) yield obj;
}
results['stream: page beyond maxBytes'] = await decodeRetrieveResultStream(endlessPage(), () => {}, {
  maxBytes: 32 * 1024 * 1024,
  method: 'RetrievePropertiesEx',
}).then(
  () => 'decoded',
  (e: unknown) => (e instanceof TransportError ? e.kind : String(e)),
);

const env = (body: string) =>
  `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
results['document: 17 Mi-character text node'] = kindOf(() =>
  decodeEnvelope(
    env(`<LoginResponse xmlns="urn:vim25"><returnval><key>${'k'.repeat(17 * 1024 * 1024)}</key></returnval></LoginResponse>`),
    'Login',
  ),
);
results['document: 100,000 nested elements'] = kindOf(() =>
  decodeEnvelope(
    env(
      `<CurrentTimeResponse xmlns="urn:vim25"><returnval>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</returnval></CurrentTimeResponse>`,
    ),
    'CurrentTime',
  ),
);
console.log(JSON.stringify(results));
