// The catalogue's metadata and documents: every rule documented in docs/rules.md (its generated part current),
// every reference it cites resolvable in docs/sources.md and docs/ft-requirements.md, metadata complete. Each
// rule's own cases are in catalog/<rule-id>.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/rules/catalog/index.js';
import { CATALOGUE_HEADING, catalogueMarkdown } from '../../../src/rules/docs/catalogue.js';
import { sourceIdOf, sourcesMarkdown } from '../../../src/rules/docs/sources.js';

// "§5.1" is heading "### 5.1" of ft-requirements.md, or item "1." of its section "## 5.".
function sectionExists(notes: string, n: string): boolean {
  if (new RegExp(`^#+ ${n.replace('.', '\\.')}[. ]`, 'm').test(notes)) return true;
  const [sec, item] = n.split('.');
  const start = notes.search(new RegExp(`^## ${sec}\\. `, 'm'));
  if (start < 0) return false;
  const end = notes.indexOf('\n## ', start + 1);
  const body = notes.slice(start, end < 0 ? undefined : end);
  return item === undefined || new RegExp(`^${item}\\. `, 'm').test(body);
}

describe('rule catalogue', () => {
  it('docs/rules.md documents every rule', () => {
    const doc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    for (const { meta } of RULES) expect(doc, meta.id).toContain(`| \`${meta.id}\` | ${meta.severity} | ${meta.scope} |`);
  });

  it('the generated part of docs/rules.md and docs/sources.md are current (npx tsx scripts/gen-rules-doc.ts)', () => {
    const doc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    expect(doc.slice(doc.indexOf(CATALOGUE_HEADING))).toBe(catalogueMarkdown());
    expect(readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8')).toBe(sourcesMarkdown());
  });

  it('every reference a rule cites is in docs/sources.md, and every ft-requirements row it names exists', () => {
    const sources = readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8');
    const notes = readFileSync(new URL('../../../docs/ft-requirements.md', import.meta.url), 'utf8');
    const missing: string[] = [];
    for (const { meta } of RULES) {
      for (const ref of meta.references) {
        const id = sourceIdOf(ref);
        if (!sources.includes(`\n| ${id} | `)) missing.push(`${meta.id}: ${id}`);
        if (id !== 'ft-requirements') continue;
        for (const row of ref
          .slice(id.length)
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)) {
          const found = row.startsWith('§') ? sectionExists(notes, row.slice(1)) : notes.includes(`| ${row} |`);
          if (!found) missing.push(`${meta.id}: ft-requirements ${row}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the seed table in docs/rules.md names only existing rules, and every seedRequirement rule appears in it', () => {
    const doc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Seed requirements'), doc.indexOf('## Catalogue'));
    const named = new Set([...table.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!));
    const ids = new Set(RULES.map((r) => r.meta.id));
    expect([...named].filter((id) => !ids.has(id))).toEqual([]);
    expect(RULES.filter((r) => r.meta.seedRequirement && !named.has(r.meta.id)).map((r) => r.meta.id)).toEqual([]);
  });

  it('every rule has complete metadata with a kebab-case, scope-prefixed id', () => {
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(new RegExp(`^${meta.scope}-[a-z0-9]+(-[a-z0-9]+)*$`));
      expect(meta.title.length).toBeGreaterThan(5);
      expect(meta.rationale.length).toBeGreaterThan(20);
      expect(meta.remediation.length).toBeGreaterThan(10);
      expect(meta.references.length).toBeGreaterThan(0);
      expect(meta.generations.length).toBeGreaterThan(0);
    }
  });
});
