// The commander program: scan, plan, report, rules, explain, privileges. Option values are not defaulted
// here (defaults live in settings.ts) so a config-file value is only overridden by a flag actually given.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { loadConfigFile } from './config.js';
import type { Console } from './context.js';
import { EXIT_CODE_TABLE, type ExitCode } from './exit-codes.js';
import { explainCommand, rulesCommand } from './commands/rules.js';
import { privilegesCommand } from './commands/privileges.js';
import { reportCommand } from './commands/report.js';
import { scanCommand } from './commands/scan.js';
import { OUTPUT_FORMATS } from '../report/index.js';
import { mergeSettings, OPTION_SPECS, settingsFromFlags, type Settings } from './settings.js';
import { VERSION } from './version.js';

export interface RunState {
  code: ExitCode; // set by the command that ran
}

const repeat = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

function connectionOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'vCenter to scan, e.g. https://vc.example.com (repeatable)', repeat)
    .option('--user <name>', 'vCenter user, e.g. ftscan@vsphere.local (password: FTSCAN_PASSWORD, --password-file, or a prompt)')
    .option('--password-file <file>', 'file whose first line is the password')
    .option('--ca-file <file>', 'PEM file of the CA that signed the vCenter certificate')
    .option('--insecure', 'do not verify the vCenter certificate (prints a warning)')
    .option('--concurrency <n>', 'vCenters scanned at the same time (default 4)')
    .option('--target-timeout <duration>', 'give up on one vCenter after this long: 90s, 15m, 2h (default 30m)')
    .option('--max-response-mb <n>', 'largest vCenter response accepted, in MiB (default 512; single-document replies: 1/32 of it)');
}

function commonOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'YAML config file; every flag has a key of the same name')
    .addOption(new Option('--log-level <level>', 'structured log level (default warn)').choices(OPTION_SPECS['log-level'].kind))
    .option('--log-file <file>', 'write structured logs to this file instead of stderr');
}

function scopeOptions(cmd: Command): Command {
  return cmd
    .option('--datacenter <name>', 'only this datacenter (repeatable)', repeat)
    .option('--cluster <name>', 'only this cluster (repeatable)', repeat)
    .option('--host <glob>', 'only VMs on hosts matching this name glob (repeatable)', repeat)
    .option('--vm <glob>', 'only VMs whose name matches this glob (repeatable)', repeat)
    .option('--vms <file>', 'only the VMs named in this file, one per line (# comments)')
    .option('--tag <category/tag>', 'only VMs carrying this vSphere tag (repeatable)', repeat)
    .addOption(
      new Option('--profile <profile>', 'FT generation: auto (per VM, from versions), legacy or smp (default auto)').choices(
        OPTION_SPECS.profile.kind,
      ),
    )
    .addOption(
      new Option('--edition <edition>', 'vSphere edition when licences cannot be read (SMP-FT vCPU cap)').choices(
        OPTION_SPECS.edition.kind,
      ),
    )
    .option(
      '--ask-vcenter',
      "also run vCenter's own QueryFaultToleranceCompatibilityEx per VM (needs VirtualMachine.Config.QueryFTCompatibility)",
    )
    .option('--max-objects <n>', 'objects per RetrievePropertiesEx page (default 1000)')
    .option('--target-cluster <name>', 'pre-migration what-if: evaluate the VMs as if placed in this cluster');
}

function reportOptions(cmd: Command): Command {
  return cmd
    .option(
      '--output <format=file>',
      `report FORMAT (${OUTPUT_FORMATS.join(', ')}) to FILE, "-" for stdout (repeatable; adds to the config's output list)`,
      repeat,
    )
    .option('--baseline <file>', 'previous JSON report: mark findings new / unchanged / resolved')
    .option('--waivers <file>', 'YAML waivers (rule, object, reason, expires)')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when a finding is at or above this severity (default blocker); new-blocker / new-warning: only findings new since --baseline',
      ).choices(OPTION_SPECS['fail-on'].kind),
    )
    .option('--detail', 'table and markdown: every VM with its findings, evidence and fixes (default: causes and the VMs not ready)')
    .option('--quiet', 'no summary on stderr when the run exits 1 and every report went to a file');
}

// Config file (if any) under the flags actually given.
function settingsOf(cmd: Command, con: Console): Settings {
  const flags = cmd.opts();
  let fromConfig: Partial<Settings> = {};
  if (typeof flags.config === 'string') {
    const loaded = loadConfigFile(resolve(con.io.cwd, flags.config), con.io.env);
    loaded.warnings.forEach((w) => con.warn(w));
    fromConfig = loaded.settings;
  }
  return mergeSettings(fromConfig, settingsFromFlags(flags, con.io.cwd));
}

export function buildProgram(con: Console, state: RunState): Command {
  const program = new Command('ftscan')
    .description('Read-only vSphere Fault Tolerance readiness scanner: what stands between each VM and FT.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => con.out(s),
      writeErr: (s) => con.io.stderr.write(s),
      // commander's own errors (bad flag, missing argument) become one line with the fix.
      outputError: (s, write) =>
        write(
          `ftscan: ${s
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()} (see ftscan --help)\n`,
        ),
    })
    .addHelpText('after', `\nExit codes:\n${EXIT_CODE_TABLE.map((e) => `  ${e.code}  ${e.meaning}`).join('\n')}\n`);

  const run = (fn: (cmd: Command) => Promise<ExitCode>) =>
    async function (this: Command): Promise<void> {
      state.code = await fn(this);
    };

  commonOptions(reportOptions(scopeOptions(connectionOptions(program.command('scan')))))
    .description('scan vCenters and report FT readiness per VM')
    .action(run((cmd) => scanCommand(settingsOf(cmd, con), con, 'scan')));

  commonOptions(reportOptions(scopeOptions(connectionOptions(program.command('plan')))))
    .description('pre-migration plan: per VM ready or not (in --target-cluster), with the ordered fix list')
    .action(run((cmd) => scanCommand(settingsOf(cmd, con), con, 'plan')));

  commonOptions(reportOptions(program.command('report')))
    .description('re-render a JSON report offline, e.g. ftscan report scan.json --output html=scan.html')
    .argument('<scan.json...>', 'reports written by --output json=FILE; several are merged into one estate report')
    .action(run((cmd) => reportCommand(cmd.args, settingsOf(cmd, con), con)));

  program
    .command('rules')
    .description('list the rule catalogue')
    .option('--json', 'print the catalogue as JSON')
    .action(run((cmd) => rulesCommand(con, !!cmd.opts().json)));

  program
    .command('explain')
    .description("print one rule's documentation: rationale, remediation, references")
    .argument('<rule-id>', 'a rule id from `ftscan rules`')
    .action(run((cmd) => explainCommand(cmd.args[0]!, con)));

  commonOptions(connectionOptions(program.command('privileges')))
    .description('print the minimal vCenter role; with --server, check the user against it')
    .action(run((cmd) => privilegesCommand(settingsOf(cmd, con), con)));

  return program;
}
