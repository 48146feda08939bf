// How a vCenter is named in configs, reports and waivers.

/** "https://VC.example.com:443/sdk" and "vc.example.com" name the same vCenter. */
export function normalizeServer(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:443$/, '');
}
