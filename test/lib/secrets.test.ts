/** lib/secrets.ts: every form a secret takes in output is found and masked, and nothing else is. */
import { describe, expect, it } from 'vitest';
import { findSecrets, maskDeep, maskSecrets, MIN_DERIVED_LENGTH, secretForms, secretPairs } from '../../lib/secrets.ts';
import { formsOf } from '../reporting/secret-forms.ts';

const AUTH = 'Bearer t0k"en <x&y> z\'q';
const PASSWORD = 'pa"ss <&> word';
const SECRETS: [string, string][] = [
  [AUTH, 'SYNTCH_AUTHORIZATION'],
  [PASSWORD, 'EBIZ_PASSWORD'],
];
const TOKEN = AUTH.slice('Bearer '.length);

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('maskSecrets', () => {
  const cases = [
    ...Object.entries(formsOf(AUTH)).map(([form, text]) => [`the Authorization value, ${form}`, text, '$SYNTCH_AUTHORIZATION'] as const),
    ...Object.entries(formsOf(TOKEN)).map(([form, text]) => [`its token, ${form}`, text, 'SYNTCH_AUTHORIZATION'] as const),
    ...Object.entries(formsOf(PASSWORD)).map(([form, text]) => [`the password, ${form}`, text, '$EBIZ_PASSWORD'] as const),
  ];
  it.each(cases)('masks %s', (_name, text, mask) => {
    const masked = maskSecrets(`before ${text} after`, SECRETS);
    expect(masked).toMatch(/^before .+ after$/);
    expect(masked).toContain(mask);
    expect(masked).not.toContain(text);
    for (const secret of [AUTH, TOKEN, PASSWORD, 't0k', 'word']) expect(masked).not.toContain(secret);
  });

  it('masks the longest form first: a secret inside another is masked as the outer', () => {
    const secrets = secretPairs({ A: 'abc-inner-def', B: 'inner' }, ['A', 'B']);
    expect(maskSecrets('x abc-inner-def y inner z', secrets)).toBe('x $A y $B z');
  });

  it('treats a Basic token as a secret, with the credentials it decodes to and their password', () => {
    const basic: [string, string][] = [[`Basic ${b64('merchant:hunter2-pass')}`, 'SYNTCH_AUTHORIZATION']];
    const masked = maskSecrets(`a ${b64('merchant:hunter2-pass')} b merchant:hunter2-pass c hunter2-pass d ${b64(`Basic ${b64('merchant:hunter2-pass')}`)}`, basic);
    expect(masked).toBe('a ${SYNTCH_AUTHORIZATION#* } b [credentials in SYNTCH_AUTHORIZATION] c [password in SYNTCH_AUTHORIZATION] d [base64 of $SYNTCH_AUTHORIZATION]');
  });

  it('is idempotent: masking a masked text changes nothing, even when a secret is a word of a mask', () => {
    const secrets: [string, string][] = [['Basic ' + b64('user:password'), 'SYNTCH_AUTHORIZATION'], ['base64', 'EBIZ_USER_ID']];
    const once = maskSecrets(`user:password password base64 ${b64('user:password')}`, secrets);
    expect(maskSecrets(once, secrets)).toBe(once);
    expect(once).not.toMatch(/user:password|\bpassword\b(?! in)/);
  });

  it('masks the configured value whatever its length, derived forms only from ' + MIN_DERIVED_LENGTH + ' characters', () => {
    expect(maskSecrets('h: Bearer abc123; id abc; pw', secretPairs({ SYNTCH_AUTHORIZATION: 'Bearer abc123', EBIZ_SECURITY_ID: 'abc', EBIZ_PASSWORD: 'pw' }, ['SYNTCH_AUTHORIZATION', 'EBIZ_SECURITY_ID', 'EBIZ_PASSWORD']))).toBe(
      'h: $SYNTCH_AUTHORIZATION; id $EBIZ_SECURITY_ID; $EBIZ_PASSWORD',
    );
    expect(secretForms([['Bearer xy', 'V']]).map((f) => f.literal)).not.toContain('xy');
  });

  it('leaves text without a secret alone, and near misses too', () => {
    const text = 'Bearer t0k"en <x&y> z (one character short), t0k&quot;en, nothing else';
    expect(maskSecrets(text, SECRETS)).toBe(text);
    expect(maskSecrets('anything', [])).toBe('anything');
  });

  it('masks a mixture of escaped and plain characters', () => {
    const mixed = 't0k&quot;en%20<x\\u0026y&gt; z&#39;q';
    expect(maskSecrets(mixed, SECRETS)).toBe('${SYNTCH_AUTHORIZATION#* }');
  });

  // How long it takes is measured, not asserted: bench/mask-secrets.ts.
  it('masks a secret at the end of a large text, the rest unchanged', () => {
    const big = `${'a'.repeat(2_000_000)}${' <&"> '.repeat(100_000)}${AUTH}`;
    const masked = maskSecrets(big, SECRETS);
    expect(masked.endsWith('$SYNTCH_AUTHORIZATION')).toBe(true);
    expect(masked.length).toBe(big.length - AUTH.length + '$SYNTCH_AUTHORIZATION'.length);
  });
});

