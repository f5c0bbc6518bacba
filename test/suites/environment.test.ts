/** Where settings come from: the process environment over `.env` in the working directory over `.env` in the project root. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../runner/config.ts';
import { environmentFiles, readEnvironment } from '../../runner/environment.ts';

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
    const env = readEnvironment({ root, cwd, processEnv: { C: 'process', D: 'process' } });
    expect(env).toEqual({ A: 'root', B: 'cwd', C: 'process', D: 'process' });
    expect(environmentFiles({ root, cwd, processEnv: {} })).toEqual([join(root, '.env'), join(cwd, '.env')]);
  });

  it('reads the project root .env from any working directory', () => {
    const { root, cwd } = dirs('SYNTCH_CUSTOMER_KEY=7\n');
    expect(readEnvironment({ root, cwd, processEnv: {} })).toEqual({ SYNTCH_CUSTOMER_KEY: '7' });
  });

  it('reads .env in the working directory without one in the root', () => {
    const { root, cwd } = dirs(undefined, '# comment\nexport REFERENCE_PORT=9123\nQUOTED="a b"\n');
    expect(readEnvironment({ root, cwd, processEnv: {} })).toEqual({ REFERENCE_PORT: '9123', QUOTED: 'a b' });
  });

  it('reads the file once when the working directory is the root', () => {
    const { root } = dirs('A=1\n');
    expect(environmentFiles({ root, cwd: root, processEnv: {} })).toEqual([join(root, '.env')]);
    expect(readEnvironment({ root, cwd: root, processEnv: {} })).toEqual({ A: '1' });
  });

  it('a variable set in the process wins even when empty', () => {
    const { root, cwd } = dirs('A=root\n', 'A=cwd\n');
    expect(readEnvironment({ root, cwd, processEnv: { A: '' } }).A).toBe('');
  });

  it('with no .env anywhere, is the process environment', () => {
    const { root, cwd } = dirs();
    expect(readEnvironment({ root, cwd, processEnv: { X: '1', Y: undefined } })).toEqual({ X: '1' });
    expect(environmentFiles({ root, cwd, processEnv: {} })).toEqual([]);
  });

  it('DOTENV_CONFIG_PATH names the one file read instead (relative to the working directory)', () => {
    const { root, cwd } = dirs('A=root\n', 'A=cwd\nB=cwd\n');
    writeFileSync(join(cwd, 'other.env'), 'A=other\n');
    const env = readEnvironment({ root, cwd, processEnv: { DOTENV_CONFIG_PATH: 'other.env' } });
    expect(env).toEqual({ A: 'other', DOTENV_CONFIG_PATH: 'other.env' });
    expect(readEnvironment({ root, cwd, processEnv: { DOTENV_CONFIG_PATH: '/nonexistent/.env' } })).toEqual({ DOTENV_CONFIG_PATH: '/nonexistent/.env' });
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
    const env = readEnvironment({ root, cwd, processEnv: { PATH: '/bin' } });
    expect(() => loadConfig(env)).toThrow(/SYNTCH_BASEURL is not a known setting: did you mean SYNTCH_BASE_URL\?/);
  });
});
