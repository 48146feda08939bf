// Every error the user can cause or meet becomes ONE line naming the cause and the fix. Stack traces are
// kept for genuine bugs, and printed only with --log-level debug. A failed vCenter is worded by the scan
// (src/scan/describe-failure.ts); what ends the whole command is worded here.
import { ExitCode, outside } from '../app/index.js';
import { UsageError } from '../util/errors.js';

// A config-file problem, located: "ftscan.yaml:12: unknown key 'servre'".
export class ConfigError extends UsageError {
  override readonly name = 'ConfigError';
  constructor(file: string, detail: string, line?: number) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
  }
}

// The exit code and one line for an error that ends the whole command. A bug (not a user mistake)
// exits 4: the run did not complete; its stack trace is logged at debug level only.
export function describeFatal(err: unknown): { code: ExitCode; message: string; bug: boolean } {
  if (err instanceof UsageError) return { code: ExitCode.Usage, message: err.message, bug: false };
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    code: ExitCode.Incomplete,
    message: `internal error: ${outside(e.message)} (re-run with --log-level debug for the stack trace)`,
    bug: true,
  };
}
