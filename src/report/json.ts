// The JSON report: the whole ScanResult (collected inventories included, so `ftscan report scan.json`
// re-renders offline), deterministic key order, 2-space indent. readScanJson() is the way back in,
// validated against docs/scan-result.schema.json.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SCHEMA_VERSION, type ScanResult } from '../scan/result.js';

// Top-level keys in reading order; every nested object's keys are sorted so two scans of the same estate diff cleanly.
const TOP_KEYS = ['schemaVersion', 'tool', 'startedAt', 'finishedAt', 'profile', 'targetCluster', 'complete', 'summary',
  'baseline', 'waivers', 'evaluation', 'rules', 'targets'];

export interface JsonOptions {
  indent?: number;
}

export function render(result: ScanResult, opts: JsonOptions = {}): string {
  const top = result as unknown as Record<string, unknown>;
  const keys = [...TOP_KEYS.filter((k) => k in top), ...Object.keys(top).filter((k) => !TOP_KEYS.includes(k)).sort()];
  const ordered: Record<string, unknown> = {};
  for (const k of keys) ordered[k] = canonical(top[k]);
  return JSON.stringify(ordered, null, opts.indent ?? 2) + '\n';
}

function canonical(v: unknown): unknown {
  if (typeof v === 'bigint') {
    // The inventory is number-only; a bigint here is a stray raw value in evidence: keep it exact and printable.
    return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  }
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = canonical(x);
    }
    return out;
  }
  return v;
}

/** A scan.json that cannot be used: the CLI maps it to exit code 2. */
export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

let validator: ValidateFunction | undefined;

export function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('../../docs/scan-result.schema.json', import.meta.url), 'utf8'));
    const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false });
    // ajv-formats is CommonJS: its callable is the default export under NodeNext.
    const addFormats = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule;
    (addFormats.default ?? addFormats)(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Parses and validates a JSON report; one-line ReportFileError naming the problem otherwise. */
export function readScanJson(text: string, source = 'scan.json'): ScanResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ReportFileError(`${source} is not JSON (${(e as Error).message.split('\n')[0]}): pass a file written by --output json=FILE`);
  }
  const version = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>).schemaVersion : undefined;
  const major = SCHEMA_VERSION.split('.')[0];
  if (typeof version !== 'string' || version.split('.')[0] !== major) {
    const seen = version === undefined ? 'missing' : JSON.stringify(version);
    throw new ReportFileError(
      `${source} is not an ftscan report (schemaVersion ${seen}, expected ${major}.x): pass a file written by --output json=FILE`,
    );
  }
  const validate = schemaValidator();
  if (!validate(doc)) {
    const err = validate.errors?.[0];
    const where = err?.instancePath || '/';
    throw new ReportFileError(
      `${source} is not a valid ftscan report (schemaVersion ${version}): ${where} ${err?.message ?? 'is invalid'}; ` +
        're-run the scan to produce a fresh one',
    );
  }
  return doc as ScanResult;
}
