/**
 * The case model: one request the suite sends and what the contract says must happen to it
 * ({@link CustomerCase}), and a {@link Mutation} — one way of changing a valid customer that makes
 * such cases, for the boundary catalogue and for random generation.
 */
import type fc from 'fast-check';
import type { ClauseId } from '../contract/index.ts';
import type { ValueObject } from '../lib/values.ts';

export type Expectation = 'accepted' | 'rejected';

/** One request the suite sends, and what the contract says must happen to it. */
export interface CustomerCase {
  readonly clause: ClauseId;
  /** What the case is, e.g. "CustomerName of 101 characters". */
  readonly description: string;
  readonly expect: Expectation;
  /** The PutCustomer body. */
  readonly value: ValueObject;
  /** When set, sent as the path key instead of the configured customer key. */
  readonly pathKey?: string;
  /** When set, the body carries a CustomerKey different from the path key. */
  readonly bodyKeyDiffers?: boolean;
  /** The FieldName a rejection should name (SHOULD), as a dotted path. */
  readonly fieldPath?: string;
  /** Further FieldNames that are equally right. */
  readonly alsoAcceptedFieldNames?: readonly string[];
  /** A rejection at deserialization may carry no FieldName at all (SerializationException). */
  readonly mayLackFieldName?: boolean;
  /**
   * The one wire format the case holds in, when it does not hold in both: a number for an enum is
   * no value in DataContract XML, but ServiceStack.Text may read it in JSON (INTERPRETING.md §enum-case).
   */
  readonly onlyIn?: 'xml' | 'json';
}

export interface Mutation<P = unknown> {
  readonly clause: ClauseId;
  readonly expect: Expectation;
  /** Parameters the deterministic boundary catalogue always runs. */
  readonly boundary: readonly P[];
  /** Parameters for random generation; rejections always have one. */
  readonly param?: fc.Arbitrary<P>;
  apply(base: ValueObject, p: P): CustomerCase;
}

/** A mutation with a typed parameter, stored among the others. */
export const mutation = <P>(m: Mutation<P>): Mutation => m as Mutation;

/** The two ways a member can be missing: left out, or sent nil. */
export type Missing = 'absent' | 'nil';
export const MISSING: readonly Missing[] = ['absent', 'nil'];
