/**
 * JSON Schemas (draft 2020-12) for the PutCustomer, CustomerDetail and ErrorResponse JSON bodies,
 * generated from the contract's type specs, as the XSDs are (`npm run contract:export` writes
 * them to contract/json-schema/; a test fails when they drift). The OpenAPI description
 * (./openapi.ts) embeds the same definitions, built by the same {@link schemaDefinitions}, with
 * OpenAPI's `xml` objects and int32 formats added.
 *
 * What a schema can say is said: member names, required members (present and not null), every
 * maxLength, every allowable-value list as an enum, a non-white-space pattern where the contract
 * has a not-empty clause, Int32 ranges, .NET DateTime forms, the either-address rule as `anyOf`.
 * What it cannot carry is {@link SCHEMA_LIMITS}, stated in every file, and
 * {@link jsonSchemaCarries} says, clause by clause, whether a PutCustomer body schema can tell a
 * violation of it.
 */
import { clause, isClauseId } from '../contract/index.ts';
import { CUSTOMER_DETAIL_SOURCES, NS, TYPES, allowedValuesOf, enumSpec, typeSpec } from '../contract/put-customer.ts';
import { REQUEST_TYPE_PREFIXES, fieldClauseId } from '../contract/put-customer/field-clauses.ts';
import { EITHER_ADDRESS_SENTENCE } from '../contract/put-customer/types.ts';
import type { ClauseId, MemberSpec, TypeSpec } from '../contract/types.ts';
import { JSON_DATETIME, XML_DATETIME } from '../lib/dotnet-datetime.ts';
import { INT32_MAX, INT32_MIN } from '../lib/values.ts';
import { formatJson } from './format-json.ts';
import { putCustomerOccurs } from './occurs.ts';

export type Schema = { [keyword: string]: unknown };

/** `json-schema`: plain draft 2020-12; `openapi`: the same, with OpenAPI's `xml` objects and formats. */
export type SchemaStyle = 'json-schema' | 'openapi';

/** The three JSON bodies that get a schema file of their own. */
export const ROOT_TYPES = ['PutCustomer', 'CustomerDetail', 'ErrorResponse'] as const;
export type RootType = (typeof ROOT_TYPES)[number];

export const JSON_SCHEMA_DIR = 'contract/json-schema';
export const jsonSchemaFileName = (root: RootType): string => `${root}.schema.json`;

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export const GENERATED_NOTE = 'Generated from the contract data (contract/put-customer/) by `npm run contract:export`; do not edit.';

/** One thing a schema cannot carry, and the files it concerns. */
export interface SchemaLimit {
  readonly topic: string;
  readonly text: string;
  readonly files: readonly RootType[];
}

const codeList = (typeName: string): string[] =>
  typeSpec(typeName).members.filter((m) => m.kind === 'scalar' && m.allowedValues).map((m) => m.name);

const eitherAddressMembers = (type: TypeSpec): string[] =>
  type.members.filter((m) => m.kind === 'complex' && m.doc.includes(EITHER_ADDRESS_SENTENCE)).map((m) => m.name);

