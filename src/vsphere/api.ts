// Public contract of the vSphere client (src/vsphere). The inventory layer depends only on this file,
// errors.ts and the decoded-value conventions below; the implementation lives in client.ts and friends.
//
// Decoded vim25 values (both decoders, stream and whole-document, produce exactly this):
// - data object  -> plain object with `_type` (xsi:type, or the schema's static type when untyped)
//                   and its fields; a field the schema declares repeated is ALWAYS an array.
// - MoRef        -> { _type: 'ManagedObjectReference', type: 'HostSystem', value: 'host-12' }
// - ArrayOfX     -> JS array of decoded items
// - xsd:string, enums, xsd:dateTime -> string, verbatim (no trimming)
// - xsd:int/short/byte/float/double -> number; xsd:boolean -> boolean
// - xsd:long     -> number when Number.isSafeInteger, else bigint (exact)
// - unknown type -> object with `_type` and fields decoded best-effort (strings), never a crash
// - LocalizedMethodFault -> { _type: 'LocalizedMethodFault', fault: { _type: 'NoPermission', ... }, localizedMessage }

export interface MoRef {
  type: string;
  value: string;
}

export type VimValue = unknown;

export interface MissingProperty {
  path: string;
  faultName: string; // inner fault's type: NoPermission, NotAuthenticated, InvalidProperty...
  fault: Record<string, unknown>; // decoded inner fault object
  message: string; // localizedMessage, may be ""
}

export interface ObjectContent {
  obj: MoRef;
  props: Record<string, VimValue>; // keyed by property path exactly as requested ("config.hardware.device")
  missing: MissingProperty[];
  // What CollectSpec.prepare's module made of the object on the decoding worker (props are then empty); absent
  // when the page was decoded in this thread or the module left the object as it was.
  prepared?: unknown;
}

export interface PropSet {
  type: string; // managed object type: "VirtualMachine", "HostSystem"...
  paths: string[];
}

export interface CollectSpec {
  container?: MoRef; // default: serviceContent.rootFolder
  viewTypes: string[]; // CreateContainerView type list
  recursive?: boolean; // default true
  propSets: PropSet[];
  maxObjects?: number; // RetrieveOptions.maxObjects (default 1000)
  // Read the objects of this type (e.g. VirtualMachine) in parts, so that decoding one part overlaps the server
  // building the next (collect.ts): the first request reads every other type's properties and only the refs of
  // this one; then the refs, in listing order, in parts of `partSize` (default: 1,000, more past 20 parts), each
  // through a ListView, `inFlight` at a time (default 3). At most one part's refs: read through the same
  // container view instead. Objects reach onObject in the listing's order of parts whatever part arrives first.
  split?: { type: string; partSize?: number; inFlight?: number };
  // The URL of a module whose `prepare(oc)` runs on the decoding worker (decode-offload.ts) for each object and
  // returns what the consumer keeps of it (cloned back as ObjectContent.prepared), or undefined to send the
  // object whole. Without a worker nothing is prepared: the consumer handles both.
  prepare?: string;
}

export interface CollectStats {
  objects: number;
  pages: number;
  restarts: number; // collections restarted after a re-login
}

export interface CollectHandlers {
  onObject(oc: ObjectContent): void;
  // Called when the collection restarts from the beginning (session expired mid-scan and the client
  // logged in again): the consumer must drop what it received so far.
  onRestart?(): void;
  onPage?(page: number, objectsSoFar: number): void; // progress
  // Abandons the collection: the page read stops, an outstanding paging token is cancelled
  // (CancelRetrievePropertiesEx), the view destroyed, and collect() rejects with TransportError('cancelled').
  signal?: AbortSignal;
}

export interface AboutInfo {
  name: string;
  fullName: string;
  vendor: string;
  version: string;
  build: string;
  apiType: string; // VirtualCenter | HostAgent
  apiVersion: string;
  instanceUuid?: string;
  productLineId?: string;
}

export interface ServiceContent {
  about: AboutInfo;
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager?: MoRef;
  sessionManager?: MoRef;
  authorizationManager?: MoRef;
  licenseManager?: MoRef;
  searchIndex?: MoRef;
  [k: string]: unknown;
}

export interface CallStats {
  total: number;
  byMethod: Record<string, number>;
}

export interface TlsOptions {
  caFile?: string; // PEM bundle to trust in addition to nothing else (replaces system CAs when given)
  insecure?: boolean; // explicit opt-out of verification
  // Pinned leaf certificates (SHA-256, "AB:CD:..."): exactly these are accepted, without CA or host name checks.
  thumbprints?: string[];
}

