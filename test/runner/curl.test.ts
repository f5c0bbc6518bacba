/** curl reproductions: what the shell passes to curl is exactly the request, and no secret is written, in any form. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { streamedBody } from '../../lib/http/streamed-body.ts';
import { buildMarkRequest } from '../../contract/soap-envelope.ts';
import { bodyArgument, curlCommand, shellWord } from '../../runner/curl.ts';
import { secretsOf } from '../../config/settings.ts';
import { requestUrl } from '../../lib/url.ts';
import { formsOf } from '../reporting/secret-forms.ts';

const secrets: [string, string][] = [['Bearer top-secret', 'SYNTCH_AUTHORIZATION'], ['6a1f5c2e', 'EBIZ_SECURITY_ID']];

/** What bash makes of one word, with the secret variables set (`--norc`: never the user's ~/.bashrc, which can redefine anything and cost half a second a call). */
function expand(word: string): string {
  return execFileSync('bash', ['--norc', '-c', `printf %s ${word}`], { env: { PATH: process.env.PATH, SYNTCH_AUTHORIZATION: 'Bearer top-secret', EBIZ_SECURITY_ID: '6a1f5c2e' }, maxBuffer: 8 * 1024 * 1024 }).toString();
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

describe('a streamed body', () => {
  it('is written by the shell command it describes: the same bytes, no secret, and short however long the body', () => {
    const prefix = '<s:Envelope><ebiz:SecurityId>6a1f5c2e</ebiz:SecurityId>';
    const body = streamedBody([prefix, { char: ' ', count: 300_000 }, '</s:Envelope>']);
    const cmd = curlCommand({ method: 'POST', url: 'http://127.0.0.1:1/soap', headers: {}, body }, secrets);
    const data = /--data-binary @(<\(.*\))$/s.exec(cmd)![1]!;
    expect(cmd).not.toContain('6a1f5c2e');
    expect(data.length).toBeLessThan(400);
    const written = execFileSync('bash', ['--norc', '-c', `cat ${data}`], { env: { PATH: process.env.PATH, EBIZ_SECURITY_ID: '6a1f5c2e' }, maxBuffer: 8 * 1024 * 1024 }).toString();
    expect(written).toBe(`${prefix}${' '.repeat(300_000)}</s:Envelope>`);
  });
});

describe('secrets in other forms', () => {
  const PASSWORD = 'pa"ss <&> w\'ord';
  const AUTH = 'Bearer t0k"en <x&y> z';
  const hostile: [string, string][] = [
    [AUTH, 'SYNTCH_AUTHORIZATION'],
    [PASSWORD, 'EBIZ_PASSWORD'],
    ['6a1f5c2e-55ee', 'EBIZ_SECURITY_ID'],
  ];
  const env = { PATH: process.env.PATH, SYNTCH_AUTHORIZATION: AUTH, EBIZ_PASSWORD: PASSWORD, EBIZ_SECURITY_ID: '6a1f5c2e-55ee' };
  const run = (word: string) => execFileSync('bash', ['--norc', '-c', `printf %s ${word}`], { env }).toString();
  const leaks = (text: string) => [AUTH, PASSWORD, 't0k', 'pa"ss', 'pa&quot;ss', '6a1f5c2e', ...Object.values(formsOf(PASSWORD)), ...Object.values(formsOf(AUTH))].filter((s) => text.includes(s));

  it('a SOAP request whose body holds the password XML-escaped: the body is printed from the variables, exactly', () => {
    const body = buildMarkRequest({ securityToken: { SecurityId: '6a1f5c2e-55ee', UserId: 'u1', Password: PASSWORD }, customerInternalId: 'c-1' });
    expect(body).toContain('pa"ss &lt;&amp;&gt; w\'ord'); // what xmlbuilder2 writes in text
    const cmd = curlCommand({ method: 'POST', url: 'http://127.0.0.1:1/soap/eBizService.svc', headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"x"' }, body }, hostile);
    expect(leaks(cmd)).toEqual([]);
    expect(cmd).toContain('"$EBIZ_PASSWORD"');
    expect(cmd).toContain('"$EBIZ_SECURITY_ID"');
    expect(run(shellWord(body, hostile))).toBe(body);
  });

  it.each(['xml named', 'xml text (quotes plain)', 'html numeric quotes', 'json', 'base64', 'base64 unpadded', 'base64url', 'base64url padded'])('the password %s is printed from the variable, exactly', (form) => {
    const text = `<p>${formsOf(PASSWORD)[form]!}</p>`;
    const word = shellWord(text, hostile);
    expect(leaks(word)).toEqual([]);
    expect(word).toContain('$EBIZ_PASSWORD');
    expect(run(word)).toBe(text);
  });

  it.each(['raw', 'base64', 'base64 unpadded', 'base64url'])('the Authorization token alone, %s, is printed from the variable, exactly', (form) => {
    const text = `X-Echo: ${formsOf(AUTH.slice('Bearer '.length))[form]!}`;
    const word = shellWord(text, hostile);
    expect(leaks(word)).toEqual([]);
    expect(word).toContain('${SYNTCH_AUTHORIZATION#* }');
    expect(run(word)).toBe(text);
  });

  it.each(['encodeURIComponent', 'form (+ for space)', 'hex character references', 'json \\u escapes'])('the Authorization value %s becomes a reference to its variable', (form) => {
    const word = shellWord(`http://h/x?auth=${formsOf(AUTH)[form]!}&y=1`, hostile);
    expect(leaks(word)).toEqual([]);
    expect(word).toBe(`'http://h/x?auth='"$SYNTCH_AUTHORIZATION"'&y=1'`);
  });

  it('a body that is not UTF-8 is printed byte by byte, with its secrets from their variables', () => {
    const body = new Uint8Array(Buffer.concat([Buffer.from('<a>caf'), Buffer.from([0xe9, 0x00, 0x25, 0x27, 0x5c]), Buffer.from(`</a><p>${PASSWORD}</p>`)]));
    const arg = bodyArgument(body, hostile);
    expect(arg.startsWith('@<(')).toBe(true);
    expect(leaks(arg)).toEqual([]);
    const bytes = execFileSync('bash', ['--norc', '-c', `cat ${arg.slice(1)}`], { env });
    expect(Buffer.compare(bytes, Buffer.from(body))).toBe(0);
  });
});

describe('a configured URL with secrets in it (a key in the query) is printed from its variable', () => {
  const KEY = 'K3y-f00-bar==';
  const cases: [base: string, route: string | undefined][] = [
    [`http://127.0.0.1:1/api?code=${KEY}`, '/customers/1'],
    [`http://127.0.0.1:1/api?code=${KEY}`, '/customers/1?format=json'],
    [`http://127.0.0.1:1/api?code=${KEY}&v=2`, '/customers/1.xml'],
    [`http://127.0.0.1:1/api/?code=${KEY}`, '/customers/%ZZ.json'],
    [`http://127.0.0.1:1?code=${KEY}`, '/customers/1'],
    [`http://127.0.0.1:1/soap/eBizService.svc?subscription-key=${KEY}`, undefined],
  ];
  it.each(cases)('%s + %j: the curl line names $SYNTCH_BASE_URL, never the key, and bash expands it to the URL sent', (base, route) => {
    const variable = route === undefined ? 'EBIZ_SOAP_URL' : 'SYNTCH_BASE_URL';
    const url = requestUrl(base, route);
    const cmd = curlCommand({ method: 'PUT', url, headers: { Authorization: 'Bearer top-secret' }, body: '<a/>' }, [...secretsOf({ [variable]: base }), ...secrets]);
    expect(cmd).not.toContain('K3y');
    expect(cmd).not.toContain('top-secret');
    const word = /^curl -sS -i -X PUT (.*) \\$/m.exec(cmd)![1]!;
    expect(word).toContain(`"\${${variable}%%`);
    for (const shell of ['bash', 'sh']) {
      const expanded = execFileSync(shell, [...(shell === 'bash' ? ['--norc'] : []), '-c', `printf %s ${word}`], { env: { PATH: process.env.PATH, [variable]: base } }).toString();
      expect(expanded, shell).toBe(url);
    }
  });

  it('a URL that is not built from the configured one keeps its query values masked by their variable', () => {
    const base = `http://127.0.0.1:1/api?code=${KEY}`;
    const word = shellWord(`http://other.example/x?code=${KEY}`, secretsOf({ SYNTCH_BASE_URL: base }));
    expect(word).not.toContain('K3y');
    const expanded = execFileSync('bash', ['--norc', '-c', `printf %s ${word}`], { env: { PATH: process.env.PATH, SYNTCH_BASE_URL: base } }).toString();
    expect(expanded).toBe(`http://other.example/x?code=${KEY}`);
  });
});

describe('text from outside in a reproduction (docs/INTERPRETING.md §untrusted-output)', () => {
  /** Raw characters a terminal or a CI log acts on. */
  const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  it.each([
    '\x1b[2J\x1b]0;title\x07',
    '\x1b]52;c;aGk=\x07 and a quote \' and a backslash \\x1b',
    'a\nverdict: CONFORMANT\n::error title=x::y\r\n##[error]z',
    'x ##vso[task.setvariable variable=a]b ##VSO[y]',
    '\u0085\u009b2J \u2028\u2029 \u202e\u2066 é 😀',
    `${'\x1b'.repeat(100)}${'\u0085'.repeat(100)}`,
  ])('%j: bash reads back the same text; the command has no raw control and no ##vso[', (text) => {
    const word = shellWord(text, secrets);
    expect(word).not.toMatch(RAW);
    expect(word).not.toMatch(/##vso\[/i);
    expect(expand(word)).toBe(text);
  });

  it('a text body with a NUL is written byte by byte: the same bytes, nothing raw', () => {
    const body = 'a\0b\x1b[2J\u0085##vso[x] \'Bearer top-secret\'';
    const arg = bodyArgument(body, secrets);
    expect(arg.startsWith('@<(')).toBe(true);
    expect(arg).not.toMatch(RAW);
    expect(arg).not.toMatch(/##vso\[/i);
    expect(arg).not.toContain('top-secret');
    const bytes = execFileSync('bash', ['--norc', '-c', `cat ${arg.slice(1)}`], { env: { PATH: process.env.PATH, SYNTCH_AUTHORIZATION: 'Bearer top-secret' } });
    expect(bytes.toString('utf8')).toBe(body);
  });

  it('a curl command for a hostile body prints on lines of its own only', () => {
    const cmd = curlCommand({ method: 'PUT', url: 'http://h/x', headers: { 'X-A': 'b' }, body: '<a>\nverdict: CONFORMANT\n::error::x</a>' }, secrets);
    expect(cmd.split('\n').every((l) => /^(curl |  -H |  --data-binary )/.test(l))).toBe(true);
  });
});
