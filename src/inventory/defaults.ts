// The ONE place that decides what an absent property means. vCenter leaves optional properties out of
// propSet when they are unset, and vcsim leaves out many more (shared/reference/vcsim.md); the values
// below are what vCenter itself assumes for an unset field, per the vim25 reference (data object pages
// of the vSphere Web Services API; the field documentation is quoted in the comment).
// Normalizers call `orDefault(value, DEFAULTS.x)` so the rules never see `undefined` for these fields.

export const DEFAULTS = {
  // ClusterDasConfigInfo.enabled: "Flag to indicate whether or not vSphere HA feature is enabled"; an
  // unset flag in a ClusterConfigInfoEx read back from vCenter means the feature was never turned on.
  haEnabled: false,
  // ClusterDasConfigInfo.hostMonitoring (ClusterDasConfigInfoServiceState): "The default value is enabled".
  hostMonitoring: 'enabled',
  // ClusterDasConfigInfo.admissionControlEnabled: "The default value is true" (when HA is configured).
  admissionControlEnabled: true,
  // ClusterDrsConfigInfo.enabled: unset = DRS not enabled (the reconfigure spec's default is false).
  drsEnabled: false,
  // ClusterDrsConfigInfo.defaultVmBehavior (DrsBehavior): "default is fullyAutomated".
  drsDefaultBehavior: 'fullyAutomated',
  // HA advanced options das.maxftvmsperhost / das.maxftvcpusperhost: vSphere Availability guide,
  // "Fault Tolerance requirements, limits and licensing": defaults 4 FT VMs and 8 FT vCPUs per host.
  maxFtVmsPerHost: 4,
  // ClusterDasVmSettings.restartPriority: unset at both cluster and VM level means "medium" (vim25 reference,
  // ClusterDasVmSettingsRestartPriority).
  haRestartPriority: 'medium',
  maxFtVcpusPerHost: 8,
  // VirtualMachineConfigInfo.cpuHotAddEnabled / cpuHotRemoveEnabled / memoryHotAddEnabled:
  // "Whether ... is enabled" — unset means the feature is off (the VMX default).
  cpuHotAdd: false,
  cpuHotRemove: false,
  memoryHotAdd: false,
  // VirtualMachineRuntimeInfo.faultToleranceState (VirtualMachineFaultToleranceState): a VM that was never
  // configured for FT reports "notConfigured".
  faultToleranceState: 'notConfigured',
  // VirtualMachine.snapshot: "unset if the VM has no snapshots" -> zero snapshots.
  snapshotCount: 0,
  // VirtualMachineConfigInfo.firmware (GuestOsDescriptorFirmwareType): "bios" is the legacy default; pre-5.0
  // servers do not publish the field and only supported BIOS.
  firmware: 'bios',
  // VirtualHardware.numCoresPerSocket: unset means one core per socket (API 5.0 docs).
  numCoresPerSocket: 1,
  // ResourceAllocationInfo.reservation: unset = no reservation (0 MB).
  memoryReservationMB: 0,
  // nestedHVEnabled / vPMCEnabled / pmemFailoverEnabled / flags.vbsEnabled: unset = feature off.
  nestedHv: false,
  vpmc: false,
  pmemFailover: false,
  vbs: false,
  // VirtualMachineConfigInfo.vFlashCacheReservation / VirtualDiskVFlashCacheConfigInfo.reservationInMB: unset = 0.
  vFlashReservationMB: 0,
  // config.template: unset on a VM that is not a template.
  template: false,
  // VirtualSCSIController.sharedBus (VirtualSCSISharing): required in the schema; "noSharing" is the default bus mode.
  scsiSharedBus: 'noSharing',
  // VirtualDevice.connectable.connected / startConnected: unset = not connected.
  connected: false,
  startConnected: false,
  // HostRuntimeInfo.inMaintenanceMode is required; absent (vcsim) = not in maintenance mode.
  inMaintenanceMode: false,
  // HostRuntimeInfo.connectionState / powerState are required; absent (partial read) = unknown.
  hostConnectionState: 'unknown',
  hostPowerState: 'unknown',
  // VirtualMachineRuntimeInfo.powerState is required; absent (partial read) = unknown.
  vmPowerState: 'unknown',
  // HostHyperThreadScheduleInfo: unset = no hyper-threading available / active.
  hyperThreadAvailable: false,
  hyperThreadActive: false,
  // DatastoreSummary.accessible is required; absent (partial read) = treat as not accessible.
  datastoreAccessible: false,
  // DatastoreSummary.type: required; absent = "OTHER" (vcsim's own value for unknown types).
  datastoreType: 'OTHER',
} as const;

export function orDefault<T>(value: T | undefined | null, dflt: T): T {
  return value === undefined || value === null ? dflt : value;
}
