// Passwords: per-server config entry, --password-file (flag or config), FTSCAN_PASSWORD, the config file's
// `password`, or a no-echo prompt on a terminal. Never argv: a password there leaks into `ps` and shell history.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { registerPassword } from '../util/redact.js';
import { visible } from '../util/text.js';
import { UsageError } from '../util/errors.js';
import type { ServerEntry, Settings } from './settings.js';

const PASSWORD_ENV = 'FTSCAN_PASSWORD';

// Refuses --password / --password=... / -p-like spellings before commander sees them, without echoing the value.
export function rejectPasswordOnArgv(argv: string[]): void {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new UsageError(
      `--password is not accepted (argv is visible to other users in ps and kept in shell history): set ${PASSWORD_ENV}, use --password-file FILE, or run on a terminal to be prompted`,
    );
  }
}

function readPasswordFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read --password-file ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions`,
    );
  }
  const pw = text.replace(/\r?\n$/, '');
  if (pw === '') throw new UsageError(`--password-file ${file} is empty: put the password on its first line`);
  return pw;
}

interface PromptIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stderr: Writable & { isTTY?: boolean };
}

// Reads a line from the terminal without echoing it.
async function promptHidden(question: string, io: PromptIo): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  io.stderr.write(question);
  // readline echoes through _writeToOutput; silencing it hides the typed characters.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  try {
    return await new Promise<string>((resolveLine, reject) => {
      rl.once('line', resolveLine);
      rl.once('close', () => reject(new UsageError('no password entered')));
    });
  } finally {
    io.stderr.write('\n');
    rl.close();
  }
}

export interface CredentialSources {
  env: Record<string, string | undefined>;
  io: PromptIo;
}

// The password for one server entry, in order of precedence. Registered as a secret the moment it is known,
// so a vCenter that echoes it in a fault string cannot get it into a log, stderr or a report.
export async function passwordFor(
  entry: ServerEntry,
  user: string,
  settings: Settings,
  src: CredentialSources,
  prompted: Map<string, string>,
): Promise<string> {
  const password = await findPassword(entry, user, settings, src, prompted);
  registerPassword(password);
  return password;
}

async function findPassword(
  entry: ServerEntry,
  user: string,
  settings: Settings,
  src: CredentialSources,
  prompted: Map<string, string>,
): Promise<string> {
  if (entry.password !== undefined) return entry.password;
  if (entry.passwordFile) return readPasswordFile(entry.passwordFile);
  if (settings.passwordFile) return readPasswordFile(settings.passwordFile);
  const env = src.env[PASSWORD_ENV];
  if (env) return env;
  if (settings.password !== undefined) return settings.password;
  if (src.io.stdin.isTTY && src.io.stderr.isTTY) {
    const key = `${user}@${entry.server}`;
    const known = prompted.get(key);
    if (known !== undefined) return known;
    const pw = await promptHidden(`Password for ${visible(user)} on ${visible(entry.server)}: `, src.io);
    prompted.set(key, pw);
    return pw;
  }
  throw new UsageError(`no password for ${user} on ${entry.server}: set ${PASSWORD_ENV}, or use --password-file FILE`);
}
