/**
 * How often each PutCustomer-side member occurs in a body, shared by the XSD and the JSON Schema /
 * OpenAPI exports so they cannot disagree.
 */
import { CUSTOMER_DETAIL_SOURCES, NS, typeSpec } from '../contract/put-customer.ts';
import type { MemberSpec, TypeSpec } from '../contract/types.ts';
import type { MemberOccurs } from './schema-members.ts';

/**
 * Requests: a required member must be there and not nil. Responses: CustomerDetail echoes optional
 * request members, so only members that are required *and* always have a value (not an echo of
 * an optional request member) must be there (docs/INTERPRETING.md §nil). ServiceStack types are
 * all optional.
 */
export function putCustomerOccurs(type: TypeSpec, member: MemberSpec): MemberOccurs {
  if (type.namespace === NS.serviceStackTypes) return { minOccurs: member.required ? 1 : 0, nillable: !member.required };
  if (type.name === 'CustomerDetail') {
    const source = CUSTOMER_DETAIL_SOURCES[member.name];
    const echoesOptional = source?.kind === 'echo' && !typeSpec('PutCustomer').members.find((m) => m.name === source.requestMember)?.required;
    const always = member.required && !echoesOptional;
    return { minOccurs: always ? 1 : 0, nillable: !always };
  }
  const inBody = member.required && member.boundFrom !== 'path';
  return { minOccurs: inBody ? 1 : 0, nillable: !inBody };
}
