// The report fixture with a vCenter's shapes beside vcsim's and the edge cases of schema 4.0's derived fields
// (test/unit/result/schema-4.test.ts reads it back; test/unit/report/json-bytes.test.ts holds its bytes).
import type { Disk, VmNic } from '../../../src/inventory/model.js';
import type { ScanResult } from '../../../src/result/types.js';
import { makeScanResult } from '../report/fixtures.js';

export const DVS = '50 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8';

// The report fixture with the shapes a vCenter gives beside the vcsim one: every VM on one datastore with its
// disk under its home directory and its NIC on a distributed port group (all derivable), and the edge cases.
export function edgeResult(): ScanResult {
  const r = makeScanResult();
  const inv = r.targets[0]!.inventory!;
  inv.networks.push({ moid: 'dvportgroup-51', name: 'PG-Prod', kind: 'distributed', dvsUuid: DVS, portgroupKey: 'dvportgroup-51' });
  const dvNic = (over: Partial<VmNic> = {}): VmNic => ({
    key: 4000,
    label: 'Network adapter 1',
    type: 'VirtualVmxnet3',
    backing: 'distributed',
    portgroupKey: 'dvportgroup-51',
    networkMoid: 'dvportgroup-51',
    dvsUuid: DVS,
    ...over,
  });
  for (const vm of inv.vms) {
    vm.vmPathName = `[ds-shared-01] ${vm.name}/${vm.name}.vmx`;
    for (const d of vm.disks) d.fileName = `[ds-shared-01] ${vm.name}/${vm.name}.vmdk`;
    vm.nics = [dvNic()];
  }
  const [, two, lost, odd, plain] = inv.vms;
  const disk = (over: Partial<Disk>): Disk => ({ ...two!.disks[0]!, ...over });
  // Two datastores, a disk on the other one outside the home directory: each disk keeps its datastore.
  two!.datastoreMoids = ['datastore-31', 'datastore-32'];
  two!.disks = [disk({}), disk({ key: 2001, fileName: '[esx-a2-local] elsewhere/data.vmdk', datastoreMoid: 'datastore-32' })];
  // A host the inventory does not hold: cluster and datacenter stay; a NIC on a standard port group.
  lost!.hostMoid = 'host-99';
  lost!.nics = [{ key: 4000, label: 'Network adapter 1', type: 'VirtualE1000', backing: 'standard', networkMoid: 'network-41' }];
  // Absent where its host, its only datastore and its port group give one: null; a switch other than the port
  // group's; a port group key that is not the network moid.
  delete odd!.clusterMoid;
  delete odd!.datacenter;
  delete odd!.disks[0]!.datastoreMoid;
  odd!.nics = [dvNic({ key: 4000, dvsUuid: 'another switch' }), dvNic({ key: 4001, networkMoid: 'network-41' }), dvNic({ key: 4002 })];
  delete odd!.nics[2]!.networkMoid;
  delete odd!.nics[2]!.dvsUuid;
  // A .vmx path not in brackets, a disk file named like a relative one: written as they are.
  plain!.vmPathName = 'vm-home/plain.vmx';
  plain!.disks[0]!.fileName = 'vm-home/plain.vmdk';
  // The evaluation: a VM named otherwise than in the inventory, one without host though its record has one, a
  // finding named otherwise than its object, a VM finding whose evidence is the .vmx path (and one without value).
  const vms = r.evaluation.vms;
  vms[0]!.name = 'renamed since';
  delete vms[1]!.hostMoid;
  delete vms[1]!.hostName;
  const vmFinding = r.evaluation.findings.find((f) => f.objectType === 'VirtualMachine')!;
  const home = inv.vms.find((v) => v.moid === vmFinding.moid)!;
  vmFinding.evidence = [
    {
      objectType: 'VirtualMachine',
      moid: vmFinding.moid,
      name: vmFinding.name,
      path: 'config.files.vmPathName',
      observed: home.vmPathName,
    },
    ...vmFinding.evidence,
  ];
  const other = r.evaluation.findings.find((f) => f.objectType === 'VirtualMachine' && f.moid !== vmFinding.moid)!;
  other.evidence = [
    { objectType: 'VirtualMachine', moid: other.moid, name: other.name, path: 'config.files.vmPathName', observed: undefined },
  ];
  const hostFinding = r.evaluation.findings.find((f) => f.objectType === 'HostSystem')!;
  hostFinding.name = 'esx-old-name.example.com';
  return r;
}
