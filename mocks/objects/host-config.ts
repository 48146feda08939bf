// The configuration a host reports beyond its summary: config.capability (HostCapability by ESXi version) and
// config.network with the virtualNicManagerInfo net configs (pnics, vSwitches, port groups, vmknics), as real
// ESXi hosts return them (mocks/builders.ts host() assembles the HostSystem from these).
import type { HostCapabilityOptions, PnicOptions, VmknicOptions } from '../builder-types.js';
import type { Prng } from '../prng.js';
import { ver } from '../versions.js';

type Obj = Record<string, unknown>;
const d = (type: string, fields: Obj): Obj => ({ _type: type, ...fields });

export function hostCapability(version: string, c: HostCapabilityOptions): Obj {
  const mm = ver(version);
  const legacy = mm < 60500;
  const smp = mm >= 60000;
  return d('HostCapability', {
    recursiveResourcePoolsSupported: true,
    cpuMemoryResourceConfigurationSupported: true,
    rebootSupported: true,
    shutdownSupported: true,
    vmotionSupported: c.vmotionSupported ?? true,
    standbySupported: true,
    ipmiSupported: true,
    maxSupportedVMs: 1024,
    maxRunningVMs: 0,
    maxSupportedVcpus: 768,
    maxRegisteredVMs: 4096,
    datastorePrincipalSupported: false,
    sanSupported: true,
    nfsSupported: true,
    iscsiSupported: true,
    vlanTaggingSupported: true,
    nicTeamingSupported: true,
    highGuestMemSupported: true,
    maintenanceModeSupported: true,
    suspendedRelocateSupported: true,
    restrictedSnapshotRelocateSupported: true,
    perVmSwapFiles: true,
    localSwapDatastoreSupported: true,
    unsharedSwapVMotionSupported: true,
    backgroundSnapshotsSupported: false,
    preAssignedPCIUnitNumbersSupported: true,
    screenshotSupported: true,
    scaledScreenshotSupported: true,
    storageVMotionSupported: true,
    vmotionWithStorageVMotionSupported: true,
    vmotionAcrossNetworkSupported: true,
    maxNumDisksSVMotion: 248,
    hbrNicSelectionSupported: true,
    vrNfcNicSelectionSupported: true,
    recordReplaySupported: c.recordReplaySupported ?? (legacy && !c.replayCompatibilityIssues?.length),
    ftSupported: c.ftSupported ?? (legacy && !c.ftCompatibilityIssues?.length),
    ...(c.replayUnsupportedReason !== undefined ? { replayUnsupportedReason: c.replayUnsupportedReason } : {}),
    replayCompatibilityIssues: c.replayCompatibilityIssues ?? [],
    ...(smp ? { smpFtSupported: c.smpFtSupported ?? !c.smpFtCompatibilityIssues?.length } : {}),
    ftCompatibilityIssues: c.ftCompatibilityIssues ?? [],
    ...(smp ? { smpFtCompatibilityIssues: c.smpFtCompatibilityIssues ?? [] } : {}),
    ...(smp ? { maxVcpusPerFtVm: c.maxVcpusPerFtVm ?? (mm >= 60700 ? 8 : 4) } : {}),
    loginBySSLThumbprintSupported: true,
    cloneFromSnapshotSupported: true,
    deltaDiskBackingsSupported: true,
    perVMNetworkTrafficShapingSupported: false,
    tpmSupported: true,
    virtualExecUsageSupported: true,
    storageIORMSupported: true,
    vmDirectPathGen2Supported: true,
    vStorageCapable: true,
    snapshotRelayoutSupported: true,
    firewallIpRulesSupported: true,
    servicePackageInfoSupported: true,
    maxHostRunningVms: 1024,
    maxHostSupportedVcpus: 4096,
    vmfsDatastoreMountCapable: true,
    eightPlusHostVmfsSharedAccessSupported: true,
    nestedHVSupported: true,
    vPMCSupported: true,
    interVMCommunicationThroughVMCISupported: false,
    scheduledHardwareUpgradeSupported: true,
    featureCapabilitiesSupported: true,
    latencySensitivitySupported: true,
    storagePolicySupported: true,
    accel3dSupported: false,
    reliableMemoryAware: true,
    multipleNetworkStackInstanceSupported: true,
    messageBusProxySupported: true,
    vsanSupported: true,
    vFlashSupported: mm < 70000,
    hostAccessManagerSupported: true,
    provisioningNicSelectionSupported: true,
    nfs41Supported: true,
    nfs41Krb5iSupported: true,
    turnDiskLocatorLedSupported: true,
    virtualVolumeDatastoreSupported: true,
    markAsSsdSupported: true,
    markAsLocalSupported: true,
    smartCardAuthenticationSupported: true,
    pMemSupported: mm >= 60700,
    pMemSnapshotSupported: mm >= 60700,
    cryptoSupported: mm >= 60500,
    oneKVolumeAPIsSupported: true,
    gatewayOnNicSupported: true,
    upitSupported: false,
    cpuHwMmuSupported: true,
    encryptedVMotionSupported: mm >= 60500,
    encryptionChangeOnAddRemoveSupported: mm >= 60500,
    encryptionHotOperationSupported: mm >= 60500,
    encryptionWithSnapshotsSupported: mm >= 60500,
    encryptionFaultToleranceSupported: c.encryptionFaultToleranceSupported ?? mm >= 70000,
    encryptionMemorySaveSupported: mm >= 60500,
    encryptionRDMSupported: false,
    encryptionVFlashSupported: false,
    encryptionCBRCSupported: false,
    encryptionHBRSupported: mm >= 60500,
    ...(smp && mm >= 60500
      ? { ftEfiSupported: c.ftEfiSupported ?? true }
      : c.ftEfiSupported !== undefined
        ? { ftEfiSupported: c.ftEfiSupported }
        : {}),
    unmapMethodSupported: 'dynamic',
    ...(mm >= 60700
      ? { maxMemMBPerFtVm: c.maxMemMBPerFtVm ?? 131072 }
      : c.maxMemMBPerFtVm !== undefined
        ? { maxMemMBPerFtVm: c.maxMemMBPerFtVm }
        : {}),
    virtualMmuUsageIgnored: true,
    virtualExecUsageIgnored: true,
    vmCreateDateSupported: true,
    vmfs3EOLSupported: true,
    ...(smp ? { ftVmcpSupported: c.ftVmcpSupported ?? true } : {}),
    quickBootSupported: true,
    assignableHardwareSupported: mm >= 70000,
    useFeatureReqsForOldHWv: true,
    markPerenniallyReservedSupported: true,
    hppPspSupported: true,
    deviceRebindWithoutRebootSupported: true,
    storagePolicyChangeSupported: true,
    precisionTimeProtocolSupported: true,
    remoteDeviceVMotionSupported: true,
    maxSupportedVmMemory: 25149440,
    ...(c.encryptedFtSupported !== undefined
      ? { encryptedFtSupported: c.encryptedFtSupported }
      : mm >= 70002
        ? { encryptedFtSupported: true }
        : {}),
  });
}

