// Reads a few properties of ONE known object (SessionManager.currentSession, LicenseManager's
// licenseAssignmentManager) with a plain RetrievePropertiesEx: one call, no ContainerView.

import { scrubSecrets } from '../util/redact.js';
import type { MoRef, SoapArg, VimClient } from '../vsphere/api.js';
import { VimFault } from '../vsphere/errors.js';
import { arr, get, obj, str } from './values.js';

export async function readProperties(client: VimClient, target: MoRef, paths: string[]): Promise<Record<string, unknown>> {
  const args: SoapArg[] = [
    [
      'specSet',
      [
        [
          'propSet',
          [
            ['type', target.type],
            ['all', false],
            ['pathSet', paths],
          ],
        ],
        [
          'objectSet',
          [
            ['obj', { type: target.type, value: target.value }],
            ['skip', false],
          ],
        ],
      ],
    ],
    // RetrieveOptions is a required argument even when empty
    ['options', { xsiType: 'RetrieveOptions', fields: [] }],
  ];
  const result = await client.invoke('RetrievePropertiesEx', client.serviceContent.propertyCollector, args);
  const out: Record<string, unknown> = {};
  for (const oc of arr(get(result, 'objects'))) {
    for (const ps of arr(get(oc, 'propSet'))) {
      const name = str(get(ps, 'name'));
      if (name) out[name] = get(ps, 'val');
    }
    // a property that could not be read surfaces as the fault it carried
    const missing = obj(arr(get(oc, 'missingSet'))[0]);
    if (missing) {
      const fault = obj(get(missing, 'fault.fault'));
      const text = scrubSecrets(str(get(missing, 'fault.localizedMessage')) ?? ''); // server text: may echo a secret
      throw new VimFault(str(fault?._type) ?? 'MethodFault', text, fault ?? {}, 'RetrievePropertiesEx');
    }
  }
  return out;
}
