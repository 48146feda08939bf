// The reader of stored JSON reports without ajv (src/result/read.ts adds ajv, for reports of an older schema
// major): parse, version check, validation by a given validator, the 3.x / 4.x decoding, the 1.x upgrade and the
// reference check. `ftscan report` of a current report loads only this module and the precompiled validator
// (src/result/validate-current.ts): ajv itself takes 0.15 s to load.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { findingId, vcenterKey } from '../rules/finding-id.js';
import type { Finding } from '../rules/types.js';
import { normalizeServer } from '../util/server.js';
import { decodeResult } from './compact.js';
import { SCHEMA_FILES as SCHEMAS } from './schemas.js';
import { SCHEMA_VERSION, type ScanResult } from './types.js';
import { MAJOR as CURRENT_MAJOR, validate as validateCurrent } from './validate-current.js';

/** A scan.json that cannot be used: the CLI maps it to exit code 2. */
export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

// "1.x, 2.x or 3.x": the versions this build reads.
const majors = Object.keys(SCHEMAS)
  .map((m) => `${m}.x`)
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

/** The validator of a schema major compiled ahead of time (the current one, scripts/gen-validator.ts), if it is. */
export function precompiledValidator(major: string): ValidateFunction | undefined {
  return major === CURRENT_MAJOR ? (validateCurrent as unknown as ValidateFunction) : undefined;
}

// A report ftscan writes nests about a dozen levels; evidence values a few more. Deeper input (a hostile or
// corrupted file: 100,000 nested arrays in an evidence value) would overflow the stack of every renderer.
export const MAX_JSON_DEPTH = 200;

/** One pass over the text, strings skipped: a one-line error naming the input when it nests too deep. */
function checkDepth(text: string, source: string): void {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: jump to its closing quote (one not escaped by an odd run of backslashes); most of a report's
      // characters are in strings, and indexOf skips them far faster than a loop over each.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        if (j === -1) return; // unterminated: JSON.parse names the error
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      i = j;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new ReportFileError(
          `${source} nests more than ${MAX_JSON_DEPTH} levels deep (at character ${i}): not a report ftscan wrote; pass a file written by --output json=FILE`,
        );
      }
    } else if (c === 93 || c === 125) depth--;
  }
}

/** A parsed report of a schema version this build reads, not yet validated. */
export interface ParsedReport {
  doc: unknown;
  version: string;
  major: string;
}

/** Parses a JSON report and reads its schema version; one-line ReportFileError naming the problem otherwise. */
export function parseReport(text: string, source = 'scan.json'): ParsedReport {
  checkDepth(text, source);
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ReportFileError(`${source} is not JSON (${(e as Error).message.split('\n')[0]}): pass a file written by --output json=FILE`);
  }
  const version = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>).schemaVersion : undefined;
  const major = typeof version === 'string' ? version.split('.')[0]! : '';
  if (!(major in SCHEMAS)) {
    const seen = version === undefined ? 'missing' : JSON.stringify(version);
    throw new ReportFileError(
      `${source} is not an ftscan report (schemaVersion ${seen}, expected ${majors}): pass a file written by --output json=FILE`,
    );
  }
  return { doc, version: version as string, major };
}

/** Validates a parsed report with its major's validator and brings it to the current model (current or 1.x). */
export function checkReport({ doc, version, major }: ParsedReport, validate: ValidateFunction, source = 'scan.json'): ScanResult {
  if (!validate(doc)) {
    const err = validate.errors?.[0];
    const where = err?.instancePath || '/';
    throw new ReportFileError(
      `${source} is not a valid ftscan report (schemaVersion ${version}): ${where} ${err?.message ?? 'is invalid'}; ` +
        're-run the scan to produce a fresh one',
    );
  }
  if (Number(major) >= 3)
    decodeResult(
      doc as Record<string, unknown>,
      (msg) => {
        throw new ReportFileError(
          `${source} is not a valid ftscan report (schemaVersion ${version}): ${msg}; re-run the scan to produce a fresh one`,
        );
      },
      Number(major),
    );
  const result = major === '1' ? fromV1(doc as V1Result) : (doc as ScanResult);
  const dangling = danglingReference(result);
  if (dangling)
    throw new ReportFileError(
      `${source} is not a valid ftscan report: ${dangling} names no finding in evaluation.findings; re-run the scan to produce a fresh one`,
    );
  return result;
}

