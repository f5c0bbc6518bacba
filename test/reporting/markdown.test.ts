/**
 * conformance.md through a CommonMark + GFM parser (micromark, as GitHub's own renderer follows
 * the same specification): the verdict heading, the per-area table, each failed clause with its
 * counterexample and curl line in code blocks, the expected failures — and a hostile gateway's
 * text (links, images, autolinks, HTML, a closing fence, a table row, a forged verdict, CI
 * commands, control characters) renders as text: no link, image, HTML node, heading or code block
 * but ours, and every code block holds what it was given.
 */
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { untrustedInline } from '../../lib/untrusted-text.ts';
import { applyExpectedFailures } from '../../reporting/expected-failures.ts';
import { codeBlock, mdCode, mdText, renderMarkdown } from '../../reporting/markdown.ts';
import { buildReport, maskReport } from '../../reporting/model.ts';
import { HOSTILE, outcome, putRequest, response, SECRETS } from './outcomes.ts';

const parse = (md: string): Root => fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function nodes(tree: Nodes): Nodes[] {
  return [tree, ...('children' in tree ? (tree.children as Nodes[]).flatMap(nodes) : [])];
}
const text = (n: Nodes): string => ('value' in n && typeof n.value === 'string' ? n.value : 'children' in n ? (n.children as Nodes[]).map(text).join('') : '');

/** Markdown a gateway would like to see rendered. */
const MARKDOWN_ATTACKS = [
  '[click](https://evil.example/x) ![img](https://evil.example/i.png) <img src=x onerror=alert(1)> <script>alert(1)</script>',
  'www.evil.example https://evil.example/ mailto:a@evil.example user@evil.example',
  '</details><details open><summary>x</summary> &lt;b&gt; &#x3C;i&#x3E;',
  '| forged | row |\n| --- | --- |',
  '```\n# injected heading\n```\n~~~\n## another\n',
  '[ref]: https://evil.example/ref\n[ref]',
  '**bold** _em_ ~~strike~~ [^note] - [ ] task',
].join('\n');
const HOSTILE_ALL = `${HOSTILE}\n${MARKDOWN_ATTACKS}`;

const MAX = 'put-customer/customer-name/max-length';
const ECHO = 'put-customer/response/echo';
const NO_LINKS = ['link', 'image', 'html', 'linkReference', 'imageReference', 'definition', 'footnoteReference', 'footnoteDefinition', 'delete'];

function hostileReport() {
  const failure = {
    kind: 'accepted-invalid' as const,
    title: 'Accepted an invalid request',
    documented: 'a 400 with the field',
    received: `MerchantKey = '${HOSTILE_ALL}'`,
    counterexample: `CustomerName = '${HOSTILE_ALL}'`,
    curl: `curl -sS -i -X PUT 'http://gw.test/api/customers/1' \\\n  -H "Authorization: Bearer SECRET-merchant-7e1f" \\\n  --data-binary '${HOSTILE_ALL}'`,
    request: putRequest(),
    response: response(200, HOSTILE_ALL),
  };
  const report = buildReport(outcome({ failed: { [MAX]: [failure], [ECHO]: [failure] }, errors: [] }));
  return maskReport(applyExpectedFailures(report, { file: 'b.yml', entries: { [ECHO]: { reason: `reason ${MARKDOWN_ATTACKS}` } } }, new Date('2026-12-03T00:00:00Z')), SECRETS);
}

