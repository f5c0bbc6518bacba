/**
 * An OpenAPI 3.1 description of PutCustomer, generated from the contract data: the route, the
 * Authorization header and the two roles, the XML and JSON bodies (the definitions of
 * ./json-schema.ts, with `xml` objects for the DataContract namespaces), and the responses 200,
 * 400, 401, 403, 404, 413 and 415, each with its schema, its clauses and what the platform sends.
 * `npm run contract:export` writes it to contract/openapi/put-customer.openapi.json; a test fails
 * when it drifts, validates it with an OpenAPI validator and serves it with Prism.
 */
import { CONTRACT_HASH, clause } from '../contract/index.ts';
import { MEDIA_TYPES, ROLES, ROUTE, typeSpec } from '../contract/put-customer.ts';
import type { ClauseId } from '../contract/types.ts';
import { INT32_MAX, INT32_MIN } from '../lib/values.ts';
import { EXAMPLE_CUSTOMER_KEY, examples } from './examples.ts';
import { formatJson } from './format-json.ts';
import { DRAFT_2020_12, GENERATED_NOTE, SCHEMA_LIMITS, type Schema, schemaDefinitions } from './json-schema.ts';

export const OPENAPI_PATH = 'contract/openapi/put-customer.openapi.json';

/** Where `npx gateway-conformance reference` serves the REST API by default (REFERENCE_PORT 8080, base path /api). */
const REFERENCE_BASE_URL = 'http://127.0.0.1:8080/api';

const SECURITY_SCHEME = 'Authorization';

const ref = (name: string): string => `#/components/schemas/${name}`;

const clauseLines = (ids: readonly ClauseId[]): string =>
  ids.map((id) => {
    const c = clause(id);
    return `- \`${c.id}\` (${c.level}): ${c.title}`;
  }).join('\n');

const describe = (text: string, ids: readonly ClauseId[]): string => (ids.length > 0 ? `${text}\n\nClauses:\n${clauseLines(ids)}` : text);

type Format = keyof typeof MEDIA_TYPES;
/**
 * JSON first: it is the host default (docs/PLATFORM-NOTES.md §negotiation), and a tool that ignores
 * Accept (Prism, for an invalid request) takes the first media type listed.
 */
const FORMATS: readonly Format[] = (Object.keys(MEDIA_TYPES) as Format[]).sort((a, b) => Number(b === 'json') - Number(a === 'json'));
/** What a gateway answers with: the first media type of each format (ServiceStack's). */
const ANSWER_TYPES = FORMATS.map((f) => MEDIA_TYPES[f][0]);

function exampleBodies(pathStart: string): Record<Format, Record<string, { summary: string; value: unknown }>> {
  const out = Object.fromEntries(FORMATS.map((f) => [f, {}])) as Record<Format, Record<string, { summary: string; value: unknown }>>;
  for (const e of examples().filter((x) => x.api === 'put-customer' && x.path.startsWith(pathStart))) {
    const name = e.path.slice(e.path.lastIndexOf('/') + 1).replace(/\.(json|xml)$/, '');
    out[e.format][name] = { summary: e.title, value: e.format === 'json' ? JSON.parse(e.body) : e.body };
  }
  return out;
}

function bodyContent(typeName: string, mediaTypes: readonly string[], exampleStart?: string): Record<string, Schema> {
  const bodies = exampleStart ? exampleBodies(exampleStart) : undefined;
  const content: Record<string, Schema> = {};
  for (const media of mediaTypes) {
    const format = FORMATS.find((f) => (MEDIA_TYPES[f] as readonly string[]).includes(media))!;
    const ex = bodies?.[format];
    content[media] = { schema: { $ref: ref(typeName) }, ...(ex && Object.keys(ex).length > 0 ? { examples: ex } : {}) };
  }
  return content;
}

const TEXT_PLAIN = { 'text/plain': { schema: { type: 'string' } } };

