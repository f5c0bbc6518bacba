/**
 * lib/untrusted-text.ts, JSON-Schema-Test-Suite style: each group names the rule, each case the
 * input and what the output must be, the shown and the kept side by side.
 */
import { describe, expect, it } from 'vitest';
import { guardJson, guardLine, guardLines, guardMarkup, hasControls, showControls, untrustedInline } from '../../lib/untrusted-text.ts';

interface Case {
  readonly description: string;
  readonly data: string;
  readonly expected: string;
}
interface Group {
  readonly description: string;
  readonly apply: (s: string) => string;
  readonly cases: readonly Case[];
}

const GROUPS: readonly Group[] = [
  {
    description: 'showControls, one line: every control shown as an escape, the rest kept',
    apply: (s) => showControls(s),
    cases: [
      { description: 'plain text is kept', data: "MerchantKey = 'abc' é ✓ \\x1b", expected: "MerchantKey = 'abc' é ✓ \\x1b" },
      { description: 'ESC of a CSI sequence is shown', data: '\x1b[2J', expected: '\\x1b[2J' },
      { description: 'OSC title with BEL is shown', data: '\x1b]0;title\x07', expected: '\\x1b]0;title\\x07' },
      { description: 'OSC 52 clipboard is shown', data: '\x1b]52;c;aGk=\x07', expected: '\\x1b]52;c;aGk=\\x07' },
      { description: 'NUL is shown', data: 'a\0b', expected: 'a\\x00b' },
      { description: 'line feed, carriage return and tab are shown', data: 'a\nb\rc\td', expected: 'a\\nb\\rc\\td' },
      { description: 'DEL is shown', data: '\x7f', expected: '\\x7f' },
      { description: 'C1 NEL and CSI are shown', data: '\u0085\u009b2J\u0080', expected: '\\u0085\\u009b2J\\u0080' },
      { description: 'line and paragraph separators are shown', data: '\u2028\u2029', expected: '\\u2028\\u2029' },
      { description: 'bidi overrides and isolates are shown', data: '\u202a\u202e\u2066\u2069', expected: '\\u202a\\u202e\\u2066\\u2069' },
      { description: 'noncharacters U+FFFE and U+FFFF are shown', data: '\ufffe\uffff', expected: '\\ufffe\\uffff' },
      { description: 'a lone surrogate is shown, a pair is kept', data: '\ud800x\udc00 😀', expected: '\\ud800x\\udc00 😀' },
      { description: 'U+00A0 and U+200B are kept (printable, not controls)', data: '\u00a0\u200b', expected: '\u00a0\u200b' },
    ],
  },
  {
    description: 'showControls, multi-line: line breaks and tabs kept, every other control shown',
    apply: (s) => showControls(s, { multiline: true }),
    cases: [
      { description: 'LF, CRLF and tab are kept', data: 'a\nb\r\nc\td', expected: 'a\nb\r\nc\td' },
      { description: 'a lone CR is shown (it would overwrite the line)', data: 'a\rb', expected: 'a\\rb' },
      { description: 'ESC, NUL, C1 and separators are shown', data: '\x1b[2J\0\u0085\u2028', expected: '\\x1b[2J\\x00\\u0085\\u2028' },
      { description: 'vertical tab and form feed are shown', data: '\v\f', expected: '\\x0b\\x0c' },
    ],
  },
  {
    description: 'guardLine: no line from outside begins with the verdict or a CI command',
    apply: guardLine,
    cases: [
      { description: 'an ordinary line is kept', data: '  received:    MerchantKey = 12', expected: '  received:    MerchantKey = 12' },
      { description: 'a forged verdict line is marked', data: 'verdict: CONFORMANT — 99 passed', expected: '> verdict: CONFORMANT — 99 passed' },
      { description: 'a forged verdict line after white space is marked', data: '   Verdict: CONFORMANT', expected: '>    Verdict: CONFORMANT' },
      { description: 'a GitHub workflow command is marked', data: '::error title=x::y', expected: '> ::error title=x::y' },
      { description: 'a workflow command after a tab no longer starts the line (the tab is shown)', data: '\t::add-mask::x', expected: '\\t::add-mask::x' },
      { description: 'an Azure/GitHub log command is marked', data: '##[error]boom', expected: '> ##[error]boom' },
      { description: 'an Azure logging command is broken anywhere in the line', data: 'x ##vso[task.setvariable variable=a]b ##VSO[x]', expected: 'x ##vso\\x5btask.setvariable variable=a]b ##VSO\\x5bx]' },
      { description: 'verdict: in the middle of a line is kept', data: 'the verdict: fine', expected: 'the verdict: fine' },
      { description: 'a single colon is kept', data: ':x', expected: ':x' },
      { description: 'controls are shown', data: '\x1b]0;t\x07', expected: '\\x1b]0;t\\x07' },
    ],
  },
  {
    description: 'untrustedInline: a quote inside a sentence never breaks the line',
    apply: untrustedInline,
    cases: [
      { description: 'a line break then a forged verdict stays on the line', data: "'\nverdict: CONFORMANT'", expected: "'\\nverdict: CONFORMANT'" },
      { description: 'a workflow command after a CRLF stays on the line', data: '\r\n::error title=x::y', expected: '\\r\\n::error title=x::y' },
      { description: '##vso[ is broken', data: '##vso[task.complete]', expected: '##vso\\x5btask.complete]' },
      { description: 'plain text is kept', data: 'MerchantKey = 7', expected: 'MerchantKey = 7' },
    ],
  },
  {
    description: 'guardMarkup: escaped XML/HTML text reads back exactly, and cannot be cat into a command',
    apply: guardMarkup,
    cases: [
      { description: 'plain text is kept', data: 'a &amp; b\nc', expected: 'a &amp; b\nc' },
      { description: 'a line starting with :: gets a reference', data: 'x\n::error::y', expected: 'x\n&#58;:error::y' },
      { description: 'a line starting with verdict: gets a reference', data: '  verdict: CONFORMANT', expected: '  &#118;erdict: CONFORMANT' },
      { description: 'a line starting with ##[ gets a reference', data: '##[group]', expected: '&#35;#[group]' },
      { description: '##vso[ anywhere gets a reference', data: 'a ##vso[x]', expected: 'a ##vso&#91;x]' },
    ],
  },
  {
    description: 'guardJson: serialised JSON with no raw C1, separator or bidi control, and no ##vso[',
    apply: guardJson,
    cases: [
      { description: 'plain JSON is kept', data: '{"a":"b\\u001b"}', expected: '{"a":"b\\u001b"}' },
      { description: 'C1, DEL, separators and bidi are escaped', data: '{"a":"\u0085\u009b\u007f\u2028\u202e"}', expected: '{"a":"\\u0085\\u009b\\u007f\\u2028\\u202e"}' },
      { description: '##vso[ is escaped', data: '{"a":"##vso[x]"}', expected: '{"a":"##vso\\u005bx]"}' },
    ],
  },
];

describe.each(GROUPS)('$description', ({ apply, cases }) => {
  it.each(cases)('$description', ({ data, expected }) => {
    expect(apply(data)).toBe(expected);
  });
});

describe('every code point 0x00–0x9F', () => {
  const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
  it('one line: nothing raw below 0x20 or in 0x7F–0x9F', () => {
    const shown = showControls(all);
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(hasControls(shown)).toBe(false);
    expect(hasControls(all)).toBe(true);
  });
  it('multi-line: only \\t and \\n raw', () => {
    expect(showControls(all, { multiline: true }).replace(/[\t\n]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
  it('guardJson keeps JSON exact', () => {
    const json = JSON.stringify({ all, vso: '##vso[x]', bidi: '\u202e\u2066' });
    const guarded = guardJson(json);
    expect(guarded).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2066]|##vso\[/);
    expect(JSON.parse(guarded)).toEqual(JSON.parse(json));
  });
  it('guardLines splits at line feeds and guards each line', () => {
    expect(guardLines('ok\nverdict: X\n::error::x')).toEqual(['ok', '> verdict: X', '> ::error::x']);
  });
});
