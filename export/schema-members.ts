/** Writes a TypeSpec's members as an xs:sequence; shared by the XSD and WSDL exports. */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { MemberSpec, TypeSpec } from '../contract/types.ts';
import { appendText } from '../lib/xml/text.ts';

export const XS = 'http://www.w3.org/2001/XMLSchema';

export interface MemberOccurs {
  readonly minOccurs: 0 | 1;
  readonly nillable: boolean;
}

export interface SequenceOptions {
  /** How often each member may occur (DataContract and XmlSerializer differ). */
  readonly occurs: (type: TypeSpec, member: MemberSpec) => MemberOccurs;
  /** QName of a member's type, e.g. `tns:Address`, `xs:string`. */
  readonly typeRef: (member: MemberSpec) => string;
}

const SCALAR_XS: Readonly<Record<string, string>> = { string: 'xs:string', int: 'xs:int', dateTime: 'xs:dateTime' };

export function scalarTypeRef(member: MemberSpec): string | undefined {
  return member.kind === 'scalar' ? SCALAR_XS[member.type] : undefined;
}

export function writeComplexType(schema: XMLBuilder, type: TypeSpec, options: SequenceOptions): void {
  writeSequence(schema.ele(XS, 'xs:complexType').att('name', type.name), type, options);
}

export function writeSequence(complexType: XMLBuilder, type: TypeSpec, options: SequenceOptions): void {
  const seq = complexType.ele(XS, 'xs:sequence');
  for (const member of type.members) {
    const { minOccurs, nillable } = options.occurs(type, member);
    const el = seq.ele(XS, 'xs:element').att('minOccurs', String(minOccurs)).att('name', member.name);
    if (nillable) el.att('nillable', 'true');
    if (member.kind === 'scalar' && member.doc) {
      appendText(
        el.ele(XS, 'xs:annotation').ele(XS, 'xs:documentation'),
        member.allowedValues ? `${member.doc}. Allowable values: ${member.allowedValues.join(' ')}` : member.doc,
      );
    }
    if (member.kind === 'scalar' && member.maxLength !== undefined) {
      el.ele(XS, 'xs:simpleType').ele(XS, 'xs:restriction').att('base', 'xs:string').ele(XS, 'xs:maxLength').att('value', String(member.maxLength));
    } else if (member.kind === 'opaque') {
      el.ele(XS, 'xs:complexType').ele(XS, 'xs:sequence').ele(XS, 'xs:any').att('minOccurs', '0').att('maxOccurs', 'unbounded').att('namespace', '##any').att('processContents', 'lax');
    } else {
      el.att('type', options.typeRef(member));
    }
  }
}
