/**
 * Every way the suite changes one member of a valid customer, derived from the contract: for
 * each member at each location, the values on both sides of each of its clauses. A mutation
 * knows the clause it exercises, whether the result must be accepted or rejected, the FieldName a
 * gateway should name, the values the deterministic boundary catalogue always sends, and (for
 * rejections) an arbitrary of further values for random generation.
 *
 * `violatingCustomer()` and `boundaryCases()` both read this list, so a rule is written once.
 */
import type { ClauseId } from '../contract/index.ts';
import fc from 'fast-check';
import {
  CODES_BY_COUNTRY,
  COUNTRY_CODES,
  allowedValuesOf,
  countryOfCode,
  fieldClauseId,
} from '../contract/put-customer.ts';
import { INT32_MAX, INT32_MIN, type Value, type ValueObject } from '../lib/values.ts';
import { baselineOf } from './baseline.ts';
import { boundedText } from './bounded-text.ts';
import { MEMBER_SITES, type MemberSite, getAt, updateAt } from './locations.ts';

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

const mutation = <P>(m: Mutation<P>): Mutation => m as Mutation;

type Missing = 'absent' | 'nil';
const MISSING: readonly Missing[] = ['absent', 'nil'];

/** Filler for objects a mutation needs on its way down: the minimal valid object of the type. */
const fill = (typeName: string): ValueObject => baselineOf(typeName, { full: false });

/**
 * Keeps the rest of the customer valid around the one change: a state/province code and its
 * country stay consistent, and the either-address rule stays satisfied.
 */
function keepValid(customer: ValueObject, site: MemberSite | undefined): ValueObject {
  if (site) {
    const obj = getAt(customer, site.location.path);
    const code = obj?.StateOrProvinceCode;
    if (obj && site.member.name === 'StateOrProvinceCode' && typeof code === 'string' && countryOfCode(code) && typeof obj.CountryCode === 'string') {
      obj.CountryCode = countryOfCode(code)!;
    }
    const country = obj?.CountryCode;
    if (obj && site.member.name === 'CountryCode' && typeof country === 'string' && (COUNTRY_CODES as readonly string[]).includes(country)) {
      const codes = CODES_BY_COUNTRY[country as (typeof COUNTRY_CODES)[number]];
      if (typeof obj.StateOrProvinceCode === 'string' && !codes.includes(obj.StateOrProvinceCode)) obj.StateOrProvinceCode = codes[0]!;
    }
  }
  if (customer.ShippingAddress == null && customer.BillingAddress == null) {
    customer[site?.member.name === 'ShippingAddress' ? 'BillingAddress' : 'ShippingAddress'] = fill('Address');
  }
  return customer;
}

/** `base` with the member of `site` set to `v` (undefined: absent; null: nil). */
function setMember(base: ValueObject, site: MemberSite, v: Value | undefined): ValueObject {
  const changed = updateAt(
    base,
    site.location.path,
    (obj) => {
      if (v === undefined) delete obj[site.member.name];
      else obj[site.member.name] = v;
    },
    fill,
  );
  return keepValid(changed, site);
}

/** Deterministic text of exactly `units` UTF-16 code units from the characters of `pattern`. */
export function textOfLength(units: number, pattern: string): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; out.length < units; i++) {
    const c = chars[i % chars.length]!;
    out += out.length + c.length <= units ? c : 'x';
  }
  return out;
}

/** `units` code units in as few code points as astral characters allow: `floor(units/2)` astral plus a letter if odd. */
export function astralTextOfLength(units: number): string {
  return '😀'.repeat(Math.floor(units / 2)) + (units % 2 ? 'x' : '');
}

const NON_ASCII_BMP = 'éàüçñø中文';