// config.network: pnics, vSwitches (one per distinct uplink set), port groups, proxy switches, vmknics.
export function hostNetwork(rng: Prng, pnics: PnicOptions[], vmknics: VmknicOptions[], hostIndex: number): Obj {
  const pnicKey = (dev: string) => `key-vim.host.PhysicalNic-${dev}`;
  const pnic = pnics.map((p, i) => {
    const link = p.speedMb === null ? undefined : d('PhysicalNicLinkInfo', { speedMb: p.speedMb, duplex: true });
    return d('PhysicalNic', {
      key: pnicKey(p.device),
      device: p.device,
      pci: `0000:${(0x18 + i).toString(16).padStart(2, '0')}:00.${i % 2}`,
      driver: p.driver ?? (p.speedMb !== null && p.speedMb <= 1000 ? 'igbn' : 'i40en'),
      ...(link ? { linkSpeed: link } : {}),
      validLinkSpecification: [d('PhysicalNicLinkInfo', { speedMb: p.speedMb ?? 10000, duplex: true })],
      spec: d('PhysicalNicSpec', {
        ip: d('HostIpConfig', { dhcp: false, ipAddress: '', subnetMask: '' }),
        enableEnhancedNetworkingStack: false,
      }),
      wakeOnLanSupported: false,
      mac: `b4:96:91:${hostIndex.toString(16).padStart(2, '0')}:${rng.hex(2)}:${i.toString(16).padStart(2, '0')}`,
      vmDirectPathGen2Supported: false,
      resourcePoolSchedulerAllowed: true,
      autoNegotiateSupported: true,
      enhancedNetworkingStackSupported: false,
      ensInterruptSupported: false,
    });
  });
  const vswitches = new Map<string, { name: string; uplinks: string[]; portgroups: string[] }>();
  const portgroups: Obj[] = [];
  const proxies = new Map<string, { uuid: string; name: string; uplinks: string[] }>();
  const vnic: Obj[] = [];
  let vsIndex = 0;
  for (const v of vmknics) {
    const ipSpec = d('HostIpConfig', {
      dhcp: false,
      ipAddress: v.ipv6Only ? '' : (v.ip ?? `10.${10 + vnic.length}.0.${hostIndex}`),
      subnetMask: v.ipv6Only ? '' : '255.255.255.0',
      ...(v.ipv6Only
        ? {
            ipV6Config: d('HostIpConfigIpV6AddressConfiguration', {
              autoConfigurationEnabled: false,
              dhcpV6Enabled: false,
              ipV6Address: [
                d('HostIpConfigIpV6Address', {
                  ipAddress: `fd00::${vnic.length}:${hostIndex}`,
                  prefixLength: 64,
                  origin: 'manual',
                  dadState: 'preferred',
                }),
              ],
            }),
          }
        : {}),
    });
    const mac = `00:50:56:6${vnic.length}:${rng.hex(2)}:${hostIndex.toString(16).padStart(2, '0')}`;
    if (v.dvs) {
      const p = proxies.get(v.dvs.switchUuid) ?? { uuid: v.dvs.switchUuid, name: v.dvs.name ?? 'DSwitch', uplinks: [] };
      for (const u of v.dvs.uplinks) if (!p.uplinks.includes(u)) p.uplinks.push(u);
      proxies.set(v.dvs.switchUuid, p);
      const port = String(100 + vnic.length);
      vnic.push(
        d('HostVirtualNic', {
          device: v.device,
          key: `key-vim.host.VirtualNic-${v.device}`,
          portgroup: '',
          spec: d('HostVirtualNicSpec', {
            ip: ipSpec,
            mac,
            distributedVirtualPort: d('DistributedVirtualSwitchPortConnection', {
              switchUuid: v.dvs.switchUuid,
              portgroupKey: v.dvs.portgroupKey,
              portKey: port,
              connectionCookie: rng.int(1e8, 2e9),
            }),
            mtu: v.mtu ?? 9000,
            tsoEnabled: true,
            netStackInstanceKey: 'defaultTcpipStack',
            systemOwned: false,
          }),
          port: `key-vim.host.PortGroup.Port-${33554436 + vnic.length}`,
        }),
      );
      continue;
    }
    const uplinks = v.uplinks ?? [pnics[0]?.device ?? 'vmnic0'];
    const pgName =
      v.portgroup ??
      (v.services.includes('faultToleranceLogging') ? 'FT Logging' : v.services.includes('vmotion') ? 'vMotion' : 'Management Network');
    const setKey = [...uplinks].sort().join(',');
    let vs = v.vswitch ? vswitches.get(v.vswitch) : [...vswitches.values()].find((s) => [...s.uplinks].sort().join(',') === setKey);
    if (!vs) {
      vs = { name: v.vswitch ?? `vSwitch${vsIndex++}`, uplinks: [...uplinks], portgroups: [] };
      vswitches.set(vs.name, vs);
    }
    const pgKey = `key-vim.host.PortGroup-${pgName}`;
    vs.portgroups.push(pgKey);
    const teaming = (active: string[], standby: string[] | undefined) =>
      d('HostNicTeamingPolicy', {
        policy: 'loadbalance_srcid',
        reversePolicy: true,
        notifySwitches: true,
        rollingOrder: false,
        failureCriteria: d('HostNicFailureCriteria', {
          checkSpeed: 'minimum',
          speed: 10,
          checkDuplex: false,
          fullDuplex: false,
          checkErrorPercent: false,
          percentage: 0,
          checkBeacon: false,
        }),
        nicOrder: d('HostNicOrderPolicy', { activeNic: active, ...(standby?.length ? { standbyNic: standby } : {}) }),
      });
    portgroups.push(
      d('HostPortGroup', {
        key: pgKey,
        port: [d('HostPortGroupPort', { key: `key-vim.host.PortGroup.Port-${33554436 + vnic.length}`, mac: [mac], type: 'host' })],
        vswitch: `key-vim.host.VirtualSwitch-${vs.name}`,
        computedPolicy: d('HostNetworkPolicy', {
          security: d('HostNetworkSecurityPolicy', { allowPromiscuous: false, macChanges: true, forgedTransmits: true }),
          nicTeaming: teaming(uplinks, v.standbyUplinks),
          offloadPolicy: d('HostNetOffloadCapabilities', { csumOffload: true, tcpSegmentation: true, zeroCopyXmit: true }),
          shapingPolicy: d('HostNetworkTrafficShapingPolicy', { enabled: false }),
        }),
        spec: d('HostPortGroupSpec', {
          name: pgName,
          vlanId: v.services.includes('management') ? 0 : 100 + vnic.length,
          vswitchName: vs.name,
          policy: d('HostNetworkPolicy', {
            security: d('HostNetworkSecurityPolicy', {}),
            nicTeaming: d('HostNicTeamingPolicy', {
              failureCriteria: d('HostNicFailureCriteria', {}),
              ...(v.standbyUplinks?.length || v.uplinks
                ? {
                    nicOrder: d('HostNicOrderPolicy', {
                      activeNic: uplinks,
                      ...(v.standbyUplinks?.length ? { standbyNic: v.standbyUplinks } : {}),
                    }),
                  }
                : {}),
            }),
            offloadPolicy: d('HostNetOffloadCapabilities', {}),
            shapingPolicy: d('HostNetworkTrafficShapingPolicy', {}),
          }),
        }),
      }),
    );
    vnic.push(
      d('HostVirtualNic', {
        device: v.device,
        key: `key-vim.host.VirtualNic-${v.device}`,
        portgroup: pgName,
        spec: d('HostVirtualNicSpec', {
          ip: ipSpec,
          mac,
          portgroup: pgName,
          mtu: v.mtu ?? 1500,
          tsoEnabled: true,
          netStackInstanceKey: 'defaultTcpipStack',
          systemOwned: false,
        }),
        port: `key-vim.host.PortGroup.Port-${33554436 + vnic.length}`,
      }),
    );
  }
  const vswitch = [...vswitches.values()].map((vs) =>
    d('HostVirtualSwitch', {
      name: vs.name,
      key: `key-vim.host.VirtualSwitch-${vs.name}`,
      numPorts: 2560,
      numPortsAvailable: 2540,
      mtu: 1500,
      portgroup: vs.portgroups,
      pnic: vs.uplinks.map(pnicKey),
      spec: d('HostVirtualSwitchSpec', {
        numPorts: 128,
        bridge: d('HostVirtualSwitchBondBridge', {
          nicDevice: vs.uplinks,
          beacon: d('HostVirtualSwitchBeaconConfig', { interval: 1 }),
          linkDiscoveryProtocolConfig: d('LinkDiscoveryProtocolConfig', { protocol: 'cdp', operation: 'listen' }),
        }),
        policy: d('HostNetworkPolicy', {
          security: d('HostNetworkSecurityPolicy', { allowPromiscuous: false, macChanges: false, forgedTransmits: false }),
          nicTeaming: d('HostNicTeamingPolicy', {
            policy: 'loadbalance_srcid',
            reversePolicy: true,
            notifySwitches: true,
            rollingOrder: false,
            failureCriteria: d('HostNicFailureCriteria', {
              checkSpeed: 'minimum',
              speed: 10,
              checkDuplex: false,
              fullDuplex: false,
              checkErrorPercent: false,
              percentage: 0,
              checkBeacon: false,
            }),
            nicOrder: d('HostNicOrderPolicy', { activeNic: vs.uplinks }),
          }),
          offloadPolicy: d('HostNetOffloadCapabilities', { csumOffload: true, tcpSegmentation: true, zeroCopyXmit: true }),
          shapingPolicy: d('HostNetworkTrafficShapingPolicy', { enabled: false }),
        }),
        mtu: 1500,
      }),
    }),
  );
  const proxySwitch = [...proxies.values()].map((p, i) =>
    d('HostProxySwitch', {
      dvsUuid: p.uuid,
      dvsName: p.name,
      key: p.uuid,
      numPorts: 512,
      configNumPorts: 512,
      numPortsAvailable: 500,
      uplinkPort: p.uplinks.map((_u, j) => d('KeyValue', { key: String(16 + j + i * 8), value: `dvUplink${j + 1}` })),
      mtu: 9000,
      pnic: p.uplinks.map(pnicKey),
      spec: d('HostProxySwitchSpec', {
        backing: d('DistributedVirtualSwitchHostMemberPnicBacking', {
          pnicSpec: p.uplinks.map((u, j) =>
            d('DistributedVirtualSwitchHostMemberPnicSpec', {
              pnicDevice: u,
              uplinkPortKey: String(16 + j + i * 8),
              uplinkPortgroupKey: 'dvportgroup-uplinks',
              connectionCookie: 1000 + j,
            }),
          ),
        }),
      }),
      networkReservationSupported: true,
      nsxtEnabled: false,
      ensEnabled: false,
      ensInterruptEnabled: false,
    }),
  );
  return d('HostNetworkInfo', {
    vswitch,
    proxySwitch,
    portgroup: portgroups,
    pnic,
    vnic,
    ipV6Enabled: true,
    atBootIpV6Enabled: true,
  });
}

export function netConfig(vnics: Obj[], vmknics: VmknicOptions[], mm: number): Obj[] {
  const types = ['faultToleranceLogging', 'management', 'vSphereProvisioning', 'vSphereReplication', 'vSphereReplicationNFC', 'vmotion'];
  if (mm >= 60500) types.push('vsan', 'vsanWitness');
  for (const v of vmknics) for (const s of v.services) if (!types.includes(s)) types.push(s);
  return types.sort().map((nicType) =>
    d('VirtualNicManagerNetConfig', {
      nicType,
      multiSelectAllowed: true,
      candidateVnic: vnics.map((v) => ({ ...v, key: `${nicType}.${v.key as string}` })),
      selectedVnic: vmknics.filter((v) => v.services.includes(nicType)).map((v) => `${nicType}.key-vim.host.VirtualNic-${v.device}`),
    }),
  );
}
