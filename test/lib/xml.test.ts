/** The XML layer: strict, namespace-aware reading and exact DataContract writing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TYPES } from '../../contract/put-customer.ts';
import { XSI_NS, readDataContractXml, writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { XmlReadError, decodeEntities, parseAnswerXml, parseXml } from '../../lib/xml/parse.ts';
import { customer } from '../helpers/customers.ts';
import { SEED_CUSTOMER_DETAIL_XML, SEED_PUT_CUSTOMER_REQUEST_XML } from '../helpers/seed.ts';

describe('parseXml', () => {
  it('resolves names by namespace, whatever the prefix', () => {
    const a = parseXml('<a:Root xmlns:a="urn:x"><a:Child>1</a:Child></a:Root>');
    const b = parseXml('<Root xmlns="urn:x"><Child>1</Child></Root>');
    expect([a.ns, a.local, a.children[0]!.ns, a.children[0]!.local]).toEqual([b.ns, b.local, b.children[0]!.ns, b.children[0]!.local]);
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'dtd'],
    ['a lower-case doctype', '<!doctype a><a/>', 'dtd'],
    ['an undeclared entity', '<a>&x;</a>', 'malformed'],
    ['a bare ampersand', '<a>a & b</a>', 'malformed'],
    ['two roots', '<a/><b/>', 'malformed'],
    ['text after the root', '<a/>junk', 'malformed'],
    ['an unbound prefix', '<p:a/>', 'malformed'],
    ['mismatched tags', '<a><b></a>', 'malformed'],
    ['nothing', '', 'malformed'],
    ['a character reference to a non-character', '<a>&#0;</a>', 'malformed'],
  ])('refuses %s', (_name, xml, kind) => {
    expect(() => parseXml(xml)).toThrowError(XmlReadError);
    try {
      parseXml(xml);
    } catch (e) {
      expect((e as XmlReadError).kind).toBe(kind);
    }
  });

  it('accepts comments, processing instructions and white space after the root, and a spaced closing tag', () => {
    expect(parseXml('<a></a >\n<!-- done --><?pi x?>\n').local).toBe('a');
    expect(parseXml('<p:a xmlns:p="urn:p"/> ').local).toBe('a');
  });

  it('decodes the predefined entities, character references and CDATA, and keeps whitespace', () => {
    const el = parseXml('<a> &amp;&lt;&gt;&quot;&apos; &#233;&#x1F600; <![CDATA[&amp;<]]> </a>');
    expect(el.text).toBe(` &<>"' é😀 &amp;< `);
    expect(decodeEntities('&#65;&#x42;')).toBe('AB');
  });

  it('parseAnswerXml: an answer read again (by the next check of it) gives the same tree as parseXml, or the same error, every time', () => {
    const xml = '<a:Root xmlns:a="urn:x"><a:Child k="v">1</a:Child></a:Root>';
    const first = parseAnswerXml(xml);
    expect(first).toEqual(parseXml(xml));
    expect(parseAnswerXml(xml)).toEqual(first);
    // Read once: the same immutable tree. parseXml, which the reference gateway reads requests
    // with, reads every time (a gateway under load gets no help from the suite's reading).
    expect(parseAnswerXml(xml)).toBe(first);
    expect(parseXml(xml)).not.toBe(parseXml(xml));
    // Evicted after more documents than the few it keeps: read again, still equal.
    for (let i = 0; i < 40; i++) parseAnswerXml(`<r${i}/>`);
    expect(parseAnswerXml(xml)).toEqual(first);
    for (const bad of ['<a><b></a>', '<!DOCTYPE a><a/>', '<a/>text after']) {
      const errors = [0, 1, 2].map(() => {
        try {
          parseAnswerXml(bad);
          return undefined;
        } catch (e) {
          return e;
        }
      });
      for (const e of errors) expect(e).toBeInstanceOf(XmlReadError);
      expect(new Set(errors.map((e) => `${(e as XmlReadError).kind}: ${(e as XmlReadError).message}`)).size, bad).toBe(1);
    }
    expect(() => parseAnswerXml('<a><b></a>')).toThrow(XmlReadError);
    // A large answer (over 64 Ki characters) is read afresh each time, and read the same.
    const large = `<a>${'x'.repeat(70_000)}</a>`;
    const once = parseAnswerXml(large);
    expect(parseAnswerXml(large)).not.toBe(once);
    expect(parseAnswerXml(large)).toEqual(once);
  });
});

describe('DataContract XML round trip', () => {
  it.each([
    'AT&amp;T',
    'a &#65; b',
    '&lt;not a tag&gt;',
    'x & y; z',
    '<b>]]></b>',
    `quotes " and ' apostrophes`,
    '  spaced  ',
    '中文 😀 é',
  ])('%j is written and read back exactly', (text) => {
    const xml = writeDataContractXml(TYPES, 'PutCustomer', customer({ CustomerName: text }));
    expect(readDataContractXml(TYPES, parseXml(xml), 'PutCustomer').CustomerName).toBe(text);
  });

  it('any well-formed XML string survives the round trip', () => {
    const xmlChar = fc.string({ unit: 'binary' }).filter((s) => s.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r]/.test(s));
    fc.assert(
      fc.property(xmlChar, (text) => {
        const xml = writeDataContractXml(TYPES, 'PutCustomer', customer({ CustomerName: text }));
        return readDataContractXml(TYPES, parseXml(xml), 'PutCustomer').CustomerName === text;
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it.each([
    ['PutCustomer', SEED_PUT_CUSTOMER_REQUEST_XML],
    ['CustomerDetail', SEED_CUSTOMER_DETAIL_XML],
  ] as const)('the seed sample %s read and written again is the seed, byte for byte, but for the order of the root\'s two namespace declarations', (type, seed) => {
    const ns = TYPES.types[type]!.namespace;
    const compact = seed
      .replace(/>\s+</g, '><')
      .trim()
      .replace(`<${type} xmlns:i="${XSI_NS}" xmlns="${ns}">`, `<${type} xmlns="${ns}" xmlns:i="${XSI_NS}">`);
    expect(writeDataContractXml(TYPES, type, readDataContractXml(TYPES, parseXml(seed), type))).toBe(compact);
  });

  it('text escapes &, < and > only; an empty string is <X/>; null is i:nil; a nested namespace is declared once, on the member', () => {
    const value = { CustomerName: `a&amp;b<c>"d'e`, CustomerId: '', BillingAddress: null, ShippingAddress: { City: 'C' } };
    expect(writeDataContractXml(TYPES, 'PutCustomer', value)).toBe(
      `<PutCustomer xmlns="${TYPES.types.PutCustomer!.namespace}" xmlns:i="${XSI_NS}"><BillingAddress i:nil="true"/><CustomerId/><CustomerName>a&amp;amp;b&lt;c&gt;"d'e</CustomerName><ShippingAddress xmlns:d2p1="${TYPES.types.Address!.namespace}"><d2p1:City>C</d2p1:City></ShippingAddress></PutCustomer>`,
    );
    expect(writeDataContractXml(TYPES, 'PutCustomer', { ShippingAddress: { City: 'C' }, CustomerName: null }, { pretty: true, declaration: true, nulls: 'omit' })).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n<PutCustomer xmlns="${TYPES.types.PutCustomer!.namespace}" xmlns:i="${XSI_NS}">\n  <ShippingAddress xmlns:d2p1="${TYPES.types.Address!.namespace}">\n    <d2p1:City>C</d2p1:City>\n  </ShippingAddress>\n</PutCustomer>`,
    );
  });

  it('reads out-of-order and unknown members the way DataContractSerializer does: skipped', () => {
    const xml = '<PutCustomer xmlns="http://schemas.datacontract.org/2004/07/Gateway.RestApi.Customers.BindingModels"><CustomerName>N</CustomerName><ActivationStatus>Active</ActivationStatus><Unknown>u</Unknown></PutCustomer>';
    expect(readDataContractXml(TYPES, parseXml(xml), 'PutCustomer')).toEqual({ CustomerName: 'N' });
  });
});

describe('parseXml on large inputs', () => {
  it('a 1 MiB run of white space inside the document is read in linear time', () => {
    // Quadratic scanning would take minutes here; linear takes milliseconds. No timing assertion:
    // the test's own timeout is the bound.
    const xml = `<a>${' '.repeat(1024 * 1024)}<b>x</b></a>`;
    expect(parseXml(xml).children[0]!.text).toBe('x');
  });
});