describe('the same set of secrets, changed in place', () => {
  it('masks what it holds now: a value replaced, a variable renamed, a part changed, a secret added', () => {
    const secrets: (readonly [string, string, { part: string; shell: string; url: string }?])[] = [['first-secret-value', 'SYNTCH_AUTHORIZATION']];
    expect(maskSecrets('a first-secret-value b', secrets)).toBe('a $SYNTCH_AUTHORIZATION b');
    secrets[0] = ['second-secret-value', 'SYNTCH_AUTHORIZATION'];
    expect(maskSecrets('a first-secret-value b second-secret-value', secrets)).toBe('a first-secret-value b $SYNTCH_AUTHORIZATION');
    secrets[0] = ['second-secret-value', 'EBIZ_PASSWORD'];
    expect(maskSecrets('second-secret-value', secrets)).toBe('$EBIZ_PASSWORD');
    secrets.push(['third-secret-value', 'EBIZ_SECURITY_ID']);
    expect(maskSecrets('second-secret-value third-secret-value', secrets)).toBe('$EBIZ_PASSWORD $EBIZ_SECURITY_ID');
    const part = { part: 'code', shell: '"${SYNTCH_BASE_URL#*code=}"', url: 'https://h/?code=query-secret-value' };
    secrets.push(['query-secret-value', 'SYNTCH_BASE_URL', part]);
    const before = maskSecrets('query-secret-value', secrets);
    part.part = 'key';
    expect(maskSecrets('query-secret-value', secrets)).not.toBe(before);
    expect(maskSecrets('query-secret-value', secrets)).toContain('key');
  });
});

describe('findSecrets', () => {
  it('names the variable and the form of each occurrence, left to right', () => {
    const found = findSecrets(`${b64(PASSWORD)} and ${encodeURIComponent(AUTH)}`, SECRETS);
    expect(found.map((f) => [f.form.variable, f.form.base64 ?? f.form.derivation])).toEqual([
      ['EBIZ_PASSWORD', 'base64'],
      ['SYNTCH_AUTHORIZATION', 'value'],
    ]);
  });
});

describe('maskDeep', () => {
  it('masks every string of a nested value and keeps the rest', () => {
    const value = { a: [AUTH, 1, null, { b: `x ${b64(PASSWORD)}`, c: true }], d: PASSWORD };
    expect(maskDeep(value, SECRETS)).toEqual({ a: ['$SYNTCH_AUTHORIZATION', 1, null, { b: 'x [base64 of $EBIZ_PASSWORD]', c: true }], d: '$EBIZ_PASSWORD' });
  });
});

describe('escaped more than once', () => {
  const secrets: [string, string][] = [['SECRET sec<u>"r" & 0b5d8e3a', 'EBIZ_SECURITY_ID']];
  it.each([
    ['JSON-escaped twice', 'SECRET sec<u>\\\\\\"r\\\\\\" & 0b5d8e3a'],
    ['\\u-escaped inside a JSON string', 'SECRET sec\\\\u003cu\\\\u003e\\\\\\"r\\\\\\" \\\\u0026 0b5d8e3a'],
    ['JSON-escaped, then XML-escaped', 'SECRET sec&lt;u&gt;\\&quot;r\\&quot; &amp; 0b5d8e3a'],
    ['XML-escaped twice', 'SECRET sec&amp;lt;u&amp;gt;&amp;quot;r&amp;quot; &amp;amp; 0b5d8e3a'],
    ['XML-escaped three times', 'SECRET sec&amp;amp;lt;u&amp;amp;gt;&amp;amp;quot;r&amp;amp;quot; &amp;amp;amp; 0b5d8e3a'],
  ])('%s is masked', (_name, text) => {
    expect(maskSecrets(`before ${text} after`, secrets)).toBe('before $EBIZ_SECURITY_ID after');
  });
});

describe('a configured value shorter than 4 characters', () => {
  const secrets: [string, string][] = [['s', 'EBIZ_SECURITY_ID']];
  it('is masked where it stands alone', () => {
    expect(maskSecrets('SecurityId=s; id "s" <x>s</x>', secrets)).toBe('SecurityId=$EBIZ_SECURITY_ID; id "$EBIZ_SECURITY_ID" <x>$EBIZ_SECURITY_ID</x>');
  });
  it('is not masked inside words, so the output stays readable', () => {
    expect(maskSecrets('the settings is not usable', secrets)).toBe('the settings is not usable');
  });
});
