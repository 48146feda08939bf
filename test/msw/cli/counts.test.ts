// Issue 17 §2: one set of counts, the same words everywhere. The demo estate scanned once into every format,
// every notification channel and the stderr summary; each says how many VMs are ready and how many are ready
// with warnings, and none adds the two up under the name "ready".
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, DEMO_PASSWORD, DEMO_USER, demoEstate, startMockServer, type MockServer } from '../../../mocks/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { run, tempDir } from './harness.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(createMockVcenter(demoEstate()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

type Family = { name: string; metrics: { value: string; labels?: Record<string, string> }[] };

// "N ready with warnings" and "N ready" (not followed by " with warnings") in a text.
function wordCounts(raw: string): { warnings: number[]; ready: number[] } {
  // The cumulative fix order ("after fixes 1–3: 89 ready or ready with warnings", "makes 56 more VMs ready or
  // ready with warnings (89 in all)") counts VMs after fixes, a different number by design: leave it out.
  const text = raw
    .replace(/after fix(?:es)? [^:]*: [\d,]+ ready or ready with warnings/g, '')
    .replace(/makes [\d,]+ more VMs ready or ready with warnings \([\d,]+ in all\)/g, '');
  return {
    warnings: [...text.matchAll(/(\d+) ready with warnings/g)].map((m) => Number(m[1])),
    ready: [...text.matchAll(/(\d+) ready(?! with warnings)\b/g)].map((m) => Number(m[1])),
  };
}

describe('one set of counts', () => {
  it('every format, channel and the stderr summary give the same ready and ready-with-warnings counts for the demo', async () => {
    const dir = tempDir('ftscan-counts-');
    const hooks: { path: string; json: any }[] = [];
    const http: Server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        hooks.push({ path: req.url ?? '', json: JSON.parse(text) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const hookBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, cb) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (c: string) => (raw += c));
        stream.on('end', () => {
          mails.push(raw.replace(/=\r?\n/g, '').replace(/\r?\n /g, ' '));
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    try {
      const config = join(dir, 'ftscan.yaml');
      writeFileSync(
        config,
        [
          'notify:',
          '  - {type: mail, host: 127.0.0.1, port: ' +
            smtpPort +
            ', tls: none, from: ftscan@example.com, to: ops@example.com, when: always}',
          '  - {type: slack, url-env: SLACK_URL, when: always}',
          '  - {type: teams, url-env: TEAMS_URL, when: always}',
          '  - {type: webhook, url-env: HOOK_URL, when: always}',
          '',
        ].join('\n'),
      );
      const formats = ['table', 'markdown', 'html', 'csv', 'junit', 'json', 'xlsx', 'prom'] as const;
      const file = (f: string) => join(dir, `scan.${f}`);
      const r = await run(
        [
          'scan',
          '--server',
          server.url,
          '--user',
          DEMO_USER,
          '--ca-file',
          server.caFile,
          '--config',
          config,
          ...formats.flatMap((f) => ['--output', `${f}=${file(f)}`]),
          '--fail-on',
          'blocker',
        ],
        {
          env: {
            FTSCAN_PASSWORD: DEMO_PASSWORD,
            SLACK_URL: `${hookBase}/slack`,
            TEAMS_URL: `${hookBase}/teams`,
            HOOK_URL: `${hookBase}/hook`,
          },
        },
      );
      expect(r.code, r.stderr).toBe(1);
      const result = JSON.parse(readFileSync(file('json'), 'utf8')) as ScanResult;
      const want = { warnings: result.summary.vms.warnings, ready: result.summary.vms.ready };
      expect(want.warnings).toBeGreaterThan(0); // the demo has both, so adding them up would show
      expect(want.ready).toBeGreaterThan(0);
      const byVerdict = (list: string[]) => ({
        warnings: list.filter((v) => v === 'warnings').length,
        ready: list.filter((v) => v === 'ready').length,
      });
      const seen: Record<string, { warnings: number; ready: number }> = {};
      // Human-readable text: every "ready" count is the ready count, every "ready with warnings" the other one.
      const textCounts = (name: string, text: string) => {
        const c = wordCounts(text);
        expect(c.ready.length, `${name}: ${text.slice(0, 400)}`).toBeGreaterThan(0);
        expect(c.warnings.length, name).toBeGreaterThan(0);
        expect(new Set(c.ready), name).toEqual(new Set([want.ready]));
        expect(new Set(c.warnings), name).toEqual(new Set([want.warnings]));
        seen[name] = { warnings: c.warnings[0]!, ready: c.ready[0]! };
      };
      textCounts(
        'table',
        readFileSync(file('table'), 'utf8')
          .split('\n')
          .find((l) => l.startsWith('VMs: '))!,
      );
      const md = readFileSync(file('markdown'), 'utf8').split('\n');
      const head = md
        .find((l) => l.includes('ready with warnings'))!
        .split('|')
        .map((s) => s.trim());
      const all = md
        .find((l) => l.includes('**All VMs**'))!
        .split('|')
        .map((s) => s.trim());
      seen.markdown = { warnings: Number(all[head.indexOf('ready with warnings')]), ready: Number(all[head.indexOf('ready')]) };
      const html = readFileSync(file('html'), 'utf8');
      const htmlCount = (v: string) => Number(new RegExp(`data-count-verdict="${v}">(\\d+)</span>([^<]*)<`).exec(html)![1]);
      expect(html).toMatch(/data-count-verdict="warnings">\d+<\/span>ready with warnings</);
      seen.html = { warnings: htmlCount('warnings'), ready: htmlCount('ready') };
      const csv = readFileSync(file('csv'), 'utf8').trim().split(/\r?\n/);
      const col = csv[0]!.split(',').indexOf('verdict');
      seen.csv = byVerdict(csv.slice(1).map((l) => l.split(',')[col]!));
      seen.junit = byVerdict(
        [...readFileSync(file('junit'), 'utf8').matchAll(/<property name="verdict" value="(\w+)"\/>/g)].map((m) => m[1]!),
      );
      seen.json = want;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file('xlsx'));
      const sheet = wb.getWorksheet('Summary')!;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const estateRow = sheet.getRow(2).values as unknown[];
      expect(estateRow[header.indexOf('Level')]).toBe('estate');
      seen.xlsx = {
        warnings: Number(estateRow[header.indexOf('Ready with warnings')]),
        ready: Number(estateRow[header.indexOf('Ready')]),
      };
      const prom = parsePrometheusTextFormat(readFileSync(file('prom'), 'utf8')) as Family[];
      const vms = prom.find((f) => f.name === 'ftscan_vms')!.metrics;
      const promSum = (v: string) => vms.filter((m) => m.labels?.verdict === v).reduce((n, m) => n + Number(m.value), 0);
      seen.prom = { warnings: promSum('warnings'), ready: promSum('ready') };

      // Channels.
      expect(mails).toHaveLength(1);
      const subject = /^Subject: (.*)$/m.exec(mails[0]!)![1]!;
      textCounts('mail subject', subject);
      textCounts('mail body', mails[0]!.slice(mails[0]!.indexOf('\r\n\r\n')));
      const slack = hooks.find((h) => h.path === '/slack')!.json;
      textCounts('slack', slack.text);
      const card = hooks.find((h) => h.path === '/teams')!.json.attachments[0].content;
      textCounts('teams title', card.body[0].text);
      const facts = card.body.find((b: any) => b.type === 'FactSet').facts as { title: string; value: string }[];
      seen['teams facts'] = {
        warnings: Number(facts.find((f) => f.title === 'ready with warnings')!.value),
        ready: Number(facts.find((f) => f.title === 'ready')!.value),
      };
      const hook = hooks.find((h) => h.path === '/hook')!.json;
      seen['webhook counts'] = { warnings: hook.counts.vms.warnings, ready: hook.counts.vms.ready };
      textCounts('webhook text', hook.text);
      textCounts('webhook subject', hook.subject);
      textCounts('stderr summary', r.stderr.split('\n').find((l) => l.startsWith('ftscan: exit 1:'))!);

      for (const [name, c] of Object.entries(seen)) expect(c, name).toEqual(want);
      expect(Object.keys(seen).sort()).toEqual(
        [
          ...formats,
          'mail subject',
          'mail body',
          'slack',
          'teams title',
          'teams facts',
          'webhook counts',
          'webhook text',
          'webhook subject',
          'stderr summary',
        ].sort(),
      );
    } finally {
      await new Promise<void>((r) => http.close(() => r()));
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  }, 120_000);
});