export interface ClientOptions {
  server: string; // "vc.example.com", "vc.example.com:8443" or "https://vc.example.com[/sdk]"
  user: string;
  password: string; // never logged; kept only in memory for re-login
  tls?: TlsOptions;
  timeoutMs?: number; // per request, default 120_000
  retries?: number; // transient-failure retries for idempotent reads, default 3
  retryBaseMs?: number; // first retry delay (doubles per attempt, jittered), default 500
  maxResponseBytes?: number; // bulk pages, default 512 MiB (a vcsim 10k-VM page is 64 MB); single-document replies get 1/32 of it
  // Cancels everything in flight (socket, body, retry waits) when aborted, e.g. on --target-timeout; calls
  // then reject with signal.reason when it is an Error. Logout after a cancellation is capped at 5 s.
  signal?: AbortSignal;
  keepAliveIntervalMs?: number; // CurrentTime heartbeat during long scans, default 10 min
  // Replaces the HTTP exchange under the decorators (an in-process simulator, a recorder); default: SOAP over https.
  roundTripper?: RoundTripper;
  logger?: import('pino').Logger;
}

// The methods ftscan may send. Anything else throws ReadOnlyViolation before a byte is sent.
export const ALLOWED_METHODS = [
  'RetrieveServiceContent',
  'Login',
  'Logout',
  'CurrentTime',
  'CreateContainerView',
  // A session-scoped view of the given objects (collect.ts reads an estate's VMs in parts through them), as
  // read-only as CreateContainerView: it changes nothing in the inventory and dies with DestroyView or the session.
  'CreateListView',
  'DestroyView',
  'RetrievePropertiesEx',
  'ContinueRetrievePropertiesEx',
  'CancelRetrievePropertiesEx',
  'QueryFaultToleranceCompatibility',
  'QueryFaultToleranceCompatibilityEx',
  'HasPrivilegeOnEntities',
  'FetchUserPrivilegeOnEntities',
  'QueryAssignedLicenses',
] as const;
export type AllowedMethod = (typeof ALLOWED_METHODS)[number];

// A SOAP argument as the encoder takes it: an ordered list of [elementName, value] where value is
// a string/number/boolean (escaped text), a MoRef (written with its type attribute), an array
// (repeated element), or a nested ordered list for a data object, optionally typed with xsi:type.
export type SoapArg = [name: string, value: SoapValue];
export type SoapValue = string | number | boolean | MoRef | { xsiType: string; fields: SoapArg[] } | SoapArg[] | SoapValue[];

// The seam below the typed methods (methods.ts), like govmomi's soap.RoundTripper: a request in, the decoded
// `returnval` out. The allowlist, retries, call accounting, keep-alive and re-login are decorators of it
// (decorators.ts), and a test or tool may put its own below them.
export interface PageSink {
  onObject(oc: ObjectContent): void;
  // Polled after each chunk: an error abandons the read and is thrown.
  stop(): Error | undefined;
  // Awaited once the reply's status is in and before its body is read: a split read (collect.ts) keeps a later
  // part's reply unread until the parts before it are done; the server's work on it is done meanwhile.
  ready?(): Promise<void>;
  prepare?: string; // CollectSpec.prepare
}

export interface SoapRequest {
  method: AllowedMethod;
  self: MoRef;
  args: SoapArg[];
  // Cancels this call down to the socket; the client fills in ClientOptions.signal when none is given.
  signal?: AbortSignal | undefined;
  // RetrievePropertiesEx / ContinueRetrievePropertiesEx streamed: the result is then `{ token? }` only.
  page?: PageSink;
}

export type RoundTripper = (req: SoapRequest) => Promise<VimValue>;
export type Decorator = (next: RoundTripper) => RoundTripper;

export interface PageResult {
  token?: string;
}

export interface VimClient {
  readonly serviceContent: ServiceContent;
  readonly about: AboutInfo;
  readonly calls: CallStats; // every SOAP call sent (including login/logout), by method
  readonly serverUrl: string; // https://host/sdk, no credentials
  // The full call stack (re-login included): what the typed methods of methods.ts take.
  readonly roundTrip: RoundTripper;
  // Generic read: `this` MoRef + ordered arguments; returns the decoded `returnval` (or undefined).
  invoke(method: AllowedMethod, self: MoRef, args?: SoapArg[]): Promise<VimValue>;
  // ContainerView (+ ListViews for a split) + RetrievePropertiesEx + ContinueRetrievePropertiesEx, streamed; DestroyView at the end.
  collect(spec: CollectSpec, handlers: CollectHandlers): Promise<CollectStats>;
  logout(): Promise<void>; // idempotent; never throws
}
