/**
 * SOAP 1.1 envelopes for MarkCustomerAsSynchronized, built with xmlbuilder2 from the contract's
 * types. Defaults reproduce the seed's examples: the request with the `soapenv`/`ebiz` prefixes
 * and an empty Header, the response with an unprefixed service namespace and xsi/xsd on Body,
 * and the fault with its code prefixed by the envelope's own `s`.
 */
import { create } from 'xmlbuilder2';
import {
  NS,
  OPERATION_NAME,
  TYPES,
  type FaultSpec,
} from './mark-customer-as-synchronized.ts';
import type { ValueObject } from '../lib/values.ts';
import { appendDataContractMembers } from '../lib/xml/datacontract.ts';
import { appendText } from '../lib/xml/text.ts';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface SecurityTokenValue {
  readonly SecurityId?: string | null;
  readonly UserId?: string | null;
  readonly Password?: string | null;
}

export interface MarkRequestValue {
  /** Absent: no securityToken element at all. */
  readonly securityToken?: SecurityTokenValue;
  /** Absent: no customerInternalId element at all. */
  readonly customerInternalId?: string;
}

export interface EnvelopeOptions {
  readonly declaration?: boolean;
  readonly pretty?: boolean;
  /**
   * A header block no service understands (`{NS.unknownHeader}Trace`) in the request's Header,
   * with `soapenv:mustUnderstand` set to this value, or without it when `absent` (SOAP 1.1 §4.2.3).
   */
  readonly unknownHeaderBlock?: '1' | '0' | 'absent';
}

/** The request envelope, shaped like the seed's Example Request. */
export function buildMarkRequest(value: MarkRequestValue, options: EnvelopeOptions = {}): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const env = doc.ele(NS.soapEnv, 'soapenv:Envelope').att(XMLNS_NS, 'xmlns:ebiz', NS.service);
  const header = env.ele(NS.soapEnv, 'soapenv:Header');
  if (options.unknownHeaderBlock !== undefined) {
    const block = header.ele(NS.unknownHeader, 'x:Trace').att(XMLNS_NS, 'xmlns:x', NS.unknownHeader);
    if (options.unknownHeaderBlock !== 'absent') block.att(NS.soapEnv, 'soapenv:mustUnderstand', options.unknownHeaderBlock);
    appendText(block, 'gateway-conformance');
  }
  const op = env.ele(NS.soapEnv, 'soapenv:Body').ele(NS.service, `ebiz:${OPERATION_NAME}`);
  if (value.securityToken) {
    const token = op.ele(NS.service, 'ebiz:securityToken');
    for (const name of ['SecurityId', 'UserId', 'Password'] as const) {
      const v = value.securityToken[name];
      if (v !== undefined && v !== null) appendText(token.ele(NS.service, `ebiz:${name}`), v);
    }
  }
  if (value.customerInternalId !== undefined) appendText(op.ele(NS.service, 'ebiz:customerInternalId'), value.customerInternalId);
  return doc.end({ headless: !options.declaration, prettyPrint: options.pretty ?? false });
}

/** A successful response envelope around a CustomerResponse (XmlSerializer: null strings left out). */
export function buildMarkResponse(result: ValueObject, options: EnvelopeOptions = {}): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const body = doc
    .ele(NS.soapEnv, 's:Envelope')
    .ele(NS.soapEnv, 's:Body')
    .att(XMLNS_NS, 'xmlns:xsi', NS.xsi)
    .att(XMLNS_NS, 'xmlns:xsd', NS.xsd);
  const resultEl = body.ele(NS.service, `${OPERATION_NAME}Response`).ele(NS.service, `${OPERATION_NAME}Result`);
  appendDataContractMembers(TYPES, resultEl, 'CustomerResponse', result, { nulls: 'omit' });
  return doc.end({ headless: !options.declaration, prettyPrint: options.pretty ?? false });
}

export interface FaultOptions extends EnvelopeOptions {
  /** Prefix for the fault code's namespace when it is not the envelope's (WCF uses `a`). */
  readonly codePrefix?: string;
}

/** A SOAP 1.1 fault envelope; the code's prefix is bound to its namespace, as WCF writes it. */
export function buildFault(fault: FaultSpec, options: FaultOptions = {}): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const faultEl = doc.ele(NS.soapEnv, 's:Envelope').ele(NS.soapEnv, 's:Body').ele(NS.soapEnv, 's:Fault');
  const codePrefix = fault.codeNamespace === NS.soapEnv ? 's' : (options.codePrefix ?? 'a');
  const codeEl = faultEl.ele('faultcode');
  if (fault.codeNamespace !== NS.soapEnv) codeEl.att(XMLNS_NS, `xmlns:${codePrefix}`, fault.codeNamespace);
  appendText(codeEl, `${codePrefix}:${fault.codeLocalName}`);
  appendText(faultEl.ele('faultstring').att(NS.xml, 'xml:lang', fault.lang), fault.faultString);
  return doc.end({ headless: !options.declaration, prettyPrint: options.pretty ?? false });
}
