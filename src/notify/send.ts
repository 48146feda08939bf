// Delivery: SMTP through nodemailer, webhooks as one JSON POST (Slack incoming webhook, Microsoft Teams
// Workflows webhook with an Adaptive Card, or a generic JSON body). A channel that cannot be delivered (a
// secret not set in this run's environment, a refusal, a timeout) is a warning naming the channel and the
// cause, with every registered secret scrubbed; it never throws, so the scan's exit code and reports stay what
// they were. Each notification has one overall deadline, and reads at most a few KB of the endpoint's answer.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { basename } from 'node:path';
import fetch from 'node-fetch';
import nodemailer from 'nodemailer';
import { VERDICT_LABEL, VERDICTS } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { scrubSecrets } from '../util/redact.js';
import { clip, visible } from '../util/text.js';
import { defuse, summarize, summaryText, triggered, type Summary } from './message.js';
import { mailPassword, Undeliverable, webhookUrl, type Env } from './secrets.js';
import type { Channel, MailChannel, WebhookChannel, WrittenReport } from './types.js';

const TIMEOUT_MS = 15_000; // connection, greeting, silence
const DEADLINE_MS = 60_000; // the whole notification, however the server drips
const ANSWER_BYTES = 4096; // of an endpoint's answer: what a warning can show

export interface NotifyContext {
  warn: (line: string) => void; // stderr and the log
  debug?: (line: string) => void;
  env: Env; // where url-env / password-env are read, at send time
  deadlineMs?: number;
  html?: (result: ScanResult) => string; // the HTML report, for a mail channel's inline-html (the caller renders)
}

// The run behind a notification: its result, the reports it wrote, and its HTML report for inline-html.
interface Full {
  result: ScanResult;
  reports: WrittenReport[];
  html?: (result: ScanResult) => string;
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
    const err = await deliver(ch, summary, ctx, { result, reports, ...(ctx.html ? { html: ctx.html } : {}) });
    if (err === undefined) {
      sent.push(ch.name);
      ctx.debug?.(`notification ${ch.name}: sent (${why.join(', ')})`);
    } else {
      ctx.warn(`notification ${ch.name} (${ch.type}) not delivered: ${err}; the reports are written and the exit code is unchanged`);
    }
  }
  return sent;
}

/** `ftscan notify --test`: one test message on every channel, whatever its `when`; the failures, by channel. */
export async function sendTest(
  channels: Channel[],
  ctx: NotifyContext,
  about: { version: string; now: Date },
): Promise<{ channel: Channel; error?: string }[]> {
  const text = `This is a test message from ftscan ${about.version} (ftscan notify --test, ${about.now.toISOString()}): this channel is configured correctly.\n`;
  const s: Summary = {
    status: 'ok',
    subject: `ftscan TEST: notification channel check`,
    text,
    header: text.trimEnd(),
    counts: {
      vms: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Summary['counts']['vms'],
      findings: { blocker: 0, unknown: 0, warning: 0, info: 0 },
    },
    newBlockers: [],
    causes: [],
    failedTargets: [],
    reports: [],
    multi: false,
    test: true,
  };
  const out: { channel: Channel; error?: string }[] = [];
  for (const ch of channels) {
    const error = await deliver(ch, s, ctx);
    out.push({ channel: ch, ...(error === undefined ? {} : { error }) });
  }
  return out;
}

