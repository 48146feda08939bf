import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/cli/config.js';
import { ConfigError } from '../../../src/cli/errors.js';
import { UsageError } from '../../../src/util/errors.js';
import { mergeSettings, parseDuration, settingsFromFlags } from '../../../src/cli/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'ftscan-config-'));
function file(name: string, text: string, mode = 0o600): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

describe('config file', () => {
  it('reads every kind of key, resolving paths against the config directory', () => {
    const p = file(
      'full.yaml',
      [
        'server:',
        '  - https://vc1.example.com',
        '  - server: vc2.example.com',
        '    user: other@vsphere.local',
        '    password-file: vc2.pw',
        '    insecure: true',
        'user: ftscan@vsphere.local',
        'ca-file: /etc/ftscan/ca.pem',
        'concurrency: 2',
        'target-timeout: 15m',
        'cluster: [Prod-A, Prod-B]',
        'vm: "web-*"',
        'vms: lists/migrate.txt',
        'tag: Env/Prod',
        'profile: smp',
        'edition: enterprise-plus',
        'ask-vcenter: true',
        'max-objects: 500',
        'output: [json=out/scan.json, table=-]',
        'fail-on: warning',
        'log-level: info',
      ].join('\n'),
    );
    const { settings, warnings } = loadConfigFile(p);
    expect(warnings).toEqual([]);
    expect(settings.servers).toEqual([
      { server: 'https://vc1.example.com' },
      { server: 'vc2.example.com', user: 'other@vsphere.local', passwordFile: join(dir, 'vc2.pw'), insecure: true },
    ]);
    expect(settings).toMatchObject({
      user: 'ftscan@vsphere.local',
      caFile: '/etc/ftscan/ca.pem',
      concurrency: 2,
      targetTimeoutSec: 900,
      cluster: ['Prod-A', 'Prod-B'],
      vm: ['web-*'],
      vms: join(dir, 'lists/migrate.txt'),
      tag: ['Env/Prod'],
      profile: 'smp',
      edition: 'enterprisePlus',
      askVcenter: true,
      maxObjects: 500,
      output: [`json=${join(dir, 'out/scan.json')}`, 'table=-'],
      failOn: 'warning',
      logLevel: 'info',
    });
  });

  it('names the line of an unknown key, with a suggestion', () => {
    const p = file('typo.yaml', 'user: a\nservre: https://vc\n');
    expect(() => loadConfigFile(p)).toThrow(ConfigError);
    expect(() => loadConfigFile(p)).toThrow(`${p}:2: unknown key 'servre' (did you mean 'server'?)`);
  });

  it('names the line of a value of the wrong type', () => {
    const p = file('type.yaml', 'user: a\n\nconcurrency: many\n');
    expect(() => loadConfigFile(p)).toThrow(`${p}:3: 'concurrency' must be a whole number >= 1 (got 'many')`);
    const q = file('enum.yaml', 'fail-on: sometimes\n');
    expect(() => loadConfigFile(q)).toThrow(/:1: 'fail-on' must be one of blocker, warning, none/);
  });

  it('reports bad YAML with its line number on one line', () => {
    const p = file('bad.yaml', 'user: a\ncluster: [a, b\nprofile: smp\n');
    let msg = '';
    try {
      loadConfigFile(p);
    } catch (e) {
      msg = (e as Error).message;
      expect(e).toBeInstanceOf(UsageError);
    }
    expect(msg).toMatch(new RegExp(`^${p}:\\d+: invalid YAML: `));
    expect(msg).not.toContain('\n');
  });

  it('rejects unknown keys in a server entry and a missing file', () => {
    const p = file('entry.yaml', 'server:\n  - server: vc1\n    pasword: x\n');
    expect(() => loadConfigFile(p)).toThrow(`${p}:3: unknown key 'pasword' in a server entry (did you mean 'password'?)`);
    expect(() => loadConfigFile(join(dir, 'nope.yaml'))).toThrow(/cannot read the config file \(ENOENT\)/);
  });

  it('warns when a file holding a password is readable by group or others, not when it is private', () => {
    const open = file('pw-open.yaml', 'password: s3cret\n', 0o644);
    const w = loadConfigFile(open).warnings;
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('chmod 600');
    expect(w[0]).not.toContain('s3cret');
    expect(loadConfigFile(file('pw-private.yaml', 'password: s3cret\n', 0o600)).warnings).toEqual([]);
    expect(loadConfigFile(file('nopw-open.yaml', 'user: a\n', 0o644)).warnings).toEqual([]);
    expect(loadConfigFile(file('pw-entry.yaml', 'server:\n  - server: vc\n    password: x\n', 0o640)).warnings).toHaveLength(1);
  });

  it('an empty file is an empty config', () => {
    expect(loadConfigFile(file('empty.yaml', '')).settings).toEqual({});
  });
});

describe('settings', () => {
  it('flags win over the config file; defaults fill the rest', () => {
    const merged = mergeSettings(
      { user: 'cfg', concurrency: 2, failOn: 'warning', servers: [{ server: 'a' }] },
      settingsFromFlags({ user: 'flag', server: ['b', 'c'] }, '/work'),
    );
    expect(merged.user).toBe('flag');
    expect(merged.servers).toEqual([{ server: 'b' }, { server: 'c' }]);
    expect(merged.concurrency).toBe(2);
    expect(merged.failOn).toBe('warning');
    expect(merged.profile).toBe('auto');
    expect(merged.targetTimeoutSec).toBe(1800);
  });

  it('validates flag values as usage errors', () => {
    expect(() => settingsFromFlags({ concurrency: '0' }, '/')).toThrow("--concurrency must be a whole number >= 1 (got '0')");
    expect(() => settingsFromFlags({ targetTimeout: 'soon' }, '/')).toThrow(/--target-timeout must be a duration/);
  });

  it('parses durations', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('0')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });
});

describe('--output paths', () => {
  it('resolves FORMAT=FILE and bare files against the working directory, keeps stdout', () => {
    const s = settingsFromFlags({ output: ['json=out/scan.json', 'report.html', 'table=-', 'csv=/abs/x.csv', 'md='] }, '/work');
    expect(s.output).toEqual(['json=/work/out/scan.json', '/work/report.html', 'table=-', 'csv=/abs/x.csv', 'md=']);
  });
});
