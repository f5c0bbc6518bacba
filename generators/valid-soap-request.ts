/**
 * A MarkCustomerAsSynchronized request for the configured customer, with the token variants the
 * docs allow: UserId and Password empty (the seed's own request), absent, or the configured
 * values; SOAPAction quoted (SOAP 1.1) or unquoted (WCF accepts both).
 * Clauses: `mark-customer-as-synchronized/request/*`.
 */
import fc from 'fast-check';
import type { SoapCase, SoapTarget } from './soap-case.ts';

export type CredentialVariant = 'empty' | 'absent' | 'configured';

export function credentialVariants(target: SoapTarget): CredentialVariant[] {
  return target.userId || target.password ? ['empty', 'absent', 'configured'] : ['empty', 'absent'];
}

export function soapRequestWith(target: SoapTarget, credentials: CredentialVariant, soapAction: 'quoted' | 'unquoted'): SoapCase {
  const token =
    credentials === 'empty'
      ? { SecurityId: target.securityId, UserId: '', Password: '' }
      : credentials === 'absent'
        ? { SecurityId: target.securityId }
        : { SecurityId: target.securityId, UserId: target.userId ?? '', Password: target.password ?? '' };
  const clause =
    soapAction === 'unquoted'
      ? 'mark-customer-as-synchronized/request/soap-action-unquoted'
      : credentials === 'configured'
        ? 'mark-customer-as-synchronized/request/soap-action-quoted'
        : 'mark-customer-as-synchronized/request/empty-credentials-accepted';
  return {
    clause,
    description: `a request with ${credentials} UserId/Password and the SOAPAction ${soapAction}`,
    expect: 'success',
    value: { securityToken: token, customerInternalId: target.customerInternalId },
    soapAction,
  };
}

export function validSoapRequest(target: SoapTarget): fc.Arbitrary<SoapCase> {
  return fc
    .tuple(fc.constantFrom(...credentialVariants(target)), fc.constantFrom<'quoted' | 'unquoted'>('quoted', 'unquoted'))
    .map(([credentials, action]) => soapRequestWith(target, credentials, action));
}

/**
 * The configured customerInternalId in another case: upper case, or lower case when it is upper
 * already (GUIDs are case-insensitive on input; `request/customer-internal-id-any-case`, SHOULD).
 * Undefined when the id has no letters, so no other case.
 */
export function otherCaseIdRequest(target: SoapTarget): SoapCase | undefined {
  const id = target.customerInternalId;
  const other = id.toUpperCase() !== id ? id.toUpperCase() : id.toLowerCase();
  if (other === id) return undefined;
  const base = soapRequestWith(target, 'empty', 'quoted');
  return { ...base, clause: 'mark-customer-as-synchronized/request/customer-internal-id-any-case', description: 'the customerInternalId in another case', value: { ...base.value, customerInternalId: other } };
}

/**
 * A valid request carrying a header block no service understands, without mustUnderstand or with
 * mustUnderstand="0": ignored, the call succeeds (SOAP 1.1 §4.2.3; `request/unknown-header-ignored`).
 */
export function unknownHeaderRequests(target: SoapTarget): SoapCase[] {
  const base = soapRequestWith(target, 'empty', 'quoted');
  return (['absent', '0'] as const).map((block) => ({
    ...base,
    clause: 'mark-customer-as-synchronized/request/unknown-header-ignored',
    description: `a header block it does not understand, ${block === 'absent' ? 'without mustUnderstand' : 'with mustUnderstand="0"'}`,
    unknownHeaderBlock: block,
  }));
}
