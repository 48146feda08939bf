// The application's one door for a front end (the cli may import src/app only through this file, and
// src/util): the jobs, the Job/Events contract, the exit codes, and the vocabularies a front end needs to
// parse arguments into a Job (formats, --fail-on values, severities, rule ids, `notify:` entries).
export { explainJob, rulesJob } from './catalogue.js';
export { EXIT_CODE_TABLE, ExitCode } from './exit-codes.js';
export { historyJob } from './history.js';
export type { ConnectJob, Events, OutputSpec, ReportJob, ScanChoices, ScanJob, ServerEntry, Warning } from './job.js';
export { LOG_LEVELS, type LogLevel } from './logging.js';

// The jobs that read a vCenter, a report or send messages are loaded when run, not at start-up: `ftscan report`
// then never loads the vSphere client, a scan never loads what only `report` or `notify --test` needs, and
// `--help` or a usage error loads neither (each module graph costs 0.1-0.2 s to load).
type Jobs = {
  notify: typeof import('./notify.js');
  privileges: typeof import('./privileges.js');
  report: typeof import('./report.js');
  scan: typeof import('./scan.js');
  trust: typeof import('./trust.js');
};
export const notifyTestJob: Jobs['notify']['notifyTestJob'] = async (...a) => (await import('./notify.js')).notifyTestJob(...a);
export const privilegesJob: Jobs['privileges']['privilegesJob'] = async (...a) => (await import('./privileges.js')).privilegesJob(...a);
export const rejudgeJob: Jobs['report']['rejudgeJob'] = async (...a) => (await import('./report.js')).rejudgeJob(...a);
export const runJob: Jobs['scan']['runJob'] = async (...a) => (await import('./scan.js')).runJob(...a);
export const trustJob: Jobs['trust']['trustJob'] = async (...a) => (await import('./trust.js')).trustJob(...a);
export { VERSION } from './version.js';

// Vocabularies of the command line and the config file, defined in the layers that own them.
export { parseNotify } from '../notify/config.js';
export type { Channel } from '../notify/types.js';
export { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from '../report/index.js';
export { FAIL_ON, type FailOn } from '../result/gate.js';
export { closestRuleId, findRule, UnknownRuleError } from '../rules/explain.js';
export { SEVERITIES, type Severity } from '../rules/types.js';
export { outside } from '../scan/describe-failure.js';
export type { ScanProgress } from '../scan/run.js';
