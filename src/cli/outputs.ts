// --output FORMAT=FILE (repeatable; FILE "-" is stdout). Without any, a terminal table goes to stdout.
import { extname } from 'node:path';
import { FORMATS, isFormat, type Format } from '../report/index.js';
import { UsageError } from './errors.js';

export interface OutputSpec {
  format: Format;
  file: string | '-';
}

const BY_EXTENSION: Record<string, Format> = {
  '.json': 'json',
  '.csv': 'csv',
  '.xml': 'junit',
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.txt': 'table',
};

// "html=scan.html", "json=-", or a bare file name whose extension names the format ("scan.json").
export function parseOutput(spec: string): OutputSpec {
  const eq = spec.indexOf('=');
  if (eq < 0) {
    const format = BY_EXTENSION[extname(spec).toLowerCase()];
    if (!format) {
      throw new UsageError(`--output ${spec}: write FORMAT=FILE with FORMAT one of ${FORMATS.join(', ')} (e.g. html=scan.html)`);
    }
    return { format, file: spec };
  }
  const format = spec.slice(0, eq).trim().toLowerCase();
  const file = spec.slice(eq + 1).trim();
  if (!isFormat(format)) {
    throw new UsageError(`--output ${spec}: unknown format '${format}': use one of ${FORMATS.join(', ')}`);
  }
  if (!file) throw new UsageError(`--output ${spec}: give a file after '=' (or '-' for stdout)`);
  return { format, file };
}

export function parseOutputs(specs: string[]): OutputSpec[] {
  const outs = specs.map(parseOutput);
  if (outs.filter((o) => o.file === '-').length > 1) {
    throw new UsageError('--output: only one report can go to stdout (FORMAT=-)');
  }
  return outs;
}
