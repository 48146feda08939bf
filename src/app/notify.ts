// Notifications of a run: after the reports are written (or when no vCenter could be read), send the config's
// `notify:` channels. Delivery problems are warnings (and, with --log-file, log lines); they never change the
// exit code and never stop a report from being written (the reports are already on disk).
// `ftscan notify --test` sends one test message on each channel, so a cron or systemd setup can be checked
// in the environment it runs in.
import type { Logger } from 'pino';
import type { Channel } from '../notify/types.js';
import { renderReport } from '../report/index.js';
import type { ScanResult } from '../result/types.js';
import { UsageError } from '../util/errors.js';
import { ExitCode } from './exit-codes.js';
import type { Events, OutputSpec, ReportJob, Warning } from './job.js';
import { createLogger } from './logging.js';
import { VERSION } from './version.js';

export async function sendNotifications(
  result: ScanResult,
  job: ReportJob,
  events: Events,
  outputs: OutputSpec[],
  warn: (w: Warning) => void,
  logger?: Logger,
): Promise<void> {
  if (!job.notify?.length) return;
  // pino writes to stderr without --log-file: the warning is printed once, by the front end.
  const log = job.logFile ? (logger ?? createLogger(job.logLevel, events.logStream, job.logFile)) : undefined;
  const reports = outputs.filter((o) => o.file !== '-').map((o) => ({ format: o.format, file: o.file }));
  // The senders (nodemailer, node-fetch: about 0.1 s to load) only for a run that has channels.
  const { notifyAll } = await import('../notify/send.js');
  await notifyAll(result, job.notify, reports, {
    env: job.env,
    warn: (line) => {
      warn({ code: 'notify', message: line });
      log?.warn(line);
    },
    debug: (line) => log?.debug(line),
    html: (r) => [...renderReport('html', r)].join(''), // a mail's inline-html
  });
}

/** `ftscan notify --test --config FILE`: 0 when every channel took its test message, 1 naming those that did not. */
export async function notifyTestJob(
  job: { notify?: Channel[]; env: Record<string, string | undefined>; test: boolean },
  events: Events,
): Promise<ExitCode> {
  if (!job.test) throw new UsageError('ftscan notify sends only test messages: add --test (and --config FILE with a notify: list)');
  if (!job.notify?.length) {
    throw new UsageError('no notification channel configured: list them under `notify:` in the --config file (see README "Notifications")');
  }
  const { sendTest } = await import('../notify/send.js');
  const results = await sendTest(
    job.notify,
    { env: job.env, warn: (line) => events.warn({ code: 'notify', message: line }) },
    { version: VERSION, now: events.now() },
  );
  for (const r of results) {
    if (r.error === undefined) events.info(`ftscan: notification ${r.channel.name} (${r.channel.type}): test message sent`);
    else events.error(`notification ${r.channel.name} (${r.channel.type}): test message not delivered: ${r.error}`);
  }
  const failed = results.filter((r) => r.error !== undefined);
  if (failed.length)
    events.error(`${failed.length} of ${results.length} notification channel(s) failed: ${failed.map((r) => r.channel.name).join(', ')}`);
  return failed.length ? ExitCode.Findings : ExitCode.Ok;
}