/** What the schemas cannot carry, stated in every file they concern (and all of it in the OpenAPI). */
export const SCHEMA_LIMITS: readonly SchemaLimit[] = [
  {
    topic: 'lengths count UTF-16 code units',
    files: ['PutCustomer', 'CustomerDetail'],
    text:
      'maxLength counts Unicode code points (JSON Schema 2020-12 §6.3.1); the contract counts UTF-16 code units, as .NET string.Length does ' +
      '(docs/INTERPRETING.md §lengths, clause put-customer/length-unit/utf-16, SHOULD). A value with characters outside the BMP (an emoji counts 2 units) ' +
      'can pass maxLength and still be too long: 51 emoji are 51 code points but 102 units. Ajv 8 counts UTF-16 units, as the contract does, with its (deprecated) option unicode: false.',
  },
  {
    topic: 'either address',
    files: ['PutCustomer'],
    text:
      `"${EITHER_ADDRESS_SENTENCE}" is expressed with anyOf (${eitherAddressMembers(typeSpec('PutCustomer')).join(' or ')} present and not null), with its limits: ` +
      'a validator reports a failed anyOf without naming a member, where a gateway names ShippingAddress, BillingAddress or none (docs/INTERPRETING.md §field-name); ' +
      'and in XML an address sent i:nil="true" is missing, which OpenAPI\'s xml object cannot express (the XSDs cannot express the rule at all).',
  },
  {
    topic: 'state/country consistency',
    files: ['PutCustomer', 'CustomerDetail'],
    text:
      `${codeList('Address').join(' and ')} are each restricted to their documented lists, but not to each other: the docs do not tie a state or province code to a country, ` +
      'so a mismatched pair (ON with USA) passes this schema and is not judged by the suite either (docs/INTERPRETING.md §state-country); valid customers send consistent pairs.',
  },
  {
    topic: 'edge white space',
    files: ['PutCustomer'],
    text:
      'maxLength measures the value as sent, white space at either end included: a value of max+1 units whose extra unit is a leading or trailing space or tab is too long ' +
      '(each member\'s max-length clause, MUST; docs/INTERPRETING.md §lengths), so a tool must not trim before it validates. Whether a required value with edge white space is valid ' +
      'is not decided, and that an optional value comes back with its spaces (put-customer/response/echo) relates a response to its request, which no schema of one body can say.',
  },
  {
    topic: 'levels',
    files: ['PutCustomer'],
    text:
      'Some keywords carry SHOULD clauses, not MUST: the non-white-space pattern of required free strings (…/not-empty: FluentValidation NotEmpty) and the exact case of ' +
      'ActivationStatus names (put-customer/activation-status/exact-case: ServiceStack.Text may read JSON enum names without regard to case). A gateway that accepts those is lenient, not wrong.',
  },
  {
    topic: 'the path key',
    files: ['PutCustomer'],
    text:
      'CustomerKey travels in the path (an Int32: put-customer/customer-key/int32) and may be left out of the body; a body CustomerKey that differs from the path key is overridden by it ' +
      '(put-customer/customer-key/path-wins, SHOULD). The path key is the OpenAPI description\'s path parameter, not part of this body schema.',
  },
  {
    topic: 'relations between bodies',
    files: ['CustomerDetail'],
    text:
      'The echo of every member sent (put-customer/response/echo), CustomerKey = the path key, CustomerID = the CustomerId sent, a stable CreationTimestamp and MerchantKey, and a ' +
      'LastUpdateTimestamp that never moves backwards relate a response to its request or to earlier responses: no schema of one body can say them. CustomerID is "Required: Yes" ' +
      'but echoes an optional request member, so it may be absent (docs/INTERPRETING.md §nil).',
  },
  {
    topic: 'JSON conventions',
    files: ['PutCustomer', 'CustomerDetail', 'ErrorResponse'],
    text:
      'Member names are the documented PascalCase (a ServiceStack host can be reconfigured for camelCase: put-customer/response/json-pascal-case, SHOULD); ServiceStack leaves members without ' +
      'a value out, and reads a null as no value, so optional members may also be null (union types: Ajv needs allowUnionTypes: true in strict mode). DateTime members take ServiceStack\'s ' +
      '\\/Date(ms)\\/ and \\/Date(ms±hhmm)\\/ or, on a host configured for it, ISO 8601 (docs/INTERPRETING.md §dates).',
  },
  {
    topic: 'XML only',
    files: ['PutCustomer', 'CustomerDetail', 'ErrorResponse'],
    text:
      'In XML, members come in DataContract order (ordinal by name) and a member without a value is i:nil="true" or absent: JSON Schema has no order and OpenAPI\'s xml object no nil; ' +
      'the XSDs in contract/xsd/ carry both.',
  },
  {
    topic: 'error bodies',
    files: ['ErrorResponse'],
    text:
      'ErrorCode values and messages are never judged (docs/INTERPRETING.md §error-codes: MaximumLength or Length, NotEmpty or NotNull, …); that a ResponseError names the member in error ' +
      'by its dotted path (put-customer/errors/field-name, SHOULD) relates the error to the request. ServiceStack may add members to ResponseStatus and ResponseError, so they stay open.',
  },
];

/** The limits that concern one file, as one paragraph each. */
export function limitsOf(root: RootType): SchemaLimit[] {
  return SCHEMA_LIMITS.filter((l) => l.files.includes(root));
}

/**
 * Whether a PutCustomer body schema can tell a violation of a clause: if so, by which keyword (the
 * one a validator reports, at the member in error), and if not, why not.
 */
export type Carried =
  | { readonly carried: true; readonly keyword: string; readonly by: string }
  | { readonly carried: false; readonly why: string };

const BY_CLAUSE: Partial<Record<ClauseId, Carried>> = {
  'put-customer/either-address': { carried: true, keyword: 'anyOf', by: 'anyOf: a ShippingAddress or a BillingAddress object' },
  'put-customer/activation-status/exact-case': { carried: true, keyword: 'enum', by: 'enum (case-sensitive)' },
  'put-customer/length-unit/utf-16': {
    carried: false,
    why: 'maxLength counts code points: a value over the limit in UTF-16 units because of astral characters is within it in code points',
  },
  'put-customer/customer-key/int32': { carried: false, why: 'the path key is not in the body: the OpenAPI path parameter (integer, Int32 range) carries it' },
};

