// --output FORMAT=FILE (repeatable; FILE "-" is stdout). Without any, a terminal table goes to stdout.
// csv-findings has no extension of its own: name it (csv-findings=findings.csv).
import { extname, resolve } from 'node:path';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat, type OutputSpec } from '../app/index.js';
import { UsageError } from '../util/errors.js';

const BY_EXTENSION: Record<string, OutputFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.xml': 'junit',
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.txt': 'table',
  '.xlsx': 'xlsx',
  '.prom': 'prom',
};

// "html=scan.html", "json=-", or a bare file name whose extension names the format ("scan.json").
export function parseOutput(spec: string): OutputSpec {
  const eq = spec.indexOf('=');
  if (eq < 0) {
    const format = BY_EXTENSION[extname(spec).toLowerCase()];
    if (!format) {
      throw new UsageError(`--output ${spec}: write FORMAT=FILE with FORMAT one of ${OUTPUT_FORMATS.join(', ')} (e.g. html=scan.html)`);
    }
    return { format, file: spec };
  }
  const format = spec.slice(0, eq).trim().toLowerCase();
  const file = spec.slice(eq + 1).trim();
  if (!isOutputFormat(format)) {
    throw new UsageError(`--output ${spec}: unknown format '${format}': use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (!file) throw new UsageError(`--output ${spec}: give a file after '=' (or '-' for stdout)`);
  if (file === '-' && format === 'xlsx') {
    throw new UsageError(
      `--output ${spec}: an ${format} workbook is binary and cannot go to stdout: give a file (${format}=estate.${format})`,
    );
  }
  return { format, file };
}

// The config's outputs and the command line's come as one list (settings.ts): the same report named twice is
// written once; two reports to one file (or two to stdout) would overwrite each other, so they are refused.
export function parseOutputs(specs: string[], cwd = process.cwd()): OutputSpec[] {
  const outs: OutputSpec[] = [];
  const byFile = new Map<string, OutputSpec>();
  for (const o of specs.map(parseOutput)) {
    const key = o.file === '-' ? '-' : resolve(cwd, o.file);
    const prev = byFile.get(key);
    if (prev?.format === o.format) continue;
    if (prev) {
      throw new UsageError(
        o.file === '-'
          ? `--output: only one report can go to stdout (${prev.format}=- and ${o.format}=-): write the other to a file`
          : `--output: ${prev.format} and ${o.format} reports both go to ${o.file}: give each its own file`,
      );
    }
    byFile.set(key, o);
    outs.push(o);
  }
  return outs;
}
