import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, render } from '../../../src/report/csv.js';
import { CSV_NAME, FORMULA_NAME, makeScanResult, SERVER, XSS_NAME } from './fixtures.js';

// RFC 4180 reader (quoted fields, doubled quotes, CRLF records), enough to check what Excel would see.
function parseCsv(text: string): string[][] {
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
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

function records() {
  const text = render(makeScanResult());
  const [head, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return { text, head: head!, rows: rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!]))) };
}

describe('csv report', () => {
  it('starts with a UTF-8 BOM, uses CRLF, and has the documented columns', () => {
    const { text, head } = records();
    expect(text.startsWith('\uFEFFserver,datacenter,cluster,host,vm,moid,verdict,generation,rule_id,severity,message,')).toBe(true);
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(text.endsWith('\r\n')).toBe(true);
    // Every line break outside a quoted cell is CRLF: strip quoted cells, then no bare LF remains.
    expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has one row per VM x finding, one row for a VM without findings, and rows for findings affecting no VM', () => {
    const { rows } = records();
    const r = makeScanResult();
    const vmRows = r.evaluation.vms.reduce((n, v) => n + Math.max(1, v.findingIds.length), 0);
    const unattached = rows.filter((x) => x.vm === '');
    expect(unattached.map((x) => x.rule_id)).toEqual(['datastore-shared']);
    expect(rows).toHaveLength(vmRows + unattached.length);
    const template = rows.filter((x) => x.moid === 'vm-302');
    expect(template).toHaveLength(1);
    expect(template[0]).toMatchObject({ verdict: 'excluded', rule_id: '', severity: '', message: 'template' });
    const db = rows.filter((x) => x.moid === 'vm-102').map((x) => x.rule_id).sort();
    expect(db).toEqual(['host-ft-logging-bandwidth', 'vm-disk-thin']);
    expect(rows.find((x) => x.moid === 'vm-102' && x.rule_id === 'host-ft-logging-bandwidth')).toMatchObject({
      server: SERVER, datacenter: 'DC-East', cluster: 'Prod-A', host: 'esx-a1.example.com', object_type: 'HostSystem',
      object_moid: 'host-12', disruption: 'hostMaintenance', severity: 'warning',
    });
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    const { rows, text } = records();
    const formula = rows.filter((x) => x.moid === 'vm-104');
    expect(formula.length).toBeGreaterThan(0);
    for (const x of formula) expect(x.vm).toBe(`'${FORMULA_NAME}`);
    expect(formula[0]!.remediation).toBe(`'=HYPERLINK("http://evil.example/") remove the USB device.`);
    // No cell anywhere starts with a formula trigger.
    for (const x of rows) for (const v of Object.values(x)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).not.toMatch(/(^|,|\r\n)[=+\-@]/);
  });

  it.each(['+SUM(A1)', '-2+3', '@SUM(A1)', '\tcmd', '\r=1', '\uFF1D1+1'])('neutralises a VM named %j', (name) => {
    const r = makeScanResult();
    r.evaluation.vms[0]!.name = name;
    const rows = parseCsv(render(r).slice(1));
    const cell = rows.find((x) => x[5] === 'vm-101')![4]!;
    expect(cell).toBe(`'${name}`);
  });

  it('keeps a name with comma, quote and newline in one cell', () => {
    const { rows } = records();
    const x = rows.filter((r) => r.moid === 'vm-105');
    expect(x).toHaveLength(1);
    expect(x[0]!.vm).toBe(CSV_NAME);
    expect(x[0]!.severity).toBe('unknown');
    expect(rows.find((r) => r.moid === 'vm-103')!.vm).toBe(XSS_NAME);
  });
});
