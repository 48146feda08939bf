// msw handlers of the mock vCenter: vim25 SOAP at /sdk and the vSphere Automation REST API (/api, /rest).
// This file is the HTTP front: parsing, sessions, fault injection (control.ts); each SOAP method family lives in
// mocks/methods/ and is looked up in methods/index.ts.
// Behaviour follows real vCenter where it differs from vcsim: an unknown property path fails the whole
// RetrievePropertiesEx with InvalidProperty; propSet comes back sorted by path; unset properties are absent;
// views and paging tokens belong to a session and die with it.
// Synthetic (no real capture exists; shapes from the vim25 schema): paging tokens, the FT compatibility
// query, HasPrivilegeOnEntities / FetchUserPrivilegeOnEntities, QueryAssignedLicenses, the /api tagging API.
import { http, type HttpHandler } from 'msw';
import { XMLParser } from 'fast-xml-parser';
import { MockControl } from './control.js';
import { isMoRef, moref, type Estate, type MockObject, type MoRefValue } from './estate.js';
import { methodReturnType } from './schema.js';
import { serializeFault, serializeResponse } from './serializer.js';
import { createRestHandler } from './rest.js';
import { type MockContext, moRefOf, nowIso, requireThis, type Session, SoapFault, type X } from './methods/context.js';
import { dispatch } from './methods/index.js';
import { login, serviceContent } from './methods/session.js';

export interface MockVcenterOptions {
  baseUrl?: string; // default 'https://vc.mock.test'
  defaultMaxObjects?: number; // page size when RetrieveOptions.maxObjects is unset (default 100)
}

export interface MockVcenter {
  readonly baseUrl: string;
  readonly estate: Estate;
  readonly handlers: HttpHandler[]; // msw: setupServer(...mock.handlers)
  readonly control: MockControl;
  handle(req: Request): Promise<Response>; // the same logic without msw (server.ts)
  // Live SOAP sessions (for assertions such as "logout happened").
  sessionCount(): number;
  // Views (ContainerView, ListView) not yet destroyed, over the live sessions.
  viewCount(): number;
}

const SERVICE_INSTANCE = moref('ServiceInstance', 'ServiceInstance');
const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-cache', 'x-frame-options': 'DENY' };

const VERSIONS_XML =
  '<?xml version="1.0" encoding="UTF-8" ?><namespaces version="1.0"><namespace><name>urn:vim25</name><version>VERSION</version><priorVersions>' +
  [
    '8.0.2.0',
    '8.0.1.0',
    '8.0.0.0',
    '7.0.3.0',
    '7.0.2.0',
    '7.0.1.0',
    '7.0.0.0',
    '6.7.3',
    '6.7',
    '6.5',
    '6.0',
    '5.5',
    '5.1',
    '5.0',
    '4.1',
    '4.0',
  ]
    .map((v) => `<version>${v}</version>`)
    .join('') +
  '</priorVersions></namespace></namespaces>\n';

// fast-xml-parser keeps namespace prefixes on attributes (xsi:type vs a MoRef's type) and drops them on
// elements, so `env:`, `soapenv:` and `n1:` requests all parse alike (NOTES item 1).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  transformTagName: (name) => name.replace(/^[^:]*:/, ''),
});

function cookieSession(req: Request): string | undefined {
  const m = /vmware_soap_session="?([^";]+)"?/.exec(req.headers.get('cookie') ?? '');
  return m?.[1];
}

