/**
 * A MarkCustomerAsSynchronized request that must get a fault, never Success: an unknown,
 * malformed, empty or oversized customerInternalId (the documented InvalidCustomerInternalId
 * fault, `fault/invalid-customer-internal-id`), or an invalid, empty or missing SecurityId
 * (a fault, `fault/invalid-security-id`).
 */
import fc from 'fast-check';
import type { SoapCase, SoapTarget } from './soap-case.ts';

const ID_CLAUSE = 'mark-customer-as-synchronized/fault/invalid-customer-internal-id';
const TOKEN_CLAUSE = 'mark-customer-as-synchronized/fault/invalid-security-id';

/** Long enough to be absurd for an id, far below the 1 MiB body limit. */
export const OVERSIZED_ID_LENGTH = 16 * 1024;

export function violatingSoapRequest(target: SoapTarget): fc.Arbitrary<SoapCase> {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const token = { SecurityId: target.securityId, UserId: '', Password: '' };
  const badId = (description: string, id: string): SoapCase => ({
    clause: ID_CLAUSE, description, expect: 'fault', documentedFault: true, soapAction: 'quoted',
    value: { securityToken: token, customerInternalId: id },
  });
  const badToken = (description: string, securityToken: SoapCase['value']['securityToken']): SoapCase => ({
    clause: TOKEN_CLAUSE, description, expect: 'fault', soapAction: 'quoted',
    value: { securityToken, customerInternalId: target.customerInternalId },
  });
  return fc.oneof(
    fc.uuid().filter((id) => !same(id, target.customerInternalId)).map((id) => badId(`an unknown customerInternalId ${id}`, id)),
    fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id.trim() !== '' && !same(id, target.customerInternalId)).map((id) => badId(`a malformed customerInternalId ${JSON.stringify(id)}`, id)),
    fc.constant(badId('an empty customerInternalId', '')),
    fc.constantFrom('x', '0').map((c) => badId(`a customerInternalId of ${OVERSIZED_ID_LENGTH} characters`, c.repeat(OVERSIZED_ID_LENGTH))),
    fc.uuid().filter((id) => !same(id, target.securityId)).map((id) => badToken('an unknown SecurityId', { SecurityId: id, UserId: '', Password: '' })),
    fc.constant(badToken('an empty SecurityId', { SecurityId: '', UserId: '', Password: '' })),
    fc.constant(badToken('no securityToken', undefined)),
  );
}
