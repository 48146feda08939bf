// [local] Notifications against real servers on 127.0.0.1: an SMTP server (smtp-server, the server half of
// nodemailer's project) with STARTTLS or implicit TLS and AUTH, and a loopback HTTP(S) receiver for webhooks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotify } from '../../../src/notify/config.js';
import { summarize, triggered } from '../../../src/notify/message.js';
import { notifyAll } from '../../../src/notify/send.js';
import { causesOf } from '../../../src/report/causes.js';
import { renderReport } from '../../../src/report/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { makeScanResult, SERVER } from '../report/fixtures.js';

const SMTP_USER = 'ftscan-mailer';
const SMTP_PASSWORD = 'smtp-Pa55-7c1e9d';
const HOOK_TOKEN = 'T0KEN-b7f1e2a94c';

let pems: { cert: string; private: string };
const dir = mkdtempSync(join(tmpdir(), 'ftscan-notify-'));
const caFile = join(dir, 'ca.pem');

beforeAll(async () => {
  pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  writeFileSync(caFile, pems.cert);
});

interface Received {
  from?: string;
  to: string[];
  data: string;
  user?: string;
  secure: boolean;
}

async function smtp(mode: 'starttls' | 'implicit'): Promise<{ port: number; mails: Received[]; close: () => Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    secure: mode === 'implicit',
    key: pems.private,
    cert: pems.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    // STARTTLS is offered; AUTH only once the connection is encrypted (the default, kept on purpose).
    allowInsecureAuth: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        // Bodies come quoted-printable: soft line breaks and =XX escapes undone (UTF-8 bytes).
        const data = Buffer.from(
          raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          user: session.user as string | undefined,
          secure: session.secure,
        });
        cb();
      });
    },
    logger: false,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

interface Hook {
  url: string;
  bodies: { path: string; json: unknown }[];
  close: () => Promise<void>;
}

async function receiver(opts: { status?: number; tls?: boolean } = {}): Promise<Hook> {
  const bodies: Hook['bodies'] = [];
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', json: JSON.parse(text) });
      res.writeHead(opts.status ?? 200, { 'content-type': 'text/plain' });
      // An endpoint that echoes the request URL in its error: the token must still not reach a warning.
      res.end(opts.status && opts.status >= 400 ? `bad request to ${req.url}` : '1');
    });
  };
  const server: Server = opts.tls ? createHttpsServer({ key: pems.private, cert: pems.cert }, handler) : createHttpServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/hooks/${HOOK_TOKEN}`,
    bodies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function secretFile(name: string, value: string): string {
  const f = join(dir, name);
  writeFileSync(f, `${value}\n`, { mode: 0o600 });
  return f;
}

function withBaseline() {
  const result = makeScanResult();
  result.baseline = { file: 'last.json', new: 1, unchanged: 5, resolved: [] };
  for (const f of result.evaluation.findings) f.status = f.ruleId === 'vm-usb-device' ? 'new' : 'unchanged';
  return result;
}

describe('notification message', () => {
  it('subject names the vCenters and verdict counts; text has counts, new blockers, first fixes, failed vCenters', () => {
    const result = withBaseline();
    const s = summarize(result, [{ format: 'html', file: '/srv/reports/scan.html' }]);
    const v = result.summary.vms;
    // The run failed (vc2 not read): FAILED and why first, then the counts, each verdict under its own name.
    expect(s.subject).toBe(
      `ftscan FAILED: 1 of 2 vCenters not read (vc2.example.com: certificate not trusted: pass --ca-file FILE, or --insecure) - ` +
        `${SERVER}, vc2.example.com: ${v.blocked} blocked, ${v.unknown} unknown, ${v.warnings} ready with warnings, ${v.ready} ready, ` +
        `${v.excluded} excluded, 1 new blocker`,
    );
    expect(s.text.split('\n')[0]).toBe(s.failure);
    expect(s.text).toContain(`Findings: ${result.summary.findings.blocker} blocker`);
    expect(s.text).toMatch(/New blockers since the baseline: 1 .*\n {2}- vm-usb-device on '?=cmd/);
    const first = causesOf(result).causes[0]!;
    expect(s.text).toContain(`What to fix first:\n  1. `);
    expect(s.text).toContain(first.fix);
    expect(s.text).toContain('vc2.example.com: failed (certificate not trusted');
    expect(s.text).toContain('html: /srv/reports/scan.html');
  });

  it('when: new-blockers against the baseline (any blocker without one), always, failure', () => {
    const quiet = withBaseline();
    for (const f of quiet.evaluation.findings) f.status = 'unchanged';
    expect(triggered(quiet, ['new-blockers'])).toEqual([]);
    expect(triggered(withBaseline(), ['new-blockers'])).toEqual(['new-blockers']);
    expect(triggered(makeScanResult(), ['new-blockers'])).toEqual(['new-blockers']); // first run: no baseline
    expect(triggered(quiet, ['always'])).toEqual(['always']);
    expect(triggered(quiet, ['failure'])).toEqual(['failure']); // vc2 failed
    const ok = makeScanResult();
    ok.targets = [ok.targets[0]!];
    ok.targets[0]!.status = 'complete';
    expect(triggered(ok, ['failure'])).toEqual([]);
  });
});

describe('notify config', () => {
  it('[local] names secrets by file or environment variable only (read at send time), and refuses them inline', () => {
    const env = { HOOK_URL: `https://hooks.example.com/services/${HOOK_TOKEN}` };
    const [mail, hook] = parseNotify(
      [
        {
          type: 'mail',
          host: 'smtp.example.com',
          from: 'ftscan@example.com',
          to: 'ops@example.com',
          user: SMTP_USER,
          'password-file': secretFile('smtp.pw', SMTP_PASSWORD),
        },
        { type: 'teams', name: 'ops-teams', 'url-env': 'HOOK_URL', when: ['always', 'failure'] },
      ],
      dir,
    );
    expect(mail).toMatchObject({
      type: 'mail',
      port: 587,
      tls: 'starttls',
      password: { file: join(dir, 'smtp.pw') },
      to: ['ops@example.com'],
      when: ['new-blockers'],
    });
    expect(hook).toMatchObject({ type: 'teams', name: 'ops-teams', url: { env: 'HOOK_URL' }, when: ['always', 'failure'] });
    expect(() => parseNotify([{ type: 'slack', url: env.HOOK_URL }], dir)).toThrow(
      /'url' never goes in the config: use url-file or url-env/,
    );
    expect(() => parseNotify([{ type: 'mail', host: 'h', from: 'f', to: 't', user: 'u', password: 'x' }], dir)).toThrow(
      /never goes in the config/,
    );
    // Syntax only: an unset variable is the send's business (a warning), not the config's (exit 2).
    expect(parseNotify([{ type: 'slack', 'url-env': 'NOPE' }], dir)).toMatchObject([{ url: { env: 'NOPE' } }]);
    expect(() => parseNotify([{ type: 'slack', 'url-env': 'NOPE', 'url-file': 'x' }], dir)).toThrow(/url-file or url-env, not both/);
    expect(() => parseNotify([{ type: 'slack', 'url-env': 42 }], dir)).toThrow(/'url-env' must be a non-empty string/);
    expect(() => parseNotify([{ type: 'slack', 'url-env': 'HOOK_URL', when: 'sometimes' }], dir)).toThrow(/when 'sometimes' is not one of/);
    expect(() => parseNotify([{ type: 'slak' }], dir)).toThrow(/type must be one of mail, slack, teams, webhook/);
    expect(() => parseNotify([{ type: 'slack', 'url-env': 'HOOK_URL', chanel: 'x' }], dir)).toThrow(/unknown key 'chanel'/);
  });
});

