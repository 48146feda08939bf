// The trend of scheduled scans kept by --output-dir (src/app/history.ts reads the run folders): one point per
// run, from its stored JSON report. Pure: the text of `ftscan history DIR` and the inline SVG the HTML report
// draws when it is written into a run folder. The verdict labels are the one vocabulary (VERDICT_LABEL).
import { VERDICT_LABEL, type Verdict } from '../rules/types.js';

export interface TrendPoint {
  run: string; // the run folder's name, e.g. 2026-12-07T0200Z
  finishedAt: string; // the report's finishedAt (ISO)
  vms: Partial<Record<Verdict, number>>; // summary.vms of the stored report
  new?: number; // findings new since the baseline (absent: the run had none)
  resolved?: number;
  complete: boolean;
}

// The columns of the trend, in order: the verdicts an admin follows night after night.
const TREND_VERDICTS = ['blocked', 'ready', 'warnings'] as const satisfies readonly Verdict[];

const num = (n: number | undefined): string => (n === undefined ? '-' : String(n));

/** `ftscan history DIR`: one line per run, oldest first, aligned columns. */
export function renderTrendText(points: readonly TrendPoint[], unreadable: readonly { run: string; reason: string }[] = []): string {
  const head = ['run', 'finished', ...TREND_VERDICTS.map((v) => VERDICT_LABEL[v]), 'new', 'resolved'];
  const rows = points.map((p) => [
    p.run + (p.complete ? '' : ' (incomplete)'),
    p.finishedAt.replace(/\.\d+Z$/, 'Z'),
    ...TREND_VERDICTS.map((v) => String(p.vms[v] ?? 0)),
    num(p.new),
    num(p.resolved),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  for (const u of unreadable) out.push(`${u.run}: not counted: ${u.reason}`);
  if (points.length === 0) out.push('no run with a readable scan.json yet');
  return `${out.join('\n')}\n`;
}

// Okabe-Ito, as the rest of the HTML report; each line is also labelled in words (colour-blind readers).
const LINE_COLOR: Record<(typeof TREND_VERDICTS)[number], string> = { blocked: '#D55E00', ready: '#009E73', warnings: '#E69F00' };
const escXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An inline SVG line chart (no script) of blocked / ready / ready with warnings over the runs, oldest left. */
export function trendSvg(points: readonly TrendPoint[]): string {
  const W = 640;
  const H = 200;
  const pad = { l: 40, r: 150, t: 10, b: 30 };
  const max = Math.max(1, ...points.flatMap((p) => TREND_VERDICTS.map((v) => p.vms[v] ?? 0)));
  const x = (i: number) => pad.l + (points.length < 2 ? 0 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (n: number) => pad.t + (H - pad.t - pad.b) * (1 - n / max);
  const parts: string[] = [
    `<svg class="trend" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escXml(`Trend of the last ${points.length} runs`)}</title>`,
    `<line x1="${pad.l}" y1="${y(0)}" x2="${W - pad.r}" y2="${y(0)}" stroke="#999"/>`,
    `<text x="${pad.l - 4}" y="${y(max) + 4}" text-anchor="end">${max}</text><text x="${pad.l - 4}" y="${y(0) + 4}" text-anchor="end">0</text>`,
  ];
  TREND_VERDICTS.forEach((v, k) => {
    const pts = points.map((p, i) => `${x(i).toFixed(1)},${y(p.vms[v] ?? 0).toFixed(1)}`);
    parts.push(
      `<polyline data-trend-verdict="${v}" fill="none" stroke="${LINE_COLOR[v]}" stroke-width="2" points="${pts.join(' ')}"/>`,
      ...points.map(
        (p, i) =>
          `<circle cx="${x(i).toFixed(1)}" cy="${y(p.vms[v] ?? 0).toFixed(1)}" r="3" fill="${LINE_COLOR[v]}"><title>${escXml(`${p.run}: ${p.vms[v] ?? 0} ${VERDICT_LABEL[v]}`)}</title></circle>`,
      ),
      `<text x="${W - pad.r + 8}" y="${pad.t + 14 + k * 18}" fill="${LINE_COLOR[v]}">${escXml(`${VERDICT_LABEL[v]}: ${points.at(-1)?.vms[v] ?? 0}`)}</text>`,
    );
  });
  if (points.length > 0) {
    parts.push(
      `<text x="${pad.l}" y="${H - 8}">${escXml(points[0]!.run)}</text>`,
      `<text x="${W - pad.r}" y="${H - 8}" text-anchor="end">${escXml(points.at(-1)!.run)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
