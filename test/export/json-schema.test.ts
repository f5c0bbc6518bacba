/**
 * The exported JSON Schemas are usable: with Ajv (draft 2020-12), every valid JSON customer the
 * generators make validates, every violation whose clause a schema can express fails it (the
 * clause decides: export/json-schema.ts `jsonSchemaCarries`), and the ones it cannot
 * express are listed and shown to pass; the example files and the reference gateway's answers
 * validate too, and the OpenAPI description embeds the same definitions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, examples } from '../../export/examples.ts';
import { JSON_SCHEMA_DIR, ROOT_TYPES, type RootType, SCHEMA_LIMITS, jsonSchemaCarries, jsonSchemaFileName, limitsOf } from '../../export/json-schema.ts';
import { OPENAPI_PATH } from '../../export/openapi.ts';
import type { ClauseId } from '../../contract/index.ts';
import { customerBody } from '../../generators/serialize.ts';
import { validCustomer } from '../../generators/valid-customer.ts';
import { VIOLABLE_CLAUSES, violatingCustomer } from '../../generators/violating-customer.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { http } from '../helpers/http.ts';
import { validateAgainst } from '../helpers/xsd.ts';

const SEED = 11;
const repoText = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const schemaFile = (root: RootType): Record<string, unknown> => JSON.parse(repoText(`${JSON_SCHEMA_DIR}/${jsonSchemaFileName(root)}`)) as Record<string, unknown>;

/** Ajv as an integrator would set it up: draft 2020-12, strict, union types for the nullable members. */
function compile(root: RootType, options: { unicode?: boolean; logger?: false } = {}): ValidateFunction {
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, ...options }).compile(schemaFile(root));
}

const validators = Object.fromEntries(ROOT_TYPES.map((r) => [r, compile(r)])) as Record<RootType, ValidateFunction>;
const jsonOf = (value: Parameters<typeof customerBody>[0]): unknown => JSON.parse(customerBody(value, 'json').body);
const errorsOf = (v: ValidateFunction): string => JSON.stringify(v.errors?.slice(0, 3));

describe('the JSON Schema files', () => {
  it.each(ROOT_TYPES)('%s.schema.json compiles under Ajv 2020-12 strict mode and states what it cannot carry', (root) => {
    const schema = schemaFile(root);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const limit of limitsOf(root)) expect(schema.description).toContain(limit.text);
    expect(limitsOf(root).length).toBeGreaterThan(0);
  });

  it('PutCustomer and the OpenAPI state the UTF-16, either-address, state/country and edge white-space limits', () => {
    const topics = ['lengths count UTF-16 code units', 'either address', 'state/country consistency', 'edge white space'];
    expect(limitsOf('PutCustomer').map((l) => l.topic)).toEqual(expect.arrayContaining(topics));
    const openapi = JSON.parse(repoText(OPENAPI_PATH)) as { info: { description: string } };
    for (const l of SCHEMA_LIMITS) expect(openapi.info.description).toContain(l.text);
  });
});

describe('every valid JSON customer the generators make validates against PutCustomer.schema.json', () => {
  it('200 generated customers, each serialized as the suite sends it', () => {
    const customers = fc.sample(validCustomer(), { seed: SEED, numRuns: 200 });
    for (const value of customers) {
      const ok = validators.PutCustomer(jsonOf(value));
      expect(ok, `${customerBody(value, 'json').body}\n${errorsOf(validators.PutCustomer)}`).toBe(true);
    }
  });
});

const CARRIED = VIOLABLE_CLAUSES.filter((c) => jsonSchemaCarries(c as ClauseId).carried) as ClauseId[];
const NOT_CARRIED = VIOLABLE_CLAUSES.filter((c) => !jsonSchemaCarries(c as ClauseId).carried) as ClauseId[];

/** The dotted member path of an Ajv error (`/DefaultContact/BillingAddress` + missing `City`). */
const memberPath = (e: ErrorObject): string =>
  [...e.instancePath.split('/').filter(Boolean), ...(e.keyword === 'required' ? [String(e.params.missingProperty)] : [])].join('.');

describe('violations of a clause the schema can express fail it, by its keyword, at the member in error', () => {
  it.each(CARRIED.map((c) => [c, jsonSchemaCarries(c)] as const))('%s (%o)', (clause, carried) => {
    const keyword = carried.carried ? carried.keyword : '';
    for (const v of fc.sample(violatingCustomer({ clauses: [clause] }), { seed: SEED, numRuns: 40 })) {
      const what = `${v.description}: ${customerBody(v.value, 'json').body}`;
      expect(validators.PutCustomer(jsonOf(v.value)), what).toBe(false);
      const errors = validators.PutCustomer.errors ?? [];
      // A required member sent as an explicit null ("required, not null") fails its type, not `required`.
      const sentNull = keyword === 'required' && / nil$/.test(v.description);
      const named = errors.some((e) => (e.keyword === keyword || (sentNull && e.keyword === 'type')) && (keyword === 'anyOf' || memberPath(e) === v.fieldPath));
      expect(named, `${what}\n${JSON.stringify(errors)}`).toBe(true);
    }
  });

  it('a random mix of 1000 violations: each fails exactly when its clause is expressible', () => {
    for (const v of fc.sample(violatingCustomer(), { seed: SEED, numRuns: 1000 })) {
      expect(validators.PutCustomer(jsonOf(v.value)), `${v.clause}: ${v.description}`).toBe(!jsonSchemaCarries(v.clause).carried);
    }
  });
});

