// Public API of the mock vCenter (msw handlers + loopback https server + estate builders).
// Other layers' tests import from here only.
export * from './estate.js';
export { MockControl } from './control.js';
export type { SoapCall, RestCall, HttpFailure, NoPermissionRule } from './control.js';
export { createMockVcenter } from './vcenter.js';
export type { MockVcenter, MockVcenterOptions } from './vcenter.js';
export { startMockServer } from './server.js';
export type { MockServer, MockServerOptions } from './server.js';
export { estate, EstateBuilder } from './builders.js';
export type {
  Ref,
  DatacenterRef,
  ClusterRef,
  HostRef,
  DatastoreRef,
  NetworkRef,
  VmRef,
  ClusterOptions,
  HostOptions,
  DatastoreOptions,
  NetworkOptions,
  DvPortgroupOptions,
  OpaqueNetworkOptions,
  VmOptions,
  DiskOptions,
  NicOptions,
  EstateOptions,
} from './builder-types.js';
export { serializeEnvelope, serializeFault, serializeValue } from './serializer.js';
export { demoEstate, legacyDemoEstate, DEMO_USER, DEMO_PASSWORD } from './demo-estate.js';
export { scaleEstate } from './scale.js';
export type { ScaleOptions } from './scale.js';
