/**
 * The eBizService WSDL for MarkCustomerAsSynchronized (SOAP 1.1, document/literal, WCF
 * basicHttpBinding naming), generated from the contract; `npm run contract:export` writes it to
 * contract/ebiz/eBizService.wsdl and a test fails when that file differs from this output.
 * Occurrence follows XmlSerializer (docs/PLATFORM-NOTES.md §xmlserializer): strings and complex members minOccurs 0,
 * ints always present.
 */
import { create } from 'xmlbuilder2';
import {
  BINDING_NAME,
  FAULT_INVALID_CUSTOMER_INTERNAL_ID,
  NS,
  OPERATION_NAME,
  PORT_TYPE,
  PUBLISHED_ADDRESS,
  SERVICE_NAME,
  SOAP_ACTION,
  soapTypeSpec,
} from '../contract/mark-customer-as-synchronized.ts';
import { clause } from '../contract/index.ts';
import type { ClauseId, MemberSpec } from '../contract/types.ts';
import { type MemberOccurs, XS, scalarTypeRef, writeComplexType, writeSequence } from './schema-members.ts';
import { XMLNS_NS } from '../lib/xml/write.ts';

const WSAW = 'http://www.w3.org/2006/05/addressing/wsdl';

const occurs = (_t: unknown, m: MemberSpec): MemberOccurs =>
  m.kind === 'scalar' && m.type === 'int' ? { minOccurs: 1, nillable: false } : { minOccurs: 0, nillable: false };

/**
 * The documented fault, as `wsdl:documentation` of the operation: it is a SOAP 1.1 Fault with a
 * faultcode of its own and no detail element, which WCF does not declare as a `wsdl:fault`.
 */
const FAULT_CLAUSES: readonly ClauseId[] = [
  'mark-customer-as-synchronized/fault/invalid-customer-internal-id',
  'mark-customer-as-synchronized/fault/fault-string',
  'mark-customer-as-synchronized/fault/fault-string-lang',
  'mark-customer-as-synchronized/fault/http-500',
  'mark-customer-as-synchronized/fault/invalid-security-id',
];

export function faultDocumentation(): string {
  const f = FAULT_INVALID_CUSTOMER_INTERNAL_ID;
  return (
    `Faults: an unknown, empty or malformed customerInternalId is answered HTTP 500 with a SOAP 1.1 Fault whose faultcode is ${f.codeLocalName} ` +
    `in the SOAP envelope namespace (${f.codeNamespace}, written s:${f.codeLocalName}) and whose faultstring is "${f.faultString}" with xml:lang="${f.lang}", never Success. ` +
    'A missing or unknown SecurityId gets a fault too (its code is not documented). The fault carries no detail element, so it is not declared as a wsdl:fault. ' +
    `Clauses: ${FAULT_CLAUSES.map((id) => `${id} (${clause(id).level})`).join(', ')}.`
  );
}

const typeRef = (m: MemberSpec): string => scalarTypeRef(m) ?? (m.kind === 'complex' ? `tns:${m.typeName}` : 'xs:string');

export function generateWsdl(address: string = PUBLISHED_ADDRESS): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const defs = doc
    .ele(NS.wsdl, 'wsdl:definitions')
    .att('name', SERVICE_NAME)
    .att('targetNamespace', NS.service)
    .att(XMLNS_NS, 'xmlns:tns', NS.service)
    .att(XMLNS_NS, 'xmlns:soap', NS.wsdlSoap)
    .att(XMLNS_NS, 'xmlns:xs', XS)
    .att(XMLNS_NS, 'xmlns:wsaw', WSAW);
  defs.ele(NS.wsdl, 'wsdl:documentation').txt('Generated from the contract data by `npm run contract:export`. Do not edit.');
  const schema = defs.ele(NS.wsdl, 'wsdl:types').ele(XS, 'xs:schema').att('elementFormDefault', 'qualified').att('targetNamespace', NS.service);
  const options = { occurs, typeRef };
  for (const wrapper of [OPERATION_NAME, `${OPERATION_NAME}Response`]) {
    writeSequence(schema.ele(XS, 'xs:element').att('name', wrapper).ele(XS, 'xs:complexType'), soapTypeSpec(wrapper), options);
  }
  for (const name of ['SecurityToken', 'CustomerResponse']) writeComplexType(schema, soapTypeSpec(name), options);

  const input = `${PORT_TYPE}_${OPERATION_NAME}_InputMessage`;
  const output = `${PORT_TYPE}_${OPERATION_NAME}_OutputMessage`;
  defs.ele(NS.wsdl, 'wsdl:message').att('name', input).ele(NS.wsdl, 'wsdl:part').att('name', 'parameters').att('element', `tns:${OPERATION_NAME}`);
  defs.ele(NS.wsdl, 'wsdl:message').att('name', output).ele(NS.wsdl, 'wsdl:part').att('name', 'parameters').att('element', `tns:${OPERATION_NAME}Response`);

  const portOp = defs.ele(NS.wsdl, 'wsdl:portType').att('name', PORT_TYPE).ele(NS.wsdl, 'wsdl:operation').att('name', OPERATION_NAME);
  portOp.ele(NS.wsdl, 'wsdl:documentation').txt(faultDocumentation());
  portOp.ele(NS.wsdl, 'wsdl:input').att(WSAW, 'wsaw:Action', SOAP_ACTION).att('message', `tns:${input}`);
  portOp.ele(NS.wsdl, 'wsdl:output').att(WSAW, 'wsaw:Action', `${NS.service}/${PORT_TYPE}/${OPERATION_NAME}Response`).att('message', `tns:${output}`);

  const binding = defs.ele(NS.wsdl, 'wsdl:binding').att('name', BINDING_NAME).att('type', `tns:${PORT_TYPE}`);
  binding.ele(NS.wsdlSoap, 'soap:binding').att('transport', 'http://schemas.xmlsoap.org/soap/http');
  const bindOp = binding.ele(NS.wsdl, 'wsdl:operation').att('name', OPERATION_NAME);
  bindOp.ele(NS.wsdl, 'wsdl:documentation').txt(faultDocumentation());
  bindOp.ele(NS.wsdlSoap, 'soap:operation').att('soapAction', SOAP_ACTION).att('style', 'document');
  bindOp.ele(NS.wsdl, 'wsdl:input').ele(NS.wsdlSoap, 'soap:body').att('use', 'literal');
  bindOp.ele(NS.wsdl, 'wsdl:output').ele(NS.wsdlSoap, 'soap:body').att('use', 'literal');

  defs.ele(NS.wsdl, 'wsdl:service').att('name', SERVICE_NAME)
    .ele(NS.wsdl, 'wsdl:port').att('name', BINDING_NAME).att('binding', `tns:${BINDING_NAME}`)
    .ele(NS.wsdlSoap, 'soap:address').att('location', address);
  return `${doc.end({ prettyPrint: true })}\n`;
}
