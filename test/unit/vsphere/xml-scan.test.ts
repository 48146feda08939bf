import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlError, XmlScanner } from '../../../src/vsphere/xml-scan.js';

// Events as one list; adjacent text pieces merged (both parsers may split text differently).
type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

function merge(events: Event[], e: Event): void {
  const last = events[events.length - 1];
  if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
  else events.push(e);
}

function scan(doc: string, chunk = doc.length): Event[] {
  const events: Event[] = [];
  const s = new XmlScanner({
    open: (name, attrs) => merge(events, ['open', name, { ...attrs }]),
    text: (t) => merge(events, ['text', t]),
    close: (name) => merge(events, ['close', name]),
    doctype: () => {
      throw new Error('doctype');
    },
  });
  for (let i = 0; i < doc.length; i += chunk) s.write(doc.slice(i, i + chunk));
  s.close();
  return events;
}

function saxes(doc: string): Event[] {
  const events: Event[] = [];
  const p = new SaxesParser({ xmlns: false });
  p.on('opentag', (t) => merge(events, ['open', t.name, { ...(t.attributes as Record<string, string>) }]));
  p.on('text', (t) => merge(events, ['text', t]));
  p.on('cdata', (t) => merge(events, ['text', t]));
  p.on('closetag', (t) => merge(events, ['close', t.name]));
  p.write(doc).close();
  // saxes reports the whitespace around the root; XmlScanner drops it (it is not content).
  return events;
}

const DOCS = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<a><b x="1" y=\'2\'>t</b><c/><d z = "3" /></a>',
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
    '<val xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="xsd:string">x</val>' +
    '</soapenv:Body></soapenv:Envelope>',
  '<a>&lt;b&gt; &amp; &quot;&apos; &#65;&#x42; &#x1F600; caf\u00e9</a>',
  '<a t="&lt;&amp;&#x41;" u="tab\there\nline">x</a>',
  '<a><![CDATA[<not> & markup]]>tail<!-- comment --><?pi data?></a>',
  '<a>line1\r\nline2\rline3</a>',
  '<a\n  b="1"\n>\n  <c>  </c>\n</a >',
  '\uFEFF<a>bom</a>',
];

describe('XmlScanner', () => {
  it.each(DOCS.map((d, i) => [i, d] as const))('emits the same events as saxes (doc %i)', (_, doc) => {
    const want = saxes(doc.replace(/^\uFEFF/, '')).filter((e, i, all) => !(e[0] === 'text' && (i === 0 || i === all.length - 1)));
    expect(scan(doc)).toEqual(want);
  });

  it('gives the same events whatever the chunk size', () => {
    for (const doc of DOCS) {
      const whole = scan(doc);
      for (const size of [1, 2, 3, 5, 7]) expect(scan(doc, size)).toEqual(whole);
    }
  });

  it.each([
    ['mismatched tags', '<a><b></a></b>', /closes/],
    ['truncated inside markup', '<a><b x="1"', /end of document/],
    ['truncated content', '<a><b>text', /unclosed/],
    ['no root element', '   ', /no root/],
    ['text outside the root', '<a/>junk', /outside/],
    ['two roots', '<a/><b/>', /more than one root/],
    ['undefined entity', '<a>&nbsp;</a>', /undefined entity/],
    ['bare ampersand', '<a>fish & chips</a>', /entity reference/],
    ['unquoted attribute', '<a x=1>t</a>', /unquoted/],
    ['duplicate attribute', '<a x="1" x="2">t</a>', /duplicate/],
    ['"<" in an attribute value', '<a x="<">t</a>', /"<"/],
  ])('rejects %s', (_, doc, message) => {
    expect(() => scan(doc)).toThrow(XmlError);
    expect(() => scan(doc)).toThrow(message);
    expect(() => scan(doc, 1)).toThrow(XmlError);
  });

  it('calls doctype() on a DTD, before any entity could be declared', () => {
    expect(() => scan('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow('doctype');
  });
});
