/** Where settings come from: the process environment over `.env` in the working directory over `.env` in the project root. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/settings.ts';
import { environmentFiles, readEnvironment } from '../../config/environment.ts';

/** A project root and a separate working directory, each with the given `.env` (none when undefined). */
function dirs(rootEnv?: string, cwdEnv?: string): { root: string; cwd: string } {
  const base = mkdtempSync(join(tmpdir(), 'environment-'));
  const root = join(base, 'project');
  const cwd = join(base, 'elsewhere');
  mkdirSync(root);
  mkdirSync(cwd);
  if (rootEnv !== undefined) writeFileSync(join(root, '.env'), rootEnv);
  if (cwdEnv !== undefined) writeFileSync(join(cwd, '.env'), cwdEnv);
  return { root, cwd };
}

describe('readEnvironment', () => {
  it('merges the process environment over .env in the working directory over .env in the project root', () => {
    const { root, cwd } = dirs('A=root\nB=root\nC=root\n', 'B=cwd\nC=cwd\n');
    const env = readEnvironment({ root, cwd, processEnv: { C: 'process', D: 'process' } }).env;
    expect(env).toEqual({ A: 'root', B: 'cwd', C: 'process', D: 'process' });
    expect(environmentFiles({ root, cwd, processEnv: {} })).toEqual([join(root, '.env'), join(cwd, '.env')]);
  });

  it('reads the project root .env from any working directory', () => {
    const { root, cwd } = dirs('SYNTCH_CUSTOMER_KEY=7\n');
    expect(readEnvironment({ root, cwd, processEnv: {} }).env).toEqual({ SYNTCH_CUSTOMER_KEY: '7' });
  });

  it('reads .env in the working directory without one in the root', () => {
    const { root, cwd } = dirs(undefined, '# comment\nexport REFERENCE_PORT=9123\nQUOTED="a b"\n');
    expect(readEnvironment({ root, cwd, processEnv: {} })).toEqual({ env: { REFERENCE_PORT: '9123', QUOTED: 'a b' }, warnings: [] });
  });

  it('reads the file once when the working directory is the root', () => {
    const { root } = dirs('A=1\n');
    expect(environmentFiles({ root, cwd: root, processEnv: {} })).toEqual([join(root, '.env')]);
    expect(readEnvironment({ root, cwd: root, processEnv: {} }).env).toEqual({ A: '1' });
  });

  it('a variable set in the process wins even when empty', () => {
    const { root, cwd } = dirs('A=root\n', 'A=cwd\n');
    expect(readEnvironment({ root, cwd, processEnv: { A: '' } }).env.A).toBe('');
  });

  it('with no .env anywhere, is the process environment', () => {
    const { root, cwd } = dirs();
    expect(readEnvironment({ root, cwd, processEnv: { X: '1', Y: undefined } }).env).toEqual({ X: '1' });
    expect(environmentFiles({ root, cwd, processEnv: {} })).toEqual([]);
  });

  it('DOTENV_CONFIG_PATH names the one file read instead (relative to the working directory)', () => {
    const { root, cwd } = dirs('A=root\n', 'A=cwd\nB=cwd\n');
    writeFileSync(join(cwd, 'other.env'), 'A=other\n');
    const env = readEnvironment({ root, cwd, processEnv: { DOTENV_CONFIG_PATH: 'other.env' } }).env;
    expect(env).toEqual({ A: 'other', DOTENV_CONFIG_PATH: 'other.env' });
    expect(readEnvironment({ root, cwd, processEnv: { DOTENV_CONFIG_PATH: '/nonexistent/.env' } }).env).toEqual({ DOTENV_CONFIG_PATH: '/nonexistent/.env' });
  });

  it('writes nothing: neither the given environment nor process.env changes', () => {
    const { root, cwd } = dirs('GATEWAY_CONFORMANCE_TEST_ONLY=root\n', 'GATEWAY_CONFORMANCE_TEST_ONLY_2=cwd\n');
    const processEnv = Object.freeze({ X: '1' });
    readEnvironment({ root, cwd, processEnv });
    expect(processEnv).toEqual({ X: '1' });
    readEnvironment({ root, cwd });
    expect(process.env.GATEWAY_CONFORMANCE_TEST_ONLY).toBeUndefined();
    expect(process.env.GATEWAY_CONFORMANCE_TEST_ONLY_2).toBeUndefined();
  });

  it('a .env that exists but cannot be read is a configuration problem', () => {
    const { root, cwd } = dirs();
    mkdirSync(join(cwd, '.env'));
    expect(() => readEnvironment({ root, cwd, processEnv: {} })).toThrow(ConfigError);
    expect(() => readEnvironment({ root, cwd, processEnv: {} })).toThrow(/cannot read .*\.env/);
  });

  it('a typo in a .env outside the project root stops the run', () => {
    const { root, cwd } = dirs(undefined, 'SYNTCH_BASEURL=https://gw.example/api\nSYNTCH_AUTHORIZATION=Bearer s3cret\nSYNTCH_CUSTOMER_KEY=1\n');
    const { env } = readEnvironment({ root, cwd, processEnv: { PATH: '/bin' } });
    expect(() => loadConfig(env)).toThrow(/SYNTCH_BASEURL is not a known setting: did you mean SYNTCH_BASE_URL\?/);
  });

  it('an empty DOTENV_CONFIG_PATH (an unset CI variable) reads no file: it does not fall back to the default files', () => {
    const { root, cwd } = dirs('SYNTCH_BASE_URL=https://gw.example/api\n', 'A=cwd\n');
    expect(readEnvironment({ root, cwd, processEnv: { DOTENV_CONFIG_PATH: ' ' } }).env).toEqual({ DOTENV_CONFIG_PATH: ' ' });
    expect(environmentFiles({ root, cwd, processEnv: { DOTENV_CONFIG_PATH: '' } })).toEqual([]);
    // …and loadConfig names it with the other empty settings.
    expect(() => loadConfig({ DOTENV_CONFIG_PATH: ' ' })).toThrow(/DOTENV_CONFIG_PATH is set but empty/);
  });

  it('a setting present but empty in a .env file stops the run (a commented-out line is no setting)', () => {
    const { root, cwd } = dirs(undefined, '#SYNTCH_BASE_URL=https://gw.example/api\nEBIZ_SOAP_URL=\nCONFORMANCE_RUNS=  # runs\n');
    const { env } = readEnvironment({ root, cwd, processEnv: {} });
    expect(env).toEqual({ EBIZ_SOAP_URL: '', CONFORMANCE_RUNS: '' });
    expect(() => loadConfig(env)).toThrow(/EBIZ_SOAP_URL and CONFORMANCE_RUNS are set but empty/);
  });
});

