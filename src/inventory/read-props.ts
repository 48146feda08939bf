// Reads a few properties of ONE known object (SessionManager.currentSession, LicenseManager's
// licenseAssignmentManager) with a plain RetrievePropertiesEx: one call, no ContainerView.

import type { MoRef, VimClient } from '../vsphere/api.js';
import { VimFault } from '../vsphere/errors.js';
import { retrievePropertiesEx } from '../vsphere/methods.js';

export async function readProperties(client: VimClient, target: MoRef, paths: string[]): Promise<Record<string, unknown>> {
  const { objects } = await retrievePropertiesEx(client.roundTrip, client.serviceContent.propertyCollector, {
    specSet: [
      { propSet: [{ type: target.type, pathSet: paths }], objectSet: [{ obj: { type: target.type, value: target.value }, skip: false }] },
    ],
    options: {},
  });
  const out: Record<string, unknown> = {};
  for (const oc of objects) {
    Object.assign(out, oc.props);
    // a property that could not be read surfaces as the fault it carried (message already scrubbed)
    const missing = oc.missing[0];
    if (missing) throw new VimFault(missing.faultName, missing.message, missing.fault, 'RetrievePropertiesEx');
  }
  return out;
}
