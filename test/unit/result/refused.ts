// What every schema test asserts of a report it breaks: refused by the reader as a ReportFileError, in one line
// (exit 2 in the CLI), naming the file, its schema version and the cause.
import { expect } from 'vitest';
import { readScanJson, ReportFileError } from '../../../src/result/read.js';

export function expectRefused(doc: unknown, cause: RegExp, version = '4\\.0'): void {
  let err: unknown;
  try {
    readScanJson(JSON.stringify(doc), 'bad.json');
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ReportFileError);
  expect((err as Error).message).toMatch(new RegExp(`^bad\\.json is not a valid ftscan report \\(schemaVersion ${version}\\): `));
  expect((err as Error).message).toMatch(cause);
  expect((err as Error).message).not.toContain('\n');
}
