// `ftscan rules` (the catalogue) and `ftscan explain <rule-id>` (one rule's documentation).
import { explainRule, listRules, UnknownRuleError } from '../rules/explain.js';
import { UsageError } from '../util/errors.js';
import { ExitCode } from './exit-codes.js';
import type { Events } from './job.js';

export async function rulesJob(events: Pick<Events, 'out'>, json: boolean): Promise<ExitCode> {
  const rules = listRules();
  if (json) {
    events.out(JSON.stringify(rules, null, 2) + '\n');
    return ExitCode.Ok;
  }
  const rows = rules.map((r) => [r.id, r.severity, r.scope, r.generations.join(','), r.title]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['RULE', 'SEVERITY', 'SCOPE', 'FT'][i]!.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  events.out(
    [line(['RULE', 'SEVERITY', 'SCOPE', 'FT', 'TITLE']), ...rows.map(line)].join('\n') +
      `\n\n${rules.length} rules; ftscan explain <rule> for one rule's rationale and fix\n`,
  );
  return ExitCode.Ok;
}

export async function explainJob(id: string, events: Pick<Events, 'out'>): Promise<ExitCode> {
  try {
    events.out(explainRule(id).replace(/\n?$/, '\n'));
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof UnknownRuleError) {
      const hint = err.suggestion ? ` (did you mean '${err.suggestion}'?)` : '';
      throw new UsageError(`unknown rule id '${id}'${hint}: see \`ftscan rules\` for the catalogue`);
    }
    throw err;
  }
}
