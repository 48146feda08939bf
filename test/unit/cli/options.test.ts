// The option table (src/cli/options.ts) against what users read and run: the README's options table and the
// commander program, both ways, plus the defaults a run gets when nothing is given.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Console, defaultIo } from '../../../src/cli/context.js';
import { type OptionDef, OPTIONS } from '../../../src/cli/options.js';
import { buildProgram } from '../../../src/cli/program.js';
import { convertValue, mergeSettings, normalizeThumbprint, SERVER_KEYS, SETTING_KEYS, settingsFromEnv } from '../../../src/cli/settings.js';
import { listRules, skippedRuleIds } from '../../../src/rules/explain.js';

const TABLE: readonly OptionDef[] = OPTIONS;
const FLAGS = TABLE.filter((o) => o.where !== 'config').map((o) => `--${o.key}`);

// The flags named in the first column of README.md's "Options of `scan` and `plan`" table.
function readmeFlags(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^### Options of `scan` and `plan`$/m)[1]?.split(/^#{2,3} /m)[0];
  if (!section) throw new Error('README.md has no "Options of `scan` and `plan`" section');
  const rows = section.split('\n').filter((l) => /^\| `--/.test(l));
  return [...new Set(rows.map((l) => /^\| `(--[a-z][a-z-]*)/.exec(l)![1]!))];
}

