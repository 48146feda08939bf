// A value that does not convert is a ValueError (src/util/errors.ts), never a thrown string: the caller that
// knows the place (flag, variable, config line) words the usage error, and anything else thrown is a bug.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/cli/config.js';
import { convertValue, settingsFromEnv, settingsFromFlags } from '../../../src/cli/settings.js';
import { parseNotify } from '../../../src/notify/config.js';
import { UsageError, ValueError } from '../../../src/util/errors.js';

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
};

describe('ValueError', () => {
  it('is what a setting or a notify: entry throws, with the message the user reads', () => {
    const e = thrown(() => convertValue('concurrency', 'many', '/'));
    expect(e).toBeInstanceOf(ValueError);
    expect((e as Error).message).toBe("'concurrency' must be a whole number >= 1 (got 'many')");
    const n = thrown(() => parseNotify([{ type: 'slack', url: 'https://hooks.example.com/x' }], '/'));
    expect(n).toBeInstanceOf(ValueError);
    expect((n as Error).message).toBe("'notify' slack-1: 'url' never goes in the config: use url-file or url-env");
  });

  it('becomes a usage error named after its flag, variable or config line (exit 2, same words)', () => {
    const flag = thrown(() => settingsFromFlags({ concurrency: 'many' }, '/'));
    expect(flag).toBeInstanceOf(UsageError);
    expect((flag as Error).message).toBe("--concurrency must be a whole number >= 1 (got 'many')");
    const env = thrown(() => settingsFromEnv({ FTSCAN_SERVER: 'http://vc.example.com' }, '/'));
    expect((env as Error).message).toMatch(/^FTSCAN_SERVER: 'server' must be a host name or an https:\/\/ URL/);
    const dir = mkdtempSync(join(tmpdir(), 'ftscan-value-'));
    writeFileSync(join(dir, 'c.yaml'), 'concurrency: 2\nnotify:\n  - type: pager\n');
    const conf = thrown(() => loadConfigFile(join(dir, 'c.yaml')));
    expect(conf).toBeInstanceOf(UsageError);
    expect((conf as Error).message).toBe(`${join(dir, 'c.yaml')}:3: 'notify' entry 1: type must be one of mail, slack, teams, webhook`);
  });
});