export function createMockVcenter(estate: Estate, opts: MockVcenterOptions = {}): MockVcenter {
  const baseUrl = (opts.baseUrl ?? 'https://vc.mock.test').replace(/\/$/, '');
  const pageSize = opts.defaultMaxObjects ?? 100;
  const control = new MockControl();
  const sessions = new Map<string, Session>();
  const byMoid = new Map<string, MockObject>();
  const children = new Map<string, string[]>();
  const link = (parent: string, child: string) => {
    const list = children.get(parent);
    if (list) {
      if (!list.includes(child)) list.push(child);
    } else children.set(parent, [child]);
  };
  for (const o of estate.objects) byMoid.set(o.moid, o);
  for (const o of estate.objects) {
    if (o.parent) link(o.parent.value, o.moid);
    // A VM is in its resource pool too, so a cluster container view reaches its VMs (vCenter behaviour).
    const rp = o.props.resourcePool;
    if (o.type === 'VirtualMachine' && isMoRef(rp)) link(rp.value, o.moid);
  }
  const about = estate.about as { version?: string; apiVersion?: string };
  const rest = createRestHandler(estate, control);

  // Managed objects that are not inventory entities but are read with RetrievePropertiesEx.
  const serviceObjects = new Map<string, (s: Session) => MockObject>([
    [
      'LicenseManager',
      () => ({
        type: 'LicenseManager' as never,
        moid: 'LicenseManager',
        props: { licenseAssignmentManager: moref('LicenseAssignmentManager', 'LicenseAssignmentManager') },
      }),
    ],
    [
      'SessionManager',
      (s) => ({
        type: 'SessionManager' as never,
        moid: 'SessionManager',
        props: { currentSession: s.userSession, defaultLocale: 'en', messageLocaleList: ['en'], supportedLocaleList: ['en'] },
      }),
    ],
    [
      'ServiceInstance',
      () => ({
        type: 'ServiceInstance' as never,
        moid: 'ServiceInstance',
        props: { content: serviceContent(estate.about), serverClock: nowIso() },
      }),
    ],
  ]);

  function lookup(ref: MoRefValue, s: Session): MockObject | undefined {
    const view = s.views.get(ref.value);
    if (view?.kind === 'ContainerView' && ref.type === 'ContainerView')
      return {
        type: 'ContainerView' as never,
        moid: view.moid,
        props: { view: view.view, container: view.container, type: view.type, recursive: view.recursive },
      };
    if (view?.kind === 'ListView' && ref.type === 'ListView')
      return { type: 'ListView' as never, moid: view.moid, props: { view: view.view } };
    const svc = serviceObjects.get(ref.value);
    if (svc && ref.type === ref.value) return svc(s);
    const o = byMoid.get(ref.value);
    return o && o.type === ref.type && !control.deleted.has(o.moid) ? o : undefined;
  }

  const ctx: MockContext = {
    estate,
    control,
    pageSize,
    sessions,
    byMoid,
    children,
    lookup,
    isServiceObject: (moid) => serviceObjects.has(moid),
  };

  function faultResponse(f: SoapFault): Response {
    return new Response(serializeFault(f.faultName, f.fields, f.message), { status: 500, headers: SOAP_HEADERS });
  }

  function httpError(status: number, html: boolean | undefined): Response {
    const reason = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[status] ?? 'Error';
    return html
      ? new Response(
          `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>envoy</center></body></html>\n`,
          {
            status,
            headers: { 'content-type': 'text/html' },
          },
        )
      : new Response('', { status, headers: { 'content-type': 'text/plain' } });
  }

  async function handleSoap(req: Request): Promise<Response> {
    const bodyText = await req.text();
    let method = '';
    let call: X = {};
    try {
      const doc = parser.parse(bodyText) as X;
      const body = ((doc.Envelope as X | undefined)?.Body ?? {}) as X;
      method = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text') ?? '';
      call = (typeof body[method] === 'object' ? body[method] : {}) as X;
    } catch {
      method = '';
    }
    const sessionId = cookieSession(req);
    const record = { method: method || '(unparseable)', at: Date.now(), sessionId, ok: true };
    control.calls.push(record);
    const answer = (r: Response) => {
      record.ok = r.status === 200;
      return r;
    };
    if (!method) return answer(faultResponse(new SoapFault('InvalidRequest', {}, 'Unable to parse the SOAP request')));

    if (control.expireAfterCalls !== undefined) {
      if (control.expireAfterCalls <= 0) {
        sessions.clear();
        control.expireAfterCalls = undefined;
      } else control.expireAfterCalls--;
    }
    const failure = control.take(control.failures, method);
    if (failure) return answer(httpError(failure.status, failure.html));
    const injected = control.take(control.faults, method);
    if (injected) return answer(faultResponse(new SoapFault(injected.faultName, injected.fields, injected.message ?? '')));

    const self = moRefOf(call._this);
    let response: Response;
    try {
      if (method === 'RetrieveServiceContent') {
        requireThis(self, 'ServiceInstance', 'ServiceInstance');
        response = new Response(serializeResponse(method, serviceContent(estate.about), methodReturnType(method)), {
          status: 200,
          headers: SOAP_HEADERS,
        });
      } else if (method === 'Login') {
        requireThis(self, 'SessionManager', 'SessionManager');
        const { body, cookie } = login(ctx, call, req);
        response = new Response(body, { status: 200, headers: { ...SOAP_HEADERS, 'set-cookie': cookie } });
      } else {
        const s = sessionId ? sessions.get(sessionId) : undefined;
        if (!s)
          throw new SoapFault(
            'NotAuthenticated',
            { object: self ?? SERVICE_INSTANCE, privilegeId: 'System.View' },
            'The session is not authenticated.',
          );
        (s.userSession as { callCount: number }).callCount++;
        (s.userSession as { lastActiveTime: string }).lastActiveTime = nowIso();
        response = new Response(dispatch(ctx, { method, args: call, self, session: s }), { status: 200, headers: SOAP_HEADERS });
      }
    } catch (e) {
      if (!(e instanceof SoapFault)) throw e;
      response = faultResponse(e);
    }
    if (control.take(control.truncations, method)) {
      const full = await response.text();
      response = new Response(full.slice(0, Math.floor(full.length / 2)), { status: response.status, headers: response.headers });
    }
    return answer(await control.deliver(method, response));
  }

  async function handle(req: Request): Promise<Response> {
    if (control.latencyMs > 0) await new Promise((r) => setTimeout(r, control.latencyMs));
    const url = new URL(req.url);
    if (url.pathname === '/sdk' || url.pathname === '/sdk/') {
      if (req.method !== 'POST') return new Response('', { status: 405 });
      return handleSoap(req);
    }
    if (url.pathname === '/sdk/vimServiceVersions.xml')
      return new Response(VERSIONS_XML.replace('VERSION', about.apiVersion ?? '7.0.3.0'), { status: 200, headers: SOAP_HEADERS });
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/rest/')) return rest(req, url);
    return new Response('', { status: 404 });
  }

  return {
    baseUrl,
    estate,
    control,
    handle,
    handlers: [http.all(`${baseUrl}/*`, ({ request }) => handle(request))],
    sessionCount: () => sessions.size,
    viewCount: () => [...sessions.values()].reduce((n, s) => n + s.views.size, 0),
  };
}