describe('a .env that is not UTF-8 text is a configuration problem naming the file, never an empty file', () => {
  const text = 'SYNTCH_BASE_URL=https://gw.example/api\nSYNTCH_AUTHORIZATION=Bearer s3cret\nSYNTCH_CUSTOMER_KEY=1\n';
  it.each([
    ['UTF-16LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), /UTF-16/],
    ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), /UTF-16/],
    ['UTF-16LE without a byte-order mark', Buffer.from(text, 'utf16le'), /NUL byte/],
    ['binary with a NUL byte', Buffer.concat([Buffer.from('A=1\n'), Buffer.from([0x00, 0x01, 0x02]), Buffer.from('\nB=2\n')]), /NUL byte/],
    ['invalid UTF-8 (Latin-1)', Buffer.from('SYNTCH_AUTHORIZATION=Bearer caf\u00e9\n', 'latin1'), /not UTF-8/],
  ])('%s', (_what, bytes, message) => {
    const { root, cwd } = dirs();
    writeFileSync(join(cwd, '.env'), bytes);
    let error: unknown;
    try {
      readEnvironment({ root, cwd, processEnv: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(join(cwd, '.env'));
    expect(problems[0]).toMatch(message);
    expect(problems[0]).toMatch(/save it as UTF-8/);
    expect(problems[0]).not.toContain('s3cret');
  });

  it('UTF-8 with a byte-order mark is UTF-8', () => {
    const { root, cwd } = dirs(undefined, '\ufeffSYNTCH_CUSTOMER_KEY=7\n');
    expect(readEnvironment({ root, cwd, processEnv: {} }).env).toEqual({ SYNTCH_CUSTOMER_KEY: '7' });
  });
});

describe('a value cut at an unquoted # (dotenv reads the rest as a comment)', () => {
  it('is cut as dotenv cuts it, with a warning naming the setting and the file, never the value', () => {
    const { root, cwd } = dirs(undefined, 'SYNTCH_AUTHORIZATION=Bearer abc#def\nexport EBIZ_PASSWORD=pw#rest # a comment\n');
    const { env, warnings } = readEnvironment({ root, cwd, processEnv: {} });
    expect(env).toEqual({ SYNTCH_AUTHORIZATION: 'Bearer abc', EBIZ_PASSWORD: 'pw' });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^SYNTCH_AUTHORIZATION in .*\.env was cut at a '#'/);
    expect(warnings[0]).toContain(join(cwd, '.env'));
    expect(warnings[0]).toMatch(/quote/);
    expect(warnings[1]).toMatch(/^EBIZ_PASSWORD in /);
    for (const w of warnings) for (const part of ['abc', 'def', 'pw#', 'rest']) expect(w).not.toContain(part);
  });

  it('gives no warning for a comment after white space, a quoted #, or a value the environment overrides', () => {
    const { root, cwd } = dirs(undefined, 'A=abc # comment\nB="abc#def"\nC=\'x#y\'\n# D=abc#def\nE=abc#def\n');
    const { env, warnings } = readEnvironment({ root, cwd, processEnv: { E: 'from the environment' } });
    expect(env).toEqual({ A: 'abc', B: 'abc#def', C: 'x#y', E: 'from the environment' });
    expect(warnings).toEqual([]);
  });

  it('a value that is nothing but a cut (KEY=#abc) is warned about too', () => {
    const { root, cwd } = dirs(undefined, 'EBIZ_PASSWORD=#abc\n');
    expect(readEnvironment({ root, cwd, processEnv: {} }).warnings).toEqual([expect.stringMatching(/^EBIZ_PASSWORD in .* was cut at a '#'/)]);
  });
});
