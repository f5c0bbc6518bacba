/** The generators: valid and clause-violating requests, the boundary catalogue, hostile bodies. */
export { boundedText, type BoundedTextConstraints, TEXT_POOLS } from './bounded-text.ts';
export { objectOf, type ObjectOfConstraints } from './object-of.ts';
export { validAddress, type ValidAddressConstraints, STATE_COUNTRY_PAIRS } from './valid-address.ts';
export { validContact, type ValidContactConstraints } from './valid-contact.ts';
export { validCustomer, type ValidCustomerConstraints, ADDRESS_LAYOUTS, type AddressLayout } from './valid-customer.ts';
export { violatingCustomer, type ViolatingCustomerConstraints, VIOLABLE_CLAUSES } from './violating-customer.ts';
export { boundaryCases, type BoundaryCase } from './boundary-cases.ts';
export type { CustomerCase } from './customer-case.ts';
export { MUTATIONS } from './mutations/index.ts';
export { baselineCustomer, baselineOf } from './baseline.ts';
export { validSoapRequest, soapRequestWith, credentialVariants, otherCaseIdRequest, unknownHeaderRequests } from './valid-soap-request.ts';
export { violatingSoapRequest } from './violating-soap-request.ts';
export type { SoapCase, SoapTarget } from './soap-case.ts';
export { hostileBodies, hostileJsonBodies, type HostileCase, type HostileOptions, EXPANSION_MARKER, PASSWD_MARKER, LATIN1_TEXT, withLatin1Text } from './hostile-xml.ts';
export { hostileKeys, isRefusedKeyStatus, type HostileKeyCase } from './hostile-keys.ts';
export { customerBody, soapRequest, type BodyFormat } from './serialize.ts';
