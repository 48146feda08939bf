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

// Fields newer than govmomi 0.24.2 that the shared table adds (scripts/gen-vim-types.ts OVERLAY), placed
// after the field a real vCenter 8 writes them after (pyvmomi/test_json_vm_explode_default.yaml).
const AFTER: Record<string, Record<string, string>> = {
  VirtualMachineConfigInfo: { ftEncryptionMode: 'sgxInfo', pmemFailoverEnabled: 'sevEnabled' },
  HostCpuPackage: { family: 'cpuFeature', model: 'family', stepping: 'model' },
  HostCapability: { encryptedFtSupported: 'ftVmcpSupported' },
};

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
for (const [type, fields] of Object.entries(AFTER)) {
  const list = order[type]!;
  for (const [field, after] of Object.entries(fields)) list.splice(list.indexOf(after) + 1, 0, field);
}
writeFileSync(OUT, JSON.stringify(order) + '\n');
console.log(`${Object.keys(order).length} types -> ${OUT}`);
