// Hand-written decoded values (src/vsphere/api.ts conventions) for the inventory unit tests.
import type { MissingProperty, ObjectContent } from '../../../src/vsphere/api.js';
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { toObjectContent } from '../../../src/vsphere/decode-stream.js';
import { loadCassette } from '../../fixtures/cassettes.js';

export function mo(type: string, value: string) {
  return { _type: 'ManagedObjectReference', type, value };
}

export function oc(type: string, value: string, props: Record<string, unknown>, missing: MissingProperty[] = []): ObjectContent {
  return { obj: { type, value }, props, missing };
}

export function noPermission(path: string, privilegeId = 'System.Read'): MissingProperty {
  return { path, faultName: 'NoPermission', fault: { _type: 'NoPermission', privilegeId }, message: '' };
}

export function dev(type: string, key: number, fields: Record<string, unknown> = {}) {
  return { _type: type, key, deviceInfo: { _type: 'Description', label: `${type} ${key}`, summary: '' }, ...fields };
}

// The first object of the recorded RetrieveProperties reply in `cassette` whose body contains `marker`.
export function recordedObject(cassette: string, marker: string): ObjectContent {
  const reply = loadCassette(cassette).find((i) => i.response.body.includes(marker))!;
  const [first] = decodeEnvelope(reply.response.body, 'RetrieveProperties').returnval as unknown[];
  return toObjectContent(first);
}
