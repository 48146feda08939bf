// Reading a stored JSON report back (`ftscan report`, --baseline): parse, validate against its schema version,
// fill a 3.x report's facts back from its rule table, targets and schema defaults (src/result/compact.ts), read a
// 2.x report as it is, and bring a 1.x report (findings copied into each assessment, no ids) to the current model, deriving each
// finding's id from what it holds, so the first scan after an upgrade marks nothing new that was there before.
// The reader is src/result/read-core.ts; this module adds ajv, which compiles the validators of older majors.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { reportAjv } from './ajv.js';
import { checkReport, parseReport, precompiledValidator } from './read-core.js';
import { loadSchema } from './schemas.js';
import { SCHEMA_VERSION, type ScanResult } from './types.js';

export { MAX_JSON_DEPTH, ReportFileError } from './read-core.js';

const validators = new Map<string, ValidateFunction>();

export function schemaValidator(major = SCHEMA_VERSION.split('.')[0]!): ValidateFunction {
  // The current schema's validator is compiled ahead of time (scripts/gen-validator.ts); an older one when first
  // needed. optimize: false skips ajv's code-optimisation passes: compiling takes a third of the time (about 0.3 s
  // instead of 1 s on this machine) and validation is no slower.
  const pre = precompiledValidator(major);
  if (pre) return pre;
  let v = validators.get(major);
  if (!v) validators.set(major, (v = reportAjv({ optimize: false }).compile(loadSchema(major))));
  return v;
}

/** Parses and validates a JSON report (current or 1.x); one-line ReportFileError naming the problem otherwise. */
export function readScanJson(text: string, source = 'scan.json'): ScanResult {
  const parsed = parseReport(text, source);
  return checkReport(parsed, schemaValidator(parsed.major), source);
}
