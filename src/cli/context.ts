// What a command needs from its surroundings, injectable so tests run the CLI in-process.
import type { Readable, Writable } from 'node:stream';
import { registerPassword } from '../util/redact.js';
import { clip, inertDocument, inertJson, visible } from '../util/text.js';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
}

export function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

// A stderr line longer than this is cut: a 50 KB fault string must not become a 50 KB line.
const MAX_LINE = 2000;

// Human-facing output. Every line and document is made inert on the way out (control characters shown as
// escapes, util/text.ts): names and fault strings from a vCenter or a file must not drive the terminal or
// forge a line, whether stdout/stderr is a terminal, a pipe or a log. Secrets are not this class's business:
// ftscan's own messages never hold one, and outside text is scrubbed where it enters (util/redact.ts).
export class Console {
  // Passwords given to `add` are scrubbed from outside text (kept for callers; credentials.ts registers too).
  readonly secrets = { add: (password: string): void => registerPassword(password) };
  constructor(readonly io: CliIo) {}

  // ftscan's own documents (help, plan, rule lists): line structure kept, colour kept only when on.
  out(text: string): void {
    this.io.stdout.write(inertDocument(text, { sgr: this.color }));
  }
  // A rendered report on stdout. JSON keeps its exact value (controls as \u00XX); the other formats keep
  // their own newlines, tabs and CRLF and show every other control; the table keeps its own colour.
  report(format: string, text: string): void {
    if (format === 'json') this.io.stdout.write(inertJson(text));
    else this.io.stdout.write(inertDocument(text, { sgr: format === 'table' && this.color }));
  }
  error(line: string): void {
    this.io.stderr.write(`ftscan: ${oneLine(line)}\n`);
  }
  warn(line: string): void {
    this.io.stderr.write(`ftscan: warning: ${oneLine(line)}\n`);
  }
  // Several lines (a stack trace under --log-level debug, "wrote report" notes).
  info(text: string): void {
    this.io.stderr.write(`${inertDocument(text)}\n`);
  }
  // Colour on a terminal; never with NO_COLOR (https://no-color.org), which wins; FORCE_COLOR (as picocolors and
  // most CLIs read it) turns it on for a pipe or a CI log, FORCE_COLOR=0 or false off; else not with TERM=dumb.
  get color(): boolean {
    const env = this.io.env;
    if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
    if ('FORCE_COLOR' in env) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
    return !!this.io.stdout.isTTY && env.TERM !== 'dumb';
  }
}

function oneLine(line: string): string {
  return clip(visible(line), MAX_LINE);
}
