/**
 * XSDs for the PutCustomer / CustomerDetail / ErrorResponse XML, generated from the contract
 * (never edited by hand; `npm run contract:export` writes them to contract/xsd/ and a test
 * fails when the files there differ from this output).
 *
 * What XSD can say is said: member order (xs:sequence), namespaces, required members
 * (minOccurs 1, not nillable), maximum lengths, the ActivationStatus enumeration, int and
 * dateTime types. The allowable code lists of StateOrProvinceCode / CountryCode are validation
 * rules on strings (the DTO members are strings), so they are documented, not enforced, here;
 * the either-address rule cannot be written in XSD 1.0.
 */
import { create } from 'xmlbuilder2';
import { NS, TYPES, typeSpec } from '../contract/put-customer.ts';
import type { MemberSpec } from '../contract/types.ts';
import { putCustomerOccurs } from './occurs.ts';
import { XS, scalarTypeRef, writeComplexType } from './schema-members.ts';
import { XMLNS_NS } from '../lib/xml/write.ts';

export const XSD_FILES = {
  commonDto: 'Gateway.RestApi.Common.DTO.xsd',
  bindingModels: 'Gateway.RestApi.Customers.BindingModels.xsd',
  serviceStack: 'ServiceStack.Types.xsd',
} as const;

const PREFIX_OF: Readonly<Record<string, string>> = {
  [NS.commonDto]: 'dto',
  [NS.bindingModels]: 'bm',
  [NS.serviceStackTypes]: 'ss',
};

function typeRef(member: MemberSpec): string {
  const scalar = scalarTypeRef(member);
  if (scalar) return scalar;
  if (member.kind === 'enum') return `${PREFIX_OF[TYPES.enums[member.enumName]!.namespace]}:${member.enumName}`;
  if (member.kind === 'complex') return `${PREFIX_OF[typeSpec(member.typeName).namespace]}:${member.typeName}`;
  if (member.kind === 'list') return `ss:ArrayOf${member.itemTypeName}`;
  throw new Error(`no XSD type for ${member.name}`);
}

function schemaDoc(targetNamespace: string, imports: readonly [string, string][]) {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const schema = doc
    .ele(XS, 'xs:schema')
    .att('targetNamespace', targetNamespace)
    .att('elementFormDefault', 'qualified')
    .att(XMLNS_NS, `xmlns:${PREFIX_OF[targetNamespace]}`, targetNamespace);
  for (const [ns] of imports) schema.att(XMLNS_NS, `xmlns:${PREFIX_OF[ns]}`, ns);
  schema.ele(XS, 'xs:annotation').ele(XS, 'xs:documentation').txt('Generated from the contract data by `npm run contract:export`. Do not edit.');
  for (const [ns, file] of imports) schema.ele(XS, 'xs:import').att('namespace', ns).att('schemaLocation', file);
  return { doc, schema };
}

const options = { occurs: putCustomerOccurs, typeRef };

export function generateXsds(): Record<string, string> {
  const dto = schemaDoc(NS.commonDto, []);
  for (const name of ['Address', 'Contact']) writeComplexType(dto.schema, typeSpec(name), options);

  const bm = schemaDoc(NS.bindingModels, [[NS.commonDto, XSD_FILES.commonDto]]);
  const status = TYPES.enums.ActivationStatus!;
  const restriction = bm.schema.ele(XS, 'xs:simpleType').att('name', status.name).ele(XS, 'xs:restriction').att('base', 'xs:string');
  for (const v of status.values) restriction.ele(XS, 'xs:enumeration').att('value', v);
  for (const name of ['PutCustomer', 'CustomerDetail']) {
    writeComplexType(bm.schema, typeSpec(name), options);
    bm.schema.ele(XS, 'xs:element').att('name', name).att('type', `bm:${name}`);
  }

  const ss = schemaDoc(NS.serviceStackTypes, []);
  for (const name of ['ResponseError', 'ResponseStatus', 'ErrorResponse']) writeComplexType(ss.schema, typeSpec(name), options);
  ss.schema.ele(XS, 'xs:complexType').att('name', 'ArrayOfResponseError').ele(XS, 'xs:sequence')
    .ele(XS, 'xs:element').att('minOccurs', '0').att('maxOccurs', 'unbounded').att('name', 'ResponseError').att('nillable', 'true').att('type', 'ss:ResponseError');
  ss.schema.ele(XS, 'xs:element').att('name', 'ErrorResponse').att('type', 'ss:ErrorResponse');

  const end = (d: typeof dto.doc): string => `${d.end({ prettyPrint: true })}\n`;
  return { [XSD_FILES.commonDto]: end(dto.doc), [XSD_FILES.bindingModels]: end(bm.doc), [XSD_FILES.serviceStack]: end(ss.doc) };
}