function siteMutations(site: MemberSite): Mutation[] {
  const { member: m, location, fieldPath: fp } = site;
  if (m.kind !== 'scalar' && m.kind !== 'enum' && m.kind !== 'complex') return [];
  const id = (rule: string) => fieldClauseId(location.typeName, m.name, rule);
  const out: Mutation[] = [];
  const allowed = allowedValuesOf(m);
  const isFreeString = m.kind === 'scalar' && m.type === 'string' && !allowed;
  const base = { fieldPath: fp };

  if (m.required) {
    out.push(mutation<Missing>({
      clause: id('required'), expect: 'rejected', boundary: MISSING, param: fc.constantFrom(...MISSING),
      apply: (b, p) => ({ ...base, clause: id('required'), expect: 'rejected', description: `${fp} ${p}`, value: setMember(b, site, p === 'nil' ? null : undefined) }),
    }));
    if (isFreeString) {
      const blanks = ['', ' ', '   ', '\t', ' \t '];
      out.push(mutation<string>({
        clause: id('not-empty'), expect: 'rejected', boundary: ['', ' '], param: fc.constantFrom(...blanks),
        apply: (b, p) => ({ ...base, clause: id('not-empty'), expect: 'rejected', description: `${fp} ${p === '' ? 'empty' : `whitespace-only (${JSON.stringify(p)})`}`, value: setMember(b, site, p) }),
      }));
      out.push(mutation<null>({
        clause: id('required'), expect: 'accepted', boundary: [null],
        apply: (b) => ({ ...base, clause: id('required'), expect: 'accepted', description: `${fp} of exactly 1 character`, value: setMember(b, site, 'A') }),
      }));
    }
  } else {
    const variants: ('absent' | 'nil' | 'empty')[] = isFreeString ? ['absent', 'nil', 'empty'] : ['absent', 'nil'];
    out.push(mutation<'absent' | 'nil' | 'empty'>({
      clause: id('optional'), expect: 'accepted', boundary: variants,
      apply: (b, p) => ({ ...base, clause: id('optional'), expect: 'accepted', description: `${fp} ${p}`, value: setMember(b, site, p === 'absent' ? undefined : p === 'nil' ? null : '') }),
    }));
  }

  if (m.kind === 'scalar' && m.maxLength !== undefined) {
    const max = m.maxLength;
    const accepted: [string, string][] = [
      [`${fp} of ${max - 1} characters`, textOfLength(max - 1, fp)],
      [`${fp} of exactly ${max} characters`, textOfLength(max, fp)],
      [`${fp} of exactly ${max} non-ASCII characters (${Buffer.byteLength(textOfLength(max, NON_ASCII_BMP))} UTF-8 bytes)`, textOfLength(max, NON_ASCII_BMP)],
      [`${fp} of ${max} UTF-16 units as ${Math.ceil(max / 2)} code points (astral)`, astralTextOfLength(max)],
    ];
    out.push(mutation<[string, string]>({
      clause: id('max-length'), expect: 'accepted', boundary: accepted,
      apply: (b, [description, text]) => ({ ...base, clause: id('max-length'), expect: 'accepted', description, value: setMember(b, site, text) }),
    }));
    const far = max * 10;
    out.push(mutation<[number, string]>({
      clause: id('max-length'), expect: 'rejected',
      boundary: [[max + 1, textOfLength(max + 1, fp)], [max * 4, textOfLength(max * 4, NON_ASCII_BMP)]],
      param: fc.tuple(fc.oneof(fc.constant(max + 1), fc.integer({ min: max + 1, max: far })), boundedText({ minLength: far, maxLength: far, astral: false, nonBlank: true }))
        .map(([len, text]) => [len, text.slice(0, len)] as [number, string]),
      apply: (b, [len, text]) => ({ ...base, clause: id('max-length'), expect: 'rejected', description: `${fp} of ${len} characters`, value: setMember(b, site, text) }),
    }));
    const utf16 = 'put-customer/length-unit/utf-16';
    out.push(mutation<number>({
      clause: utf16, expect: 'rejected', boundary: [Math.floor((max + 1) / 2)], param: fc.integer({ min: 1, max: Math.floor((max + 1) / 2) }),
      apply: (b, astral) => {
        const text = '😀'.repeat(astral) + 'x'.repeat(max + 1 - 2 * astral);
        return { ...base, clause: utf16, expect: 'rejected', description: `${fp} of ${max + 1} UTF-16 units in ${[...text].length} code points (astral)`, value: setMember(b, site, text) };
      },
    }));
  }

  if (allowed) {
    const enumRead = m.kind === 'enum';
    out.push(mutation<string>({
      clause: id('allowed-values'), expect: 'accepted',
      // Every value once, at the member's first location only: the list is what is under test.
      boundary: MEMBER_SITES.find((s) => s.member === m) === site ? allowed : [allowed[0]!],
      apply: (b, v) => ({ ...base, clause: id('allowed-values'), expect: 'accepted', description: `${fp} ${JSON.stringify(v)}`, value: setMember(b, site, v) }),
    }));
    const misses = nearMisses(allowed, enumRead);
    out.push(mutation<string>({
      clause: id('allowed-values'), expect: 'rejected', boundary: misses.boundary, param: misses.arbitrary,
      apply: (b, v) => ({ ...base, clause: id('allowed-values'), expect: 'rejected', description: `${fp} ${JSON.stringify(v)}`, value: setMember(b, site, v), mayLackFieldName: enumRead }),
    }));
    if (enumRead) {
      const exactCase = 'put-customer/activation-status/exact-case';
      const wrongCase = allowed.flatMap((v) => [v.toLowerCase(), v.toUpperCase()]);
      out.push(mutation<string>({
        clause: exactCase, expect: 'rejected', boundary: wrongCase.slice(0, 2), param: fc.constantFrom(...wrongCase),
        apply: (b, v) => ({ ...base, clause: exactCase, expect: 'rejected', description: `${fp} ${JSON.stringify(v)} (wrong case)`, value: setMember(b, site, v), mayLackFieldName: true }),
      }));
    }
  }
  return out;
}

