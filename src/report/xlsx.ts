// The Excel workbook (--output xlsx=FILE) for RVTools users: Overview (the verdict counts and the top causes in
// words: the sheet a manager opens), Summary (counts per vCenter and cluster), By cause (what to fix first), VMs
// (RVTools' vInfo shape: the VM name first and frozen, words as headers, verdict coloured and marked, blockers
// in words, sizes in MB/GB with thousands separators), Findings (one row each, stable id
// and evidence), Hosts, Clusters. Written with exceljs's streaming WorkbookWriter one sheet after the other,
// each committed before the next starts, so a 45,000-VM estate is never held as a workbook in memory.
// Cells: numbers as numbers, yes/no as booleans, times as dates (UTC), text made inert: control characters
// shown as escapes (XML cannot carry most of them), a leading = + - @ TAB CR prefixed with ' so the text stays
// text if the sheet is ever saved as CSV (OWASP CSV injection), at most Excel's 32,767 characters a cell.
// Type only: exceljs takes about 0.7 s to load, so it is imported when a workbook is written, not at start-up.
import type ExcelJS from 'exceljs';
import type { Inventory } from '../inventory/model.js';
import { VERDICT_LABEL, VERDICTS, type Finding, type Verdict } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { causeLabel, causesOf, fixSummary, readyAfterText } from './causes.js';
import { DISRUPTION_LABEL, findingsOf, fixesOf, formatObserved, inventoryLookup, normalizeServer, sortFindings, sortVms } from './view.js';
import { PLAN_COLUMNS, planCells } from './plan-text.js';
import { visible, xmlText } from '../util/text.js';
import { writeReportAtomicWith } from './write.js';

export const XLSX_SHEETS = ['Overview', 'Summary', 'By cause', 'VMs', 'Findings', 'Hosts', 'Clusters'] as const;

type Cell = string | number | boolean | Date | null;
type Kind = 'text' | 'number' | 'bool' | 'datetime' | 'date' | 'mb' | 'gb' | 'verdict';
interface Column {
  header: string;
  kind: Kind;
  width: number;
}

// Headers in words, as RVTools writes them: a key written snake_case here ("memory_reservation_mb") is shown
// as words ("Memory reservation mb"), with vSphere's own spellings (vCenter, VMs, FT, MoRef, ESXi, vCPUs, HA, DRS).
const SPELLING: Record<string, string> = {
  vcenter: 'vCenter',
  vms: 'VMs',
  vm: 'VM',
  ft: 'FT',
  moid: 'MoRef',
  ha: 'HA',
  drs: 'DRS',
  evc: 'EVC',
  esxi: 'ESXi',
  cpu: 'CPU',
  vcpus: 'vCPUs',
  id: 'ID',
  ids: 'IDs',
  smp: 'SMP',
  vmotion: 'vMotion',
};
function headerWords(key: string): string {
  if (!/^[a-z0-9_ ]+$/.test(key)) return key; // already words: "Power state", "vCPUs"
  const tokens = key.split('_');
  const text = tokens.map((t) => SPELLING[t] ?? t).join(' ');
  return SPELLING[tokens[0]!] ? text : text[0]!.toUpperCase() + text.slice(1);
}

const col = (key: string, kind: Kind = 'text', width?: number): Column => ({
  header: headerWords(key),
  kind,
  width: width ?? (kind === 'text' ? Math.max(14, key.length + 2) : Math.max(10, key.length + 2)),
});

