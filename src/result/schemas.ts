// The JSON schemas of stored reports, read from docs/ beside the package. The bundle (scripts/bundle.ts) replaces
// this module with one that inlines every file, so the single-file build and the executable read nothing from disk.
import { readFileSync } from 'node:fs';

export const SCHEMA_FILES: Record<string, string> = {
  '1': 'scan-result.v1.schema.json',
  '2': 'scan-result.v2.schema.json',
  '3': 'scan-result.v3.schema.json',
  '4': 'scan-result.schema.json',
};

/** The parsed schema of a report's major version (a key of SCHEMA_FILES). */
export function loadSchema(major: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../docs/${SCHEMA_FILES[major]}`, import.meta.url), 'utf8'));
}
