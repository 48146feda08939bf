import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rejectPasswordOnArgv } from '../../../src/cli/credentials.js';
import { ScopeError } from '../../../src/inventory/scope.js';
import { describeFatal } from '../../../src/cli/errors.js';
import { describeFailure, hostPort } from '../../../src/scan/describe-failure.js';
import { UsageError } from '../../../src/util/errors.js';
import { clearSecrets, registerPassword } from '../../../src/util/redact.js';
import { parseOutput, parseOutputs } from '../../../src/cli/outputs.js';
import { closest } from '../../../src/util/suggest.js';
import { TimeoutError } from '../../../src/scan/pool.js';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { Console } from '../../../src/cli/context.js';

const vc = { server: 'https://vc.example.com', user: 'ftscan@vsphere.local' };

describe('one-line errors', () => {
  it('names cause and fix for each failure a user meets', () => {
    expect(describeFailure(new VimFault('InvalidLogin', 'Cannot complete login due to an incorrect user name or password.'), vc)).toEqual({
      kind: 'auth',
      message: 'login failed for user ftscan@vsphere.local on vc.example.com: check the user name and password (InvalidLogin)',
    });
    const refused = new TransportError('unreachable', 'connect ECONNREFUSED 127.0.0.1:1');
    expect(describeFailure(refused, { server: '127.0.0.1:1' }).message).toBe(
      'cannot reach 127.0.0.1:1 (ECONNREFUSED): check --server and the network',
    );
    const tls = new TransportError('tls-untrusted', 'the certificate of vc is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): ...');
    expect(describeFailure(tls, vc).message).toBe(
      'certificate of vc.example.com not trusted by ftscan (DEPTH_ZERO_SELF_SIGNED_CERT): pass --ca-file FILE, or --insecure',
    );
    const perm = new VimFault('NoPermission', '', { privilegeId: 'System.Read', object: { type: 'Folder', value: 'group-d1' } });
    expect(describeFailure(perm, vc).message).toBe(
      'missing privilege System.Read on Folder:group-d1 (vc.example.com): see `ftscan privileges`',
    );
    expect(describeFailure(new TransportError('http', 'HTTP 404', 404), vc).message).toMatch(
      /answered HTTP 404 instead of SOAP: check that --server/,
    );
    expect(describeFailure(new TimeoutError(60), vc).message).toMatch(/--target-timeout 60s: raise --target-timeout/);
    // a scope that cannot be applied is the user's to fix, not an "internal error"
    const scope = describeFailure(
      new ScopeError('vSphere tags not read: the tag filter cannot be applied (fix access to the vSphere REST API or drop the tag filter)'),
      vc,
    );
    expect(scope).toEqual({
      kind: 'scope',
      message:
        'vc.example.com: vSphere tags not read: the tag filter cannot be applied (fix access to the vSphere REST API or drop the tag filter)',
    });
    for (const e of [refused, tls, perm, new TransportError('malformed', 'unexpected end\nof document')]) {
      expect(describeFailure(e, vc).message).not.toContain('\n');
    }
  });

  it('a bug is exit 4 with no stack in the message; a usage error exit 2', () => {
    const bug = describeFatal(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(bug).toMatchObject({ code: 4, bug: true });
    expect(bug.message).toMatch(/^internal error: .*--log-level debug/);
    expect(describeFatal(new UsageError('bad'))).toEqual({ code: 2, message: 'bad', bug: false });
  });

  it('parses server forms', () => {
    expect(hostPort('vc.example.com')).toEqual({ host: 'vc.example.com', port: '443' });
    expect(hostPort('https://vc.example.com:8443/sdk')).toEqual({ host: 'vc.example.com', port: '8443' });
  });

  it("scrubs a registered password from the vCenter's text it quotes, never from its own words", () => {
    clearSecrets();
    registerPassword('pass');
    const echoed = describeFailure(new VimFault('SystemError', 'bad request: password=pass'), vc).message;
    expect(echoed).toContain('(bad request: ***word=***)');
    expect(echoed).toContain('re-run with --log-level debug'); // own text untouched
    const err = new PassThrough();
    const con = new Console({ stdout: new PassThrough(), stderr: err, stdin: new PassThrough(), env: {}, cwd: '/', now: () => new Date() });
    con.warn('--insecure: anyone on the path can read the password');
    expect(String(err.read())).toBe('ftscan: warning: --insecure: anyone on the path can read the password\n');
    clearSecrets();
  });

  it('refuses a password on argv without echoing it', () => {
    expect(() => rejectPasswordOnArgv(['scan', '--password', 'hunter2'])).toThrow(/--password is not accepted/);
    expect(() => rejectPasswordOnArgv(['scan', '--password=hunter2'])).toThrow(UsageError);
    try {
      rejectPasswordOnArgv(['--password=hunter2']);
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
    expect(() => rejectPasswordOnArgv(['scan', '--password-file', 'x'])).not.toThrow();
  });
});

describe('--output', () => {
  it('parses FORMAT=FILE, stdout and extensions', () => {
    expect(parseOutput('html=scan.html')).toEqual({ format: 'html', file: 'scan.html' });
    expect(parseOutput('json=-')).toEqual({ format: 'json', file: '-' });
    expect(parseOutput('scan.md')).toEqual({ format: 'markdown', file: 'scan.md' });
    expect(() => parseOutput('xml2=a')).toThrow(/unknown format 'xml2': use one of table, json, csv, csv-findings, junit, html, markdown/);
    expect(() => parseOutput('scan.bin')).toThrow(/write FORMAT=FILE/);
    expect(() => parseOutputs(['json=-', 'csv=-'])).toThrow(/only one report can go to stdout/);
  });
});

describe('suggestions', () => {
  it('finds a close candidate only', () => {
    expect(closest('vm-snapshot', ['vm-snapshots', 'host-ha'])).toBe('vm-snapshots');
    expect(closest('zzzz', ['vm-snapshots'])).toBeUndefined();
  });
});
