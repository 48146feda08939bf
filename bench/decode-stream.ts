// Micro-benchmark of the streaming property-collector decoder (src/vsphere/decode-stream.ts) on a
// synthetic vcsim-like RetrievePropertiesEx page: N VMs (default 10,000, ≈64 MB) with name,
// config.hardware.device (controllers, disk, CD-ROM, NIC...), config.version, config.hardware.numCPU and
// runtime.host, written the way vcsim writes values (`XMLSchema-instance:type` with its own xmlns
// declaration on each val, ArrayOfVirtualDevice items named VirtualDevice).
//
//   npx tsx bench/decode-stream.ts [vms=10000] [chunkBytes=65536]
// (`node --expose-gc --import tsx bench/decode-stream.ts` lets it collect the page before measuring.)
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { createRetrieveResultDecoder } from '../src/vsphere/decode-stream.js';

const VMS = Number(process.argv[2] ?? 10_000);
const CHUNK = Number(process.argv[3] ?? 65_536);
const XSI = 'xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance"';
const T = (t: string) => `XMLSchema-instance:type="${t}"`;

const desc = (label: string, summary: string) => `<deviceInfo><label>${label}</label><summary>${summary}</summary></deviceInfo>`;
const conn =
  '<connectable><migrateConnect>unset</migrateConnect><startConnected>true</startConnected><allowGuestControl>true</allowGuestControl><connected>false</connected><status>untried</status></connectable>';

function devices(i: number): string {
  const uuid = `6000C29${String(i).padStart(5, '0')}-a1b2-c3d4-e5f6-0123456789ab`;
  return [
    `<VirtualDevice ${T('VirtualIDEController')}><key>200</key>${desc('IDE 0', 'IDE 0')}<busNumber>0</busNumber><device>3000</device></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualIDEController')}><key>201</key>${desc('IDE 1', 'IDE 1')}<busNumber>1</busNumber></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualPS2Controller')}><key>300</key>${desc('PS2 controller 0', 'PS2 controller 0')}<busNumber>0</busNumber><device>600</device><device>700</device></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualPCIController')}><key>100</key>${desc('PCI controller 0', 'PCI controller 0')}<busNumber>0</busNumber><device>500</device><device>12000</device><device>1000</device><device>4000</device></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualSIOController')}><key>400</key>${desc('SIO controller 0', 'SIO controller 0')}<busNumber>0</busNumber></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualKeyboard')}><key>600</key>${desc('Keyboard ', 'Keyboard')}<controllerKey>300</controllerKey><unitNumber>0</unitNumber></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualPointingDevice')}><key>700</key>${desc('Pointing device', 'Pointing device; Device')}<backing ${T('VirtualPointingDeviceDeviceBackingInfo')}><deviceName></deviceName><useAutoDetect>false</useAutoDetect><hostPointingDevice>autodetect</hostPointingDevice></backing><controllerKey>300</controllerKey><unitNumber>1</unitNumber></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualMachineVideoCard')}><key>500</key>${desc('Video card ', 'Video card')}<controllerKey>100</controllerKey><unitNumber>0</unitNumber><videoRamSizeInKB>4096</videoRamSizeInKB><numDisplays>1</numDisplays><useAutoDetect>false</useAutoDetect><enable3DSupport>false</enable3DSupport><use3dRenderer>automatic</use3dRenderer><graphicsMemorySizeInKB>262144</graphicsMemorySizeInKB></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualMachineVMCIDevice')}><key>12000</key>${desc('VMCI device', 'Device on the virtual machine PCI bus that provides support for the virtual machine communication interface')}<controllerKey>100</controllerKey><unitNumber>17</unitNumber><id>${-1000000 - i}</id><allowUnrestrictedCommunication>false</allowUnrestrictedCommunication><filterEnable>true</filterEnable></VirtualDevice>`,
    `<VirtualDevice ${T('ParaVirtualSCSIController')}><key>1000</key>${desc('SCSI controller 0', 'VMware paravirtual SCSI')}<controllerKey>100</controllerKey><unitNumber>3</unitNumber><busNumber>0</busNumber><device>2000</device><hotAddRemove>true</hotAddRemove><sharedBus>noSharing</sharedBus><scsiCtlrUnitNumber>7</scsiCtlrUnitNumber></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualCdrom')}><key>3000</key>${desc('CD/DVD drive 1', 'Remote device')}<backing ${T('VirtualCdromRemotePassthroughBackingInfo')}><deviceName></deviceName><useAutoDetect>false</useAutoDetect><exclusive>false</exclusive></backing>${conn}<controllerKey>200</controllerKey><unitNumber>0</unitNumber></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualDisk')}><key>2000</key>${desc('Hard disk 1', '16,777,216 KB')}<backing ${T('VirtualDiskFlatVer2BackingInfo')}><fileName>[LocalDS_0] DC0_C0_RP0_VM${i}/disk1.vmdk</fileName><datastore type="Datastore">datastore-${i % 50}</datastore><backingObjectId></backingObjectId><diskMode>persistent</diskMode><split>false</split><writeThrough>false</writeThrough><thinProvisioned>true</thinProvisioned><eagerlyScrub>false</eagerlyScrub><uuid>${uuid}</uuid><contentId>a6b1f3c2d4e5f60718293a4b5c6d7e8f</contentId><digestEnabled>false</digestEnabled><sharing>sharingNone</sharing></backing><controllerKey>1000</controllerKey><unitNumber>0</unitNumber><capacityInKB>16777216</capacityInKB><capacityInBytes>17179869184</capacityInBytes><shares><shares>1000</shares><level>normal</level></shares><storageIOAllocation><limit>-1</limit><shares><shares>1000</shares><level>normal</level></shares><reservation>0</reservation></storageIOAllocation><diskObjectId>${i}-2000</diskObjectId><nativeUnmanagedLinkedClone>false</nativeUnmanagedLinkedClone></VirtualDevice>`,
    `<VirtualDevice ${T('VirtualE1000')}><key>4000</key>${desc('Network adapter 1', 'VM Network')}<backing ${T('VirtualEthernetCardNetworkBackingInfo')}><deviceName>VM Network</deviceName><useAutoDetect>false</useAutoDetect><network type="Network">network-7</network></backing>${conn}<slotInfo ${T('VirtualDevicePciBusSlotInfo')}><pciSlotNumber>32</pciSlotNumber></slotInfo><controllerKey>100</controllerKey><unitNumber>7</unitNumber><addressType>generated</addressType><macAddress>00:50:56:${(i >> 16).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}</macAddress><wakeOnLanEnabled>true</wakeOnLanEnabled><resourceAllocation><reservation>0</reservation><share><shares>50</shares><level>normal</level></share><limit>-1</limit></resourceAllocation><uptCompatibilityEnabled>false</uptCompatibilityEnabled></VirtualDevice>`,
  ].join('');
}

