// `ftscan report scan.json --output html=scan.html`: re-render (and re-apply baseline/waivers) offline.
import { resolve } from 'node:path';
import { mergeResults } from '../result/merge.js';
import { rejudge, type ScanResult } from '../scan/pipeline.js';
import type { Events, JobEnd, ReportJob, Warning } from './job.js';
import { sendNotifications } from './notify.js';
import { checkOutputTargets, emitReports, loadPolicies, policyWarnings, readScanFile, reportOutcome } from './reports.js';

export async function rejudgeJob(files: string[], job: ReportJob, events: Events): Promise<JobEnd<ScanResult>> {
  const warnings: Warning[] = [];
  const warn = (w: Warning): void => {
    warnings.push(w);
    events.warn(w);
  };
  const outputs = job.outputs;
  checkOutputTargets(outputs);
  // Several reports (one per vCenter or region): one estate result, judged again below like a single one.
  const read: { file: string; result: ScanResult }[] = [];
  for (const file of files) read.push({ file, result: await readScanFile(resolve(job.cwd, file), 'report') });
  const stored = mergeResults(read, (line) => warn({ code: 'report-merge', message: line }));
  // A merge job whose --baseline is its own JSON output starts without one on its first night, as a scan does.
  const jsonOutputs = outputs.filter((o) => o.format === 'json' && o.file !== '-').map((o) => o.file);
  const result = rejudge(stored, await loadPolicies(job, { jsonOutputs, cwd: job.cwd, warn }), events.now());
  policyWarnings(result).forEach(warn);
  const { toStdout } = await emitReports(outputs, result, job, events, { defaultTable: true });
  await sendNotifications(result, job, events, outputs, warn);
  // Same exit semantics as the scan that produced it, so a pipeline can gate on a stored report.
  const outcome = reportOutcome(result, events, { failOn: job.failOn, quiet: job.quiet, toStdout });
  return { result, outcome, warnings };
}
