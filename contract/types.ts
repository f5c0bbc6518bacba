/**
 * The vocabulary of the contract data. Every rule the suite enforces is a {@link Clause};
 * every message shape is a {@link TypeSpec}. Generators, the reference gateway, the checks and
 * the exported XSD/WSDL read these and never restate a rule of their own.
 */

import type { ClauseId } from './clause-ids.ts';

export type { ClauseId } from './clause-ids.ts';

/** MUST: the seed documents say it. SHOULD: platform convention (see docs/INTERPRETING.md). */
export type Level = 'MUST' | 'SHOULD';

export type OperationId = 'put-customer' | 'mark-customer-as-synchronized';

/** Where a clause's authority comes from. */
export type ClauseSource =
  /** The seed document (`contract/seeds/`) states it. */
  | 'seed'
  /** The platform behind the API does it where the docs are silent (docs/PLATFORM-NOTES.md). */
  | 'platform'
  /** A protocol standard the API declares it follows (HTTP, SOAP 1.1). */
  | 'standard'
  /** A decision this project made and wrote down in docs/INTERPRETING.md. */
  | 'interpretation';

/** The kind of rule a field clause states about one member. */
export type FieldRule = 'required' | 'not-empty' | 'optional' | 'max-length' | 'allowed-values';

export interface Clause {
  /** Stable id, `operation/subject/rule`. Never reuse an id for a different rule. */
  readonly id: ClauseId;
  readonly operation: OperationId;
  readonly level: Level;
  /** What the clause requires, in one line. */
  readonly title: string;
  /** The doc sentence (or standard / platform fact) the clause comes from, quoted. */
  readonly quote: string;
  readonly source: ClauseSource;
  /** For non-seed clauses: where the fact was seen, or the INTERPRETING.md section. */
  readonly evidence?: string;
  /** For field clauses: which member of which type, and which rule. */
  readonly field?: { readonly type: string; readonly member: string; readonly rule: FieldRule };
  /**
   * When no black-box test can observe the clause, why not. Such a clause is reported
   * `not-tested` with this reason instead of being silently dropped.
   */
  readonly unobservable?: string;
}

// The shapes of DataContract types, which the serializers in lib/ read: declared there (lib/type-spec.ts).
export type { ComplexMember, ContractTypes, EnumMember, EnumSpec, ListMember, MemberSpec, OpaqueMember, ScalarMember, ScalarType, TypeSpec } from '../lib/type-spec.ts';
export { dataContractOrder, kebab } from '../lib/type-spec.ts';
