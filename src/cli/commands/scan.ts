// `ftscan scan` and `ftscan plan`: the settings as a Job, run by the application (src/app/scan.ts); the
// outcome is the exit code.
import { type ExitCode, runJob } from '../../app/index.js';
import type { Console } from '../context.js';
import { eventsOf, scanJobOf } from '../jobs.js';
import type { Settings } from '../settings.js';

export async function scanCommand(s: Settings, con: Console, mode: 'scan' | 'plan'): Promise<ExitCode> {
  return (await runJob(scanJobOf(s, con, mode), eventsOf(con, s))).outcome;
}
