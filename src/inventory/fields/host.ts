// HostSystem: every property the inventory reads, once (see field.ts). Row order is the request order.
// Versions from pyVmomi's version table (property-specs.ts header explains why they matter).
import { DEFAULTS } from '../defaults.js';
import { bool, moids, num, str } from '../values.js';
import { field, sub } from './field.js';

export const HOST_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }),
  parent: field('2.0', 'parent', { model: 'clusterMoid' }), // and the folder chain to the datacenter
  connectionState: field('2.0', 'runtime.connectionState', { model: 'connectionState', as: str, default: DEFAULTS.hostConnectionState }),
  powerState: field('2.0', 'runtime.powerState', { model: 'powerState', as: str, default: DEFAULTS.hostPowerState }),
  inMaintenanceMode: field('2.0', 'runtime.inMaintenanceMode', {
    model: 'inMaintenanceMode',
    as: bool,
    default: DEFAULTS.inMaintenanceMode,
  }),
  product: field('2.0', 'config.product', {
    alt: 'summary.config.product', // a recorded HostListSummary (test/fixtures/real) carries it there
    sub: {
      productName: sub('name', { model: 'product.name', as: str, default: '' }),
      fullName: sub('fullName', { model: 'product.fullName', as: str, default: '' }),
      version: sub('version', { model: 'product.version', as: str, default: '' }),
      build: sub('build', { model: 'product.build', as: str, default: '' }),
      apiVersion: sub('apiVersion', { model: 'product.apiVersion', as: str, default: '' }),
    },
  }),
  cpuModel: field('2.0', 'summary.hardware.cpuModel', { model: 'cpu.model' }), // else the first package's description
  // HostHardwareSummary.memorySize (xsd:long, bytes; required): absent or undecodable = unknown, never a default.
  memorySize: field('2.0', 'summary.hardware.memorySize', { model: 'memoryBytes', as: num }),
  cpuPkg: field('2.0', 'hardware.cpuPkg', { model: 'cpu.packages' }),
  cpuInfo: field('2.0', 'hardware.cpuInfo', {
    sub: {
      numPackages: sub('numCpuPackages', { model: 'cpu.numPackages' }), // else the number of packages
      numCores: sub('numCpuCores', { model: 'cpu.numCores', as: num, default: 0 }),
      numThreads: sub('numCpuThreads', { model: 'cpu.numThreads', as: num, default: 0 }),
      hz: sub('hz', { model: 'cpu.hz', as: num, default: 0 }),
    },
  }),
  capability: field('2.0', 'capability', { model: 'capability' }),
  hyperThread: field('2.0', 'config.hyperThread', {
    sub: {
      htAvailable: sub('available', { model: 'hyperThreading.available', as: bool, default: DEFAULTS.hyperThreadAvailable }),
      htActive: sub('active', { model: 'hyperThreading.active', as: bool, default: DEFAULTS.hyperThreadActive }),
    },
  }),
  vmotionEnabled: field('2.0', 'summary.config.vmotionEnabled', { model: 'vmotionEnabled', as: bool }),
  datastores: field('2.0', 'datastore', { model: 'datastoreMoids', as: moids }),
  networks: field('2.0', 'network', { model: 'networkMoids', as: moids }),
  pnic: field('2.0', 'config.network.pnic', { model: 'pnics' }),
  vnic: field('2.0', 'config.network.vnic', { model: 'vmknics' }),
  vswitch: field('2.0', 'config.network.vswitch', { model: 'vmknics' }), // uplinks of standard-switch vmknics
  portgroup: field('2.0', 'config.network.portgroup', { model: 'vmknics' }), // their teaming order
  proxySwitch: field('4.0', 'config.network.proxySwitch', { model: 'vmknics' }), // uplinks of distributed vmknics
  netConfig: field('4.0', 'config.virtualNicManagerInfo.netConfig', { model: 'vmknics' }), // vmknic services
  evcCurrent: field('4.0', 'summary.currentEVCModeKey', { model: 'evc.currentModeKey' }),
  evcMax: field('4.0', 'summary.maxEVCModeKey', { model: 'evc.maxModeKey' }),
  faultToleranceEnabled: field('4.0', 'summary.config.faultToleranceEnabled', { model: 'faultToleranceEnabled', as: bool }),
  featureVersion: field('4.1', 'config.featureVersion', { model: 'ftFeatureVersion' }),
  powerPolicy: field('4.1', 'config.powerSystemInfo.currentPolicy', { model: 'powerPolicy' }),
  dasHostState: field('5.0', 'runtime.dasHostState', { model: 'dasHostState', evidence: 'runtime.dasHostState.state' }),
};
