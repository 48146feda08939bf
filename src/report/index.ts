// The report layer's entry point: render any format from a ScanResult, plus the scheduled-scan helpers.
import type { ScanResult } from '../scan/result.js';
import * as csv from './csv.js';
import * as html from './html.js';
import * as json from './json.js';
import * as junit from './junit.js';
import * as markdown from './markdown.js';
import * as table from './table.js';
import type { FailOn } from './verdict.js';

export const FORMATS = ['table', 'json', 'csv', 'junit', 'html', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean; // table: ANSI colour (TTY only)
  width?: number; // table: columns, default 120
  failOn?: FailOn; // junit: warnings fail only with 'warning'
  title?: string; // html
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export function renderReport(format: Format, result: ScanResult, opts: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return table.render(result, { color: opts.color, width: opts.width });
    case 'json':
      return json.render(result);
    case 'csv':
      return csv.render(result);
    case 'junit':
      return junit.render(result, { failOn: opts.failOn });
    case 'html':
      return html.render(result, { title: opts.title });
    case 'markdown':
      return markdown.render(result);
  }
}

export { readScanJson, ReportFileError } from './json.js';
export { applyBaseline } from './baseline.js';
export { applyWaivers, loadWaivers, parseWaivers, WaiverFileError, type Waiver } from './waivers.js';
export { failOnExitCode, recomputeVerdicts, verdictFromFindings, type FailOn } from './verdict.js';
export { writeReportAtomic, ReportWriteError } from './write.js';
