// Issue 22 §2-§4 on the notification channels: names from vCenter are data in Slack, Teams and mail; every
// notification is bounded (one deadline, a few KB of the answer); secrets are scrubbed in the forms they
// travel in. Loopback servers only, each test bounded by vitest's timeout.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotify } from '../../../src/notify/config.js';
import { notifyAll } from '../../../src/notify/send.js';
import { clearSecrets } from '../../../src/util/redact.js';
import { makeScanResult } from '../report/fixtures.js';

const LINK = '<https://evil.example/login|Open the report>';
const HOSTILE =
  `db-<!channel><!here><!everyone><@U0123ABCD> ${LINK} [click here](https://evil.example/x) www.evil.example ` +
  '\n- forged line\r\nBcc: victim@example.com';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  clearSecrets();
});

async function listen(server: {
  listen: (port: number, host: string, cb: () => void) => unknown;
  address: () => unknown;
  close: (cb: () => void) => unknown;
}) {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as AddressInfo).port;
}

async function listenSmtp(smtp: SMTPServer): Promise<number> {
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => smtp.close(() => r())));
  return (smtp.server.address() as AddressInfo).port;
}

function collector(reply: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_q, res) => res.end('ok')) {
  const bodies: { path: string; json: any }[] = [];
  const server = createHttpServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', json: text ? JSON.parse(text) : undefined });
      reply(req, res, text);
    });
  });
  return { server, bodies };
}

// The demo-like fixture with a hostile VM name on the new blocker, and a hostile fault text from the vCenter
// that failed.
function hostileResult() {
  const result = makeScanResult();
  result.baseline = { file: 'last.json', new: 1, unchanged: 5, resolved: [] };
  for (const f of result.evaluation.findings) {
    f.status = f.ruleId === 'vm-usb-device' ? 'new' : 'unchanged';
    if (f.ruleId === 'vm-usb-device') f.name = HOSTILE;
  }
  const failed = result.targets.find((t) => t.status === 'failed')!;
  failed.error = { kind: 'tls', message: `certificate not trusted ${LINK}\r\nBcc: victim@example.com` };
  return result;
}

const warnings: string[] = [];
const ctx = (env: Record<string, string>, deadlineMs?: number) => ({
  env,
  warn: (l: string) => warnings.push(l),
  ...(deadlineMs ? { deadlineMs } : {}),
});

describe('[hostile] names from vCenter in chat and mail', () => {
  it('Slack escapes & < > (no live mention or link), Teams escapes Markdown and newlines, mail has no injected header or live link', async () => {
    const hook = collector();
    const port = await listen(hook.server);
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _s, cb) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (c: string) => (raw += c));
        stream.on('end', () => {
          mails.push(raw);
          cb();
        });
      },
    });
    const smtpPort = await listenSmtp(smtp);
    const channels = parseNotify(
      [
        { type: 'slack', 'url-env': 'S', when: 'always' },
        { type: 'teams', 'url-env': 'T', when: 'always' },
        { type: 'webhook', 'url-env': 'W', when: 'always' },
        { type: 'mail', host: '127.0.0.1', port: smtpPort, tls: 'none', from: 'f@example.com', to: 'o@example.com', when: 'always' },
      ],
      '/',
    );
    const base = `http://127.0.0.1:${port}`;
    const sent = await notifyAll(hostileResult(), channels, [], ctx({ S: `${base}/s`, T: `${base}/t`, W: `${base}/w` }));
    expect(sent).toHaveLength(4);

    const slack = hook.bodies.find((b) => b.path === '/s')!.json.text as string;
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U0123ABCD>', '<https://']) expect(slack).not.toContain(live);
    expect(slack).toContain('&lt;!channel&gt;&lt;!here&gt;&lt;!everyone&gt;&lt;@U0123ABCD&gt;');
    expect(slack).not.toMatch(/https:\/\/evil/); // a bare URL in a name is shown, not linked
    expect(slack).not.toMatch(/\n- forged line/);

    const card = JSON.stringify(hook.bodies.find((b) => b.path === '/t')!.json);
    const texts = (hook.bodies.find((b) => b.path === '/t')!.json.attachments[0].content.body as { text?: string }[])
      .map((b) => b.text ?? '')
      .join('\n');
    expect(texts).not.toMatch(/(?<!\\)\[click here(?<!\\)\]\(/); // no Markdown link
    expect(texts).toContain('\\[click here\\]\\(https\\[:\\]//evil.example/x\\)');
    expect(texts).not.toMatch(/\n- forged line/); // no forged list line
    expect(texts).not.toMatch(/\nBcc:/);
    expect(card).not.toContain('https://evil');

    // The generic JSON carries the name as data, unchanged: its consumer decides how to show it.
    const generic = hook.bodies.find((b) => b.path === '/w')!.json;
    expect(generic.newBlockers[0].object).toBe(HOSTILE);

    expect(mails).toHaveLength(1);
    const [headers, ...rest] = mails[0]!.split('\r\n\r\n');
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(
      headers!
        .match(/^[A-Za-z-]+:/gm)!
        .map((h) => h.toLowerCase())
        .sort(),
    ).toEqual(['content-transfer-encoding:', 'content-type:', 'date:', 'from:', 'message-id:', 'mime-version:', 'subject:', 'to:'].sort());
    const body = rest
      .join('\r\n\r\n')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(body).not.toMatch(/https?:\/\/evil/);
    expect(body).not.toMatch(/\bwww\.evil/);
    expect(body).toContain('https[:]//evil.example/x');
    expect(body).not.toMatch(/\r?\n- forged line/);
  });
});

