// The one exit-code table of ftscan; README "Exit codes" carries the same rows (a test compares them).
// Cron jobs and CI pipelines branch on these numbers: never renumber.

export const ExitCode = {
  Ok: 0, // scan complete, nothing at or above --fail-on
  Findings: 1, // scan complete, findings at or above --fail-on
  Usage: 2, // bad flag, bad config file, unknown rule id, unreadable waivers/baseline file
  NothingScanned: 3, // every target unreachable / TLS failure / authentication failure
  Incomplete: 4, // some targets or objects could not be read; the report is written and says what is missing
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
      'nothing could be scanned: unreachable, TLS failure, authentication failure (every target, when several); no report is written',
  },
  {
    code: ExitCode.Incomplete,
    meaning:
      'scan incomplete: some targets or objects could not be read (NoPermission, a fault or malformed response mid-scan, a timeout, one of several vCenters down); the report is written and says what is missing. 4 wins over 1',
  },
];
