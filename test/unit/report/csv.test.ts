import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, CSV_FINDING_COLUMNS, render, renderFindings } from '../../../src/report/csv.js';
import { PLAN_COLUMNS } from '../../../src/report/plan-text.js';
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

function records(text = render(makeScanResult())) {
  const [head, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return { text, head: head!, rows: rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!]))) };
}

describe('csv report (one row per VM)', () => {
  it('starts with a UTF-8 BOM, uses CRLF, and has the documented columns', () => {
    const scan = makeScanResult();
    delete scan.targetCluster;
    for (const [text, columns] of [
      [render(scan), CSV_COLUMNS],
      // A what-if appends the current placement and the move, after the documented columns.
      [render(makeScanResult()), [...CSV_COLUMNS, ...PLAN_COLUMNS]],
      [renderFindings(makeScanResult()), CSV_FINDING_COLUMNS],
    ] as const) {
      const { head } = records(text);
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(head).toEqual([...columns]);
      expect(text.endsWith('\r\n')).toBe(true);
      // Every line break outside a quoted cell is CRLF: strip quoted cells, then no bare LF remains.
      expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('has one row per VM with verdict, blockers, first fix and the inventory columns', () => {
    const { rows } = records();
    const r = makeScanResult();
    expect(rows.map((x) => x.moid).sort()).toEqual(r.evaluation.vms.map((v) => v.moid).sort());
    const template = rows.find((x) => x.moid === 'vm-302')!;
    expect(template).toMatchObject({ verdict: 'excluded', blockers: '', reason: 'template' });
    const db = rows.find((x) => x.moid === 'vm-102')!;
    const inv = r.targets.flatMap((t) => t.inventory?.vms ?? []).find((v) => v.moid === 'vm-102')!;
    expect(db).toMatchObject({
      server: SERVER,
      datacenter: 'DC-East',
      cluster: 'Prod-A',
      host: 'esx-a1.example.com',
      vcpus: String(inv.numCpu),
      memory_mb: String(inv.memoryMB),
      power_state: inv.powerState,
      guest_os: inv.guestFullName,
      ft_state: inv.ft.state,
    });
    const blocked = r.evaluation.vms.filter((v) => v.verdict === 'blocked');
    for (const v of blocked) {
      const row = rows.find((x) => x.moid === v.moid)!;
      expect(row.blockers).not.toBe('');
      expect(row.blocker_ids.split(' ').every((id) => v.findingIds.includes(id))).toBe(true);
      expect(row.top_fix).not.toBe('');
    }
    // disruption in words, as every other format says it
    for (const x of rows) expect(x.top_fix_disruption).not.toMatch(/^(vmPowerOff|hostMaintenance|hostReboot|clusterConfig)$/);
  });

  it('the findings CSV has one row per finding with id, evidence and waiver state in their own columns', () => {
    const r = makeScanResult();
    const f = r.evaluation.findings;
    f[0]!.waived = { reason: 'accepted', expires: '2030-01-01' };
    f[1]!.expiredWaiver = { reason: 'old', expires: '2020-01-01' };
    const { rows } = records(renderFindings(r));
    expect(rows.map((x) => x.id).sort()).toEqual(f.map((x) => x.id).sort());
    expect(rows.find((x) => x.id === f[0]!.id)).toMatchObject({
      waiver: 'waived',
      waiver_reason: 'accepted',
      waiver_expires: '2030-01-01',
    });
    expect(rows.find((x) => x.id === f[1]!.id)).toMatchObject({ waiver: 'expired', waiver_reason: 'old', waiver_expires: '2020-01-01' });
    expect(rows.filter((x) => x.waiver === 'none')).toHaveLength(f.length - 2);
    const withEvidence = f.find((x) => x.evidence.length)!;
    expect(rows.find((x) => x.id === withEvidence.id)!.evidence).toContain(withEvidence.evidence[0]!.path);
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    for (const text of [render(makeScanResult()), renderFindings(makeScanResult())]) {
      const { rows } = records(text);
      for (const x of rows) for (const v of Object.values(x)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
      expect(text).not.toMatch(/(^|,|\r\n)[=+\-@]/);
    }
    const { rows } = records();
    expect(rows.find((x) => x.moid === 'vm-104')!.vm).toBe(`'${FORMULA_NAME}`);
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
    expect(rows.find((r) => r.moid === 'vm-103')!.vm).toBe(XSS_NAME);
  });
});
