// The workbook is read back with exceljs's own (non-streaming) reader: what Excel would open.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { causesOf } from '../../../src/report/causes.js';
import { ReportWriteError } from '../../../src/report/write.js';
import { cellText, verdictCell, writeXlsx, writeXlsxViaExceljsRows, XLSX_SHEETS } from '../../../src/report/xlsx.js';
import { vcsimShapedResult } from '../../../bench/report-rss.js';
import { visible, xmlText } from '../../../src/util/text.js';
import type { ScanResult } from '../../../src/result/types.js';
import { CSV_NAME, FAILED_SERVER, FORMULA_NAME, makeScanResult, SERVER, XSS_NAME } from './fixtures.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'ftscan-xlsx-'));

async function roundTrip(result: ScanResult) {
  const dir = fresh();
  const file = join(dir, 'scan.xlsx');
  await writeXlsx(result, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, dir };
}

/** A sheet as header + records keyed by header, with the raw cells kept for type checks. */
function table(ws: ExcelJS.Worksheet) {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: { get: (h: string) => ExcelJS.Cell; value: (h: string) => unknown }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (h: string) => {
      const i = header.indexOf(h);
      if (i < 0) throw new Error(`no column ${h} in ${ws.name}`);
      return row.getCell(i + 1);
    };
    rows.push({ get, value: (h) => get(h).value });
  }
  return { header, rows };
}

