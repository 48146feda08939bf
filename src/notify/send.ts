// Delivery: SMTP through nodemailer, webhooks as one JSON POST (Slack incoming webhook, Microsoft Teams
// Workflows webhook with an Adaptive Card, or a generic JSON body). A channel that cannot be delivered is a
// warning naming the channel and the cause, with every registered secret scrubbed; it never throws, so the
// scan's exit code and reports stay what they were.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { basename } from 'node:path';
import fetch from 'node-fetch';
import nodemailer from 'nodemailer';
import { renderReport } from '../report/index.js';
import type { ScanResult } from '../result/types.js';
import { scrubSecrets } from '../util/redact.js';
import { clip } from '../util/text.js';
import { summarize, triggered, type Summary } from './message.js';
import type { Channel, MailChannel, WebhookChannel, WrittenReport } from './types.js';

const TIMEOUT_MS = 15_000;

export interface NotifyContext {
  warn: (line: string) => void; // stderr and the log
  debug?: (line: string) => void;
}

/** Sends every channel whose condition holds; returns the names of those delivered. Never throws. */
export async function notifyAll(result: ScanResult, channels: Channel[], reports: WrittenReport[], ctx: NotifyContext): Promise<string[]> {
  const sent: string[] = [];
  let summary: Summary | undefined;
  for (const ch of channels) {
    const why = triggered(result, ch.when);
    if (!why.length) {
      ctx.debug?.(`notification ${ch.name}: not sent (${ch.when.join(', ')} not met)`);
      continue;
    }
    summary ??= summarize(result, reports);
    try {
      if (ch.type === 'mail') await sendMail(ch, summary, result, reports);
      else await postWebhook(ch, summary);
      sent.push(ch.name);
      ctx.debug?.(`notification ${ch.name}: sent (${why.join(', ')})`);
    } catch (err) {
      const cause = clip(scrubSecrets(String((err as Error)?.message ?? err)).replace(/\s+/g, ' '), 300);
      ctx.warn(`notification ${ch.name} (${ch.type}) not delivered: ${cause}; the reports are written and the exit code is unchanged`);
    }
  }
  return sent;
}

const caOf = (file?: string) => (file ? readFileSync(file, 'utf8') : undefined);

async function sendMail(ch: MailChannel, s: Summary, result: ScanResult, reports: WrittenReport[]): Promise<void> {
  const ca = caOf(ch.caFile);
  const transport = nodemailer.createTransport({
    host: ch.host,
    port: ch.port,
    secure: ch.tls === 'implicit',
    requireTLS: ch.tls === 'starttls',
    ignoreTLS: ch.tls === 'none',
    ...(ch.user ? { auth: { user: ch.user, pass: ch.password ?? '' } } : {}),
    tls: { minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: ch.from,
      to: ch.to,
      subject: s.subject,
      text: s.text,
      ...(ch.inlineHtml ? { html: [...renderReport('html', result)].join('') } : {}),
      attachments: reports
        .filter((r) => ch.attach.includes(r.format))
        .map((r) => ({ filename: basename(r.file), content: readFileSync(r.file) })),
    });
  } finally {
    transport.close();
  }
}

/** The JSON body each webhook kind expects. */
export function webhookBody(ch: Pick<WebhookChannel, 'type' | 'reportLink'>, s: Summary): unknown {
  const link = ch.reportLink ? `\nReport: ${ch.reportLink}` : '';
  if (ch.type === 'slack') return { text: `*${s.subject}*\n${s.text}${link}` };
  if (ch.type === 'teams') {
    const v = s.counts.vms;
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: s.subject, weight: 'Bolder', size: 'Medium', wrap: true },
              {
                type: 'FactSet',
                facts: (['blocked', 'disputed', 'unknown', 'degraded', 'warnings', 'ready', 'protected'] as const).map((k) => ({
                  title: k,
                  value: String(v[k] ?? 0),
                })),
              },
              ...(s.newBlockers.length
                ? [
                    { type: 'TextBlock', text: 'New blockers', weight: 'Bolder', wrap: true },
                    {
                      type: 'TextBlock',
                      wrap: true,
                      text: s.newBlockers
                        .slice(0, 10)
                        .map((f) => `- ${f.ruleId} on ${f.name}: ${f.message}`)
                        .join('\n'),
                    },
                  ]
                : []),
              ...(s.causes.length
                ? [
                    { type: 'TextBlock', text: 'What to fix first', weight: 'Bolder', wrap: true },
                    { type: 'TextBlock', wrap: true, text: s.causes.map((c, i) => `${i + 1}. ${c.label}: ${c.fix}`).join('\n') },
                  ]
                : []),
              ...(s.failedTargets.length
                ? [
                    {
                      type: 'TextBlock',
                      wrap: true,
                      color: 'Attention',
                      text: `Not read: ${s.failedTargets.map((t) => `${t.server} (${t.status})`).join(', ')}`,
                    },
                  ]
                : []),
              ...(ch.reportLink ? [{ type: 'TextBlock', wrap: true, text: `Report: ${ch.reportLink}` }] : []),
            ],
          },
        },
      ],
    };
  }
  return {
    tool: 'ftscan',
    subject: s.subject,
    text: s.text,
    counts: s.counts,
    newBlockers: s.newBlockers.map((f) => ({ id: f.id, ruleId: f.ruleId, object: f.name, server: f.server, message: f.message })),
    causes: s.causes,
    failedTargets: s.failedTargets,
    reports: s.reports,
    ...(ch.reportLink ? { reportLink: ch.reportLink } : {}),
  };
}

async function postWebhook(ch: WebhookChannel, s: Summary): Promise<void> {
  const url = new URL(ch.url);
  const ca = caOf(ch.caFile);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(webhookBody(ch, s)),
    redirect: 'error', // a redirect would carry the body elsewhere
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(url.protocol === 'https:' && ca ? { agent: new Agent({ ca, minVersion: 'TLSv1.2' }) } : {}),
  });
  const body = await res.text().catch(() => '');
  // The endpoint's own words help (Teams and Slack say what is wrong with the payload), scrubbed by the caller.
  if (!res.ok) throw new Error(`HTTP ${res.status}${body ? `: ${clip(body, 200)}` : ''}`);
}
