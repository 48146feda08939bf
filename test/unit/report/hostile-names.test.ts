// Issue 22 §2: a name from vCenter is data in every output. Hostile names — a bare LF or CR followed by a formula,
// characters XML 1.0 cannot carry (C0 controls, U+FFFE, U+FFFF, a lone surrogate) — go through every file format:
// CSV rows stay whole with the formula guard intact, every XML-based output (HTML, JUnit, each part of the
// workbook) stays well-formed by the one rule (xmlText).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/index.js';
import { writeXlsx } from '../../../src/report/xlsx.js';
import type { ScanResult } from '../../../src/result/types.js';
import { makeScanResult, renderText } from './fixtures.js';

const HOSTILE = {
  lf: 'split\n=HYPERLINK("http://evil.example/","x")',
  cr: 'split\r+cmd|calc',
  nonchar: 'bad\uFFFEname\uFFFF',
  c0: 'nul\u0000bell\u0007vt\u000b',
  surrogate: 'lone\uD800x',
};

// How a spreadsheet reads CSV: outside quotes, CRLF, a bare LF and a bare CR each end a record.
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

function hostileResult(): ScanResult {
  const r = makeScanResult();
  const names = Object.values(HOSTILE);
  r.evaluation.vms.slice(0, names.length).forEach((vm, i) => {
    vm.name = names[i]!;
    for (const f of r.evaluation.findings) if (f.moid === vm.moid) f.name = names[i]!;
  });
  r.evaluation.clusters[0]!.name = HOSTILE.nonchar;
  return r;
}

describe('hostile names through every file format', () => {
  it('[hostile] CSV: a field with a bare LF or CR is quoted, so no row splits and no half starts with a formula', () => {
    const r = hostileResult();
    for (const format of ['csv', 'csv-findings'] as const) {
      const text = renderText(format, r).replace(/^\uFEFF/, '');
      const rows = readCsv(text);
      const width = rows[0]!.length;
      expect(rows.every((row) => row.length === width)).toBe(true);
      // every physical line break inside a record is inside quotes: no line starts a formula
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
      expect(rows.flat()).toContain(HOSTILE.lf);
      expect(rows.flat()).toContain(HOSTILE.cr);
      expect(text).toContain(`"${HOSTILE.lf.replace(/"/g, `""`)}"`);
      expect(text).toContain(`"${HOSTILE.cr}"`);
    }
  });

  it('[hostile] HTML and JUnit: well-formed XML characters only, the names shown with visible escapes', () => {
    const r = hostileResult();
    const junit = renderText('junit', r);
    expect(XMLValidator.validate(junit)).toBe(true);
    for (const text of [junit, renderText('html', r)]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(text).toContain('nul\\x00bell\\x07vt\\x0b');
      expect(text).toContain('bad\uFFFDname\uFFFD');
    }
  });

  it('[hostile] xlsx: every XML part of the workbook parses, with the names readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftscan-hostile-'));
    const file = join(dir, 'r.xlsx');
    await writeXlsx(hostileResult(), file);
    execFileSync('unzip', ['-q', file, '-d', join(dir, 'x')]);
    const parts = (readdirSync(join(dir, 'x'), { recursive: true }) as string[]).filter((p) => p.endsWith('.xml'));
    expect(parts.length).toBeGreaterThan(6);
    let all = '';
    for (const part of parts) {
      const xml = readFileSync(join(dir, 'x', part), 'utf8');
      expect(XMLValidator.validate(xml), part).toBe(true);
      expect(xml, part).not.toMatch(/[\uFFFE\uFFFF]/);
      all += xml;
    }
    expect(all).toContain('bad\uFFFDname\uFFFD');
  });

  it('[hostile] the JSON report keeps the exact names', () => {
    const doc = JSON.parse([...renderReport('json', hostileResult())].join('')) as ScanResult;
    expect(doc.evaluation.vms.map((v) => v.name)).toEqual(expect.arrayContaining(Object.values(HOSTILE)));
  });
});
