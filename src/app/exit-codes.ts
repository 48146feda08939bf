// The one exit-code table of ftscan; README "Exit codes" carries the same rows (a test compares them).
// Cron jobs and CI pipelines branch on these numbers: never renumber.
import { SIGNAL_EXIT_CODES } from '../util/signals.js';

export const ExitCode = {
  Ok: 0, // scan complete, nothing at or above --fail-on
  Findings: 1, // scan complete, findings at or above --fail-on
  Usage: 2, // bad flag, bad config file, unknown rule id, unreadable waivers/baseline file
  NothingScanned: 3, // no vCenter yielded any inventory, whatever the cause; no report is written (metrics are)
  Incomplete: 4, // a vCenter failed while others were read, could not be seen whole, or a VM's verdict was left unknown
  // Ended by a stop signal, 128 + its number (util/signals.ts handles all three the same way).
  Hangup: SIGNAL_EXIT_CODES.SIGHUP, // 129
  Interrupted: SIGNAL_EXIT_CODES.SIGINT, // 130
  Terminated: SIGNAL_EXIT_CODES.SIGTERM, // 143
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_TABLE: { code: ExitCode; meaning: string }[] = [
  { code: ExitCode.Ok, meaning: 'scan complete, nothing at or above the --fail-on threshold' },
  { code: ExitCode.Findings, meaning: 'scan complete, findings at or above the --fail-on threshold' },
  {
    code: ExitCode.Usage,
    meaning: 'usage or configuration error (bad flag, bad config file, unknown rule id, unreadable waivers file)',
  },
  {
    code: ExitCode.NothingScanned,
    meaning:
      'nothing could be scanned: no vCenter yielded any inventory (unreachable, TLS or authentication failure, a fault, a malformed reply or a timeout before the inventory was read; every target, when several); no report is written, so the previous one survives, except the Prometheus metrics (--output prom=FILE): every target up 0, its last-success time carried over, ftscan_last_run_success 0',
  },
  {
    code: ExitCode.Incomplete,
    meaning:
      "scan incomplete: one of several vCenters failed; or the user cannot see the whole scope (System.View and System.Read, propagated, on the root folder or on each --datacenter / --cluster scanned: objects it cannot see are absent), the missing privilege and object named with the fix; or a VM's verdict was left unknown because data a rule needed could not be read (NoPermission, a malformed value); the report is written, marked incomplete, and says what is missing. A property no rule needed is listed in the report but does not make the exit code 4. 4 wins over 1",
  },
  {
    code: ExitCode.Hangup,
    meaning:
      'stopped by SIGHUP (the terminal closed): the calls in flight are cancelled, ftscan logs out of each vCenter (and its REST session), removes its temporary files and writes no report',
  },
  { code: ExitCode.Interrupted, meaning: 'stopped by SIGINT (Ctrl-C): the same clean-up, no report' },
  { code: ExitCode.Terminated, meaning: 'stopped by SIGTERM (kill, systemd stop, a CI timeout): the same clean-up, no report' },
];