const FORMAT: Partial<Record<Kind, string>> = {
  datetime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
  number: '#,##0',
  mb: '#,##0 "MB"',
  gb: '#,##0.0 "GB"',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
// The HTML report's light badge colours (Okabe-Ito based), and a marker in the text for colour-blind readers.
const VERDICT_FILL: Record<Verdict, string> = {
  blocked: 'FFFDE0D4',
  disputed: 'FFDDEFFA',
  unknown: 'FFF6E1EE',
  degraded: 'FFFBF6C8',
  warnings: 'FFFDF0D2',
  ready: 'FFD5F0E6',
  protected: 'FFD6E6F4',
  excluded: 'FFEEEEEE',
};
const VERDICT_STYLE = Object.fromEntries(
  Object.entries(VERDICT_FILL).map(([v, argb]) => [v, { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }]),
) as Record<Verdict, Partial<ExcelJS.Style>>;
const VERDICT_MARK: Record<Verdict, string> = {
  blocked: '✖',
  disputed: '≠',
  unknown: '?',
  degraded: '!',
  warnings: '▲',
  ready: '✔',
  protected: '◆',
  excluded: '–',
};
/** The verdict as the workbook writes it: marker and the one label ("✖ blocked", "▲ ready with warnings"). */
export const verdictCell = (v: Verdict): string => `${VERDICT_MARK[v]} ${VERDICT_LABEL[v]}`;

// exceljs's streaming writer leaves out <dimension> (openpyxl's read-only mode then calls a sheet "unsized"):
// it must come before <sheetViews>, written when the sheet opens, so each sheet is told its size up front
// (SheetWriter's `rows`) and the writer's sheet-properties step adds the element after <sheetPr>.
type SheetPropertiesWriter = (
  this: unknown,
  buf: { addText(t: string): void },
  properties: { dimension?: string },
  ...rest: unknown[]
) => void;
let dimensionPatched = false;
async function patchDimension(): Promise<void> {
  if (dimensionPatched) return;
  const { default: WorksheetWriter } = (await import('exceljs/lib/stream/xlsx/worksheet-writer.js')) as {
    default: { prototype: { _writeSheetProperties: SheetPropertiesWriter } };
  };
  const original = WorksheetWriter.prototype._writeSheetProperties;
  WorksheetWriter.prototype._writeSheetProperties = function (buf, properties, ...rest) {
    original.call(this, buf, properties, ...rest);
    if (properties?.dimension) buf.addText(`<dimension ref="${properties.dimension}"/>`);
  };
  dimensionPatched = true;
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}
const MAX_CELL = 32767; // Excel's limit for the text of one cell
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text for a cell: inert, not a formula even after a CSV round trip, within Excel's length limit. */
// What visible() or xmlText() would change (controls, U+FFFE, U+FFFF, any surrogate): text without it is already
// inert, and most cell text is (one scan instead of their two).
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;
export function cellText(s: string): string {
  // visible: C0 and C1 as escapes; xmlText: U+FFFE, U+FFFF, lone surrogates
  let t = NOT_PLAIN.test(s) ? xmlText(visible(s)) : s;
  if (FORMULA_START.test(t)) t = `'${t}`;
  if (t.length > MAX_CELL) {
    const more = ` … (${t.length - (MAX_CELL - 40)} more characters)`;
    t = t.slice(0, MAX_CELL - more.length) + more;
  }
  return t;
}

// An ISO timestamp or YYYY-MM-DD as a Date (UTC); anything else stays text rather than becoming a wrong date.
function asDate(s: string | undefined): Cell {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d;
}

const yieldToIo = () => new Promise<void>((r) => setImmediate(r));

// exceljs's own pieces the rows are written with (loaded with exceljs, when a workbook is written): its style
// registry (styles.xml: a style's id is registered at first use, as exceljs's row writer does), its XML escaping
// and its date serial number, so a row written here is the XML exceljs's row writer would write, byte for byte.
interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number;
}
interface SheetStream {
  write(xml: string): unknown;
}
interface ExcelParts {
  xmlEncode(text: string): string;
  dateToExcel(d: Date, date1904?: boolean): number;
}
let parts: ExcelParts | undefined;
async function excelParts(): Promise<ExcelParts> {
  parts ??= ((await import('exceljs/lib/utils/utils.js')) as { default: ExcelParts }).default;
  return parts;
}
// exceljs's cell value types (lib/doc/enums.js), as its style registry takes them.
const VALUE_TYPE = { null: 0, number: 2, string: 3, date: 4, boolean: 9 } as const;
const FLUSH_CHARS = 1 << 16;