const BY_FIELD_RULE: Readonly<Record<NonNullable<ReturnType<typeof clause>['field']>['rule'], Carried>> = {
  required: { carried: true, keyword: 'required', by: 'required, not null' },
  'not-empty': { carried: true, keyword: 'pattern', by: 'pattern \\S' },
  optional: { carried: true, keyword: 'required', by: 'not in required' },
  'max-length': { carried: true, keyword: 'maxLength', by: 'maxLength (text in the Basic Multilingual Plane)' },
  'allowed-values': { carried: true, keyword: 'enum', by: 'enum' },
};

/** Derived from the clause: its field rule, or the few request-wide clauses a body can break. */
export function jsonSchemaCarries(id: ClauseId): Carried {
  const c = clause(id);
  if (c.field) return BY_FIELD_RULE[c.field.rule];
  return BY_CLAUSE[id] ?? { carried: false, why: 'not a rule of one PutCustomer body' };
}

/** The names of every type and enum a root type's schema needs, root first. */
export function definitionsOf(root: string): string[] {
  const seen: string[] = [];
  const visit = (name: string): void => {
    if (seen.includes(name)) return;
    seen.push(name);
    if (TYPES.enums[name]) return;
    for (const m of typeSpec(name).members) {
      if (m.kind === 'complex') visit(m.typeName);
      else if (m.kind === 'list') visit(m.itemTypeName);
      else if (m.kind === 'enum') visit(m.enumName);
    }
  };
  visit(root);
  return seen;
}

const stripAnchors = (re: RegExp): string => re.source.replace(/^\^/, '').replace(/\$$/, '');
/** ServiceStack's `\/Date(ms±hhmm)\/` (as parsed JSON text) or an ISO 8601 / xs:dateTime form. */
export const DATETIME_PATTERN = `^(?:${stripAnchors(JSON_DATETIME)}|${stripAnchors(XML_DATETIME)})$`;

/** Whether the contract has this field clause for the member (derived in put-customer/field-clauses.ts). */
const hasFieldClause = (type: TypeSpec, member: MemberSpec, rule: string): boolean =>
  type.name in REQUEST_TYPE_PREFIXES && isClauseId(fieldClauseId(type.name, member.name, rule));

interface Build {
  readonly style: SchemaStyle;
  readonly ref: (name: string) => string;
}

const nullableType = (t: string, nillable: boolean): string | string[] => (nillable ? [t, 'null'] : t);

function memberDescription(type: TypeSpec, m: MemberSpec): string {
  const parts = [m.doc.replace(/\.?$/, '.')];
  if (m.kind === 'scalar' && m.maxLength !== undefined) {
    parts.push(`At most ${m.maxLength} UTF-16 code units, white space included (maxLength counts code points: an astral character counts 1 here, 2 in the contract).`);
  }
  if (hasFieldClause(type, m, 'not-empty')) parts.push('Must hold a character other than white space (SHOULD: FluentValidation NotEmpty).');
  if (m.boundFrom === 'path') parts.push('Bound from the path: may be left out of the body, and a body value that differs from the path key is overridden by it.');
  if (m.kind === 'scalar' && m.type === 'dateTime') {
    parts.push('A .NET DateTime: \\/Date(ms)\\/ or \\/Date(ms±hhmm)\\/ in JSON (ISO 8601 on a host configured for it), xs:dateTime text in XML.');
  }
  if (type.name === 'CustomerDetail') {
    const source = CUSTOMER_DETAIL_SOURCES[m.name];
    if (source?.kind === 'echo') parts.push(`Echoes the request's ${source.requestMember}.`);
    if (source?.kind === 'path-key') parts.push('The path key.');
  }
  if (m.kind === 'opaque') parts.push('Not judged by the contract.');
  return parts.join(' ');
}

