// LicenseAssignmentManager.QueryAssignedLicenses (synthetic: shapes from the vim25 schema): the estate's
// per-host licences, with a stable made-up key when the estate names none.
import { methodReturnType } from '../schema.js';
import { serializeResponse } from '../serializer.js';
import { type MethodHandler, noPermission, requireThis, ROOT, text } from './context.js';
import { privilegesOn } from './privileges.js';

const queryAssignedLicenses: MethodHandler = (ctx, { method, args, self, session }) => {
  requireThis(self, 'LicenseAssignmentManager', 'LicenseAssignmentManager');
  // QueryAssignedLicenses needs only System.View (vim25 reference).
  if (!privilegesOn(ctx, session.user, ROOT).has('System.View')) throw noPermission(self, 'System.View');
  const entityId = text(args.entityId);
  const version = (ctx.estate.about as { version?: string }).version ?? '7';
  const result = Object.entries(ctx.estate.licenses ?? {})
    .filter(([moid]) => entityId === undefined || moid === entityId)
    .map(([moid, lic]) => ({
      _type: 'LicenseAssignmentManagerLicenseAssignment',
      entityId: moid,
      entityDisplayName: String(ctx.byMoid.get(moid)?.props.name ?? moid),
      assignedLicense: {
        _type: 'LicenseManagerLicenseInfo',
        licenseKey: lic.licenseKey ?? randomKey(moid),
        editionKey: lic.editionKey,
        name: lic.name,
        total: 32,
        used: 2,
        costUnit: lic.costUnit ?? 'cpuPackage',
        properties: [
          { _type: 'KeyAnyValue', key: 'ProductName', value: 'VMware ESX Server' },
          { _type: 'KeyAnyValue', key: 'ProductVersion', value: `${version.split('.')[0]}.0` },
        ],
      },
    }));
  return serializeResponse(method, result, methodReturnType(method));
};

// A licence-key-shaped string derived from the moid, so reruns answer the same key.
function randomKey(seed: string): string {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const part = () => ((h = (h * 1103515245 + 12345) >>> 0) % 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
  return [part(), part(), part(), part(), part()].join('-');
}

export const licenceMethods: Record<string, MethodHandler> = { QueryAssignedLicenses: queryAssignedLicenses };
