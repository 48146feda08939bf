// Product versions the mock speaks: vCenter and ESXi builds and API versions as real servers report them
// (AboutInfo), and the legacy FT feature version string of a host.
type Obj = Record<string, unknown>;
const d = (type: string, fields: Obj): Obj => ({ _type: type, ...fields });

const VC_BUILDS: Record<string, [build: string, apiVersion: string, licenseVersion: string]> = {
  '5.5.0': ['3252642', '5.5', '5.0'],
  '6.0.0': ['3634793', '6.0', '6.0'],
  '6.5.0': ['5973321', '6.5', '6.0'],
  '6.7.0': ['8170161', '6.7', '6.0'],
  '7.0.3': ['19480866', '7.0.3.0', '7.0'],
  '8.0.2': ['22385739', '8.0.2.0', '8.0'],
  '8.0.3': ['24022515', '8.0.3.0', '8.0'],
};
export const ESX_BUILDS: Record<string, string> = {
  '5.5.0': '3248547',
  '6.0.0': '3620759',
  '6.5.0': '5969303',
  '6.7.0': '8169922',
  '7.0.3': '19193900',
  '8.0.2': '22380479',
  '8.0.3': '24022510',
};

// "7.0.3" -> 70003, so versions compare as numbers.
export function ver(version: string): number {
  const [a, b, c] = version.split('.').map(Number);
  return (a ?? 0) * 10000 + (b ?? 0) * 100 + (c ?? 0);
}

function esxApiVersion(version: string): string {
  if (ver(version) >= 70000) return `${version}.0`;
  const [a, b, c] = version.split('.');
  return c && c !== '0' ? version : `${a}.${b}`;
}

export function aboutVcenter(version: string, build: string | undefined, instanceUuid: string): Obj {
  const [b, api, lic] = VC_BUILDS[version] ?? [build ?? '1000000', esxApiVersion(version), `${version.split('.')[0]}.0`];
  const bld = build ?? b;
  return d('AboutInfo', {
    name: 'VMware vCenter Server',
    fullName: `VMware vCenter Server ${version} build-${bld}`,
    vendor: 'VMware, Inc.',
    version,
    build: bld,
    localeVersion: 'INTL',
    localeBuild: '000',
    osType: 'linux-x64',
    productLineId: 'vpx',
    apiType: 'VirtualCenter',
    apiVersion: api,
    instanceUuid,
    licenseProductName: 'VMware VirtualCenter Server',
    licenseProductVersion: lic,
  });
}

export function aboutEsx(version: string, build: string): Obj {
  return d('AboutInfo', {
    name: 'VMware ESXi',
    fullName: `VMware ESXi ${version} build-${build}`,
    vendor: 'VMware, Inc.',
    version,
    build,
    localeVersion: 'INTL',
    localeBuild: '000',
    osType: 'vmnix-x86',
    productLineId: 'embeddedEsx',
    apiType: 'HostAgent',
    apiVersion: esxApiVersion(version),
    licenseProductName: 'VMware ESX Server',
    licenseProductVersion: `${version.split('.')[0]}.0`,
  });
}

export function ftFeatureVersion(version: string): string {
  const [a, b] = version.split('.');
  const v = `${a}.${b}.0`;
  return `${v}-${v}-${v}`;
}