describe('[fault] notifications are bounded and never throw', () => {
  it('an SMTP relay dripping one byte at a time is cut at the notification deadline, its socket closed', async () => {
    const sockets: Socket[] = [];
    let closed = 0;
    const drip = createNetServer((sock) => {
      sockets.push(sock);
      sock.on('close', () => closed++);
      sock.on('error', () => undefined);
      const greeting = '220 slow.example ESMTP ready, one byte at a time\r\n';
      let i = 0;
      const t = setInterval(() => {
        if (sock.destroyed) return clearInterval(t);
        sock.write(greeting[i++ % greeting.length]!);
      }, 100);
      sock.on('close', () => clearInterval(t));
    });
    const port = await listen(drip);
    const channels = parseNotify(
      [{ type: 'mail', name: 'slow', host: '127.0.0.1', port, tls: 'none', from: 'f@example.com', to: 'o@example.com', when: 'always' }],
      '/',
    );
    warnings.length = 0;
    expect(await notifyAll(makeScanResult(), channels, [], ctx({}, 1500))).toEqual([]);
    expect(warnings).toEqual([
      'notification slow (mail) not delivered: no complete answer within the 2 s deadline; the reports are written and the exit code is unchanged',
    ]);
    await expect.poll(() => closed, { timeout: 5000 }).toBe(sockets.length);
  }, 20_000);

  it('a webhook answering 200 with an endless body is read to a few KB and the connection dropped', async () => {
    let written = 0;
    let closedEarly = false;
    const server = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2 * 1024 ** 3) });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (!res.destroyed && written < 2 * 1024 ** 3) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        res.on('close', () => (closedEarly = written < 2 * 1024 ** 3));
        pump();
      });
    });
    const port = await listen(server);
    const channels = parseNotify([{ type: 'webhook', name: 'big', 'url-env': 'U', when: 'always' }], '/');
    warnings.length = 0;
    expect(await notifyAll(makeScanResult(), channels, [], ctx({ U: `http://127.0.0.1:${port}/hook` }))).toEqual(['big']);
    await expect.poll(() => closedEarly, { timeout: 5000 }).toBe(true);
    expect(written).toBeLessThan(64 * 1024 ** 2); // socket buffers, not the 2 GiB
    expect(warnings).toEqual([]);
  }, 20_000);

  it('an error answer with a huge body shows a clipped head of it in the warning', async () => {
    const hook = collector((_q, res) => {
      res.writeHead(400);
      res.end(`bad payload ${'y'.repeat(1024 * 1024)}`);
    });
    const port = await listen(hook.server);
    const channels = parseNotify([{ type: 'slack', name: 'err', 'url-env': 'U', when: 'always' }], '/');
    warnings.length = 0;
    await notifyAll(makeScanResult(), channels, [], ctx({ U: `http://127.0.0.1:${port}/x` }));
    expect(warnings[0]).toMatch(/^notification err \(slack\) not delivered: HTTP 400: bad payload y+… \(\d+ more characters\)/);
    expect(warnings[0]!.length).toBeLessThan(600);
  });
});

