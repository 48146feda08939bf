// Entry point: runCli(argv, io) returns the exit code, so tests run the whole CLI in-process.
// bin/ftscan.js calls it with process.argv and exits with the code it returns.
import { CommanderError } from 'commander';
import { Console, defaultIo, type CliIo } from './context.js';
import { rejectPasswordOnArgv } from './credentials.js';
import { describeFatal } from './errors.js';
import { ExitCode } from '../app/index.js';
import { scrubSecrets } from '../util/redact.js';
import { armSignals, SIGNAL_EXIT_CODES } from '../util/signals.js';
import { buildProgram, type RunState } from './program.js';

export type { CliIo } from './context.js';

export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...defaultIo(), ...io };
  const con = new Console(full);
  // Known before parsing, so even a failure while parsing can show its stack trace when asked to.
  const debug = argv.some(
    (a, i) => /^--log-level=(debug|trace)$/.test(a) || (a === '--log-level' && /^(debug|trace)$/.test(argv[i + 1] ?? '')),
  );
  const state: RunState = { code: ExitCode.Ok };
  // SIGHUP / SIGINT / SIGTERM: the clean-ups run (Logout, REST DELETE, temporary files), then the run ends with
  // 128 + the signal's number, whatever the command was doing.
  const stop = armSignals();
  const stopped = stop.stopped.then((sig) => {
    con.error(`stopped by ${sig}`);
    return SIGNAL_EXIT_CODES[sig] as number;
  });
  try {
    rejectPasswordOnArgv(argv);
    const program = buildProgram(con, state);
    const done = program.parseAsync(argv, { from: 'user' }).then(() => state.code as number);
    const code = await Promise.race([done, stopped]);
    return stop.received() ? await stopped : code;
  } catch (err) {
    if (stop.received()) return await stopped; // the command failed because it was cancelled
    if (err instanceof CommanderError) {
      // --help / --version end here too; commander has already printed them.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
        ? ExitCode.Ok
        : ExitCode.Usage;
    }
    const fatal = describeFatal(err);
    con.error(fatal.message);
    // The stack's first line is the error's message, which may quote a vCenter.
    if (fatal.bug && debug && err instanceof Error && err.stack) con.info(scrubSecrets(err.stack));
    return fatal.code;
  } finally {
    stop.disarm();
  }
}

/**
 * The process around runCli, shared by bin/ftscan.js and the bundle (scripts/bundle.ts): runs the CLI on
 * process.argv and exits with its code once stdout has drained.
 */
export async function main(argv: string[] = process.argv.slice(2)): Promise<never> {
  // `ftscan scan | head` closes stdout early: finish the scan (reports, exit code) instead of dying on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const code = await runCli(argv);
  // Exit once stdout has drained: a vCenter abandoned at --target-timeout may still hold a socket open.
  if (process.stdout.destroyed) process.exit(code);
  return await new Promise<never>(() => process.stdout.write('', () => process.exit(code)));
}
