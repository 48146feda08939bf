// The CLI side of notifications: after the reports are written (or when no vCenter could be read), send the
// config's `notify:` channels. Delivery problems are warnings on stderr and, with --log-file, in the log; they
// never change the exit code and never stop a report from being written (the reports are already on disk).
import type { Logger } from 'pino';
import { notifyAll } from '../notify/send.js';
import type { ScanResult } from '../result/types.js';
import type { Console } from './context.js';
import { createLogger } from './logging.js';
import type { OutputSpec } from './outputs.js';
import type { Settings } from './settings.js';

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
    warn: (line) => {
      con.warn(line);
      log?.warn(line);
    },
    debug: (line) => log?.debug(line),
  });
}
