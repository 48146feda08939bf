// `ftscan privileges`: the minimal custom role for a full scan and, with --server, a check of the
// connected user against it (HasPrivilegeOnEntities on the root folder).
import { checkPrivileges, REQUIRED_PRIVILEGES } from '../inventory/privileges.js';
import { describeFailure } from '../scan/describe-failure.js';
import { TimeoutError } from '../scan/pool.js';
import { withTarget } from '../scan/stages.js';
import { ExitCode } from './exit-codes.js';
import type { ConnectJob, Events, JobEnd } from './job.js';
import { createLogger } from './logging.js';
import { resolveTargets } from './scan.js';

function roleText(): string {
  const width = Math.max(...REQUIRED_PRIVILEGES.map((p) => p.privilege.length));
  const lines = REQUIRED_PRIVILEGES.map((p) => `  ${p.privilege.padEnd(width)}  ${p.purpose}${p.optional ? ' (optional)' : ''}`);
  const ids = REQUIRED_PRIVILEGES.map((p) => p.privilege).filter((p) => !p.startsWith('System.'));
  return [
    'Minimal vCenter role for ftscan (clone "Read-only" and add the rest), assigned at the root with "propagate":',
    ...lines,
    '',
    `e.g. govc role.create ftscan ${ids.join(' ')}   (System.* privileges are in every role)`,
    '',
  ].join('\n');
}

export async function privilegesJob(s: ConnectJob, events: Events): Promise<JobEnd> {
  const warnings: JobEnd['warnings'] = [];
  const end = (outcome: ExitCode): JobEnd => ({ outcome, warnings });
  events.out(roleText());
  if (s.servers.length === 0) return end(ExitCode.Ok);
  const logger = createLogger(s.logLevel, events.logStream, s.logFile);
  const targets = await resolveTargets(s, events, (w) => {
    warnings.push(w);
    events.warn(w);
  });
  let missing = false;
  let failed = 0;
  for (const t of targets) {
    // --target-timeout cancels the calls in flight (a server that drips or never answers), logout included.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new TimeoutError(s.targetTimeoutSec)), s.targetTimeoutSec * 1000);
    try {
      const checks = await withTarget(t, logger, (c) => checkPrivileges(c), deadline.signal);
      events.out(`\n${t.user} on ${t.server}:\n`);
      for (const c of checks) {
        const req = REQUIRED_PRIVILEGES.find((p) => p.privilege === c.privilege);
        const mark = c.granted ? 'ok     ' : req?.optional ? 'absent ' : 'MISSING';
        if (!c.granted && !req?.optional) missing = true;
        events.out(`  ${mark}  ${c.privilege}${!c.granted && req?.optional ? ` (only for ${req.purpose})` : ''}\n`);
      }
    } catch (err) {
      const f = describeFailure(err, t);
      events.error(f.message);
      failed++;
    } finally {
      clearTimeout(timer);
    }
  }
  // One rule with `scan`: nothing checked at all (unreachable, refused, a fault, a timeout) is exit 3.
  if (failed === targets.length) return end(ExitCode.NothingScanned);
  if (failed > 0) return end(ExitCode.Incomplete);
  return end(missing ? ExitCode.Findings : ExitCode.Ok);
}
