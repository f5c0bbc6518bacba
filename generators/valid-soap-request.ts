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
