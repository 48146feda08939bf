// The application's one door for a front end (the cli may import src/app only through this file, and
// src/util): the jobs, the Job/Events contract, the exit codes, and the vocabularies a front end needs to
// parse arguments into a Job (formats, --fail-on values, severities, rule ids, `notify:` entries).
export { explainJob, rulesJob } from './catalogue.js';
export { EXIT_CODE_TABLE, ExitCode } from './exit-codes.js';
export { historyJob } from './history.js';
export type { ConnectJob, Events, OutputSpec, ReportJob, ScanChoices, ScanJob, ServerEntry, Warning } from './job.js';
export { LOG_LEVELS, type LogLevel } from './logging.js';
export { notifyTestJob } from './notify.js';
export { privilegesJob } from './privileges.js';
export { rejudgeJob } from './report.js';
export { runJob } from './scan.js';
export { trustJob } from './trust.js';
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