function memberSchema(type: TypeSpec, m: MemberSpec, b: Build, nillable: boolean): Schema {
  const description = memberDescription(type, m);
  const xml = b.style === 'openapi' ? { xml: { name: m.name, namespace: type.namespace } } : {};
  const refOrNull = (name: string): Schema => (nillable ? { anyOf: [{ $ref: b.ref(name) }, { type: 'null' }] } : { $ref: b.ref(name) });
  switch (m.kind) {
    case 'scalar': {
      if (m.type === 'int') {
        return { type: nullableType('integer', nillable), ...(b.style === 'openapi' ? { format: 'int32' } : {}), minimum: INT32_MIN, maximum: INT32_MAX, description, ...xml };
      }
      if (m.type === 'dateTime') return { type: nullableType('string', nillable), pattern: DATETIME_PATTERN, description, ...xml };
      const allowed = allowedValuesOf(m);
      return {
        type: nullableType('string', nillable),
        ...(m.maxLength !== undefined ? { maxLength: m.maxLength } : {}),
        ...(hasFieldClause(type, m, 'not-empty') ? { pattern: '\\S' } : {}),
        ...(allowed ? { enum: nillable ? [...allowed, null] : [...allowed] } : {}),
        description,
        ...xml,
      };
    }
    case 'enum':
      return { ...refOrNull(m.enumName), description, ...xml };
    case 'complex':
      return { ...refOrNull(m.typeName), description, ...xml };
    case 'list': {
      const item = typeSpec(m.itemTypeName);
      return {
        type: nullableType('array', nillable),
        items: { $ref: b.ref(m.itemTypeName), ...(b.style === 'openapi' ? { xml: { name: m.itemElement, namespace: item.namespace } } : {}) },
        description,
        ...(b.style === 'openapi' ? { xml: { name: m.name, namespace: type.namespace, wrapped: true } } : {}),
      };
    }
    case 'opaque':
      return { description, ...xml };
  }
}

const TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  PutCustomer: 'The PutCustomer request body (PUT /customers/{customerKey}: "Replaces a customer for a merchant").',
  CustomerDetail: 'The CustomerDetail body of a successful PutCustomer (200 OK): the replaced customer.',
  Contact: 'Contact Parameters.',
  Address: 'Address Parameters. Used at four places: the customer\'s and the default contact\'s billing and shipping addresses.',
  ErrorResponse: 'ServiceStack\'s error body (docs/PLATFORM-NOTES.md §errors).',
  ResponseStatus: 'The error: the first error\'s ErrorCode and Message, and every field error.',
  ResponseError: 'One field error; FieldName is the dotted path of the member in error (BillingAddress.StreetAddress1).',
};

function typeSchema(type: TypeSpec, b: Build): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const m of type.members) {
    const { minOccurs, nillable } = putCustomerOccurs(type, m);
    properties[m.name] = memberSchema(type, m, b, nillable);
    if (minOccurs === 1) required.push(m.name);
  }
  const either = eitherAddressMembers(type);
  const open = type.namespace === NS.serviceStackTypes;
  const isRoot = (ROOT_TYPES as readonly string[]).includes(type.name);
  return {
    type: 'object',
    description: [TYPE_DESCRIPTIONS[type.name] ?? type.name, either.length > 1 ? EITHER_ADDRESS_SENTENCE : ''].filter(Boolean).join(' '),
    ...(b.style === 'openapi' && isRoot ? { xml: { name: type.name, namespace: type.namespace } } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(open ? {} : { additionalProperties: false }),
    ...(either.length > 1 ? { anyOf: either.map((name) => ({ type: 'object', required: [name], properties: { [name]: { type: 'object' } } })) } : {}),
  };
}

function enumSchema(name: string): Schema {
  const e = enumSpec(name);
  return {
    type: 'string',
    enum: [...e.values],
    description: `The ${e.name} names, matched exactly (the wrong case is rejected: SHOULD).`,
  };
}

/** The definitions of every type and enum the root types need, keyed by name, in one style. */
export function schemaDefinitions(style: SchemaStyle, ref: (name: string) => string, roots: readonly string[] = ROOT_TYPES): Record<string, Schema> {
  const b: Build = { style, ref };
  const defs: Record<string, Schema> = {};
  for (const root of roots) {
    for (const name of definitionsOf(root)) {
      if (name in defs) continue;
      defs[name] = TYPES.enums[name] ? enumSchema(name) : typeSchema(typeSpec(name), b);
    }
  }
  return defs;
}

/** One self-contained draft 2020-12 schema per JSON body: the root refers to its own `$defs`. */
export function jsonSchemaOf(root: RootType): Schema {
  const limits = limitsOf(root);
  return {
    $schema: DRAFT_2020_12,
    title: `${root} (JSON body, Syntch Gateway API PutCustomer)`,
    description: [
      `${TYPE_DESCRIPTIONS[root]} What this schema cannot carry:`,
      ...limits.map((l, i) => `(${i + 1}) ${l.topic}: ${l.text}`),
    ].join(' '),
    $comment: GENERATED_NOTE,
    $ref: `#/$defs/${root}`,
    $defs: schemaDefinitions('json-schema', (name) => `#/$defs/${name}`, [root]),
  };
}

export function generateJsonSchemas(): Record<string, string> {
  return Object.fromEntries(ROOT_TYPES.map((root) => [jsonSchemaFileName(root), `${formatJson(jsonSchemaOf(root))}\n`]));
}
