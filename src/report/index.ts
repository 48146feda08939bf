// The report layer: pure renderers of an assembled ScanResult (src/result/types.ts). No policy is decided
// here: verdicts, waivers and baseline marks arrive in the result.
import type { ScanResult } from '../result/types.js';
import type { Severity } from '../rules/types.js';
import { showOnly } from './view.js';
import * as csv from './csv.js';
import * as html from './html.js';
import * as json from './json.js';
import * as junit from './junit.js';
import * as markdown from './markdown.js';
import * as table from './table.js';
import { renderPlanMarkdown, type PlanMarkdownOptions } from './plan-markdown.js';
import type { TrendPoint } from './trend.js';

export const FORMATS = ['table', 'json', 'csv', 'csv-findings', 'junit', 'html', 'markdown'] as const;
// What --output accepts: the reports above, and two for other tools: Prometheus metrics (renderProm, text) and
// the Excel workbook (writeXlsx, binary: to a file only).
export const OUTPUT_FORMATS = [...FORMATS, 'prom', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean; // table: ANSI colour (TTY only)
  width?: number; // table: columns, default 120
  detail?: boolean; // table, markdown: every VM and finding in full (default: causes and VMs not ready)
  failOn?: junit.FailOn; // junit: warnings fail only with 'warning'
  title?: string; // html
  plan?: PlanMarkdownOptions; // markdown: `ftscan plan` renders the plan (a change ticket), not the scan report
  trend?: readonly TrendPoint[]; // html: the runs of an --output-dir folder (report/trend.ts)
  severity?: readonly Severity[]; // table, markdown, html: show only findings of these severities
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export function isOutputFormat(s: string): s is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(s);
}

/** A report as a sequence of text chunks: JSON streams (a 45,000-VM report never is one string). */
export function renderReport(format: Format, all: ScanResult, opts: RenderOptions = {}): Iterable<string> {
  // --severity narrows what the human formats show; the data formats always carry everything.
  const result = opts.severity && (format === 'table' || format === 'html' || format === 'markdown') ? showOnly(all, opts.severity) : all;
  switch (format) {
    case 'table':
      return [table.render(result, { color: opts.color, width: opts.width, detail: opts.detail })];
    case 'json':
      return json.chunks(result);
    case 'csv':
      return [csv.render(result)];
    case 'csv-findings':
      return [csv.renderFindings(result)];
    case 'junit':
      return junit.chunks(result, { failOn: opts.failOn });
    case 'html':
      return html.chunks(result, { title: opts.title, ...(opts.trend ? { trend: opts.trend } : {}) });
    case 'markdown':
      return [opts.plan ? renderPlanMarkdown(result, opts.plan) : markdown.render(result, { detail: opts.detail })];
  }
}

export { writeReportAtomic, writesThrough, ReportWriteError } from './write.js';
export type { PlanMarkdownOptions } from './plan-markdown.js';
export { writeXlsx } from './xlsx.js';
export { previousSuccess, render as renderProm } from './prom.js';
export { renderTrendText, type TrendPoint } from './trend.js';
