// Entry point: runCli(argv, io) returns the exit code, so tests run the whole CLI in-process.
// bin/ftscan.js calls it with process.argv and exits with the code it returns.
import { CommanderError } from 'commander';
import { Console, defaultIo, type CliIo } from './context.js';
import { rejectPasswordOnArgv } from './credentials.js';
import { describeFatal } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { scrubSecrets } from '../util/redact.js';
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
  try {
    rejectPasswordOnArgv(argv);
    const program = buildProgram(con, state);
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (err) {
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
  }
}