describe('delivery', () => {
  let warnings: string[];
  let env: Record<string, string> = {};
  const ctx = {
    warn: (l: string) => warnings.push(l),
    debug: (l: string) => warnings.push(`debug: ${l}`),
    html: (r: ScanResult) => [...renderReport('html', r)].join(''), // as the application passes it
    get env() {
      return env;
    },
  };
  beforeAll(() => {
    warnings = [];
  });
  afterAll(() => {
    const all = warnings.join('\n');
    expect(all).not.toContain(SMTP_PASSWORD);
    expect(all).not.toContain(HOOK_TOKEN);
  });

  it.each(['starttls', 'implicit'] as const)(
    'mails over %s with AUTH, the CA from ca-file, the summary and the attached report',
    async (mode) => {
      const server = await smtp(mode);
      try {
        const report = join(dir, 'scan.html');
        writeFileSync(report, '<html><body>report</body></html>');
        const [ch] = parseNotify(
          [
            {
              type: 'mail',
              host: '127.0.0.1',
              port: server.port,
              tls: mode,
              'ca-file': caFile,
              user: SMTP_USER,
              'password-env': 'SMTP_PW',
              from: 'ftscan@example.com',
              to: ['ops@example.com', 'vmw@example.com'],
              attach: ['html'],
              'inline-html': mode === 'implicit',
              when: 'always',
            },
          ],
          dir,
        );
        env = { SMTP_PW: SMTP_PASSWORD };
        const result = withBaseline();
        const sent = await notifyAll(
          result,
          [ch!],
          [
            { format: 'html', file: report },
            { format: 'json', file: join(dir, 'x.json') },
          ],
          ctx,
        );
        expect(sent).toEqual([ch!.name]);
        expect(server.mails).toHaveLength(1);
        const m = server.mails[0]!;
        expect(m.secure).toBe(true);
        expect(m.user).toBe(SMTP_USER);
        expect(m.to).toEqual(['ops@example.com', 'vmw@example.com']);
        expect(m.data).toMatch(/^Subject: ftscan FAILED: 1 of 2 vCenters not read/m);
        expect(m.data.replace(/\r?\n /g, ' ')).toMatch(/vc1\.example\.com, vc2\.example\.com: \d+ blocked/);
        expect(m.data).toContain('New blockers since the baseline: 1');
        expect(m.data).toContain('filename=scan.html');
        expect(m.data).not.toContain('filename=x.json'); // listed under Reports, not attached
        // inline-html: the HTML report as an alternative body beside the text (implicit-TLS case only).
        expect(/Content-Type: multipart\/alternative/i.test(m.data)).toBe(mode === 'implicit');
        expect(/<!doctype html>/i.test(m.data)).toBe(mode === 'implicit'); // the attachment itself is base64
        expect(m.data).toContain('json: ' + join(dir, 'x.json'));
      } finally {
        await server.close();
      }
    },
  );

  it('a wrong SMTP password or an untrusted certificate is a warning naming the channel, never a throw', async () => {
    const server = await smtp('starttls');
    try {
      const wrong = parseNotify(
        [
          {
            type: 'mail',
            name: 'ops-mail',
            host: '127.0.0.1',
            port: server.port,
            'ca-file': caFile,
            user: SMTP_USER,
            'password-env': 'PW',
            from: 'a@example.com',
            to: 'b@example.com',
            when: 'always',
          },
        ],
        dir,
      );
      const untrusted = parseNotify(
        [
          {
            type: 'mail',
            name: 'no-ca',
            host: '127.0.0.1',
            port: server.port,
            user: SMTP_USER,
            'password-env': 'PW2',
            from: 'a@example.com',
            to: 'b@example.com',
            when: 'always',
          },
        ],
        dir,
      );
      env = { PW: 'wrong-Secret-42', PW2: SMTP_PASSWORD };
      warnings.length = 0;
      expect(await notifyAll(makeScanResult(), [...wrong, ...untrusted], [], ctx)).toEqual([]);
      expect(server.mails).toHaveLength(0);
      const w = warnings.filter((l) => !l.startsWith('debug'));
      expect(w[0]).toMatch(/^notification ops-mail \(mail\) not delivered: .*(Invalid|535)/);
      expect(w[1]).toMatch(/^notification no-ca \(mail\) not delivered: .*(certificate|self.signed)/i);
      expect(w.join('\n')).not.toContain('wrong-Secret-42');
    } finally {
      await server.close();
    }
  });

  it('posts Slack text, a Teams Adaptive Card and the generic JSON to the loopback receiver', async () => {
    const hook = await receiver({ tls: true });
    try {
      const file = secretFile('hook.url', hook.url);
      const channels = parseNotify(
        ['slack', 'teams', 'webhook'].map((type) => ({
          type,
          'url-file': file,
          'ca-file': caFile,
          'report-link': 'https://reports.example.com/ftscan/scan.html',
        })),
        dir,
      );
      env = {};
      const result = withBaseline();
      expect(await notifyAll(result, channels, [], ctx)).toEqual(['slack-1', 'teams-2', 'webhook-3']);
      expect(hook.bodies.map((b) => b.path)).toEqual([`/hooks/${HOOK_TOKEN}`, `/hooks/${HOOK_TOKEN}`, `/hooks/${HOOK_TOKEN}`]);
      const [slack, teams, generic] = hook.bodies.map((b) => b.json) as [any, any, any];
      expect(slack.text).toMatch(/^\*ftscan FAILED: 1 of 2 vCenters not read .*vc1\.example\.com.*1 new blocker\*\n/);
      expect(slack.text).toContain('Report: https://reports.example.com/ftscan/scan.html');
      expect(teams.type).toBe('message');
      const card = teams.attachments[0];
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
      const facts = card.content.body.find((b: any) => b.type === 'FactSet').facts;
      expect(facts).toContainEqual({ title: 'blocked', value: String(result.summary.vms.blocked) });
      expect(JSON.stringify(card.content.body)).toContain('vm-usb-device');
      expect(generic.newBlockers).toEqual([expect.objectContaining({ ruleId: 'vm-usb-device', server: SERVER })]);
      expect(generic.counts.vms.blocked).toBe(result.summary.vms.blocked);
      expect(generic.failedTargets[0].server).toBe('vc2.example.com');
    } finally {
      await hook.close();
    }
  });

  it("an endpoint answering 400 (echoing its URL) or not listening is a warning without the URL's secret", async () => {
    const hook = await receiver({ status: 400 });
    const gone = await receiver();
    await gone.close();
    try {
      env = { A: hook.url, B: gone.url };
      const channels = parseNotify(
        [
          { type: 'slack', name: 'bad', 'url-env': 'A', when: 'always' },
          { type: 'webhook', name: 'down', 'url-env': 'B', when: 'always' },
        ],
        dir,
      );
      warnings.length = 0;
      expect(await notifyAll(makeScanResult(), channels, [], ctx)).toEqual([]);
      const w = warnings.filter((l) => !l.startsWith('debug'));
      expect(w[0]).toMatch(/^notification bad \(slack\) not delivered: HTTP 400: bad request to \*\*\*;/);
      expect(w[1]).toMatch(/^notification down \(webhook\) not delivered: .*ECONNREFUSED/);
      expect(w.join('\n')).not.toContain(HOOK_TOKEN);
    } finally {
      await hook.close();
    }
  });
});
