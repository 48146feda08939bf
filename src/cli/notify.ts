// The CLI side of notifications: after the reports are written (or when no vCenter could be read), send the
// config's `notify:` channels. Delivery problems are warnings on stderr and, with --log-file, in the log; they
// never change the exit code and never stop a report from being written (the reports are already on disk).
// `ftscan notify --test` sends one test message on each channel, so a cron or systemd setup can be checked
// in the environment it runs in.
import type { Logger } from 'pino';
import { notifyAll, sendTest } from '../notify/send.js';
import type { ScanResult } from '../result/types.js';
import type { Console } from './context.js';
import { UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { createLogger } from './logging.js';
import type { OutputSpec } from './outputs.js';
import type { Settings } from './settings.js';
import { VERSION } from './version.js';

export async function sendNotifications(
  result: ScanResult,
  s: Settings,
  con: Console,
  outputs: OutputSpec[],
  logger?: Logger,
): Promise<void> {
  if (!s.notify?.length) return;
  // pino writes to stderr without --log-file: the warning is printed once, by the Console.
  const log = s.logFile ? (logger ?? createLogger(s.logLevel, con.io.stderr, s.logFile)) : undefined;
  const reports = outputs.filter((o) => o.file !== '-').map((o) => ({ format: o.format, file: o.file }));
  await notifyAll(result, s.notify, reports, {
    env: con.io.env,
    warn: (line) => {
      con.warn(line);
      log?.warn(line);
    },
    debug: (line) => log?.debug(line),
  });
}

/** `ftscan notify --test --config FILE`: 0 when every channel took its test message, 1 naming those that did not. */
export async function notifyTestCommand(s: Settings, con: Console, test: boolean): Promise<ExitCode> {
  if (!test) throw new UsageError('ftscan notify sends only test messages: add --test (and --config FILE with a notify: list)');
  if (!s.notify?.length) {
    throw new UsageError('no notification channel configured: list them under `notify:` in the --config file (see README "Notifications")');
  }
  const results = await sendTest(s.notify, { env: con.io.env, warn: (line) => con.warn(line) }, { version: VERSION, now: con.io.now() });
  for (const r of results) {
    if (r.error === undefined) con.info(`ftscan: notification ${r.channel.name} (${r.channel.type}): test message sent`);
    else con.error(`notification ${r.channel.name} (${r.channel.type}): test message not delivered: ${r.error}`);
  }
  const failed = results.filter((r) => r.error !== undefined);
  if (failed.length)
    con.error(`${failed.length} of ${results.length} notification channel(s) failed: ${failed.map((r) => r.channel.name).join(', ')}`);
  return failed.length ? ExitCode.Findings : ExitCode.Ok;
}
