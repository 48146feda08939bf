// The option table: every option of scan, plan, report and privileges written once — its flag and YAML key
// (the same kebab-case name), settings field, value kind, default, help line and the commands that take it.
// commander's definitions (program.ts), the config keys (config.ts), conversion and defaults (settings.ts) and
// the README check (test/unit/cli/options.test.ts) all read this table. The `notify:` config section
// (src/notify/config.ts) is a nested list of channels, not a flag-shaped value, so it stays outside.
import { FAIL_ON, LOG_LEVELS, OUTPUT_FORMATS } from '../app/index.js';

export type Kind =
  | 'string'
  | 'path'
  | 'list'
  | 'bool'
  | 'count'
  | 'duration'
  | 'servers'
  | 'outputs'
  | 'thumbprints'
  | 'rules'
  | 'severities'
  | readonly string[];

// Which commands take an option: scan and plan take every group, report `report` and `common`, privileges
// `connection` and `common`. `schedule` (--output-dir, --keep) is scan and plan only.
export type Group = 'connection' | 'scope' | 'report' | 'schedule' | 'common';

export interface OptionDef {
  key: string; // flag name without "--" and YAML key
  field?: string; // settings field (none for --config, which picks the file the others come from)
  kind: Kind;
  group: Group;
  arg?: string; // commander's value placeholder; none for a boolean switch
  help: string;
  helpAfter?: string; // a note after the default
  default?: string | number; // in the form a user writes it; shown in --help as "(default X)"
  repeatable?: boolean; // a flag given several times adds up
  where?: 'config' | 'flag'; // only in the config file (never on argv) / only on the command line
  perServer?: boolean; // also a key of a `server:` entry in the config file
  merge?: 'add'; // config and command line add up instead of the flag winning
  decode?: Readonly<Record<string, string>>; // choice as written => settings value
  env?: string; // environment variable that sets it (a flag wins over it, it wins over the config file)
}

