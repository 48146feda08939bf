// Plain node:https SOAP for the benchmarks' "floor" measurements: no ftscan client, no decoding. Talks to
// vcsim's fixed vCenter moids (SessionManager, ViewManager, group-d1, propertyCollector).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { MoRef, SoapArg } from '../src/vsphere/api.js';
import { encodeRequest } from '../src/vsphere/soap-encode.js';

export const env = (k: string): string => {
  const v = process.env[k];
  if (v === undefined) throw new Error(`${k} is not set`);
  return v;
};

export const moref = (type: string, value: string): MoRef => ({ type, value });

export interface RawReply {
  text: string; // the body, only when it is small (< 1 MiB): ids such as a view's moid
  bytes: number;
  cookie?: string;
  token?: string; // a property-collector page's paging token (found in the body's last bytes)
}

export interface RawSoap {
  post(body: string, cookie?: string): Promise<RawReply>;
  login(): Promise<string>;
  view(cookie: string, types: string[]): Promise<MoRef>;
  retrieve(cookie: string, args: SoapArg[]): Promise<RawReply>; // RetrievePropertiesEx
  continueRetrieve(cookie: string, token: string): Promise<RawReply>; // ContinueRetrievePropertiesEx
  logout(cookie: string): Promise<void>;
}

export function rawSoap(url: URL, ca: string): RawSoap {
  const post = (body: string, cookie?: string): Promise<RawReply> =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          ca,
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'urn:vim25/6.5', ...(cookie ? { Cookie: cookie } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          let tail = ''; // the last bytes: a page's <token> comes after its objects
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (bytes < 1 << 20) chunks.push(c);
            tail = (tail + c.toString('latin1', Math.max(0, c.length - 4096))).slice(-4096);
          });
          res.on('end', () => {
            const token = /<token>([^<]+)<\/token>/.exec(tail)?.[1];
            resolve({
              text: Buffer.concat(chunks).toString(),
              bytes,
              cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
              ...(token ? { token } : {}),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    post,
    async login() {
      const r = await post(
        encodeRequest('Login', moref('SessionManager', 'SessionManager'), [
          ['userName', env('FTSCAN_BENCH_USER')],
          ['password', env('FTSCAN_BENCH_PASSWORD')],
        ]),
      );
      if (!r.cookie) throw new Error('Login gave no session cookie');
      return r.cookie;
    },
    async view(cookie, types) {
      const r = await post(
        encodeRequest('CreateContainerView', moref('ViewManager', 'ViewManager'), [
          ['container', moref('Folder', 'group-d1')],
          ['type', types],
          ['recursive', true],
        ]),
        cookie,
      );
      const id = /<returnval type="ContainerView">([^<]+)</.exec(r.text)?.[1];
      if (!id) throw new Error('CreateContainerView gave no view');
      return moref('ContainerView', id);
    },
    retrieve: (cookie, args) => post(encodeRequest('RetrievePropertiesEx', moref('PropertyCollector', 'propertyCollector'), args), cookie),
    continueRetrieve: (cookie, token) =>
      post(encodeRequest('ContinueRetrievePropertiesEx', moref('PropertyCollector', 'propertyCollector'), [['token', token]]), cookie),
    async logout(cookie) {
      await post(encodeRequest('Logout', moref('SessionManager', 'SessionManager')), cookie);
    },
  };
}

export function benchTarget(): { url: URL; ca: string } {
  return { url: new URL(env('FTSCAN_BENCH_URL')), ca: readFileSync(env('FTSCAN_BENCH_CA'), 'utf8') };
}