function responses(): Record<string, Schema> {
  const errorContent = (exampleStart?: string) => bodyContent('ErrorResponse', ANSWER_TYPES, exampleStart);
  const maybeBody =
    'ServiceStack answers with an empty body by default (docs/PLATFORM-NOTES.md §auth); a host may send an ErrorResponse, in the negotiated format.';
  return {
    '200': {
      description: describe('The customer was replaced: the replaced customer as a CustomerDetail, in the negotiated format.', [
        'put-customer/response/status-200', 'put-customer/response/customer-detail-root', 'put-customer/response/echo', 'put-customer/response/content-type-matches-body',
      ]),
      content: bodyContent('CustomerDetail', ANSWER_TYPES, 'put-customer/response/200-'),
    },
    '400': {
      description: describe(
        'A field rule broken: a FluentValidation ErrorResponse with a ResponseError per failing member, FieldName its dotted path; a body that cannot be deserialized ' +
          '(an unknown enum name, malformed XML or JSON: ErrorCode SerializationException, usually no FieldName); or a path key that is not an Int32 (RequestBindingException). ' +
          'Any other 4xx for a broken field rule keeps the field clause (MUST) but fails errors/validation-400 (SHOULD).',
        ['put-customer/errors/validation-400', 'put-customer/errors/error-response-shape', 'put-customer/errors/field-name', 'put-customer/customer-key/int32', 'put-customer/hardening/malformed-body-refused'],
      ),
      content: errorContent('put-customer/response/400-'),
    },
    '401': {
      description: describe(`Not authenticated: no Authorization header, or one the gateway does not know. ${maybeBody}`, ['put-customer/auth/unauthenticated-401', 'put-customer/auth/www-authenticate']),
      headers: { 'WWW-Authenticate': { description: 'The challenge (RFC 9110 §11.6.1); SHOULD here, as the docs are silent.', schema: { type: 'string' } } },
      content: errorContent(),
    },
    '403': {
      description: describe(`Authenticated, but with neither role (${ROLES.join(', ')}): "Invalid Role"; or a Merchant user of another merchant (403 or 404). ${maybeBody}`, [
        'put-customer/auth/role-required-403', 'put-customer/auth/other-merchant-refused',
      ]),
      content: errorContent(),
    },
    '404': {
      description: describe(
        'No customer with this key for the caller\'s merchant (ServiceStack\'s HttpError.NotFound: an ErrorResponse, ErrorCode NotFound), another merchant\'s customer included; ' +
          'nothing is created. A request that matches no route (a wrong verb or path) gets 404 as text/plain.',
        ['put-customer/errors/unknown-key-not-created', 'put-customer/errors/not-found-404', 'put-customer/auth/other-merchant-refused'],
      ),
      content: { ...errorContent(), ...TEXT_PLAIN },
    },
    '413': {
      description: describe(
        'A body over the host\'s limit (Kestrel and ASP.NET Core in IIS: 30,000,000 bytes, judged on the Content-Length before the body is read). The host answers before ServiceStack ' +
          'runs, so the body is not an ErrorResponse. IIS request filtering answers 404.13 instead, and closing the connection before the body is read is accepted too (docs/INTERPRETING.md §body-size).',
        ['put-customer/hardening/oversized-body-refused'],
      ),
      content: TEXT_PLAIN,
    },
    '415': {
      description: `A Content-Type that is neither XML (${MEDIA_TYPES.xml.join(', ')}) nor JSON (${MEDIA_TYPES.json.join(', ')}): ServiceStack's NotSupportedException, as an ErrorResponse. No clause judges it.`,
      content: errorContent(),
    },
  };
}

