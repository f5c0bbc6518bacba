/**
 * SOAP 1.1 envelopes for MarkCustomerAsSynchronized, written from the contract's types (as
 * xmlbuilder2 writes the same elements, byte for byte: lib/xml/write.ts). Defaults reproduce the
 * seed's examples: the request with the `soapenv`/`ebiz` prefixes and an empty Header, the
 * response with an unprefixed service namespace and xsi/xsd on Body, and the fault with its code
 * prefixed by the envelope's own `s`.
 */
import {
  NS,
  OPERATION_NAME,
  TYPES,
  type FaultSpec,
} from './mark-customer-as-synchronized.ts';
import type { ValueObject } from '../lib/values.ts';
import { dataContractMembers } from '../lib/xml/datacontract.ts';
import { type XmlNodeAttribute, type XmlNode, writeXmlDocument, xmlNode, xmlns } from '../lib/xml/write.ts';

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
  const header: XmlNode[] = [];
  if (options.unknownHeaderBlock !== undefined) {
    const attributes: XmlNodeAttribute[] = [xmlns(NS.unknownHeader, 'x')];
    if (options.unknownHeaderBlock !== 'absent') attributes.push({ ns: NS.soapEnv, name: 'soapenv:mustUnderstand', value: options.unknownHeaderBlock });
    header.push(xmlNode(NS.unknownHeader, 'x:Trace', attributes, 'gateway-conformance'));
  }
  const members: XmlNode[] = [];
  if (value.securityToken) {
    const token: XmlNode[] = [];
    for (const name of ['SecurityId', 'UserId', 'Password'] as const) {
      const v = value.securityToken[name];
      if (v !== undefined && v !== null) token.push(xmlNode(NS.service, `ebiz:${name}`, [], v));
    }
    members.push(xmlNode(NS.service, 'ebiz:securityToken', [], token));
  }
  if (value.customerInternalId !== undefined) members.push(xmlNode(NS.service, 'ebiz:customerInternalId', [], value.customerInternalId));
  const envelope = xmlNode(NS.soapEnv, 'soapenv:Envelope', [xmlns(NS.soapEnv, 'soapenv'), xmlns(NS.service, 'ebiz')], [
    xmlNode(NS.soapEnv, 'soapenv:Header', [], header),
    xmlNode(NS.soapEnv, 'soapenv:Body', [], [xmlNode(NS.service, `ebiz:${OPERATION_NAME}`, [], members)]),
  ]);
  return writeXmlDocument(envelope, options);
}

/** A successful response envelope around a CustomerResponse (XmlSerializer: null strings left out). */
export function buildMarkResponse(result: ValueObject, options: EnvelopeOptions = {}): string {
  const members = dataContractMembers(TYPES, 'CustomerResponse', result, { nulls: 'omit' });
  const envelope = xmlNode(NS.soapEnv, 's:Envelope', [xmlns(NS.soapEnv, 's')], [
    xmlNode(NS.soapEnv, 's:Body', [xmlns(NS.xsi, 'xsi'), xmlns(NS.xsd, 'xsd')], [
      xmlNode(NS.service, `${OPERATION_NAME}Response`, [xmlns(NS.service, '')], [xmlNode(NS.service, `${OPERATION_NAME}Result`, [], members)]),
    ]),
  ]);
  return writeXmlDocument(envelope, options);
}

export interface FaultOptions extends EnvelopeOptions {
  /** Prefix for the fault code's namespace when it is not the envelope's (WCF uses `a`). */
  readonly codePrefix?: string;
}

/** A SOAP 1.1 fault envelope; the code's prefix is bound to its namespace, as WCF writes it. */
export function buildFault(fault: FaultSpec, options: FaultOptions = {}): string {
  const codePrefix = fault.codeNamespace === NS.soapEnv ? 's' : (options.codePrefix ?? 'a');
  const code = xmlNode('', 'faultcode', fault.codeNamespace !== NS.soapEnv ? [xmlns(fault.codeNamespace, codePrefix)] : [], `${codePrefix}:${fault.codeLocalName}`);
  const faultString = xmlNode('', 'faultstring', [{ ns: NS.xml, name: 'xml:lang', value: fault.lang }], fault.faultString);
  const envelope = xmlNode(NS.soapEnv, 's:Envelope', [xmlns(NS.soapEnv, 's')], [
    xmlNode(NS.soapEnv, 's:Body', [], [xmlNode(NS.soapEnv, 's:Fault', [], [code, faultString])]),
  ]);
  return writeXmlDocument(envelope, options);
}
