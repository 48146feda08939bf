// Host licence editions: LicenseManager.licenseAssignmentManager -> QueryAssignedLicenses() with no entityId
// (every assignment in ONE call) -> editionKey per host. Optional: any failure leaves the editions unset
// and notes an optional problem that does not make the scan incomplete.

import { scrubSecrets } from '../util/redact.js';
import type { MoRef, VimClient } from '../vsphere/api.js';
import { VimFault } from '../vsphere/errors.js';
import { queryAssignedLicenses } from '../vsphere/methods.js';
import type { CollectionProblem } from './model.js';
import { readProperties } from './read-props.js';
import { moid } from './values.js';

export interface LicenseResult {
  editions: Map<string, string>; // host moid -> editionKey ("esx.enterprisePlus.cpuPackage")
  problems: CollectionProblem[];
}

function problem(err: unknown): CollectionProblem {
  const fault = err instanceof VimFault ? err.faultName : 'LicenseReadFailed';
  const why = scrubSecrets(err instanceof Error ? err.message : String(err)); // may quote the server
  return {
    fault,
    message: `host licence editions not read (${why}); no edition is assumed: SMP-FT VMs above 2 vCPUs are unknown unless --edition states it`,
    optional: true,
  };
}

export async function readHostLicenses(client: VimClient, hostMoids: string[]): Promise<LicenseResult> {
  const editions = new Map<string, string>();
  const licenseManager = client.serviceContent.licenseManager;
  if (!licenseManager) return { editions, problems: [problem(new Error('this server has no LicenseManager'))] };
  try {
    const props = await readProperties(client, licenseManager, ['licenseAssignmentManager']);
    const lamMoid = moid(props.licenseAssignmentManager);
    if (!lamMoid) return { editions, problems: [problem(new Error('no LicenseAssignmentManager (API 4.0+)'))] };
    const lam: MoRef = { type: 'LicenseAssignmentManager', value: lamMoid };
    const wanted = new Set(hostMoids);
    for (const a of await queryAssignedLicenses(client.roundTrip, lam)) {
      const entity = a.entityId;
      const edition = a.assignedLicense?.editionKey;
      if (entity && edition && wanted.has(entity)) editions.set(entity, edition);
    }
    return { editions, problems: [] };
  } catch (err) {
    return { editions, problems: [problem(err)] };
  }
}