function vm(i: number): string {
  const prop = (name: string, type: string, body: string) => `<propSet><name>${name}</name><val ${XSI} ${T(type)}>${body}</val></propSet>`;
  return (
    `<objects><obj type="VirtualMachine">vm-${i + 100}</obj>` +
    prop('config.hardware.device', 'ArrayOfVirtualDevice', devices(i)) +
    prop('config.hardware.numCPU', 'xsd:int', String(1 + (i % 4))) +
    prop('config.version', 'xsd:string', 'vmx-13') +
    prop('name', 'xsd:string', `DC0_C${i % 10}_RP0_VM${i}`) +
    `<propSet><name>runtime.host</name><val ${XSI} ${T('ManagedObjectReference')} type="HostSystem">host-${i % 100}</val></propSet>` +
    `</objects>`
  );
}

function page(n: number): Buffer {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>',
  ];
  for (let i = 0; i < n; i++) parts.push(vm(i));
  parts.push('</returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>');
  return Buffer.from(parts.join(''));
}

const body = page(VMS);
(globalThis as { gc?: () => void }).gc?.();

// Baseline on the same machine and moment (the box is shared, absolute times drift): saxes alone, no-op
// handlers, same chunks. The decoder's own cost is the difference.
function saxesOnly(): number {
  const t = process.cpuUsage();
  const p = new SaxesParser({ xmlns: false, position: false });
  const u = new StringDecoder('utf8');
  let n = 0;
  p.on('opentag', () => void n++);
  p.on('text', () => {});
  p.on('closetag', () => {});
  for (let off = 0; off < body.length; off += CHUNK) p.write(u.write(body.subarray(off, off + CHUNK)));
  p.close();
  return cpuMs(t);
}
// CPU time (user + system) of this process: steadier than wall time when other jobs share the cores.
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}
const baseMs = saxesOnly();
const rssBefore = process.memoryUsage().rss;
let objects = 0;
let disks = 0;
const t0 = performance.now();
const c0 = process.cpuUsage();
const d = createRetrieveResultDecoder((oc) => {
  objects++;
  const devs = oc.props['config.hardware.device'] as { _type: string }[];
  for (const dev of devs) if (dev._type === 'VirtualDisk') disks++;
});
for (let off = 0; off < body.length; off += CHUNK) d.write(body.subarray(off, off + CHUNK));
d.end();
const ms = performance.now() - t0;
const cpu = cpuMs(c0);
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
console.log(
  `decode-stream: ${VMS} VMs, ${mb(body.length)} MB in ${CHUNK}-byte chunks: ${(ms / 1000).toFixed(2)} s ` +
    `(${(body.length / 1024 / 1024 / (ms / 1000)).toFixed(0)} MB/s), ${objects} objects, ${disks} disks; ` +
    `CPU ${(cpu / 1000).toFixed(2)} s vs saxes alone ${(baseMs / 1000).toFixed(2)} s CPU; RSS before ${mb(rssBefore)} MB, peak ${mb(process.resourceUsage().maxRSS * 1024)} MB (the page buffer included)`,
);
if (objects !== VMS || disks !== VMS) process.exitCode = 1;
