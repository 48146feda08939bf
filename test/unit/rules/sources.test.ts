// Issue 16 §5: every source an admin is pointed at can be opened. No bare IP address (a security review flags
// it), no dead pubs.vmware.com / docs.vmware.com links; VMware documents cited by title, release and section,
// knowledge-base articles by number.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainRule } from '../../../src/rules/explain.js';
import { SOURCES } from '../../../src/rules/docs/sources.js';

const BANNED_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|pubs\.vmware\.com|docs\.vmware\.com)$/i;
const hostsIn = (text: string) => [...text.matchAll(/\bhttps?:\/\/([^/\s:>)|]+)/gi)].map((m) => m[1]!);
const files = {
  'docs/sources.md': readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8'),
  'src/rules/docs/sources.ts': readFileSync(new URL('../../../src/rules/docs/sources.ts', import.meta.url), 'utf8'),
};

describe('sources an admin can open (issue 16 §5)', () => {
  it.each(Object.keys(files) as (keyof typeof files)[])('%s links no IP address, pubs.vmware.com or docs.vmware.com', (name) => {
    const hosts = hostsIn(files[name]);
    expect(hosts.length).toBeGreaterThan(5);
    expect(hosts.filter((h) => BANNED_HOST.test(h))).toEqual([]);
    expect(files[name]).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}:\d+\//); // host:port written without a scheme
  });

  it('the banned-host check catches the addresses the catalogue used to cite', () => {
    const old = 'http://38.142.81.21:8001/manual/x.html http://pubs.vmware.com/vsphere-60/y https://docs.vmware.com/en/z';
    expect(hostsIn(old).filter((h) => BANNED_HOST.test(h))).toHaveLength(3);
  });

  it('VMware documents name their section, knowledge-base entries their KB number; no "blog post" of the project', () => {
    for (const s of SOURCES) {
      if (/^D\d/.test(s.id)) expect(s.section, s.id).toBeTruthy();
      if (/^K\d/.test(s.id) && s.id !== 'K4') expect(s.kb, s.id).toMatch(/^\d+$/);
      expect(`${s.title} ${s.document}`).not.toMatch(/blog post/i);
    }
  });

  it('ftscan explain prints the document, release and section of each reference, never a bare IP', () => {
    const text = explainRule('vm-removable-devices');
    expect(text).toMatch(/D3: Features and Devices Incompatible with Fault Tolerance\. vSphere Availability, 8\.0, section "/);
    expect(hostsIn(text).filter((h) => BANNED_HOST.test(h))).toEqual([]);
    expect(explainRule('vm-device-hot-add')).not.toMatch(/38\.142|pubs\.vmware|docs\.vmware\.com/);
  });
});
