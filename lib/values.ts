/** The in-memory form of a message: what generators produce, codecs write and readers return. */
export type Scalar = string | number | Date;
export type Value = Scalar | null | ValueObject | Value[];
export interface ValueObject {
  [member: string]: Value | undefined;
}

export function isObject(v: unknown): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Thrown when a body cannot be turned into the expected type (ServiceStack: SerializationException). */
export class DeserializeError extends Error {
  constructor(
    message: string,
    readonly fieldName?: string,
  ) {
    super(message);
    this.name = 'DeserializeError';
  }
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** Parses a 32-bit integer from text (xs:int lexical form), or undefined. */
export function parseInt32(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
}
