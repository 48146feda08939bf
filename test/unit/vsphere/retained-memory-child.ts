// Run by retained-memory.test.ts as `node --expose-gc --import tsx retained-memory-child.ts`: decodes a 16 MB
// RetrievePropertiesEx page in 64 KB chunks and keeps what a consumer keeps of each object (its moid, its MoRef
// type, its name, one short enum), as collectInventory keeps the normalized objects. Prints one JSON line: the
// heap those kept values hold after a full GC (MB), and the values of the first and last objects.
import { createRetrieveResultDecoder } from '../../../src/vsphere/decode-stream.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const OBJECTS = 2000;
const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>';
const object = (i: number): string =>
  `<objects><obj type="VirtualMachine">vm-${100000 + i}</obj>` +
  `<propSet><name>name</name><val xsi:type="xsd:string">production-database-${i}</val></propSet>` +
  `<propSet><name>runtime.powerState</name><val xsi:type="VirtualMachinePowerState">poweredOn</val></propSet>` +
  `<propSet><name>config.annotation</name><val xsi:type="xsd:string">${'notes '.repeat(1300)}${i}</val></propSet></objects>`;
const page = `${HEAD}${Array.from({ length: OBJECTS }, (_, i) => object(i)).join('')}</returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>`;
const bytes = Buffer.from(page);

const kept: { moid: unknown; type: unknown; name: unknown; power: unknown }[] = [];
gc();
const before = process.memoryUsage().heapUsed;
{
  const d = createRetrieveResultDecoder((oc) =>
    kept.push({ moid: oc.obj.value, type: oc.obj.type, name: oc.props.name, power: oc.props['runtime.powerState'] }),
  );
  for (let at = 0; at < bytes.length; at += 65_536) d.write(bytes.subarray(at, at + 65_536));
  d.end();
}
gc();
const keptMB = (process.memoryUsage().heapUsed - before) / 1048576;
console.log(JSON.stringify({ pageMB: bytes.length / 1048576, keptMB, objects: kept.length, first: kept[0], last: kept[kept.length - 1] }));