describe('[hostile] secrets in the forms they travel in', () => {
  it('a url-env with a trailing newline: the bare URL an endpoint echoes is scrubbed', async () => {
    const hook = collector((req, res) => {
      res.writeHead(404);
      res.end(`no such hook: http://127.0.0.1${req.url} (${req.url})`);
    });
    const port = await listen(hook.server);
    const url = `http://127.0.0.1:${port}/hooks/T0KEN-b7f1e2a94c`;
    const channels = parseNotify([{ type: 'webhook', name: 'k8s', 'url-env': 'U', when: 'always' }], '/');
    warnings.length = 0;
    await notifyAll(makeScanResult(), channels, [], ctx({ U: `${url}\n` }));
    expect(hook.bodies).toHaveLength(1); // the trimmed URL is what is posted to
    expect(warnings[0]).toMatch(/HTTP 404: no such hook: /);
    expect(warnings[0]).not.toContain('T0KEN-b7f1e2a94c');
    expect(warnings[0]).not.toContain('/hooks/');
  });

  it('a path token without a digit is a secret too, when an endpoint echoes it alone', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWx';
    const hook = collector((_q, res) => {
      res.writeHead(403);
      res.end(`token ${token} revoked; see https://api.slack.com/services`);
    });
    const port = await listen(hook.server);
    const channels = parseNotify([{ type: 'slack', name: 'slack', 'url-env': 'U', when: 'always' }], '/');
    warnings.length = 0;
    await notifyAll(makeScanResult(), channels, [], ctx({ U: `http://127.0.0.1:${port}/services/${token}` }));
    expect(warnings[0]).toMatch(/HTTP 403: token \*\*\* revoked; see https:\/\/api\.slack\.com\/services/); // plain words stay
    expect(warnings[0]).not.toContain(token);
  });

  it.each(['PLAIN', 'LOGIN'] as const)('an SMTP 535 quoting the AUTH %s blob prints no base64 of user and password', async (method) => {
    const user = 'ftscan-mailer';
    const password = 'smtp-Pa55-7c1e9d';
    const smtp = new SMTPServer({
      authMethods: [method],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _s, cb) {
        // A relay that quotes what the client sent.
        const plain = Buffer.from(`\u0000${auth.username}\u0000${auth.password}`).toString('base64');
        const login = Buffer.from(auth.password ?? '').toString('base64');
        cb(new Error(`authentication failed for ${method === 'PLAIN' ? plain : login}`));
      },
    });
    const port = await listenSmtp(smtp);
    const channels = parseNotify(
      [
        {
          type: 'mail',
          name: 'relay',
          host: '127.0.0.1',
          port,
          tls: 'none',
          user,
          'password-env': 'P',
          from: 'f@example.com',
          to: 'o@example.com',
          when: 'always',
        },
      ],
      '/',
    );
    warnings.length = 0;
    await notifyAll(makeScanResult(), channels, [], ctx({ P: password }));
    expect(warnings[0]).toMatch(/^notification relay \(mail\) not delivered: .*535.*authentication failed for \*\*\*/);
    for (const leak of [
      password,
      Buffer.from(`\u0000${user}\u0000${password}`).toString('base64'),
      Buffer.from(password).toString('base64'),
    ]) {
      expect(warnings[0]).not.toContain(leak);
    }
  });
});
