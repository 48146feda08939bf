// Generates mocks/vim-field-order.json: the declaration (WSDL sequence) order of every data type's own
// fields, which vCenter follows when it writes XML. src/vsphere/vim-types.json stores fields sorted by name
// (enough for decoding), so the mock serializer takes the order from here. Source: Debian's govmomi 0.24.2
// vim25/types/types.go (Apache-2.0), whose structs keep the WSDL order.
//
//   npx tsx mocks/gen-field-order.ts [govmomiDir]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOVMOMI = process.argv[2] ?? '/usr/share/gocode/src/github.com/vmware/govmomi';
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'vim-field-order.json');

const src = readFileSync(join(GOVMOMI, 'vim25/types/types.go'), 'utf8');
const order: Record<string, string[]> = {};
const structRe = /^type (\w+) struct \{\n([\s\S]*?)^\}/gm;
for (const m of src.matchAll(structRe)) {
  const fields: string[] = [];
  for (const line of m[2]!.split('\n')) {
    const tag = /xml:"([^",]+)/.exec(line);
    if (tag) fields.push(tag[1]!);
  }
  // Request/response wrappers are not data types the mock writes.
  if (fields.length > 1 && !m[1]!.endsWith('RequestType') && !m[1]!.endsWith('Response')) order[m[1]!] = fields;
}
writeFileSync(OUT, JSON.stringify(order) + '\n');
console.log(`${Object.keys(order).length} types -> ${OUT}`);