// The header row goes through exceljs (it opens <cols> and <sheetData>); the data rows, up to 45,000 VMs and
// their findings, are written here as the XML exceljs's row writer makes of them (row.commit: a Row and a Cell
// object per cell, a style object per cell, an XML node tree per row; most of a large workbook's time), straight
// into the sheet's zip entry, gathered into chunks of about 64 KB. test/unit/report/xlsx.test.ts holds the two to
// the same bytes.
class SheetWriter {
  private readonly sheet: ExcelJS.Worksheet;
  private rows = 0;
  private readonly letters: string[];
  private readonly styles: Partial<ExcelJS.Style>[];
  // A null cell is a cell of its column's style (exceljs copies the column's numFmt into each new cell): one copy
  // per column, registered as exceljs registers each cell's copy (same content, same id).
  private readonly nullStyles: Partial<ExcelJS.Style>[];
  private readonly registry: StyleRegistry;
  private readonly stream: SheetStream;
  private readonly rowAttrs: string;
  private readonly xml: ExcelParts;
  private readonly viaExceljs: boolean;
  private pending = '';

  // `rows`: the data rows this sheet will hold (its <dimension>); `freezeFirst`: column A (the name) frozen too.
  constructor(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly name: string,
    private readonly columns: Column[],
    private readonly expected: number,
    freezeFirst = false,
  ) {
    this.viaExceljs = rowsViaExceljs;
    const dimension = `A1:${columnLetter(columns.length)}${expected + 1}`;
    this.sheet = wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: freezeFirst ? 1 : 0, ySplit: 1 }],
      properties: { dimension } as Partial<ExcelJS.WorksheetProperties>,
    });
    this.letters = columns.map((_, i) => columnLetter(i + 1));
    this.styles = columns.map((c) => (FORMAT[c.kind] ? { numFmt: FORMAT[c.kind]! } : {}));
    this.nullStyles = columns.map((c) => (FORMAT[c.kind] ? { numFmt: FORMAT[c.kind]! } : {}));
    this.sheet.columns = columns.map((c, i) => ({
      key: String(i),
      width: c.width,
      ...(FORMAT[c.kind] ? { style: { numFmt: FORMAT[c.kind] } } : {}),
    }));
    const header = this.sheet.addRow(columns.map((c) => c.header));
    header.eachCell((c) => {
      c.font = HEADER_FONT;
      c.fill = HEADER_FILL;
    });
    header.commit();
    if (!parts) throw new Error('xlsx: exceljs is not loaded'); // writeXlsx loads it first
    this.xml = parts;
    this.registry = (wb as unknown as { styles: StyleRegistry }).styles;
    this.stream = (this.sheet as unknown as { stream: SheetStream }).stream;
    // A row's own style is an empty one, as exceljs gives every row (its id, registered by the header row).
    const rowStyle = this.registry.addStyleModel({}, VALUE_TYPE.null);
    this.rowAttrs = rowStyle ? ` s="${rowStyle}" customFormat="1"` : '';
  }

  async add(values: Cell[]): Promise<void> {
    if (this.viaExceljs) return this.addViaExceljs(values);
    const r = ++this.rows + 1;
    let cells = '';
    let any = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const ref = this.letters[i]! + r;
      if (v === null || v === undefined || v === '') {
        const s = this.registry.addStyleModel(this.nullStyles[i]!, VALUE_TYPE.null);
        if (s) cells += `<c r="${ref}" s="${s}"/>`;
        continue;
      }
      any = true;
      let style = this.styles[i]!;
      let type: number;
      let body: string;
      if (this.columns[i]!.kind === 'verdict') {
        style = VERDICT_STYLE[v as Verdict] ?? style;
        type = VALUE_TYPE.string;
        body = ` t="str"><v>${this.xml.xmlEncode(verdictCell(v as Verdict))}</v>`;
      } else if (typeof v === 'string') {
        type = VALUE_TYPE.string;
        body = ` t="str"><v>${this.xml.xmlEncode(cellText(v))}</v>`;
      } else if (typeof v === 'number') {
        type = VALUE_TYPE.number;
        body = `><v>${this.xml.xmlEncode(String(v))}</v>`;
      } else if (typeof v === 'boolean') {
        type = VALUE_TYPE.boolean;
        body = ` t="b"><v>${v ? '1' : '0'}</v>`;
      } else {
        type = VALUE_TYPE.date;
        body = `><v>${this.xml.xmlEncode(String(this.xml.dateToExcel(v, false)))}</v>`;
      }
      const s = this.registry.addStyleModel(style, type);
      cells += `<c r="${ref}"${s ? ` s="${s}"` : ''}${body}</c>`;
    }
    // exceljs writes no row that holds no value (its cells' styles are then not registered either).
    if (any) {
      this.pending += `<row r="${r}" spans="1:${values.length}"${this.rowAttrs} x14ac:dyDescent="0.25">${cells}</row>`;
      if (this.pending.length >= FLUSH_CHARS) this.flush();
    }
    if (this.rows % 2000 === 0) await yieldToIo(); // let the zip stream drain
  }

  // The same row through exceljs's row writer: the reference the rows above are held to (tests only).
  private async addViaExceljs(values: Cell[]): Promise<void> {
    const row = this.sheet.addRow(
      values.map((v, i) => {
        if (v === null || v === undefined || v === '') return null;
        if (this.columns[i]!.kind === 'verdict') return verdictCell(v as Verdict);
        return typeof v === 'string' ? cellText(v) : v;
      }),
    );
    row.eachCell((cell, i) => {
      const v = values[i - 1];
      cell.style = (this.columns[i - 1]!.kind === 'verdict' && VERDICT_STYLE[v as Verdict]) || this.styles[i - 1]!;
    });
    row.commit();
    if (++this.rows % 2000 === 0) await yieldToIo();
  }

  private flush(): void {
    if (this.pending) this.stream.write(this.pending);
    this.pending = '';
  }

  commit(): void {
    // Its <dimension> was written up front: a count that differs is a bug here, not a workbook to ship.
    if (this.rows !== this.expected) throw new Error(`xlsx sheet ${this.name}: ${this.rows} rows written, ${this.expected} announced`);
    this.flush();
    const last = this.columns.length;
    this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, this.rows + 1), column: last } };
    this.sheet.commit();
  }
}