describe('option table', () => {
  it('every README option is in the table and every table flag is in the README', () => {
    const readme = readmeFlags();
    expect(readme.length).toBeGreaterThan(20);
    expect(readme.filter((f) => !FLAGS.includes(f))).toEqual([]);
    expect(FLAGS.filter((f) => !readme.includes(f))).toEqual([]);
  });

  it('scan and plan take exactly the table flags; report and privileges their groups', () => {
    const program = buildProgram(new Console(defaultIo()), { code: 0 });
    const longs = (name: string) =>
      program.commands
        .find((c) => c.name() === name)!
        .options.map((o) => o.long!)
        .filter((l) => l !== '--help');
    expect(longs('scan')).toEqual(expect.arrayContaining(FLAGS));
    expect(longs('scan').sort()).toEqual([...FLAGS].sort());
    expect(longs('plan').sort()).toEqual([...FLAGS].sort());
    expect(longs('report')).toEqual([
      '--output',
      '--baseline',
      '--waivers',
      '--fail-on',
      '--severity',
      '--detail',
      '--quiet',
      '--config',
      '--log-level',
      '--log-file',
    ]);
    expect(longs('privileges')).toContain('--max-response-mb');
    expect(longs('privileges')).not.toContain('--vm');
  });

  it('config keys: every setting flag, the config-only password, never --config', () => {
    expect(SETTING_KEYS).toContain('password');
    expect(SETTING_KEYS).toContain('max-response-mb');
    expect(SETTING_KEYS).not.toContain('config');
    expect(SETTING_KEYS.length).toBe(FLAGS.length); // less --config, plus password
    expect(SERVER_KEYS).toEqual(['server', 'user', 'password', 'password-file', 'ca-file', 'thumbprint', 'insecure']);
  });

  it("the table's environment variables are the README's, on the row of their flag, and in --help", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.split(/^### Options of `scan` and `plan`$/m)[1]!.split(/^#{2,3} /m)[0]!;
    const rows = section.split('\n').filter((l) => /^\| `--/.test(l));
    const withEnv = TABLE.filter((o) => o.env);
    expect(withEnv.map((o) => o.env)).toEqual(['FTSCAN_SERVER', 'FTSCAN_USER', 'FTSCAN_CA_FILE']);
    for (const o of withEnv) expect(rows.find((l) => l.startsWith(`| \`--${o.key} `))).toContain(`\`${o.env}\``);
    // every FTSCAN_* variable a row names is the table's (or the password's, read by credentials.ts)
    const named = new Set(rows.flatMap((l) => [...l.matchAll(/`(FTSCAN_[A-Z_]+)`/g)].map((m) => m[1]!)));
    expect([...named].filter((v) => v !== 'FTSCAN_PASSWORD' && !withEnv.some((o) => o.env === v))).toEqual([]);
  });

  it('precedence: a flag over the environment over the config file', () => {
    const conf = { user: 'conf', caFile: '/conf.pem', servers: [{ server: 'conf.example' }] };
    const env = settingsFromEnv(
      { FTSCAN_USER: 'env', FTSCAN_SERVER: 'env.example', FTSCAN_CA_FILE: 'ca.pem', FTSCAN_PASSWORD: 'x' },
      '/work',
    );
    expect(env).toEqual({ user: 'env', servers: [{ server: 'env.example' }], caFile: '/work/ca.pem' });
    expect(mergeSettings(conf, {}, env)).toMatchObject({ user: 'env', caFile: '/work/ca.pem', servers: [{ server: 'env.example' }] });
    expect(mergeSettings(conf, { user: 'flag' }, env).user).toBe('flag');
    expect(mergeSettings(conf, {}, settingsFromEnv({ FTSCAN_USER: '' }, '/')).user).toBe('conf'); // empty = unset
    // the environment never sets what has no env column (password, output, ...)
    expect(settingsFromEnv({ FTSCAN_OUTPUT: 'json=x', FTSCAN_INSECURE: 'true' }, '/')).toEqual({});
  });

  it('thumbprints: every common spelling of a SHA-256 fingerprint, one form; rule and severity lists', () => {
    const hex = 'ab'.repeat(32);
    const want = 'AB:'.repeat(31) + 'AB';
    for (const t of [`SHA256:${want}`, `sha256:${hex}`, want, hex, `SHA256=${want.toLowerCase()}`])
      expect(normalizeThumbprint(t)).toBe(want);
    expect(normalizeThumbprint(`SHA256:${hex.slice(2)}`)).toBeUndefined();
    expect(convertValue('thumbprint', [`SHA256:${hex}`, `${want},${hex}`], '/')).toEqual([want, want, want]);
    expect(convertValue('skip-rule', ['vm-snapshots, vm-linked-clone', 'vm-hw-version'], '/')).toEqual([
      'vm-snapshots',
      'vm-linked-clone',
      'vm-hw-version',
    ]);
    expect(() => convertValue('only-rule', 'vm-snapshot', '/')).toThrow(/unknown rule "vm-snapshot"; did you mean "vm-snapshots"/);
    expect(convertValue('severity', 'blocker, warning,blocker', '/')).toEqual(['blocker', 'warning']);
    expect(skippedRuleIds([], [])).toEqual([]);
    expect(skippedRuleIds(['vm-snapshots'], [])).toEqual(['vm-snapshots']);
    const others = skippedRuleIds([], ['vm-snapshots']);
    expect(others).not.toContain('vm-snapshots');
    expect(others.length).toBe(listRules().length - 1);
  });

  it('a run given nothing gets the documented defaults', () => {
    const s = mergeSettings({}, {});
    expect(s).toMatchObject({ concurrency: 4, targetTimeoutSec: 1800, profile: 'auto', failOn: 'blocker', logLevel: 'warn' });
    expect(s).toMatchObject({ servers: [], output: [], datacenter: [], insecure: false, detail: false, notify: [] });
    expect(s.edition).toBeUndefined();
    expect(s.maxObjects).toBeUndefined();
  });

  it('a flag wins over the config, except output (they add up) and password (never from flags)', () => {
    const s = mergeSettings(
      { concurrency: 2, output: ['json=a.json'], password: 'p' },
      { concurrency: 3, output: ['html=b.html'], password: 'q' },
    );
    expect(s.concurrency).toBe(3);
    expect(s.output).toEqual(['json=a.json', 'html=b.html']);
    expect(s.password).toBe('p');
  });
});