export const OPTIONS = [
  // connection
  {
    key: 'server',
    field: 'servers',
    kind: 'servers',
    group: 'connection',
    arg: '<url>',
    repeatable: true,
    perServer: true,
    env: 'FTSCAN_SERVER',
    help: 'vCenter to scan, e.g. https://vc.example.com (repeatable)',
  },
  {
    key: 'user',
    field: 'user',
    kind: 'string',
    group: 'connection',
    arg: '<name>',
    perServer: true,
    env: 'FTSCAN_USER',
    help: 'vCenter user, e.g. ftscan@vsphere.local (password: FTSCAN_PASSWORD, --password-file, or a prompt)',
  },
  {
    key: 'password',
    field: 'password',
    kind: 'string',
    group: 'connection',
    where: 'config',
    perServer: true,
    help: 'the password (config file only: argv is visible in ps)',
  },
  {
    key: 'password-file',
    field: 'passwordFile',
    kind: 'path',
    group: 'connection',
    arg: '<file>',
    perServer: true,
    help: 'file whose first line is the password',
  },
  {
    key: 'ca-file',
    field: 'caFile',
    kind: 'path',
    group: 'connection',
    arg: '<file>',
    perServer: true,
    env: 'FTSCAN_CA_FILE',
    help: 'PEM file of the CA that signed the vCenter certificate',
  },
  {
    key: 'thumbprint',
    field: 'thumbprint',
    kind: 'thumbprints',
    group: 'connection',
    arg: '<SHA256:fp>',
    repeatable: true,
    perServer: true,
    help: 'accept exactly the vCenter certificate with this SHA-256 fingerprint (see `ftscan trust`), instead of CA and host name checks (repeatable)',
  },
  {
    key: 'insecure',
    field: 'insecure',
    kind: 'bool',
    group: 'connection',
    perServer: true,
    help: 'do not verify the vCenter certificate (prints a warning)',
  },
  {
    key: 'concurrency',
    field: 'concurrency',
    kind: 'count',
    group: 'connection',
    arg: '<n>',
    default: 4,
    help: 'vCenters scanned at the same time',
  },
  {
    key: 'target-timeout',
    field: 'targetTimeoutSec',
    kind: 'duration',
    group: 'connection',
    arg: '<duration>',
    default: '30m',
    help: 'give up on one vCenter after this long: 90s, 15m, 2h',
  },
  // The client owns this default (vsphere/transport.ts); unset here, it applies there.
  {
    key: 'max-response-mb',
    field: 'maxResponseMb',
    kind: 'count',
    group: 'connection',
    arg: '<n>',
    help: 'largest vCenter response accepted, in MiB (default 512; single-document replies: 1/32 of it)',
  },
  // scope
  {
    key: 'datacenter',
    field: 'datacenter',
    kind: 'list',
    group: 'scope',
    arg: '<name>',
    repeatable: true,
    help: 'only this datacenter (repeatable)',
  },
  {
    key: 'cluster',
    field: 'cluster',
    kind: 'list',
    group: 'scope',
    arg: '<name>',
    repeatable: true,
    help: 'only this cluster (repeatable)',
  },
  {
    key: 'host',
    field: 'host',
    kind: 'list',
    group: 'scope',
    arg: '<glob>',
    repeatable: true,
    help: 'only VMs on hosts matching this name glob (repeatable)',
  },
  {
    key: 'vm',
    field: 'vm',
    kind: 'list',
    group: 'scope',
    arg: '<glob>',
    repeatable: true,
    help: 'only VMs whose name matches this glob (repeatable)',
  },
  {
    key: 'vms',
    field: 'vms',
    kind: 'path',
    group: 'scope',
    arg: '<file>',
    help: 'only the VMs named in this file, one per line (# comments)',
  },
  {
    key: 'tag',
    field: 'tag',
    kind: 'list',
    group: 'scope',
    arg: '<category/tag>',
    repeatable: true,
    help: 'only VMs carrying this vSphere tag (repeatable)',
  },
  {
    key: 'profile',
    field: 'profile',
    kind: ['auto', 'legacy', 'smp'],
    group: 'scope',
    arg: '<profile>',
    default: 'auto',
    help: 'FT generation: auto (per VM, from versions), legacy or smp',
  },
  {
    key: 'edition',
    field: 'edition',
    kind: ['standard', 'enterprise', 'enterprise-plus'],
    group: 'scope',
    arg: '<edition>',
    decode: { 'enterprise-plus': 'enterprisePlus' },
    help: 'vSphere edition when licences cannot be read (SMP-FT vCPU cap)',
  },
  {
    key: 'ask-vcenter',
    field: 'askVcenter',
    kind: 'bool',
    group: 'scope',
    help: "also run vCenter's own QueryFaultToleranceCompatibilityEx per VM (needs VirtualMachine.Config.QueryFTCompatibility)",
  },
  {
    key: 'skip-rule',
    field: 'skipRule',
    kind: 'rules',
    group: 'scope',
    arg: '<id>',
    repeatable: true,
    help: 'do not evaluate this rule (repeatable, or a comma list); the reports list it as not checked',
  },
  {
    key: 'only-rule',
    field: 'onlyRule',
    kind: 'rules',
    group: 'scope',
    arg: '<id>',
    repeatable: true,
    help: 'evaluate only these rules (repeatable, or a comma list); the others are listed as not checked',
  },
  // The collector owns this default (vsphere/collect.ts DEFAULT_MAX_OBJECTS).
  {
    key: 'max-objects',
    field: 'maxObjects',
    kind: 'count',
    group: 'scope',
    arg: '<n>',
    help: 'objects per RetrievePropertiesEx page (default 1000)',
  },
  {
    key: 'target-cluster',
    field: 'targetCluster',
    kind: 'string',
    group: 'scope',
    arg: '<name>',
    help: 'pre-migration what-if: evaluate the VMs as if placed in this cluster',
  },
  {
    key: 'target-datastore',
    field: 'targetDatastore',
    kind: 'list',
    group: 'scope',
    arg: '<name>',
    repeatable: true,
    help: "with --target-cluster: where the VMs' files go (repeatable: the best for FT is chosen); default: a datastore every FT host of the target mounts",
  },
  {
    key: 'target-network',
    field: 'targetNetwork',
    kind: 'list',
    group: 'scope',
    arg: '<src=dst>',
    repeatable: true,
    help: 'with --target-cluster: map port group SRC to DST of the target (repeatable); default: the same name, else one the target offers',
  },
  {
    key: 'target-host',
    field: 'targetHost',
    kind: 'list',
    group: 'scope',
    arg: '<name>',
    repeatable: true,
    help: "with --target-cluster: the primary's host; given twice, then the secondary's host",
  },
  // report
  // One rule for reports: the config's `output:` list and the command line's --output add up (a duplicate is
  // listed once; two reports to one file are refused in outputs.ts), so a flag never silently drops the JSON
  // a nightly baseline depends on.
  {
    key: 'output',
    field: 'output',
    kind: 'outputs',
    group: 'report',
    arg: '<format=file>',
    repeatable: true,
    merge: 'add',
    help: `report FORMAT (${OUTPUT_FORMATS.join(', ')}) to FILE, "-" for stdout (repeatable; adds to the config's output list)`,
  },
  {
    key: 'baseline',
    field: 'baseline',
    kind: 'path',
    group: 'report',
    arg: '<file>',
    help: 'previous JSON report: mark findings new / unchanged / resolved',
  },
  { key: 'waivers', field: 'waivers', kind: 'path', group: 'report', arg: '<file>', help: 'YAML waivers (rule, object, reason, expires)' },
  {
    key: 'fail-on',
    field: 'failOn',
    kind: FAIL_ON,
    group: 'report',
    arg: '<severity>',
    default: 'blocker',
    help: 'exit 1 when a finding is at or above this severity',
    helpAfter: 'new-blocker / new-warning: only findings new since --baseline',
  },
  {
    key: 'severity',
    field: 'severity',
    kind: 'severities',
    group: 'report',
    arg: '<list>',
    help: 'table, markdown and html: show only findings of these severities, e.g. blocker,warning (JSON, CSV, xlsx, JUnit, notifications: all)',
  },
  {
    key: 'detail',
    field: 'detail',
    kind: 'bool',
    group: 'report',
    help: 'table and markdown: every VM with its findings, evidence and fixes (default: causes and the VMs not ready)',
  },
  {
    key: 'quiet',
    field: 'quiet',
    kind: 'bool',
    group: 'report',
    help: 'no summary on stderr when the run exits 1 and every report went to a file',
  },
  // schedule: a history of runs (app/history.ts)
  {
    key: 'output-dir',
    field: 'outputDir',
    kind: 'path',
    group: 'schedule',
    arg: '<dir>',
    help: "write this run's reports into DIR/<UTC time>/ (scan.json, report.html, and each --output file by its name; stdout and prom stay), point DIR/latest at it, use the previous run as --baseline",
  },
  {
    key: 'keep',
    field: 'keep',
    kind: 'count',
    group: 'schedule',
    arg: '<n>',
    default: 30,
    help: 'with --output-dir: run folders kept, the oldest removed',
  },
  // common
  {
    key: 'config',
    kind: 'path',
    group: 'common',
    arg: '<file>',
    where: 'flag',
    help: 'YAML config file; every flag has a key of the same name',
  },
  { key: 'log-level', field: 'logLevel', kind: LOG_LEVELS, group: 'common', arg: '<level>', default: 'warn', help: 'structured log level' },
  {
    key: 'log-file',
    field: 'logFile',
    kind: 'path',
    group: 'common',
    arg: '<file>',
    help: 'write structured logs to this file instead of stderr',
  },
] as const satisfies readonly OptionDef[];

export type OptionKey = (typeof OPTIONS)[number]['key'];

// The help line as --help shows it: the table's default written in, before any note that follows it.
export function helpOf(o: OptionDef): string {
  const dflt = o.default === undefined ? '' : ` (default ${o.default})`;
  const env = o.env ? ` [env ${o.env}]` : '';
  return `${o.help}${dflt}${o.helpAfter ? `; ${o.helpAfter}` : ''}${env}`;
}