/**
 * Values near an allowable-value list but not in it: wrong case, one character short (an alpha-2
 * country for an alpha-3 one), the next code of the same shape, surrounding spaces, empty.
 * For enums (read at deserialization) wrong case is its own clause and spaces are left out.
 */
function nearMisses(allowed: readonly string[], isEnum: boolean): { boundary: string[]; arbitrary: fc.Arbitrary<string> } {
  const inList = (v: string) => allowed.includes(v) || (isEnum && allowed.some((a) => a.toLowerCase() === v.toLowerCase()));
  const next = (v: string): string => {
    for (let s = successor(v); s !== v; s = successor(s)) if (!inList(s)) return s;
    return `${v}X`;
  };
  const shapes = [...new Set(allowed.map((v) => v.length))];
  const variants = (v: string): string[] => [
    ...(isEnum ? [] : [v.toLowerCase(), ` ${v}`, `${v} `]),
    v.slice(0, -1),
    next(v),
    `${v}X`,
  ];
  const boundary = [...new Set([...variants(allowed[0]!).slice(0, isEnum ? 2 : 4), ''])].filter((v) => !inList(v));
  const sameShape = fc.constantFrom(...shapes).chain((n) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n }));
  const arbitrary = fc
    .oneof(fc.constantFrom(...allowed).chain((v) => fc.constantFrom(...variants(v))), sameShape, fc.constant(''))
    .filter((v) => !inList(v));
  return { boundary, arbitrary };
}

/** The next string of the same length in A–Z order (`AK` → `AL`, `YT` → `YU`). */
function successor(v: string): string {
  const chars = [...v];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (c >= 'A' && c < 'Z') {
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    if (c === 'Z') chars[i] = 'A';
  }
  return chars.join('');
}

function customerMutations(): Mutation[] {
  const either = 'put-customer/either-address';
  const int32 = 'put-customer/customer-key/int32';
  const pathWins = 'put-customer/customer-key/path-wins';
  const layouts: readonly ['shipping' | 'billing' | 'both', string][] = [['shipping', 'a shipping address only'], ['billing', 'a billing address only'], ['both', 'both addresses']];
  const badKeys = ['abc', '1.5', '1e3', String(INT32_MAX + 1), String(INT32_MIN - 1)];
  return [
    mutation<Missing>({
      clause: either, expect: 'rejected', boundary: MISSING, param: fc.constantFrom(...MISSING),
      apply: (b, p) => {
        const v = structuredClone(b);
        delete v.ShippingAddress;
        delete v.BillingAddress;
        if (p === 'nil') Object.assign(v, { ShippingAddress: null, BillingAddress: null });
        return { clause: either, expect: 'rejected', description: `neither a shipping nor a billing address (${p})`, value: v, fieldPath: 'ShippingAddress', alsoAcceptedFieldNames: ['BillingAddress'], mayLackFieldName: true };
      },
    }),
    mutation<(typeof layouts)[number]>({
      clause: either, expect: 'accepted', boundary: layouts,
      apply: (b, [layout, words]) => {
        const v = structuredClone(b);
        v.ShippingAddress = layout === 'billing' ? undefined : ((v.ShippingAddress as ValueObject | undefined) ?? fill('Address'));
        v.BillingAddress = layout === 'shipping' ? undefined : ((v.BillingAddress as ValueObject | undefined) ?? fill('Address'));
        if (v.ShippingAddress === undefined) delete v.ShippingAddress;
        if (v.BillingAddress === undefined) delete v.BillingAddress;
        return { clause: either, expect: 'accepted', description: `a customer with ${words}`, value: v };
      },
    }),
    mutation<string>({
      clause: int32, expect: 'rejected', boundary: badKeys.slice(0, 4),
      param: fc.oneof(
        fc.constantFrom(...badKeys),
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: BigInt(INT32_MAX) + 1n, max: 10n ** 15n }).map(String),
        fc.bigInt({ min: -(10n ** 15n), max: BigInt(INT32_MIN) - 1n }).map(String),
        fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`),
      ),
      apply: (b, key) => ({ clause: int32, expect: 'rejected', description: `the path key ${JSON.stringify(key)}`, value: b, pathKey: key, mayLackFieldName: true, fieldPath: 'CustomerKey' }),
    }),
    mutation<null>({
      clause: pathWins, expect: 'accepted', boundary: [null],
      apply: (b) => ({ clause: pathWins, expect: 'accepted', description: 'a body CustomerKey that differs from the path key', value: b, bodyKeyDiffers: true }),
    }),
  ];
}

/** Every mutation of the contract: each member at each location, then the customer-wide rules. */
export const MUTATIONS: readonly Mutation[] = [...MEMBER_SITES.flatMap(siteMutations), ...customerMutations()];
