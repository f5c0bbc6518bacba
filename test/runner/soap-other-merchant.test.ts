/**
 * SOAP object-level authorization (docs/INTERPRETING.md §soap-other-merchant): another merchant's
 * SecurityId (EBIZ_SECURITY_ID_OTHER_MERCHANT) with this merchant's customerInternalId gets a
 * fault, never Success — MUST; without the setting the clause is not-tested and the run partial.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { startReferenceGateway, type ReferenceGateway } from '../../reference/server.ts';
import { loadConfig } from '../../config/settings.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const CLAUSE = 'mark-customer-as-synchronized/auth/other-merchant-refused';
const env = { CONFORMANCE_SEED: '29', CONFORMANCE_RUNS: '5' };
const gateways: ReferenceGateway[] = [];
afterAll(() => Promise.all(gateways.map((g) => g.close())));

describe("another merchant's SecurityId", () => {
  it('is refused by the reference; a gateway without object-level authorization fails', async () => {
    const of = async (fault?: string) => (await runConformance({ env, log: () => undefined, suites: ['mark-customer'], embedded: embeddedReference(fault ? { fault } : {}) })).clauses.find((c) => c.clause.id === CLAUSE)!;
    expect((await of()).status).toBe('passed');
    const caught = await of('soap-other-merchant-accepted');
    expect(caught.status).toBe('failed');
    expect(caught.failures[0]!.request!.body).not.toContain('d3c8b1a0-7e4f-4c2b-9a6d-1f0e2b3c4d5e');
  });

  it('without EBIZ_SECURITY_ID_OTHER_MERCHANT the clause is not tested, and the run names the setting left out', async () => {
    const gw = await startReferenceGateway({});
    gateways.push(gw);
    const { EBIZ_SECURITY_ID_OTHER_MERCHANT: _left, ...settings } = configuredSettings(gw, gw.fixtures);
    const o = await runConformance({ env: { ...settings, ...env }, log: () => undefined, suites: ['mark-customer'] });
    expect(o.clauses.find((c) => c.clause.id === CLAUSE)).toMatchObject({ status: 'not-tested', reason: 'EBIZ_SECURITY_ID_OTHER_MERCHANT not set' });
    expect(o.scope?.settingsLeftOut).toContain('EBIZ_SECURITY_ID_OTHER_MERCHANT');
  });

  it('is a secret setting, and the same value as EBIZ_SECURITY_ID is a configuration problem', () => {
    const base = { EBIZ_SOAP_URL: 'https://soap.example/eBizService.svc', EBIZ_SECURITY_ID: 'S1', EBIZ_CUSTOMER_INTERNAL_ID: 'c' };
    expect(loadConfig({ ...base, EBIZ_SECURITY_ID_OTHER_MERCHANT: 'S2' }).ebiz?.securityIdOtherMerchant).toBe('S2');
    expect(() => loadConfig({ ...base, EBIZ_SECURITY_ID_OTHER_MERCHANT: 'S1' })).toThrow(/EBIZ_SECURITY_ID_OTHER_MERCHANT must be another merchant/);
  });
});
