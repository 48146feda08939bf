// Structured logs (pino) to stderr, or to --log-file, at --log-level (default warn). Credentials are redacted
// by key wherever they appear in a log object; the client never logs bodies that carry them. Errors carry
// vCenter text (fault strings, details): the err serializer scrubs registered secrets from every string in
// them, and each line is written with control characters escaped (JSON \u00XX: same value, inert).
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Writable } from 'node:stream';
import { scrubDeep } from '../util/redact.js';
import { inertJson } from '../util/text.js';
import { UsageError } from '../util/errors.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'passwordFile',
  'cookie',
  '*.cookie',
  'headers.cookie',
  '*.headers.cookie',
  'sessionId',
  '*.sessionId',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*["vmware-api-session-id"]',
];

// The log file is opened now (synchronously), so a path that cannot be written is a usage error before any
// vCenter is contacted, not a crash in the middle of a scan.
function openLogFile(file: string): DestinationStream {
  try {
    return pino.destination({ dest: file, sync: true, mkdir: true, append: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write --log-file ${file} (${code}): give a file in a directory ftscan can write to`);
  }
}

export function createLogger(level: LogLevel, stderr: Writable, logFile?: string): Logger {
  const dest: { write(line: string): unknown } = logFile ? openLogFile(logFile) : stderr;
  const opts = {
    level,
    base: { name: 'ftscan' },
    redact: { paths: REDACT_PATHS, censor: '***' },
    serializers: { err: (e: unknown) => scrubDeep(e instanceof Error ? pino.stdSerializers.err(e) : e) },
  };
  return pino(opts, { write: (line: string) => dest.write(inertJson(line)) });
}
