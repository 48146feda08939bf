// Rewrites the generated tail of docs/rules.md (from "## Catalogue" on) from the rule metadata, and
// docs/sources.md from src/rules/sources.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE_HEADING, catalogueMarkdown } from '../src/rules/catalogue-doc.js';
import { sourcesMarkdown } from '../src/rules/sources.js';

const file = new URL('../docs/rules.md', import.meta.url);
const doc = readFileSync(file, 'utf8');
const at = doc.indexOf(CATALOGUE_HEADING);
if (at < 0) throw new Error(`docs/rules.md has no "${CATALOGUE_HEADING}" heading`);
writeFileSync(file, doc.slice(0, at) + catalogueMarkdown());
writeFileSync(new URL('../docs/sources.md', import.meta.url), sourcesMarkdown());