function operation(): Schema {
  const pathParam = /\{(\w+)\}/.exec(ROUTE.path)?.[1];
  if (!pathParam) throw new Error(`the route ${ROUTE.path} has no path parameter`);
  const keyMember = typeSpec('PutCustomer').members.find((m) => m.boundFrom === 'path');
  if (!keyMember) throw new Error('PutCustomer has no member bound from the path');
  return {
    operationId: 'PutCustomer',
    summary: 'Replaces a customer for a merchant',
    description: describe(
      `Requires Authentication. Requires any of the roles: ${ROLES.join(', ')}. ` +
        'To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml ' +
        '(precedence: ?format= over the suffix over Accept; without Accept the answer may be in the request\'s format or JSON, the host default). ' +
        'A PUT replaces the whole customer: a member left out is gone from the stored customer.',
      ['put-customer/auth/roles-accepted', 'put-customer/auth/reseller-accepted', 'put-customer/negotiation/accept-header', 'put-customer/negotiation/format-suffix',
        'put-customer/negotiation/format-query', 'put-customer/negotiation/json-body', 'put-customer/replace/omitted-member-removed', 'put-customer/replace/idempotent'],
    ),
    tags: ['Customers'],
    security: ROLES.map((role) => ({ [SECURITY_SCHEME]: [role] })),
    parameters: [
      {
        name: pathParam,
        in: 'path',
        required: true,
        description: describe(
          `${keyMember.doc} A 32-bit integer; a key that is not one is rejected with 400. A .xml or .json suffix on it selects the response format ` +
            '(a tool that validates this parameter as an integer refuses the suffix: use ?format= or Accept with it). ' +
            `Keys no customer has (0, -1 and the Int32 limits included) are refused with a 4xx, never created.`,
          ['put-customer/customer-key/int32', 'put-customer/customer-key/int32-limits', 'put-customer/customer-key/path-wins'],
        ),
        schema: { type: 'integer', format: 'int32', minimum: INT32_MIN, maximum: INT32_MAX },
        example: EXAMPLE_CUSTOMER_KEY,
      },
      {
        name: 'format',
        in: 'query',
        required: false,
        description: 'Selects the response format, over the suffix and Accept.',
        schema: { type: 'string', enum: [...FORMATS] },
      },
    ],
    requestBody: {
      required: true,
      description: 'The customer, in DataContract XML or ServiceStack JSON (accepting JSON is SHOULD).',
      content: bodyContent('PutCustomer', FORMATS.flatMap((f) => MEDIA_TYPES[f]), 'put-customer/request/valid/'),
    },
    responses: responses(),
  };
}

function limitsMarkdown(): string {
  return SCHEMA_LIMITS.map((l) => `- **${l.topic}** (${l.files.join(', ')}): ${l.text}`).join('\n');
}

export function openApiDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Syntch Gateway API: PutCustomer',
      version: `contract ${CONTRACT_HASH.slice(0, 12)}`,
      summary: 'PUT /customers/{customerKey}, as the conformance suite judges it',
      description: [
        `${GENERATED_NOTE} The version is the start of the contract hash every conformance report names.`,
        '',
        'The schemas are the JSON Schemas of contract/json-schema/ (the same generator), with OpenAPI `xml` objects: each member element is in the namespace of the type that ' +
          'declares it (DataContract), so PutCustomer\'s members are in the BindingModels namespace and Contact\'s and Address\'s in Common.DTO; prefixes are not part of the contract.',
        '',
        'What this description cannot carry:',
        '',
        limitsMarkdown(),
      ].join('\n'),
    },
    jsonSchemaDialect: DRAFT_2020_12,
    servers: [
      {
        url: '{baseUrl}',
        description: 'SYNTCH_BASE_URL: the service\'s base URL, to which the route is relative.',
        variables: { baseUrl: { default: REFERENCE_BASE_URL, description: 'The default is where `npx gateway-conformance reference` serves.' } },
      },
    ],
    tags: [{ name: 'Customers' }],
    paths: { [ROUTE.path]: { [ROUTE.method.toLowerCase()]: operation() } },
    components: {
      schemas: schemaDefinitions('openapi', ref),
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            `The Authorization header, sent as configured (ServiceStack takes Basic, Bearer — a JWT or an API key — or a session). The operation requires any of the roles ${ROLES.join(', ')}: ` +
            'one security requirement per role, any of which suffices. No header or an unknown one gets 401; a user with neither role 403.',
        },
      },
    },
  };
}

export function generateOpenApi(): string {
  return `${formatJson(openApiDocument())}\n`;
}
