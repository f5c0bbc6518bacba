/**
 * The SOAP envelopes are written as strings (lib/xml/write.ts), byte for byte as xmlbuilder2 wrote
 * them before (compared over 60,000 generated envelopes when the writer changed, every option and
 * text with controls, lone surrogates and entity-shaped `&`). These pin the bytes of each shape;
 * the pretty ones are also pinned by the exported examples (test/export/export.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { FAULT_INVALID_CUSTOMER_INTERNAL_ID, NS } from '../../contract/mark-customer-as-synchronized.ts';
import { buildFault, buildMarkRequest, buildMarkResponse } from '../../contract/soap-envelope.ts';

const ENVELOPE = `<soapenv:Envelope xmlns:soapenv="${NS.soapEnv}" xmlns:ebiz="${NS.service}">`;

describe('SOAP envelopes, byte for byte', () => {
  it('a request: text escapes &, < and > (an entity-shaped & too), not quotes; an empty value is <x></x>; the unknown header block declares its prefix', () => {
    expect(buildMarkRequest({ securityToken: { SecurityId: 'AT&amp;T <1>', UserId: '"u"', Password: '' }, customerInternalId: '' }, { unknownHeaderBlock: '1' })).toBe(
      `${ENVELOPE}<soapenv:Header><x:Trace xmlns:x="${NS.unknownHeader}" soapenv:mustUnderstand="1">gateway-conformance</x:Trace></soapenv:Header>` +
        '<soapenv:Body><ebiz:MarkCustomerAsSynchronized><ebiz:securityToken><ebiz:SecurityId>AT&amp;amp;T &lt;1&gt;</ebiz:SecurityId><ebiz:UserId>"u"</ebiz:UserId><ebiz:Password></ebiz:Password></ebiz:securityToken>' +
        '<ebiz:customerInternalId></ebiz:customerInternalId></ebiz:MarkCustomerAsSynchronized></soapenv:Body></soapenv:Envelope>',
    );
  });

  it('a request, pretty with a declaration: two spaces a level, an empty Header and an empty value are <x/>', () => {
    expect(buildMarkRequest({ securityToken: { Password: '' }, customerInternalId: '' }, { pretty: true, declaration: true })).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n${ENVELOPE}\n  <soapenv:Header/>\n  <soapenv:Body>\n    <ebiz:MarkCustomerAsSynchronized>\n      <ebiz:securityToken>\n        <ebiz:Password/>\n      </ebiz:securityToken>\n      <ebiz:customerInternalId/>\n    </ebiz:MarkCustomerAsSynchronized>\n  </soapenv:Body>\n</soapenv:Envelope>`,
    );
  });

  it('a request without the header block: mustUnderstand absent when asked, and no block at all by default', () => {
    expect(buildMarkRequest({ customerInternalId: 'c' }, { unknownHeaderBlock: 'absent' })).toContain(`<soapenv:Header><x:Trace xmlns:x="${NS.unknownHeader}">gateway-conformance</x:Trace></soapenv:Header>`);
    expect(buildMarkRequest({ customerInternalId: 'c' })).toBe(`${ENVELOPE}<soapenv:Header/><soapenv:Body><ebiz:MarkCustomerAsSynchronized><ebiz:customerInternalId>c</ebiz:customerInternalId></ebiz:MarkCustomerAsSynchronized></soapenv:Body></soapenv:Envelope>`);
  });

  it('a response: xsi and xsd on Body, the service namespace unprefixed, null members left out, an empty string <Error/>', () => {
    expect(buildMarkResponse({ CustomerId: 'C&1', Status: 'Success', StatusCode: 1, Error: '', ErrorCode: 0, CustomerInternalId: null })).toBe(
      `<s:Envelope xmlns:s="${NS.soapEnv}"><s:Body xmlns:xsi="${NS.xsi}" xmlns:xsd="${NS.xsd}"><MarkCustomerAsSynchronizedResponse xmlns="${NS.service}"><MarkCustomerAsSynchronizedResult>` +
        '<CustomerId>C&amp;1</CustomerId><Status>Success</Status><StatusCode>1</StatusCode><Error/><ErrorCode>0</ErrorCode></MarkCustomerAsSynchronizedResult></MarkCustomerAsSynchronizedResponse></s:Body></s:Envelope>',
    );
  });

  it('a fault: the code in the envelope namespace uses s:, any other is bound on faultcode (WCF\'s a:); faultstring has xml:lang', () => {
    const body = (inner: string) => `<s:Envelope xmlns:s="${NS.soapEnv}"><s:Body><s:Fault>${inner}</s:Fault></s:Body></s:Envelope>`;
    expect(buildFault({ ...FAULT_INVALID_CUSTOMER_INTERNAL_ID, codeNamespace: NS.service }, { codePrefix: 'a' })).toBe(
      body(`<faultcode xmlns:a="${NS.service}">a:${FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName}</faultcode><faultstring xml:lang="en-US">${FAULT_INVALID_CUSTOMER_INTERNAL_ID.faultString}</faultstring>`),
    );
    expect(buildFault(FAULT_INVALID_CUSTOMER_INTERNAL_ID)).toBe(
      body(`<faultcode>s:${FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName}</faultcode><faultstring xml:lang="en-US">${FAULT_INVALID_CUSTOMER_INTERNAL_ID.faultString}</faultstring>`),
    );
  });
});
