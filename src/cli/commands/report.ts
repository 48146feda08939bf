// `ftscan report scan.json --output html=scan.html`: re-render (and re-apply baseline/waivers) offline.
import type { Console } from '../context.js';
import type { ExitCode } from '../exit-codes.js';
import { sendNotifications } from '../notify.js';
import { parseOutputs } from '../outputs.js';
import { rejudge } from '../../scan/pipeline.js';
import { mergeResults } from '../../result/merge.js';
import { checkOutputTargets, emitReports, loadPolicies, reportOutcome, warnExpiredWaivers, readScanFile } from '../reports.js';
import type { Settings } from '../settings.js';
import { resolve } from 'node:path';

export async function reportCommand(files: string[], s: Settings, con: Console): Promise<ExitCode> {
  const outputs = parseOutputs(s.output, con.io.cwd);
  checkOutputTargets(outputs);
  // Several reports (one per vCenter or region): one estate result, judged again below like a single one.
  const stored = mergeResults(
    files.map((file) => ({ file, result: readScanFile(resolve(con.io.cwd, file), 'report') })),
    (line) => con.warn(line),
  );
  // A merge job whose --baseline is its own JSON output starts without one on its first night, as a scan does.
  const jsonOutputs = outputs.filter((o) => o.format === 'json' && o.file !== '-').map((o) => o.file);
  const result = rejudge(stored, loadPolicies(s, { jsonOutputs, cwd: con.io.cwd, warn: (line) => con.warn(line) }), con.io.now());
  warnExpiredWaivers(result, con);
  const { toStdout } = await emitReports(outputs, result, con, {
    defaultTable: true,
    failOn: s.failOn,
    detail: s.detail,
    ...(s.severity ? { severity: s.severity } : {}),
  });
  await sendNotifications(result, s, con, outputs);
  // Same exit semantics as the scan that produced it, so a pipeline can gate on a stored report.
  return reportOutcome(result, con, { failOn: s.failOn, quiet: s.quiet, toStdout });
}