const num = (n: number | null | undefined): Cell => (typeof n === 'number' && Number.isFinite(n) ? n : null);
const limitCell = (n: number | null): Cell => (n === null ? 'unlimited' : n);

let rowsViaExceljs = false;
/** Tests only: the data rows through exceljs's own row writer (the reference the direct rows are held to). */
export async function writeXlsxViaExceljsRows(result: ScanResult, file: string): Promise<void> {
  rowsViaExceljs = true;
  try {
    await writeXlsx(result, file);
  } finally {
    rowsViaExceljs = false;
  }
}

/** Writes the workbook for `result` to `file`, atomically (temporary file, then rename). */
export async function writeXlsx(result: ScanResult, file: string): Promise<void> {
  const { default: excel } = await import('exceljs');
  await patchDimension();
  await excelParts();
  await writeReportAtomicWith(file, async (stream) => {
    const wb = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    wb.creator = `ftscan ${result.tool.version}`;
    wb.created = asDate(result.finishedAt) instanceof Date ? (asDate(result.finishedAt) as Date) : new Date(0);
    await overviewSheet(wb, result);
    await summarySheet(wb, result);
    await causeSheet(wb, result);
    await vmSheet(wb, result);
    await findingSheet(wb, result);
    await hostSheet(wb, result);
    await clusterSheet(wb, result);
    await wb.commit();
  });
}

const serverOf = (result: ScanResult) => (s?: string) => s ?? (result.targets.length === 1 ? result.targets[0]!.server : '');

function verdictCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

const TOP_CAUSES = 10;

// The sheet a manager opens: the verdict counts and what to fix first, in words.
async function overviewSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const { causes } = causesOf(result);
  const top = causes.slice(0, TOP_CAUSES);
  const multi = result.targets.length > 1;
  const s = new SheetWriter(
    wb,
    'Overview',
    [col('Verdict or cause', 'text', 60), col('VMs', 'number', 10), col('Verdict', 'verdict', 24), col('What to do', 'text', 70)],
    VERDICTS.length + top.length,
    true,
  );
  for (const v of VERDICTS) await s.add([`VMs ${VERDICT_LABEL[v]}`, result.summary.vms[v] ?? 0, v, '']);
  let rank = 0;
  for (const c of top) {
    rank++;
    await s.add([`Fix first #${rank}: ${c.title} (${causeLabel(c, multi)}); ${readyAfterText(c, rank)}`, c.affected, null, c.fix]);
  }
  s.commit();
}