// undefined when delivered, else the cause (scrubbed, one line).
async function deliver(ch: Channel, s: Summary, ctx: NotifyContext, full?: Full): Promise<string | undefined> {
  const ms = ctx.deadlineMs ?? DEADLINE_MS;
  const signal = AbortSignal.timeout(ms);
  try {
    // The race ends the wait at the deadline even if a library ignored the signal; the signal tears the
    // connection down (nodemailer closes its socket, node-fetch aborts the request and the body).
    await Promise.race([
      ch.type === 'mail' ? sendMail(ch, s, ctx.env, signal, full) : postWebhook(ch, s, ctx.env, signal),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
    return undefined;
  } catch (err) {
    const msg = signal.aborted
      ? `no complete answer within the ${Math.round(ms / 1000)} s deadline`
      : err instanceof Undeliverable
        ? err.message
        : String((err as Error)?.message ?? err);
    return clip(scrubSecrets(msg).replace(/\s+/g, ' '), 300);
  }
}

function caOf(file?: string): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Undeliverable(`cannot read ca-file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

// Slack mrkdwn: &, < and > are its control characters (<!channel>, <@U123>, <https://x|text>).
const slackEscape = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Adaptive Card TextBlock Markdown: the marks that make links, emphasis and code, backslash-escaped. A name
// never starts a line (ftscan's own text precedes it and its newlines are shown as \n by visible()), so list
// and heading marks cannot take effect.
const cardEscape = (x: string) => x.replace(/[\u2028\u2029]/g, ' ').replace(/[\\`*_[\]()<>~|]/g, '\\$&');

/** What the mail says: the subject, and the text with names defused (no live links from vCenter's names). */
function mailContent(s: Summary): { subject: string; text: string } {
  return { subject: s.subject, text: s.test ? s.text : summaryText(s, defuse) };
}

async function sendMail(ch: MailChannel, s: Summary, env: Env, signal: AbortSignal, full?: Full): Promise<void> {
  const password = mailPassword(ch, env);
  const ca = caOf(ch.caFile);
  const transport = nodemailer.createTransport({
    host: ch.host,
    port: ch.port,
    secure: ch.tls === 'implicit',
    requireTLS: ch.tls === 'starttls',
    ignoreTLS: ch.tls === 'none',
    ...(ch.user ? { auth: { user: ch.user, pass: password ?? '' } } : {}),
    tls: { minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    socketCloseTimeout: 0, // an aborted send destroys its socket at once
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const reports = full?.reports ?? [];
  const { subject, text } = mailContent(s);
  try {
    await transport.sendMail({
      from: ch.from,
      to: ch.to,
      subject,
      text,
      signal,
      ...(ch.inlineHtml && full?.html ? { html: full.html(full.result) } : {}),
      attachments: reports
        .filter((r) => ch.attach.includes(r.format))
        .map((r) => ({ filename: basename(r.file), content: readFileSync(r.file) })),
    });
  } finally {
    transport.close();
  }
}

/** The JSON body each webhook kind expects; every text from vCenter escaped for the receiver's markup. */
function webhookBody(ch: Pick<WebhookChannel, 'type' | 'reportLink'>, s: Summary): unknown {
  if (ch.type === 'slack') {
    const link = ch.reportLink ? `\nReport: ${slackEscape(ch.reportLink)}` : '';
    const body = s.test ? s.text : summaryText(s, defuse);
    return { text: `*${slackEscape(s.subject)}*\n${slackEscape(body)}${link}` };
  }
  if (ch.type === 'teams') {
    const v = s.counts.vms;
    const md = (x: string) => cardEscape(defuse(visible(x)));
    const failed = s.failure !== undefined;
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
              {
                type: 'TextBlock',
                text: md(s.subject),
                weight: 'Bolder',
                size: 'Medium',
                wrap: true,
                ...(failed ? { color: 'Attention' } : {}),
              },
              ...(s.test ? [{ type: 'TextBlock', wrap: true, text: md(s.text.trimEnd()) }] : []),
              ...(s.test || s.nothingRead
                ? []
                : [
                    {
                      type: 'FactSet',
                      facts: VERDICTS.filter((k) => k !== 'excluded' || (v[k] ?? 0) > 0).map((k) => ({
                        title: VERDICT_LABEL[k],
                        value: String(v[k] ?? 0),
                      })),
                    },
                  ]),
              ...(s.newBlockers.length
                ? [
                    { type: 'TextBlock', text: 'New blockers', weight: 'Bolder', wrap: true },
                    {
                      type: 'TextBlock',
                      wrap: true,
                      text: s.newBlockers
                        .slice(0, 10)
                        .map((f) => `- ${md(f.ruleId)} on ${md(f.name)}: ${md(f.message)}`)
                        .join('\n'),
                    },
                  ]
                : []),
              ...(s.causes.length
                ? [
                    { type: 'TextBlock', text: 'What to fix first', weight: 'Bolder', wrap: true },
                    { type: 'TextBlock', wrap: true, text: s.causes.map((c, i) => `${i + 1}. ${md(c.label)}: ${md(c.fix)}`).join('\n') },
                  ]
                : []),
              ...(s.failedTargets.length
                ? [
                    {
                      type: 'TextBlock',
                      wrap: true,
                      color: 'Attention',
                      text: `Not read: ${s.failedTargets
                        .map((t) => `${md(t.server)} (${t.status}${t.error ? `: ${md(clip(t.error, 200))}` : ''})`)
                        .join(', ')}`,
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
    status: s.test ? 'test' : s.status,
    ...(s.failure ? { failure: s.failure } : {}),
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

async function postWebhook(ch: WebhookChannel, s: Summary, env: Env, signal: AbortSignal): Promise<void> {
  const url = webhookUrl(ch, env);
  const ca = caOf(ch.caFile);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(webhookBody(ch, s)),
    redirect: 'error', // a redirect would carry the body elsewhere
    signal,
    ...(url.protocol === 'https:' && ca ? { agent: new Agent({ ca, minVersion: 'TLSv1.2' }) } : {}),
  });
  // The endpoint's own words help (Teams and Slack say what is wrong with the payload), scrubbed by the caller;
  // only the first few KB are read, the rest is dropped with the connection.
  const body = await answerHead(res.body);
  if (!res.ok) throw new Error(`HTTP ${res.status}${body ? `: ${clip(body, 200)}` : ''}`);
}

async function answerHead(body: NodeJS.ReadableStream | null): Promise<string> {
  if (!body) return '';
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of body) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      chunks.push(b);
      n += b.length;
      if (n >= ANSWER_BYTES) break;
    }
  } catch {
    // an answer cut short: what arrived is enough
  } finally {
    (body as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8');
}
