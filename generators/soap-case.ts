import type { ClauseId } from '../contract/index.ts';
import type { MarkRequestValue } from '../contract/soap-envelope.ts';

/** One MarkCustomerAsSynchronized request the suite sends, and what the contract says must happen. */
export interface SoapCase {
  readonly clause: ClauseId;
  /** What the case is, e.g. "an unknown customerInternalId". */
  readonly description: string;
  /** `success`: a CustomerResponse with Status Success; `fault`: a SOAP fault, never Success. */
  readonly expect: 'success' | 'fault';
  readonly value: MarkRequestValue;
  /** How the SOAPAction header is written. */
  readonly soapAction: 'quoted' | 'unquoted';
  /** A header block no service understands, and its mustUnderstand (SOAP 1.1 §4.2.3). */
  readonly unknownHeaderBlock?: '1' | '0' | 'absent';
  /** For `fault`: whether the fault must be the documented InvalidCustomerInternalId. */
  readonly documentedFault?: boolean;
}

/** The target's identifiers a SOAP case is built around (never printed: SecurityId is a secret). */
export interface SoapTarget {
  readonly securityId: string;
  readonly customerInternalId: string;
  /** Configured UserId / Password, when the target has them. */
  readonly userId?: string;
  readonly password?: string;
}