// The schema cannot say that every findingIds / fixIds entry names a stored finding; renderers rely on it.
function danglingReference(r: ScanResult): string | undefined {
  const ids = new Set(r.evaluation.findings.map((f) => f.id));
  const ev = r.evaluation;
  for (const [list, what] of [
    [ev.vms, 'vms'],
    [ev.clusters, 'clusters'],
    [ev.hosts, 'hosts'],
    [ev.datastores, 'datastores'],
  ] as const) {
    for (let i = 0; i < list.length; i++) {
      const a = list[i]! as { findingIds: string[]; fixIds?: string[] };
      const bad = a.findingIds.find((id) => !ids.has(id)) ?? a.fixIds?.find((id) => !ids.has(id));
      if (bad) return `/evaluation/${what}/${i} references ${bad}, which`;
    }
  }
  return undefined;
}

// The 1.x shape, as far as the upgrade reads it.
type V1Finding = Omit<Finding, 'id'>;
interface V1Assessment {
  moid: string;
  name: string;
  server?: string;
  findings: V1Finding[];
  [k: string]: unknown;
}
interface V1Result {
  evaluation: {
    findings: V1Finding[];
    vms: (V1Assessment & { fixes?: { ruleId: string }[]; verdict: string })[];
    clusters: V1Assessment[];
    hosts: V1Assessment[];
    datastores: V1Assessment[];
    [k: string]: unknown;
  };
  targets: ScanResult['targets'];
  baseline?: { file: string; resolved: V1Finding[]; unverified?: V1Finding[] };
  [k: string]: unknown;
}

function fromV1(r: V1Result): ScanResult {
  const vcOf = new Map<string, string>();
  for (const t of r.targets) vcOf.set(normalizeServer(t.server), vcenterKey(t.inventory?.vcenter.instanceUuid, t.server));
  const single = r.targets.length === 1 ? r.targets[0]!.server : undefined;
  const idOf = (f: V1Finding): string => {
    const server = f.server ?? single ?? '';
    const vc = vcOf.get(normalizeServer(server)) ?? vcenterKey(undefined, server);
    // 1.x stored vCenter's own answers without a discriminator: its reason (or fault) was the evidence.
    const observed = f.evidence?.[0]?.observed as { reason?: string | null; fault?: string } | undefined;
    const discriminator = f.source === 'vcenter' ? (observed?.reason ?? observed?.fault ?? undefined) : undefined;
    return findingId({ ...f, ...(discriminator ? { discriminator } : {}) }, vc);
  };
  const withId = (f: V1Finding): Finding => ({ ...f, id: idOf(f) });
  const ev = r.evaluation;
  const findings = new Map<string, Finding>();
  const ids = (fs: V1Finding[]) =>
    fs.map((f) => {
      const x = withId(f);
      if (!findings.has(x.id)) findings.set(x.id, x);
      return x.id;
    });
  ids(ev.findings);
  const strip = <T extends V1Assessment>({ findings: fs, ...rest }: T) => ({ ...rest, findingIds: [...new Set(ids(fs))] });
  const vms = ev.vms.map(({ fixes: _fixes, ...vm }) => ({ ...strip(vm), fixIds: [] as string[] }));
  const out = {
    ...r,
    schemaVersion: SCHEMA_VERSION,
    evaluation: {
      ...ev,
      findings: [...findings.values()],
      vms,
      clusters: ev.clusters.map(strip),
      hosts: ev.hosts.map(strip),
      datastores: ev.datastores.map(strip),
    },
  } as unknown as ScanResult;
  if (r.baseline) {
    const b = r.baseline;
    out.baseline = {
      file: b.file,
      new: 0,
      unchanged: 0,
      resolved: b.resolved.map(withId),
      ...(b.unverified ? { unverified: b.unverified.map(withId) } : {}),
    };
  }
  return out;
}
