// Hand-written decoded values (src/vsphere/api.ts conventions) for the inventory unit tests.
import type { MissingProperty, ObjectContent } from '../../../src/vsphere/api.js';

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
