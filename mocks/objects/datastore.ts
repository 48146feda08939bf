// Datastore: summary, info by type (VMFS, NFS, vSAN, VVOL, PMEM...), capability and its host mounts.
import type { DatastoreOptions, DatastoreRef } from '../builder-types.js';
import { moref, type MoRefValue } from '../estate.js';
import { type BuildContext, d } from './context.js';

export function buildDatastore(b: BuildContext, o: DatastoreOptions): DatastoreRef {
  const dc = b.dc(o.datacenter);
  const moid = b.nextId('datastore-');
  const type = o.type ?? 'VMFS';
  const capacity = o.capacity ?? Math.round((o.capacityGB ?? 4096) * 1024 ** 3);
  const free = o.free ?? Math.round((o.freeGB ?? (o.capacityGB ?? 4096) * 0.4) * 1024 ** 3);
  const id = b.rng.hex(8) + '-' + b.rng.hex(8) + '-' + b.rng.hex(4) + '-' + b.rng.hex(12);
  const url =
    type === 'NFS' || type === 'NFS41'
      ? `ds:///vmfs/volumes/${b.rng.hex(8)}-${b.rng.hex(8)}/`
      : type === 'vsan'
        ? `ds:///vmfs/volumes/vsan:${b.rng.hex(16)}-${b.rng.hex(16)}/`
        : type === 'VVOL'
          ? `ds:///vmfs/volumes/vvol:${b.rng.hex(16)}-${b.rng.hex(16)}/`
          : `ds:///vmfs/volumes/${id}/`;
  const infoBase = {
    name: o.name,
    url,
    freeSpace: free,
    maxFileSize: 70368744177664,
    maxVirtualDiskCapacity: 68169720922112,
    maxMemoryFileSize: 70368744177664,
    timestamp: '2024-05-02T10:11:12.345Z',
    containerId: id,
  };
  const info =
    type === 'VMFS'
      ? d('VmfsDatastoreInfo', {
          ...infoBase,
          maxPhysicalRDMFileSize: 70368744177664,
          maxVirtualRDMFileSize: 68169720922112,
          vmfs: d('HostVmfsVolume', {
            type: 'VMFS',
            name: o.name,
            capacity,
            blockSizeMb: 1,
            blockSize: 1024,
            unmapGranularity: 1024,
            unmapPriority: 'low',
            maxBlocks: 63963136,
            majorVersion: 6,
            version: '6.82',
            uuid: id,
            extent: [d('HostScsiDiskPartition', { diskName: `naa.6000c29${b.rng.hex(25)}`, partition: 1 })],
            vmfsUpgradable: false,
            ssd: true,
            local: o.local ?? false,
            scsiDiskType: 'native512',
          }),
        })
      : type === 'NFS' || type === 'NFS41'
        ? d('NasDatastoreInfo', {
            ...infoBase,
            nas: d('HostNasVolume', {
              type,
              name: o.name,
              capacity,
              remoteHost: 'nas01.example.local',
              remotePath: `/export/${o.name}`,
              remoteHostNames: ['nas01.example.local'],
              securityType: 'AUTH_SYS',
            }),
          })
        : type === 'vsan'
          ? d('VsanDatastoreInfo', { ...infoBase, membershipUuid: b.rng.uuid(), accessGenNo: 3 })
          : type === 'VVOL'
            ? d('VvolDatastoreInfo', {
                ...infoBase,
                vvolDS: d('HostVvolVolume', { type: 'VVOL', name: o.name, capacity, scId: `vvol:${b.rng.hex(16)}`, storageArray: [] }),
              })
            : d('DatastoreInfo', infoBase);
  const obj = b.add('Datastore', moid, moref('Folder', dc.datastoreFolder), {
    name: o.name,
    summary: d('DatastoreSummary', {
      datastore: moref('Datastore', moid),
      name: o.name,
      url,
      capacity,
      freeSpace: free,
      uncommitted: o.uncommitted ?? Math.round(Number(capacity) * 0.1),
      accessible: o.accessible ?? true,
      ...(o.multipleHostAccess !== undefined ? { multipleHostAccess: o.multipleHostAccess } : {}),
      type,
      maintenanceMode: o.maintenanceMode ?? 'normal',
    }),
    info,
    capability: d('DatastoreCapability', {
      directoryHierarchySupported: true,
      rawDiskMappingsSupported: type === 'VMFS',
      perFileThinProvisioningSupported: true,
      storageIORMSupported: type === 'VMFS' || type === 'NFS',
      nativeSnapshotSupported: type === 'VVOL',
      topLevelDirectoryCreateSupported: type !== 'vsan' && type !== 'VVOL',
      seSparseSupported: type === 'VMFS',
      vmfsSparseSupported: type === 'VMFS',
      vsanSparseSupported: type === 'vsan',
    }),
    host: [],
    vm: [],
  });
  (dc.obj.props.datastore as MoRefValue[]).push(moref('Datastore', moid));
  const r: DatastoreRef = { moid, name: o.name, ref: moref('Datastore', moid), obj, datacenter: dc, hosts: [], vms: [] };
  if (o.multipleHostAccess === undefined) b.autoMultiHost.add(moid);
  b.datastores.push(r);
  for (const h of o.hosts ?? []) b.mount(b.ref(b.hosts, h, 'host')!, r);
  return r;
}
