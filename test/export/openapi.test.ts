/**
 * The exported OpenAPI description is usable by REST tools: an OpenAPI validator from npm
 * (@readme/openapi-parser) accepts it, and Prism (@stoplight/prism-http, the engine of the Prism
 * mock server) serving it answers a valid JSON PUT with 2xx, a 101-character CustomerName with 4xx
 * and a request without Authorization with 401. The WSDL documents the InvalidCustomerInternalId fault.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validate } from '@readme/openapi-parser';
import { createLogger } from '@stoplight/prism-core';
import { type IHttpRequest, createInstance, getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../export/examples.ts';
import { OPENAPI_PATH } from '../../export/openapi.ts';
import { faultDocumentation, generateWsdl } from '../../export/wsdl.ts';
import { FAULT_INVALID_CUSTOMER_INTERNAL_ID } from '../../contract/mark-customer-as-synchronized.ts';
import { MEDIA_TYPES, ROLES, ROUTE } from '../../contract/put-customer.ts';
import { parseXml } from '../../lib/xml/parse.ts';

const repoPath = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const openApiText = readFileSync(repoPath(OPENAPI_PATH), 'utf8');

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { security: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: object }> }>; requestBody: { content: Record<string, unknown> } }>>;
  components: { schemas: Record<string, { xml?: { namespace?: string }; properties?: Record<string, { xml?: { namespace?: string } }> }> };
}

describe('an OpenAPI validator from npm accepts the file (@readme/openapi-parser)', () => {
  it('validates against the OpenAPI 3.1 schema and its further rules, without errors or warnings', async () => {
    const result = await validate(JSON.parse(openApiText) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.specification).toBe('OpenAPI');
  });

  it('describes the route, the Authorization header with one requirement per role, both formats and every response', () => {
    const doc = JSON.parse(openApiText) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths[ROUTE.path]![ROUTE.method.toLowerCase()]!;
    expect(op.security).toEqual(ROLES.map((r) => ({ Authorization: [r] })));
    expect(Object.keys(op.requestBody.content).sort()).toEqual([...MEDIA_TYPES.xml, ...MEDIA_TYPES.json].sort());
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '404', '413', '415']);
    for (const [status, r] of Object.entries(op.responses)) {
      expect(Object.keys(r.content ?? {}).length, status).toBeGreaterThan(0);
      for (const media of Object.values(r.content ?? {})) expect(media.schema, status).toBeDefined();
    }
    const put = doc.components.schemas.PutCustomer!;
    expect(put.xml?.namespace).toBe('http://schemas.datacontract.org/2004/07/Gateway.RestApi.Customers.BindingModels');
    expect(doc.components.schemas.Address!.properties!.City!.xml?.namespace).toBe('http://schemas.datacontract.org/2004/07/Gateway.RestApi.Common.DTO');
  });
});

describe('Prism (@stoplight/prism-http) mocks the API from the file', () => {
  type Prism = ReturnType<typeof createInstance>;
  let prism: Prism;
  let operations: Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;
  beforeAll(async () => {
    operations = await getHttpOperationsFromSpec(repoPath(OPENAPI_PATH));
    prism = createInstance(
      { mock: { dynamic: false }, checkSecurity: true, validateRequest: true, validateResponse: true, errors: false, upstreamProxy: undefined, isProxy: false },
      { logger: createLogger('prism', { level: 'silent' }) },
    );
  });

  const validBody = JSON.parse(readFileSync(repoPath(`${EXAMPLES_DIR}/put-customer/request/valid/full.json`), 'utf8')) as Record<string, unknown>;
  const send = async (body: unknown, headers: Record<string, string> = { authorization: 'Bearer any-token' }) => {
    const request: IHttpRequest = {
      method: 'put',
      url: { path: ROUTE.path.replace(/\{\w+\}/, '42') },
      headers: { 'content-type': MEDIA_TYPES.json[0], accept: MEDIA_TYPES.json[0], ...headers },
      body,
    };
    const result = await prism.request(request, operations)();
    if (result._tag === 'Left') throw result.left;
    return result.right;
  };

  it('answers a valid JSON PUT with 2xx and a CustomerDetail that passes its own response validation', async () => {
    const { output, validations } = await send(validBody);
    expect(validations.input).toEqual([]);
    expect(output.statusCode).toBe(200);
    expect(validations.output).toEqual([]);
    expect(output.body).toMatchObject({ CustomerName: validBody.CustomerName, ActivationStatus: validBody.ActivationStatus });
  });

  it('answers a 101-character CustomerName with 4xx, naming maxLength on CustomerName', async () => {
    const { output, validations } = await send({ ...validBody, CustomerName: 'n'.repeat(101) });
    expect(output.statusCode).toBeGreaterThanOrEqual(400);
    expect(output.statusCode).toBeLessThan(500);
    expect(output.statusCode).toBe(400);
    expect(validations.input).toEqual([expect.objectContaining({ path: ['body', 'CustomerName'], code: 'maxLength' })]);
    expect(output.body).toMatchObject({ ResponseStatus: { Errors: [{ FieldName: 'CustomerName' }] } });
  });

  it('answers a customer of exactly 100 characters with 2xx', async () => {
    expect((await send({ ...validBody, CustomerName: 'n'.repeat(100) })).output.statusCode).toBe(200);
  });

  it('answers neither address with 4xx (the either-address anyOf)', async () => {
    const { ShippingAddress: _s, BillingAddress: _b, ...neither } = validBody;
    expect((await send(neither)).output.statusCode).toBe(400);
  });

  it('answers a request without Authorization with 401', async () => {
    expect((await send(validBody, {})).output.statusCode).toBe(401);
  });
});

describe('the WSDL documents the InvalidCustomerInternalId fault', () => {
  it('as wsdl:documentation of the operation, in the portType and the binding', () => {
    const wsdl = generateWsdl();
    const f = FAULT_INVALID_CUSTOMER_INTERNAL_ID;
    expect(faultDocumentation()).toContain(f.codeLocalName);
    expect(faultDocumentation()).toContain(f.faultString);
    expect(faultDocumentation()).toContain(f.codeNamespace);
    const root = parseXml(wsdl);
    const docs = root.children.flatMap((c) => c.children).filter((c) => c.local === 'operation').map((op) => op.children[0]);
    expect(docs).toHaveLength(2);
    for (const d of docs) {
      expect(d?.local).toBe('documentation');
      expect(d?.text).toBe(faultDocumentation());
    }
  });
});