async function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const s = new SheetWriter(
    wb,
    'Summary',
    [
      col('level'),
      col('vcenter', 'text', 28),
      col('cluster', 'text', 22),
      col('status'),
      col('product', 'text', 36),
      col('collected', 'datetime', 20),
      col('vms', 'number'),
      ...VERDICTS.map((v) => col(VERDICT_LABEL[v], 'number')),
      col('blocker_findings', 'number'),
      col('warning_findings', 'number'),
      col('new_findings', 'number'),
      col('additional_ft_vms', 'number'),
      col('detail', 'text', 40),
    ],
    1 + result.targets.length + result.evaluation.clusters.length,
  );
  const server = serverOf(result);
  const byServer = new Map<string, Record<Verdict, number>>();
  for (const vm of result.evaluation.vms) {
    const key = normalizeServer(server(vm.server));
    const c = byServer.get(key) ?? verdictCounts();
    c[vm.verdict]++;
    byServer.set(key, c);
  }
  const findingCounts = (pick: (f: Finding) => boolean) => {
    const m = new Map<string, { blocker: number; warning: number; new: number }>();
    for (const f of result.evaluation.findings) {
      if (f.waived || !pick(f)) continue;
      const key = normalizeServer(server(f.server));
      const c = m.get(key) ?? { blocker: 0, warning: 0, new: 0 };
      if (f.severity === 'blocker') c.blocker++;
      if (f.severity === 'warning') c.warning++;
      if (f.status === 'new') c.new++;
      m.set(key, c);
    }
    return m;
  };
  const fc = findingCounts(() => true);
  const total = (c: Record<Verdict, number>) => VERDICTS.reduce((n, v) => n + c[v], 0);
  const sv = result.summary.vms;
  const news = result.evaluation.findings.filter((f) => !f.waived && f.status === 'new').length;
  await s.add([
    'estate',
    '',
    '',
    result.complete ? 'complete' : 'incomplete',
    `ftscan ${result.tool.version}, profile ${result.profile}`,
    asDate(result.finishedAt),
    total(sv),
    ...VERDICTS.map((v) => sv[v] ?? 0),
    result.summary.findings.blocker,
    result.summary.findings.warning,
    result.baseline ? news : null,
    null,
    [fixSummary(result), result.baseline ? `baseline ${result.baseline.file}: ${result.baseline.resolved.length} resolved` : '']
      .filter(Boolean)
      .join(' '),
  ]);
  for (const t of result.targets) {
    const key = normalizeServer(t.server);
    const c = byServer.get(key) ?? verdictCounts();
    const f = fc.get(key) ?? { blocker: 0, warning: 0, new: 0 };
    const inv = t.inventory;
    await s.add([
      'vcenter',
      t.server,
      '',
      t.status,
      inv ? inv.vcenter.fullName || `${inv.vcenter.name} ${inv.vcenter.version}` : '',
      asDate(inv?.collectedAt),
      total(c),
      ...VERDICTS.map((v) => c[v]),
      f.blocker,
      f.warning,
      result.baseline ? f.new : null,
      null,
      t.error?.message ?? '',
    ]);
  }
  for (const cl of result.evaluation.clusters) {
    const h = cl.headroom;
    await s.add([
      'cluster',
      server(cl.server),
      cl.name,
      '',
      '',
      null,
      total(cl.counts),
      ...VERDICTS.map((v) => cl.counts[v] ?? 0),
      null,
      null,
      null,
      limitCell(h.additionalFtVms),
      h.note ?? '',
    ]);
  }
  s.commit();
}

