// The commander program: scan, plan, report, rules, explain, privileges, notify --test. Their options come from the option
// table (options.ts).
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import {
  EXIT_CODE_TABLE,
  type ExitCode,
  explainJob,
  historyJob,
  notifyTestJob,
  privilegesJob,
  rulesJob,
  trustJob,
  VERSION,
} from '../app/index.js';
import { reportCommand } from './commands/report.js';
import { scanCommand } from './commands/scan.js';
import { loadConfigFile } from './config.js';
import type { Console } from './context.js';
import { connectJobOf, eventsOf } from './jobs.js';
import { type Group, helpOf, type OptionDef, OPTIONS } from './options.js';
import { mergeSettings, settingsFromEnv, settingsFromFlags, type Settings } from './settings.js';

export interface RunState {
  code: ExitCode; // set by the command that ran
}

const repeat = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

// The table's options of these groups, in table order. No commander defaults: a config-file value is only
// overridden by a flag actually given (defaults apply in mergeSettings).
function withOptions(cmd: Command, ...groups: Group[]): Command {
  for (const group of groups) {
    for (const o of OPTIONS as readonly OptionDef[]) {
      if (o.group !== group || o.where === 'config') continue;
      const opt = new Option(`--${o.key}${o.arg ? ` ${o.arg}` : ''}`, helpOf(o));
      if (Array.isArray(o.kind)) opt.choices(o.kind);
      if (o.repeatable) opt.argParser(repeat);
      cmd.addOption(opt);
    }
  }
  return cmd;
}

// Config file (if any) under the environment (FTSCAN_SERVER, ...) under the flags actually given.
function settingsOf(cmd: Command, con: Console): Settings {
  const flags = cmd.opts();
  let fromConfig: Partial<Settings> = {};
  if (typeof flags.config === 'string') {
    const loaded = loadConfigFile(resolve(con.io.cwd, flags.config));
    loaded.warnings.forEach((w) => con.warn(w));
    fromConfig = loaded.settings;
  }
  return mergeSettings(
    fromConfig,
    settingsFromFlags(flags, con.io.cwd),
    settingsFromEnv(
      con.io.env,
      con.io.cwd,
      cmd.options.map((o) => o.long?.slice(2) ?? ''),
    ),
  );
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

  withOptions(program.command('scan'), 'connection', 'scope', 'report', 'schedule', 'common')
    .description('scan vCenters and report FT readiness per VM')
    .action(run((cmd) => scanCommand(settingsOf(cmd, con), con, 'scan')));

  withOptions(program.command('plan'), 'connection', 'scope', 'report', 'schedule', 'common')
    .description('pre-migration plan: per VM ready or not (in --target-cluster), with the ordered fix list')
    .action(run((cmd) => scanCommand(settingsOf(cmd, con), con, 'plan')));

  withOptions(program.command('report'), 'report', 'common')
    .description('re-render a JSON report offline, e.g. ftscan report scan.json --output html=scan.html')
    .argument('<scan.json...>', 'reports written by --output json=FILE; several are merged into one estate report')
    .action(run((cmd) => reportCommand(cmd.args, settingsOf(cmd, con), con)));

  program
    .command('rules')
    .description('list the rule catalogue')
    .option('--json', 'print the catalogue as JSON')
    .action(run((cmd) => rulesJob(con, !!cmd.opts().json)));

  program
    .command('explain')
    .description("print one rule's documentation: rationale, remediation, references")
    .argument('<rule-id>', 'a rule id from `ftscan rules`')
    .action(run((cmd) => explainJob(cmd.args[0]!, con)));

  withOptions(program.command('notify'), 'common')
    .description("send a test message on each of the config's notify: channels (exit 1 names the channels that failed)")
    .option('--test', 'send a test message on every channel, whatever its `when`')
    .action(
      run((cmd) => {
        const s = settingsOf(cmd, con);
        return notifyTestJob({ ...(s.notify ? { notify: s.notify } : {}), env: con.io.env, test: !!cmd.opts().test }, eventsOf(con, s));
      }),
    );

  program
    .command('history')
    .description('the trend of the runs kept by --output-dir: per run blocked, ready, ready with warnings, new, resolved')
    .argument('<dir>', 'the folder given to scan --output-dir')
    .action(run(async (cmd) => historyJob({ dir: cmd.args[0]!, cwd: con.io.cwd }, con)));

  program
    .command('trust')
    .description('show the certificate chain a vCenter presents (no credentials, no SOAP call); --write-ca saves its CA for --ca-file')
    .option('--server <host[:port]>', 'vCenter to ask, e.g. vc.example.com or vc.example.com:8443 [env FTSCAN_SERVER]')
    .option('--write-ca <file>', 'write the top certificate of the presented chain (PEM) to this file, for --ca-file')
    .action(
      run((cmd) => {
        const { server, writeCa } = cmd.opts<{ server?: string; writeCa?: string }>();
        const given = server ?? settingsFromEnv(con.io.env, con.io.cwd, ['server']).servers?.[0]?.server;
        return trustJob({ ...(given ? { server: given } : {}), ...(writeCa ? { writeCa } : {}) }, eventsOf(con));
      }),
    );

  withOptions(program.command('privileges'), 'connection', 'common')
    .description('print the minimal vCenter role; with --server, check the user against it')
    .action(
      run(async (cmd) => {
        const s = settingsOf(cmd, con);
        return (await privilegesJob(connectJobOf(s), eventsOf(con, s))).outcome;
      }),
    );

  return program;
}