// Every part of a workbook by name, as text; the creation and modification times left out (the clock's).
function parts(file: string): Record<string, string> {
  const all = JSON.parse(
    execFileSync(
      'python3',
      [
        '-c',
        'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))',
        file,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    ),
  ) as Record<string, string>;
  for (const [n, text] of Object.entries(all)) all[n] = text.replace(/<dcterms:modified[^<]*<\/dcterms:modified>/, '');
  return all;
}
const sheetXml = (file: string) => Object.fromEntries(Object.entries(parts(file)).filter(([n]) => n.startsWith('xl/worksheets/sheet')));

describe('xlsx workbook', () => {
  // The data rows are written as XML directly (exceljs's row writer was most of a 45,000-VM workbook's time):
  // held byte for byte to what exceljs's own row writer makes of the same cells, styles.xml included (style ids
  // are registered in the order of first use), on the hostile fixture (formulas, control characters, markup in
  // names, null cells in number columns, dates, booleans, a failed vCenter, a what-if) and a generated estate.
  it('writes every part exactly as exceljs writes the same rows, in the same entry order', async () => {
    const waived = makeScanResult();
    const f = waived.evaluation.findings.find((x) => x.ruleId === 'vm-disk-thin')!;
    f.waived = { reason: 'thin <on> "purpose" & more', expires: '2027-01-31' };
    const plain = makeScanResult();
    delete plain.targetCluster;
    for (const [what, result] of [
      ['fixture (what-if)', makeScanResult()],
      ['fixture with a waiver', waived],
      ['fixture without what-if', plain],
      ['300 generated VMs', vcsimShapedResult(300)],
    ] as const) {
      const dir = fresh();
      await writeXlsx(result, join(dir, 'direct.xlsx'));
      await writeXlsxViaExceljsRows(result, join(dir, 'exceljs.xlsx'));
      const direct = parts(join(dir, 'direct.xlsx'));
      const reference = parts(join(dir, 'exceljs.xlsx'));
      expect(Object.keys(direct), what).toEqual(Object.keys(reference));
      for (const name of Object.keys(reference)) expect(direct[name], `${what}: ${name}`).toBe(reference[name]);
      expect(direct['xl/worksheets/sheet4.xml'], what).toMatch(/<c r="B2" s="\d+" t="str"><v>/); // the verdict, filled
    }
  });

  it('has the seven sheets, each with a frozen, filled, bold header row in words and an autofilter over its columns', async () => {
    const { wb, dir } = await roundTrip(makeScanResult());
    expect(wb.worksheets.map((w) => w.name)).toEqual([...XLSX_SHEETS]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.getRow(1).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      for (const h of (ws.getRow(1).values as unknown[]).slice(1)) expect(String(h), ws.name).toMatch(/^[A-Zv][^_]*$/);
      const width = ws.getRow(1).cellCount;
      expect(ws.autoFilter, ws.name).toBeDefined();
      const ref = String(ws.autoFilter);
      expect(ref).toMatch(/^A1:[A-Z]+\d+$/);
      expect(ws.getColumn(width).letter).toBe(ref.split(':')[1]!.replace(/\d+$/, ''));
      expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(7);
    }
    expect(readdirSync(dir)).toEqual(['scan.xlsx']); // no temporary file left
  });

  it('VMs: shaped like RVTools vInfo: the VM first and frozen, words as headers, units, verdict coloured and marked', async () => {
    const result = makeScanResult();
    const { wb } = await roundTrip(result);
    const ws = wb.getWorksheet('VMs')!;
    const { rows, header } = table(ws);
    expect(header[0]).toBe('VM');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    for (const h of header) expect(h, 'a header in words, not snake_case').not.toMatch(/_/);
    expect(header).not.toContain('Blocker ids');
    expect(rows).toHaveLength(result.evaluation.vms.length);
    const byMoid = new Map(rows.map((r) => [r.value('MoRef'), r]));
    for (const vm of result.evaluation.vms) expect(byMoid.get(vm.moid)!.value('Verdict')).toBe(verdictCell(vm.verdict));
    const legacy = byMoid.get('vm-201')!;
    expect(legacy.get('vCPUs').type).toBe(ExcelJS.ValueType.Number);
    expect(legacy.value('vCPUs')).toBe(2);
    expect(legacy.value('Memory')).toBe(8192);
    expect(legacy.get('Memory').numFmt).toBe('#,##0 "MB"');
    expect(legacy.value('HW version')).toBe('vmx-10'); // as the CSV writes it
    expect(legacy.value('Provisioned')).toBe(40);
    expect(legacy.get('Provisioned').numFmt).toBe('#,##0.0 "GB"');
    expect(legacy.get('Template').type).toBe(ExcelJS.ValueType.Boolean);
    expect(legacy.value('vCenter')).toBe(SERVER);
    expect(legacy.value('Verdict')).toBe('✖ blocked');
    expect((legacy.get('Verdict').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFDE0D4');
    // The blockers in words (the finding's message), no hash ids: those stay in the Findings sheet.
    const vcpu = result.evaluation.findings.find((f) => f.ruleId === 'vm-vcpu-count' && f.moid === 'vm-201')!;
    expect(String(legacy.value('Blockers'))).toContain(vcpu.message);
    expect(String(legacy.value('Blockers'))).not.toContain(vcpu.id);
    expect(byMoid.get('vm-302')!.value('Template')).toBe(true);
    expect(byMoid.get('vm-302')!.value('Reason')).toBe('template');
    // Worst verdict first, as in the other reports.
    expect(rows[0]!.value('Verdict')).toBe('✖ blocked');
    expect(ws.getRow(1).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
  });

  it('Overview, the first sheet: the verdict counts and the top causes in words', async () => {
    const result = makeScanResult();
    const { wb } = await roundTrip(result);
    expect(wb.worksheets[0]!.name).toBe('Overview');
    const { rows } = table(wb.worksheets[0]!);
    const first = rows[0]!;
    expect(first.value('Verdict or cause')).toBe('VMs blocked');
    expect(first.value('VMs')).toBe(result.summary.vms.blocked);
    const causes = causesOf(result).causes;
    const fix1 = rows.find((r) => String(r.value('Verdict or cause')).startsWith('Fix first #1: '))!;
    expect(fix1.value('VMs')).toBe(causes[0]!.affected);
    expect(fix1.value('What to do')).toBe(causes[0]!.fix);
  });

  it('every sheet carries its <dimension> before <sheetViews> (openpyxl read-only reads the size from it)', async () => {
    const { wb, dir } = await roundTrip(makeScanResult());
    const xml = sheetXml(join(dir, 'scan.xlsx'));
    expect(Object.keys(xml)).toHaveLength(XLSX_SHEETS.length);
    wb.worksheets.forEach((ws, i) => {
      const sheet = xml[`xl/worksheets/sheet${i + 1}.xml`]!;
      const ref = `A1:${ws.getColumn(ws.getRow(1).cellCount).letter}${ws.rowCount}`;
      expect(sheet, ws.name).toContain(`<dimension ref="${ref}"/>`);
      expect(sheet.indexOf('<dimension')).toBeLessThan(sheet.indexOf('<sheetViews'));
    });
  });

  it('neutralises formulas and control characters: text stays text', async () => {
    const { wb } = await roundTrip(makeScanResult());
    const vms = table(wb.getWorksheet('VMs')!).rows;
    const formula = vms.find((r) => r.value('MoRef') === 'vm-104')!;
    expect(formula.get('VM').type).toBe(ExcelJS.ValueType.String);
    expect(formula.value('VM')).toBe(`'${FORMULA_NAME}`);
    expect(String(formula.value('Top fix'))).not.toMatch(/^=/);
    const csvName = vms.find((r) => r.value('MoRef') === 'vm-105')!;
    expect(csvName.value('VM')).toBe(CSV_NAME.replace('\n', '\\n'));
    expect(vms.find((r) => r.value('MoRef') === 'vm-103')!.value('VM')).toBe(XSS_NAME);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@\t\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
        }),
      );
    }
  });

  it('cellText: prefixes formula starts, escapes controls, replaces lone surrogates, keeps within 32,767 characters', () => {
    expect(cellText('=1+1')).toBe("'=1+1");
    expect(cellText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cellText('-2+3')).toBe("'-2+3");
    expect(cellText('a\u0001b')).toBe('a\\x01b');
    expect(cellText('x\ud800y')).toBe('x\ufffdy');
    expect(cellText('ok \ud83d\ude00')).toBe('ok \ud83d\ude00');
    const long = cellText('x'.repeat(40000));
    expect(long.length).toBeLessThanOrEqual(32767);
    expect(long).toMatch(/… \(\d+ more characters\)$/);
  });

  it('cellText: text with nothing to escape is kept as is, anything else made inert exactly as visible and xmlText do', () => {
    const inert = (s: string) => xmlText(visible(s));
    for (const s of [
      'plain',
      'tab\there',
      'naïve café ✖',
      'pair \ud83d\ude00',
      'lone \ud83d',
      'lone \ude00 low',
      'x\ufffey\uffff',
      'c1 \u0085',
      'del \u007f',
      'nul \u0000',
      'crlf\r\n',
      'esc \u001b[31m',
      '\ud83d\ude00\ud83d',
    ]) {
      expect(cellText(s), JSON.stringify(s)).toBe(inert(s));
    }
  });

  it('Findings: one row per finding with its stable id, evidence, and the waiver expiry as a date', async () => {
    const result = makeScanResult();
    const waived = result.evaluation.findings.find((f) => f.ruleId === 'vm-disk-thin')!;
    waived.waived = { reason: 'thin on purpose', expires: '2027-01-31' };
    const { wb } = await roundTrip(result);
    const { rows, header } = table(wb.getWorksheet('Findings')!);
    expect(header[0]).toBe('ID');
    expect(rows.map((r) => r.value('ID')).sort()).toEqual(result.evaluation.findings.map((f) => f.id).sort());
    const w = rows.find((r) => r.value('ID') === waived.id)!;
    expect(w.value('Waiver')).toBe('waived');
    expect(w.get('Waiver expires').type).toBe(ExcelJS.ValueType.Date);
    expect((w.value('Waiver expires') as Date).toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(w.get('Waiver expires').numFmt).toBe('yyyy-mm-dd');
    const vcpu = rows.find((r) => r.value('Rule ID') === 'vm-vcpu-count')!;
    expect(vcpu.value('Evidence')).toBe('config.hardware.numCPU on legacy-01 = 2 (expected <= 1)');
    expect(vcpu.value('VMs affected')).toBe(1);
    expect(rows.find((r) => r.value('Rule ID') === 'host-ft-logging-nic')!.value('VMs affected')).toBe(2);
  });

  it('Summary: the estate, each vCenter (the failed one with its error) and each cluster, with dates as dates', async () => {
    const result = makeScanResult();
    const { wb } = await roundTrip(result);
    const { rows } = table(wb.getWorksheet('Summary')!);
    expect(rows.map((r) => r.value('Level'))).toEqual(['estate', 'vcenter', 'vcenter', 'cluster', 'cluster']);
    const estate = rows[0]!;
    expect(estate.get('Collected').type).toBe(ExcelJS.ValueType.Date);
    expect((estate.value('Collected') as Date).toISOString()).toBe(result.finishedAt);
    expect(estate.value('Blocked')).toBe(result.summary.vms.blocked);
    expect(estate.value('VMs')).toBe(result.evaluation.vms.length);
    const vc1 = rows[1]!;
    expect(vc1.value('vCenter')).toBe(SERVER);
    expect((vc1.value('Collected') as Date).toISOString()).toBe(result.targets[0]!.inventory!.collectedAt);
    expect(vc1.value('Blocked')).toBe(result.evaluation.vms.filter((v) => v.verdict === 'blocked').length);
    expect(rows[2]!.value('vCenter')).toBe(FAILED_SERVER);
    expect(rows[2]!.value('Status')).toBe('failed');
    expect(String(rows[2]!.value('Detail'))).toContain('certificate not trusted');
    const legacyB = rows.find((r) => r.value('Cluster') === 'Legacy-B')!;
    const cl = result.evaluation.clusters.find((c) => c.name === 'Legacy-B')!;
    expect(legacyB.value('Blocked')).toBe(cl.counts.blocked);
    expect(legacyB.value('Additional FT VMs')).toBe(0);
  });

  it('By cause: the causes in the order of the other reports, with affected and unblocked counts', async () => {
    const result = makeScanResult();
    const { wb } = await roundTrip(result);
    const { rows } = table(wb.getWorksheet('By cause')!);
    const causes = causesOf(result).causes;
    expect(causes.length).toBeGreaterThan(1);
    expect(rows.map((r) => [r.value('Rank'), r.value('Rule ID'), r.value('VMs affected'), r.value('Unblocks')])).toEqual(
      causes.map((c, i) => [i + 1, c.ruleId, c.affected, c.unblocks]),
    );
    const nic = rows.find((r) => r.value('Rule ID') === 'host-ft-logging-nic')!;
    expect(nic.value('Object')).toBe('esx-b1.example.com');
    expect(nic.value('Object type')).toBe('HostSystem');
  });

  it('Hosts and Clusters: inventory columns and headroom, typed', async () => {
    const { wb } = await roundTrip(makeScanResult());
    const hosts = table(wb.getWorksheet('Hosts')!).rows;
    expect(hosts.map((r) => r.value('Host'))).toEqual(['esx-a1.example.com', 'esx-a2.example.com', 'esx-b1.example.com']);
    const b1 = hosts[2]!;
    expect(b1.value('Cluster')).toBe('Legacy-B');
    expect(b1.value('ESXi version')).toBe('5.5.0');
    expect(b1.value('Maintenance')).toBe(false);
    expect(b1.value('CPU cores')).toBe(40);
    expect(b1.value('VMs')).toBe(3);
    expect(b1.value('Blocker findings')).toBe(1);
    expect(b1.value('FT logging vmknics')).toBeNull();
    expect(hosts[0]!.value('FT logging vmknics')).toBe('vmk1');
    const clusters = table(wb.getWorksheet('Clusters')!).rows;
    const a = clusters.find((r) => r.value('Cluster') === 'Prod-A')!;
    expect(a.value('Hosts')).toBe(2);
    expect(a.value('HA enabled')).toBe(true);
    expect(a.value('Additional FT VMs')).toBe(3);
    expect(a.get('Additional FT vCPUs').type).toBe(ExcelJS.ValueType.Number);
    expect(a.value('Max FT VMs per host')).toBe(4);
  });

  it('a directory that does not exist is a one-line ReportWriteError and leaves nothing behind', async () => {
    const dir = fresh();
    await expect(writeXlsx(makeScanResult(), join(dir, 'missing', 'scan.xlsx'))).rejects.toThrow(ReportWriteError);
    await expect(writeXlsx(makeScanResult(), join(dir, 'missing', 'scan.xlsx'))).rejects.toThrow(
      /cannot write report .*scan\.xlsx \(ENOENT\)/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