async function causeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const s = new SheetWriter(
    wb,
    'By cause',
    [
      col('rank', 'number', 7),
      col('rule_id', 'text', 28),
      col('title', 'text', 36),
      col('kind'),
      col('object_type'),
      col('object', 'text', 24),
      col('vcenter', 'text', 24),
      col('vms_affected', 'number'),
      col('unblocks', 'number'),
      col('ready_after', 'number'),
      col('fix', 'text', 60),
      col('disruption'),
      col('findings', 'number'),
      col('new_findings', 'number'),
      col('finding_ids', 'text', 40),
    ],
    causesOf(result).causes.length,
  );
  const { causes } = causesOf(result);
  let rank = 0;
  for (const c of causes) {
    await s.add([
      ++rank,
      c.ruleId,
      c.title,
      c.kind === 'vm' ? 'VM rule' : 'shared object',
      c.object?.type ?? 'VirtualMachine',
      c.object?.name ?? '',
      c.object?.server ?? '',
      c.affected,
      c.unblocks,
      c.readyAfter,
      c.fix,
      DISRUPTION_LABEL[c.disruption] ?? c.disruption,
      c.findingIds.length,
      c.newFindings,
      c.findingIds.join(' '),
    ]);
  }
  s.commit();
}

// RVTools' vInfo: the VM first (frozen with the header), words as headers, sizes with their unit, the verdict
// coloured and marked, the blockers said in words (their finding ids stay in the Findings sheet), the hardware
// version as the CSV writes it (vmx-19).
async function vmSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const whatIf = result.targetCluster !== undefined;
  const s = new SheetWriter(
    wb,
    'VMs',
    [
      col('VM', 'text', 28),
      col('Verdict', 'verdict', 22),
      col('Blockers', 'text', 50),
      col('Power state'),
      col('Template', 'bool'),
      col('vCPUs', 'number'),
      col('Cores per socket', 'number'),
      col('Memory', 'mb', 12),
      col('Memory reservation', 'mb', 12),
      col('Disks', 'number'),
      col('Provisioned', 'gb', 12),
      col('HW version'),
      col('Firmware'),
      col('Guest OS', 'text', 30),
      col('FT state'),
      col('FT generation'),
      col('Warnings', 'number'),
      col('New findings', 'number'),
      col('Waived findings', 'number'),
      col('Top fix', 'text', 50),
      col('Top fix disruption'),
      col('Fixes', 'number'),
      col('Reason', 'text', 30),
      col('Cluster', 'text', 18),
      col('Host', 'text', 24),
      col('Datacenter'),
      col('vCenter', 'text', 24),
      col('MoRef'),
      // A what-if appends where the VM runs now and the move (Cluster and Host above are the target).
      ...(whatIf ? PLAN_COLUMNS.map((c) => col(c, 'text', c === 'move_steps' ? 60 : 24)) : []),
    ],
    result.evaluation.vms.length,
    true,
  );
  const lookup = inventoryLookup(result);
  const server = serverOf(result);
  for (const vm of sortVms(result.evaluation.vms)) {
    const inv = lookup(vm).vm;
    const fs = findingsOf(result, vm);
    const active = fs.filter((f) => !f.waived);
    const blockers = active.filter((f) => f.severity === 'blocker');
    const top = fixesOf(result, vm)[0];
    const gib = inv ? Math.round((inv.disks.reduce((n, d) => n + d.capacityBytes, 0) / 2 ** 30) * 10) / 10 : null;
    await s.add([
      vm.name,
      vm.verdict,
      blockers.map((f) => `${f.message}${f.objectType === 'VirtualMachine' ? '' : ` (${f.name})`}`).join('; '),
      inv?.powerState ?? '',
      inv ? inv.template : null,
      num(inv?.numCpu),
      num(inv?.numCoresPerSocket),
      num(inv?.memoryMB),
      num(inv?.memoryReservationMB),
      inv ? inv.disks.length : null,
      gib,
      inv?.hwVersion !== undefined ? `vmx-${inv.hwVersion}` : '',
      inv?.firmware ?? '',
      inv?.guestFullName ?? '',
      inv?.ft.state ?? '',
      vm.generation ?? '',
      active.filter((f) => f.severity === 'warning').length,
      fs.filter((f) => f.status === 'new').length,
      fs.length - active.length,
      top?.remediation ?? '',
      top ? (DISRUPTION_LABEL[top.disruption] ?? top.disruption) : '',
      vm.fixIds.length,
      vm.excludedReason ?? vm.protection?.reason ?? '',
      vm.clusterName ?? '',
      vm.hostName ?? '',
      inv?.datacenter ?? '',
      server(vm.server),
      vm.moid,
      ...(whatIf ? Object.values(planCells(result, vm)) : []),
    ]);
  }
  s.commit();
}

