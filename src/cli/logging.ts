// Structured logs (pino) to stderr, or to --log-file, at --log-level (default warn). Credentials are redacted
// by key wherever they appear in a log object; the client never logs bodies that carry them.
import { pino, type Logger } from 'pino';
import type { Writable } from 'node:stream';
import type { LogLevel } from './settings.js';

export const REDACT_PATHS = [
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

export function createLogger(level: LogLevel, stderr: Writable, logFile?: string): Logger {
  const opts = { level, base: { name: 'ftscan' }, redact: { paths: REDACT_PATHS, censor: '***' } };
  if (logFile) return pino(opts, pino.destination({ dest: logFile, sync: true, mkdir: true, append: true }));
  return pino(opts, stderr);
}
