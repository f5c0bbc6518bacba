/**
 * A clause whose precondition a correct gateway legitimately does not meet is not applicable, not
 * untested (docs/INTERPRETING.md §statuses, §partial): it does not make the run partial, so such a
 * gateway can be certified. The case: a gateway that answers a malformed envelope with a bare 400
 * (allowed by §soap-protocol) gives `protocol/malformed-client-fault` ("that fault has a Client
 * fault code") nothing to judge.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { startReferenceGateway, type ReferenceGateway } from '../../reference/server.ts';
import { renderHtml } from '../../reporting/html.ts';
import { renderJunit } from '../../reporting/junit.ts';
import { buildReport } from '../../reporting/model.ts';
import { renderTerminal } from '../../reporting/terminal.ts';
import { runConformance } from '../../runner/run.ts';

const gateways: ReferenceGateway[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
});

describe('a clause a correct gateway cannot exercise', () => {
  it('a gateway answering malformed envelopes with a bare 400, and everything else correctly, gets a certifying verdict', async () => {
    const gw = await startReferenceGateway({ dialect: 'soap-malformed-bare-400' });
    gateways.push(gw);
    const outcome = await runConformance({ env: { ...configuredSettings(gw, gw.fixtures), CONFORMANCE_SEED: '5', CONFORMANCE_RUNS: '100' }, log: () => undefined });
    expect(outcome.errors).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    const clientFault = outcome.clauses.find((c) => c.clause.id === 'mark-customer-as-synchronized/protocol/malformed-client-fault')!;
    expect(clientFault.status).toBe('not-applicable');
    expect(clientFault.reason).toMatch(/400/);
    expect(outcome.clauses.filter((c) => c.status === 'not-tested').map((c) => c.clause.id)).toEqual(['mark-customer-as-synchronized/effect/last-sync-recorded']);
    expect(outcome.scope?.partial).toBe(false);
    const report = buildReport(outcome);
    expect(report.scope.partial).toBe(false);
    expect(report.certification).toEqual({ certifies: true, because: [] });
    expect(report.totals['not-applicable']).toBe(1);
    expect(report.clauses.find((c) => c.id === clientFault.clause.id)).toMatchObject({ status: 'not-applicable', reason: clientFault.reason });
    expect(report.summary).toBe('CONFORMANT (a certification run)');
    // Every format names the status, and the JSON report stays valid against its schema.
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../reporting/conformance-report.schema.json', import.meta.url), 'utf8')) as object);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    expect(renderJunit(report)).toMatch(/name="mark-customer-as-synchronized\/protocol\/malformed-client-fault"[^>]*>\s*<skipped message="not applicable \(does not make the run partial\): the gateway answers a malformed envelope with HTTP 400/);
    expect(renderHtml(report)).toContain('1 not applicable');
    expect(renderTerminal(report).join('\n')).toMatch(/verdict: CONFORMANT \(a certification run\) — \d+ passed, 0 failed, 0 warnings, 1 not tested, 1 not applicable/);
  });
});