async function findingSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const s = new SheetWriter(
    wb,
    'Findings',
    [
      col('id', 'text', 30),
      col('vcenter', 'text', 24),
      col('rule_id', 'text', 28),
      col('severity'),
      col('source'),
      col('object_type'),
      col('object', 'text', 24),
      col('object_moid'),
      col('vms_affected', 'number'),
      col('message', 'text', 60),
      col('evidence', 'text', 60),
      col('remediation', 'text', 50),
      col('disruption'),
      col('status'),
      col('waiver'),
      col('waiver_reason', 'text', 30),
      col('waiver_expires', 'date', 14),
    ],
    result.evaluation.findings.length + (result.baseline?.resolved.length ?? 0),
  );
  const server = serverOf(result);
  const affected = new Map<string, number>();
  for (const vm of result.evaluation.vms) {
    if (vm.verdict === 'excluded') continue;
    for (const id of vm.findingIds) affected.set(id, (affected.get(id) ?? 0) + 1);
  }
  const row = (f: Finding, status: string): Cell[] => {
    const expired = f.waived ? undefined : f.expiredWaiver;
    const waiver = f.waived ?? expired;
    return [
      f.id,
      server(f.server),
      f.ruleId,
      f.severity,
      f.source,
      f.objectType,
      f.name,
      f.moid,
      affected.get(f.id) ?? 0,
      f.message,
      (f.evidence ?? [])
        .map(
          (e) =>
            `${e.path} on ${e.name ?? e.moid} = ${formatObserved(e.observed)}` +
            (e.expected !== undefined ? ` (expected ${e.expected})` : ''),
        )
        .join('; '),
      f.remediation,
      DISRUPTION_LABEL[f.disruption] ?? f.disruption,
      status,
      f.waived ? 'waived' : expired ? 'expired' : 'none',
      waiver?.reason ?? '',
      asDate(waiver?.expires),
    ];
  };
  for (const f of sortFindings(result.evaluation.findings)) await s.add(row(f, f.status ?? ''));
  for (const f of result.baseline?.resolved ?? []) await s.add(row(f, 'resolved'));
  s.commit();
}

// An assessment of this vCenter by moid. One without `server` belongs to the only vCenter read (as in
// inventoryLookup): a scan of one vCenter does not tag its assessments.
function perTarget<T extends { server?: string; moid: string }>(result: ScanResult, list: T[]) {
  const by = new Map<string, T>();
  for (const a of list) by.set(`${a.server === undefined ? '' : normalizeServer(a.server)}\u0000${a.moid}`, a);
  const read = result.targets.filter((t) => t.inventory).length;
  return (t: { server: string }, moid: string) =>
    by.get(`${normalizeServer(t.server)}\u0000${moid}`) ?? (read === 1 ? by.get(`\u0000${moid}`) : undefined);
}

function severities(result: ScanResult, a: { findingIds: string[] } | undefined) {
  const fs = a ? findingsOf(result, a).filter((f) => !f.waived) : [];
  return {
    blocker: fs.filter((f) => f.severity === 'blocker').length,
    warning: fs.filter((f) => f.severity === 'warning').length,
    first: fs.find((f) => f.severity === 'blocker')?.message ?? fs[0]?.message ?? '',
  };
}