describe('conformance.md', () => {
  const md = renderMarkdown(hostileReport());
  const tree = parse(md);
  const all = nodes(tree);

  it('renders the verdict, the per-area table and one section per failed and expected clause', () => {
    const headings = all.filter((n) => n.type === 'heading').map((n) => text(n));
    expect(headings).toEqual(['❌ NOT CONFORMANT', 'By API and area', 'Failed clauses (1)', `${MAX} [MUST] — ${hostileReport().clauses.find((c) => c.id === MAX)!.title}`, 'Expected-failures baseline', 'Expected failures (1)', `${ECHO} [MUST] — ${hostileReport().clauses.find((c) => c.id === ECHO)!.title}`]);
    const tables = all.filter((n) => n.type === 'table');
    expect(tables).toHaveLength(1); // the areas
    const areas = new Set(hostileReport().clauses.map((c) => `${c.operation} ${c.id.split('/')[1]}`));
    expect((tables[0] as { children: unknown[] }).children).toHaveLength(areas.size + 2); // header, areas, total
    expect(text(tree)).toContain('1 clause excused by 1 entry in b.yml');
  });

  it('a hostile gateway writes no link, image, HTML, heading or code block of its own, and cannot close a fence', () => {
    expect(all.filter((n) => NO_LINKS.includes(n.type)).map((n) => n.type)).toEqual([]);
    const code = all.filter((n) => n.type === 'code');
    // Per clause: the counterexample and the curl line, each whole in one block.
    expect(code.map((n) => (n as { lang?: string }).lang)).toEqual(['text', 'sh', 'text', 'sh']);
    for (const n of code) {
      expect(text(n)).toContain('# injected heading\n```\n~~~\n## another');
      expect(text(n)).toContain('[click](https://evil.example/x)');
    }
    // The running text reads the hostile characters literally, in code spans.
    const prose = all.filter((n) => n.type === 'inlineCode').map(text).join('\n');
    expect(prose).toContain('[click](https://evil.example/x) ![img](https://evil.example/i.png) <img src=x onerror=alert(1)>');
    expect(prose).toContain('www.evil.example https://evil.example/ mailto:a@evil.example user@evil.example');
  });

  it('shows secrets as variables, control characters as escapes, and no line that starts like a CI command or the verdict', () => {
    expect(md).not.toContain('SECRET-merchant-7e1f');
    expect(md).toContain('$SYNTCH_AUTHORIZATION');
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(md).toContain('\\x1b[2J');
    expect(md.split('\n').filter((l) => /^\s*(verdict:|::|##\[)/i.test(l))).toEqual([]);
    expect(md).not.toMatch(/##vso\[/i);
  });
});

const MARKDOWN_UNITS = fc.constantFrom(...'[]()<>!*_`~#|\\&;:/.@-+=hw x\n\t'.split(''), 'www.', 'http://', 'a@b.example', '&amp;', '<a href=x>');

describe('mdCode, mdText and codeBlock', () => {
  it('mdCode: any text reads back exactly (controls shown) as one code span', () => {
    fc.assert(
      fc.property(fc.string({ unit: MARKDOWN_UNITS, minLength: 1 }), (s) => {
        const inline = nodes(parse(`x ${mdCode(s)} y`));
        expect(inline.map((n) => n.type)).toEqual(['root', 'paragraph', 'text', 'inlineCode', 'text']);
        expect(text(inline[3]!)).toBe(untrustedInline(s));
      }),
      { seed: 19, numRuns: 400 },
    );
  });

  it('mdText: the words of the suite read back exactly, with no structure of their own', () => {
    for (const words of ['CONFORMANT (PARTIAL: 2 clauses not tested; self-test — not a certification)', 'Rule: “CustomerName <= 100 [chars]” *must* _hold_ | #1 & !x']) {
      const tree = parse(`x ${mdText(words)}`);
      expect(nodes(tree).map((n) => n.type)).toEqual(['root', 'paragraph', 'text']);
      expect(text(tree)).toBe(`x ${words}`);
    }
  });

  it('no text closes the fence of its code block', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', '~', '\n', 'a', ' ') }), (s) => {
        const code = nodes(parse(`${codeBlock(s)}\nafter`)).filter((n) => n.type === 'code');
        expect(code).toHaveLength(1);
        expect(text(code[0]!)).toBe(s.split('\n').map((l) => untrustedInline(l)).join('\n'));
      }),
      { seed: 19, numRuns: 400 },
    );
  });
});