describe('violations the schema cannot express, listed', () => {
  it('are exactly the UTF-16 length unit and the path key', () => {
    expect(NOT_CARRIED.sort()).toEqual(['put-customer/customer-key/int32', 'put-customer/length-unit/utf-16']);
  });

  it('astral text over the limit in UTF-16 units passes maxLength (code points), and fails with Ajv counting UTF-16 units (unicode: false)', () => {
    const utf16 = compile('PutCustomer', { unicode: false, logger: false }); // logger: Ajv 8 logs that the option is deprecated
    for (const v of fc.sample(violatingCustomer({ clauses: ['put-customer/length-unit/utf-16'] }), { seed: SEED, numRuns: 60 })) {
      expect(validators.PutCustomer(jsonOf(v.value)), v.description).toBe(true);
      expect(utf16(jsonOf(v.value)), v.description).toBe(false);
    }
  });

  it('a path key that is not an Int32 leaves the body valid; the OpenAPI path parameter refuses it', () => {
    const openapi = JSON.parse(repoText(OPENAPI_PATH)) as { paths: Record<string, { put: { parameters: { in: string; schema: object }[] } }> };
    const param = Object.values(openapi.paths)[0]!.put.parameters.find((p) => p.in === 'path')!;
    const validKey = new Ajv2020({ strict: true, formats: { int32: true } }).compile(param.schema);
    for (const v of fc.sample(violatingCustomer({ clauses: ['put-customer/customer-key/int32'] }), { seed: SEED, numRuns: 60 })) {
      expect(validators.PutCustomer(jsonOf(v.value))).toBe(true);
      const key = /^[+-]?\d+$/.test(v.pathKey!) ? Number(v.pathKey) : v.pathKey;
      expect(validKey(key), v.description).toBe(false);
    }
  });
});

describe('the example files', () => {
  const putExamples = examples().filter((e) => e.api === 'put-customer');

  it.each(putExamples.filter((e) => e.format === 'json').map((e) => [e.path, e] as const))('%s validates as its index says', (path, e) => {
    const body = JSON.parse(repoText(`${EXAMPLES_DIR}/${path}`)) as unknown;
    const root: RootType = e.kind === 'request' ? 'PutCustomer' : path.includes('customer-detail') ? 'CustomerDetail' : 'ErrorResponse';
    const expected = e.kind === 'response' || e.expect === 'accepted' || !jsonSchemaCarries(e.clause!).carried;
    expect(validators[root](body), errorsOf(validators[root])).toBe(expected);
  });

  it.each(putExamples.filter((e) => e.format === 'xml' && (e.kind === 'response' || e.expect === 'accepted')).map((e) => [e.path] as const))('%s validates against the XSDs', async (path) => {
    const main = path.includes('error-response') ? 'serviceStack' : 'bindingModels';
    expect(await validateAgainst(main, repoText(`${EXAMPLES_DIR}/${path}`))).toEqual({ valid: true, errors: [] });
  });

  it('the XML of an invalid example the XSD can express fails it (CustomerName of 101 characters)', async () => {
    expect((await validateAgainst('bindingModels', repoText(`${EXAMPLES_DIR}/put-customer/request/invalid/customer-name-101-characters.xml`))).valid).toBe(false);
  });
});

describe("the reference gateway's JSON answers validate against CustomerDetail and ErrorResponse", () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway({ port: 0 });
  });
  afterAll(async () => {
    await gw.close();
  });

  const put = (body: string) =>
    http('PUT', `${gw.restBaseUrl}/customers/1`, { Authorization: gw.fixtures.rest.users.merchant.authorization, 'Content-Type': 'application/json', Accept: 'application/json' }, body);

  it('20 generated customers: each 200 body is a CustomerDetail', async () => {
    for (const value of fc.sample(validCustomer(), { seed: SEED, numRuns: 20 })) {
      const res = await put(customerBody(value, 'json').body);
      expect(res.status).toBe(200);
      expect(validators.CustomerDetail(JSON.parse(res.text)), `${res.text}\n${errorsOf(validators.CustomerDetail)}`).toBe(true);
    }
  });

  it('20 generated violations: each 400 body is an ErrorResponse', async () => {
    const bodyViolations = violatingCustomer({ clauses: CARRIED });
    for (const v of fc.sample(bodyViolations, { seed: SEED, numRuns: 20 })) {
      const res = await put(customerBody(v.value, 'json').body);
      expect(res.status, v.description).toBe(400);
      expect(validators.ErrorResponse(JSON.parse(res.text)), `${res.text}\n${errorsOf(validators.ErrorResponse)}`).toBe(true);
    }
  });
});

describe('the OpenAPI description embeds the same definitions', () => {
  /** The OpenAPI schemas without what only OpenAPI has (`xml`, `format`), refs pointed at `$defs`. */
  const plain = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(plain);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'xml' && k !== 'format')
        .map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/components/schemas/', '#/$defs/') : plain(x)]),
    );
  };

  it('components.schemas, less xml objects and formats, are the $defs of the three JSON Schema files', () => {
    const openapi = JSON.parse(repoText(OPENAPI_PATH)) as { components: { schemas: Record<string, unknown> } };
    const defs = Object.assign({}, ...ROOT_TYPES.map((r) => schemaFile(r).$defs as object)) as Record<string, unknown>;
    expect(plain(openapi.components.schemas)).toEqual(defs);
  });
});
