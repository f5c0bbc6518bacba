/** curl reproductions: what the shell passes to curl is exactly the request, and no secret is written. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellWord } from '../../suites/curl.ts';

const secrets: [string, string][] = [['Bearer top-secret', 'SYNTCH_AUTHORIZATION'], ['6a1f5c2e', 'EBIZ_SECURITY_ID']];

/** What bash makes of one word, with the secret variables set. */
function expand(word: string): string {
  return execFileSync('bash', ['-c', `printf %s ${word}`], { env: { PATH: process.env.PATH, SYNTCH_AUTHORIZATION: 'Bearer top-secret', EBIZ_SECURITY_ID: '6a1f5c2e' }, maxBuffer: 8 * 1024 * 1024 }).toString();
}

describe('shellWord', () => {
  it.each([
    'plain',
    "it's quoted",
    'a "double" $HOME `cmd` \\ backslash',
    '<x>&amp;</x> 中文 😀',
    'line one\nline two',
    'Authorization: Bearer top-secret',
    '<ebiz:SecurityId>6a1f5c2e</ebiz:SecurityId>',
    `<a>${'x'.repeat(5000)}</a>`,
    `${' '.repeat(1024 * 1024 + 3)}<a/>`,
    `pre${"'".repeat(100)}post`,
    `${'/'.repeat(100)}${'&'.repeat(100)}`,
  ])('%j survives the shell exactly', (text) => {
    const word = shellWord(text, secrets);
    expect(expand(word)).toBe(text);
    expect(word).not.toContain('top-secret');
    expect(word).not.toContain('6a1f5c2e');
    if (text.length > 4000) expect(word.length).toBeLessThan(400); // long runs are written as printf
  });
});

describe('curlCommand', () => {
  it('writes method, URL, headers and body, with secrets as variables', () => {
    const cmd = curlCommand({ method: 'PUT', url: 'http://127.0.0.1:1/api/customers/1', headers: { Authorization: 'Bearer top-secret', 'Content-Type': 'application/xml' }, body: '<a/>' }, secrets);
    expect(cmd).toBe([
      "curl -sS -i -X PUT 'http://127.0.0.1:1/api/customers/1' \\",
      `  -H 'Authorization: '"$SYNTCH_AUTHORIZATION" \\`,
      "  -H 'Content-Type: application/xml' \\",
      "  --data-binary '<a/>'",
    ].join('\n'));
  });
});
