// The generated part of docs/rules.md (catalogue table, severity decisions, vCenter reasons), built from the
// rules' metadata so the document never restates a rule by hand. `npx tsx scripts/gen-rules-doc.ts`
// rewrites it; a unit test fails when the document is stale.
import { RULES } from '../catalog/index.js';

export const CATALOGUE_HEADING = '## Catalogue';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function catalogueMarkdown(): string {
  const rows = RULES.map(
    ({ meta: m }) =>
      `| \`${m.id}\` | ${m.severity} | ${m.scope} | ${m.generations.join(', ')}${m.versions ? ` (${cell(m.versions)})` : ''} | ${cell(m.title)} | ${m.disruption} | ${cell(m.references.join('; '))} |`,
  );
  const notes = RULES.filter((r) => r.meta.severityNote).map(({ meta: m }) => `- \`${m.id}\`: ${m.severityNote}`);
  const reasons = RULES.filter((r) => r.meta.vcenterReasons?.length).map(
    ({ meta: m }) => `| \`${m.id}\` | ${m.vcenterReasons!.join(', ')} |`,
  );
  return [
    CATALOGUE_HEADING,
    '',
    '| id | severity | scope | generations | title | fix needs | references |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Severity decisions',
    '',
    'Where the sources disagree (or are unverified), the rule records the decision in `severityNote`:',
    '',
    ...notes,
    '',
    '## vCenter reasons mapped to rules',
    '',
    '| rule | vCenter reasons / faults |',
    '|---|---|',
    ...reasons,
    '',
  ].join('\n');
}
