// What a command needs from its surroundings, injectable so tests run the CLI in-process.
import type { Readable, Writable } from 'node:stream';
import { redact } from './errors.js';

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

// Human-facing output. Messages pass through the redactor, so a password can never be printed even if a
// lower layer put it in an error. Report content (out) is not rewritten: it never holds a credential by
// construction (tested), and rewriting would corrupt a JSON report wherever a short password matched.
export class Console {
  readonly secrets = new Set<string>();
  constructor(readonly io: CliIo) {}

  out(text: string): void {
    this.io.stdout.write(text);
  }
  error(line: string): void {
    this.io.stderr.write(`ftscan: ${redact(line, this.secrets)}\n`);
  }
  warn(line: string): void {
    this.io.stderr.write(`ftscan: warning: ${redact(line, this.secrets)}\n`);
  }
  info(line: string): void {
    this.io.stderr.write(`${redact(line, this.secrets)}\n`);
  }
  // Colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb.
  get color(): boolean {
    const env = this.io.env;
    return !!this.io.stdout.isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  }
}
