/**
 * A MarkCustomerAsSynchronized request that must get a fault, never Success: an unknown,
 * malformed, empty or oversized customerInternalId (the documented InvalidCustomerInternalId
 * fault, `fault/invalid-customer-internal-id`), or an invalid, empty or missing SecurityId
 * (a fault, `fault/invalid-security-id`). `soapViolationCatalogue()` gives one fixed example of
 * each kind, which the suite always runs; `violatingSoapRequest()` generates more.
 */
import type { ClauseId } from '../contract/index.ts';
import fc from 'fast-check';
import type { SoapCase, SoapTarget } from './soap-case.ts';

const ID_CLAUSE: ClauseId = 'mark-customer-as-synchronized/fault/invalid-customer-internal-id';
const TOKEN_CLAUSE: ClauseId = 'mark-customer-as-synchronized/fault/invalid-security-id';

/** Long enough to be absurd for an id, far below the 1 MiB body limit. */
export const OVERSIZED_ID_LENGTH = 16 * 1024;

interface Kind {
  readonly example: SoapCase;
  readonly arbitrary: fc.Arbitrary<SoapCase>;
}

function kinds(target: SoapTarget): Kind[] {
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
  const unknownId = (id: string) => badId(`an unknown customerInternalId ${id}`, id);
  const malformedId = (id: string) => badId(`a malformed customerInternalId ${JSON.stringify(id)}`, id);
  const oversizedId = (c: string) => badId(`a customerInternalId of ${OVERSIZED_ID_LENGTH} characters`, c.repeat(OVERSIZED_ID_LENGTH));
  const unknownToken = (id: string) => badToken('an unknown SecurityId', { SecurityId: id, UserId: '', Password: '' });
  const fixedUuid = (seedHex: string) => `${seedHex.repeat(8)}-${seedHex.repeat(4)}-4${seedHex.repeat(3)}-8${seedHex.repeat(3)}-${seedHex.repeat(12)}`;
  const notTarget = (a: string, b: string) => (same(a, b) ? fixedUuid('e') : a);
  return [
    { example: unknownId(notTarget(fixedUuid('0'), target.customerInternalId)), arbitrary: fc.uuid().filter((id) => !same(id, target.customerInternalId)).map(unknownId) },
    { example: malformedId('not-a-guid'), arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id.trim() !== '' && !same(id, target.customerInternalId)).map(malformedId) },
    { example: badId('an empty customerInternalId', ''), arbitrary: fc.constant(badId('an empty customerInternalId', '')) },
    { example: oversizedId('x'), arbitrary: fc.constantFrom('x', '0').map(oversizedId) },
    { example: unknownToken(notTarget(fixedUuid('1'), target.securityId)), arbitrary: fc.uuid().filter((id) => !same(id, target.securityId)).map(unknownToken) },
    { example: badToken('an empty SecurityId', { SecurityId: '', UserId: '', Password: '' }), arbitrary: fc.constant(badToken('an empty SecurityId', { SecurityId: '', UserId: '', Password: '' })) },
    { example: badToken('no securityToken', undefined), arbitrary: fc.constant(badToken('no securityToken', undefined)) },
  ];
}

export function soapViolationCatalogue(target: SoapTarget): SoapCase[] {
  return kinds(target).map((k) => k.example);
}

export function violatingSoapRequest(target: SoapTarget): fc.Arbitrary<SoapCase> {
  return fc.oneof(...kinds(target).map((k) => k.arbitrary));
}
