// Rewrites the generated tail of docs/rules.md (from "## Catalogue" on) from the rule metadata
// (src/rules/docs/catalogue.ts), and docs/sources.md from the bibliography (src/rules/docs/sources.ts).
//
//   npx tsx scripts/gen-rules-doc.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE_HEADING, catalogueMarkdown } from '../src/rules/docs/catalogue.js';
import { sourcesMarkdown } from '../src/rules/docs/sources.js';

const file = new URL('../docs/rules.md', import.meta.url);
const doc = readFileSync(file, 'utf8');
const at = doc.indexOf(CATALOGUE_HEADING);
if (at < 0) throw new Error(`docs/rules.md has no "${CATALOGUE_HEADING}" heading`);
writeFileSync(file, doc.slice(0, at) + catalogueMarkdown());
writeFileSync(new URL('../docs/sources.md', import.meta.url), sourcesMarkdown());