async function hostSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const s = new SheetWriter(
    wb,
    'Hosts',
    [
      col('vcenter', 'text', 24),
      col('datacenter'),
      col('cluster', 'text', 18),
      col('host', 'text', 28),
      col('moid'),
      col('connection_state'),
      col('power_state'),
      col('maintenance', 'bool'),
      col('esxi_version'),
      col('esxi_build'),
      col('cpu_model', 'text', 36),
      col('cpu_sockets', 'number'),
      col('cpu_cores', 'number'),
      col('vms', 'number'),
      col('smp_ft_supported', 'bool'),
      col('max_vcpus_per_ft_vm', 'number'),
      col('ft_logging_vmknics'),
      col('vmotion_enabled', 'bool'),
      col('blocker_findings', 'number'),
      col('warning_findings', 'number'),
      col('first_finding', 'text', 50),
    ],
    result.targets.reduce((n, t) => n + (t.inventory?.hosts.length ?? 0), 0),
  );
  const assessment = perTarget(result, result.evaluation.hosts);
  for (const t of result.targets) {
    const inv: Inventory | undefined = t.inventory;
    if (!inv) continue;
    const clusters = new Map(inv.clusters.map((c) => [c.moid, c.name]));
    const vmsOn = new Map<string, number>();
    for (const v of inv.vms) if (v.hostMoid) vmsOn.set(v.hostMoid, (vmsOn.get(v.hostMoid) ?? 0) + 1);
    for (const h of inv.hosts) {
      const sev = severities(result, assessment(t, h.moid));
      const ftNics = h.vmknics.filter((k) => k.services.includes('faultToleranceLogging')).map((k) => k.device);
      await s.add([
        t.server,
        h.datacenter ?? '',
        h.clusterMoid ? (clusters.get(h.clusterMoid) ?? h.clusterMoid) : '',
        h.name,
        h.moid,
        h.connectionState,
        h.powerState,
        h.inMaintenanceMode,
        h.product.version,
        h.product.build,
        h.cpu.model,
        num(h.cpu.numPackages),
        num(h.cpu.numCores),
        vmsOn.get(h.moid) ?? 0,
        h.capability.smpFtSupported ?? null,
        num(h.capability.maxVcpusPerFtVm),
        ftNics.join(' '),
        h.vmotionEnabled ?? null,
        sev.blocker,
        sev.warning,
        sev.first,
      ]);
    }
  }
  s.commit();
}

async function clusterSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ScanResult): Promise<void> {
  const s = new SheetWriter(
    wb,
    'Clusters',
    [
      col('vcenter', 'text', 24),
      col('datacenter'),
      col('cluster', 'text', 22),
      col('moid'),
      col('hosts', 'number'),
      col('ha_enabled', 'bool'),
      col('admission_control', 'bool'),
      col('drs_enabled', 'bool'),
      col('drs_behavior'),
      col('evc_mode'),
      ...VERDICTS.map((v) => col(`vms_${VERDICT_LABEL[v]}`, 'number')),
      col('ft_capable_hosts', 'number'),
      col('ft_vms_now', 'number'),
      col('ft_vcpus_now', 'number'),
      col('additional_ft_vms', 'number'),
      col('additional_ft_vcpus', 'number'),
      col('largest_new_ft_vm_vcpus', 'number'),
      col('max_ft_vms_per_host', 'number'),
      col('max_ft_vcpus_per_host', 'number'),
      col('headroom_note', 'text', 40),
      col('blocker_findings', 'number'),
      col('warning_findings', 'number'),
      col('first_finding', 'text', 50),
    ],
    result.evaluation.clusters.length,
  );
  const server = serverOf(result);
  const invs = new Map(result.targets.filter((t) => t.inventory).map((t) => [normalizeServer(t.server), t.inventory!]));
  const only = invs.size === 1 ? [...invs.values()][0] : undefined;
  for (const c of result.evaluation.clusters) {
    const inv = invs.get(normalizeServer(server(c.server))) ?? only;
    const cl = inv?.clusters.find((x) => x.moid === c.moid);
    const h = c.headroom;
    const sev = severities(result, c);
    await s.add([
      server(c.server),
      cl?.datacenter ?? '',
      c.name,
      c.moid,
      cl ? cl.hostMoids.length : null,
      cl ? cl.ha.enabled : null,
      cl ? cl.ha.admissionControlEnabled : null,
      cl ? cl.drs.enabled : null,
      cl?.drs.defaultBehavior ?? '',
      cl?.evcModeKey ?? '',
      ...VERDICTS.map((v) => c.counts[v] ?? 0),
      h.ftCapableHosts,
      h.currentFtVms,
      h.currentFtVcpus,
      limitCell(h.additionalFtVms),
      limitCell(h.additionalFtVcpus),
      h.largestNewFtVmVcpus === undefined ? null : limitCell(h.largestNewFtVmVcpus),
      h.maxFtVmsPerHost,
      h.maxFtVcpusPerHost,
      h.note ?? '',
      sev.blocker,
      sev.warning,
      sev.first,
    ]);
  }
  s.commit();
}
