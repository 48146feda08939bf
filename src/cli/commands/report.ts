// `ftscan report scan.json --output html=scan.html`: re-render (and re-apply baseline/waivers) offline; the
// application judges again (src/app/report.ts).
import { type ExitCode, rejudgeJob } from '../../app/index.js';
import type { Console } from '../context.js';
import { eventsOf, reportJobOf } from '../jobs.js';
import type { Settings } from '../settings.js';

export async function reportCommand(files: string[], s: Settings, con: Console): Promise<ExitCode> {
  return (await rejudgeJob(files, reportJobOf(s, con), eventsOf(con, s))).outcome;
}
