/**
 * The deterministic boundary catalogue: complete (a case for every clause a request exercises),
 * named for what each case shows, and right about every case on the reference gateway.
 */
import { hostileKeys } from '../../generators/hostile-keys.ts';
import { keyLimitCases } from '../../generators/key-limits.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CLAUSES, isClauseId } from '../../contract/index.ts';
import { NS as SOAP_NS } from '../../contract/mark-customer-as-synchronized.ts';
import { NS as PUT_NS } from '../../contract/put-customer.ts';
import { baselineCustomer } from '../../generators/baseline.ts';
import { boundaryCases } from '../../generators/boundary-cases.ts';
import { hostileBodies, hostileJsonBodies } from '../../generators/hostile-xml.ts';
import { MEMBER_SITES } from '../../generators/locations.ts';
import { customerBody, soapRequest } from '../../generators/serialize.ts';
import { credentialVariants, otherCaseIdRequest, soapRequestWith, unknownHeaderRequests } from '../../generators/valid-soap-request.ts';
import { violatingSoapRequest } from '../../generators/violating-soap-request.ts';
import { DEFAULT_FIXTURES } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { namesField, sendCustomerCase } from '../helpers/send.ts';
import { valueAt } from '../../lib/paths.ts';

const cases = boundaryCases();
const soapTarget = { securityId: DEFAULT_FIXTURES.soap.securityId, customerInternalId: DEFAULT_FIXTURES.soap.customers[0]!.customerInternalId };

/**
 * Clauses about what a gateway answers or how it behaves over several requests, not about what
 * one request may contain: the suites check them (issue #4), no input case can.
 */
const BEHAVIOUR_SUBJECTS = new Set(['response', 'replace', 'auth', 'errors', 'negotiation', 'protocol', 'effect', 'fault']);
const subject = (id: string) => id.split('/')[1]!;
/** Judged after each hostile request, by the next valid one: also behaviour. */
const isBehaviour = (id: string) => BEHAVIOUR_SUBJECTS.has(subject(id)) || id.endsWith('/hardening/survives-hostile-input');

/** Every clause some generated input exercises: boundary cases, SOAP cases, hostile bodies. */
function coveredClauses(): Set<string> {
  const soapCases = [
    ...credentialVariants({ ...soapTarget, userId: 'u', password: 'p' }).flatMap((c) => (['quoted', 'unquoted'] as const).map((a) => soapRequestWith({ ...soapTarget, userId: 'u', password: 'p' }, c, a))),
    ...fc.sample(violatingSoapRequest(soapTarget), { seed: 1, numRuns: 200 }),
    otherCaseIdRequest(soapTarget)!,
    ...unknownHeaderRequests(soapTarget),
  ];
  const keys = [...keyLimitCases(), ...hostileKeys()];
  const hostile = [
    ...hostileBodies({ operation: 'put-customer', validXml: customerBody(baselineCustomer(), 'xml').body, rootName: 'PutCustomer', field: 'CustomerName', rootNamespace: PUT_NS.bindingModels }),
    ...hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: soapRequest(soapRequestWith(soapTarget, 'empty', 'quoted').value).body, rootName: 'soapenv:Envelope', field: 'customerInternalId', rootNamespace: SOAP_NS.soapEnv }),
    ...hostileJsonBodies(),
  ];
  return new Set([...cases.map((c) => c.clause), ...soapCases.map((c) => c.clause), ...hostile.map((c) => c.clause), ...keys.map((c) => c.clause)]);
}

describe('the boundary catalogue is complete', () => {
  it('every case names a clause of the contract, and every name is unique', () => {
    for (const c of cases) expect(isClauseId(c.clause), c.name).toBe(true);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('every clause an input can exercise has a case; the rest are behaviour clauses the suites check', () => {
    const covered = coveredClauses();
    const uncovered = ALL_CLAUSES.filter((c) => !covered.has(c.id));
    for (const c of uncovered) expect(isBehaviour(c.id), `${c.id} has no generated case`).toBe(true);
    for (const c of ALL_CLAUSES.filter((x) => x.field)) expect(covered.has(c.id), c.id).toBe(true);
  });

  it('every field clause with two sides has cases on both', () => {
    for (const c of ALL_CLAUSES.filter((x) => x.field?.rule === 'max-length' || x.field?.rule === 'allowed-values')) {
      const mine = cases.filter((k) => k.clause === c.id);
      expect(mine.some((k) => k.expect === 'accepted'), `${c.id} accepted`).toBe(true);
      expect(mine.some((k) => k.expect === 'rejected'), `${c.id} rejected`).toBe(true);
    }
  });

  it('every string member at every location has max-1, max and max+1', () => {
    for (const site of MEMBER_SITES) {
      if (site.member.kind !== 'scalar' || site.member.maxLength === undefined) continue;
      const max = site.member.maxLength;
      const names = cases.map((c) => c.name);
      expect(names).toContain(`${site.fieldPath} of ${max - 1} characters is accepted`);
      expect(names).toContain(`${site.fieldPath} of exactly ${max} characters is accepted`);
      expect(names).toContain(`${site.fieldPath} of ${max + 1} characters is rejected`);
    }
  });

  it('every max-length member at every location has max+1 with a leading and with a trailing space (rejected) and, when optional, exactly max with spaces at both edges (accepted)', () => {
    const byName = new Map(cases.map((c) => [c.name, c]));
    for (const site of MEMBER_SITES) {
      if (site.member.kind !== 'scalar' || site.member.maxLength === undefined) continue;
      const max = site.member.maxLength;
      for (const edge of ['leading', 'trailing'] as const) {
        const c = byName.get(`${site.fieldPath} of ${max + 1} characters with a ${edge} space is rejected`);
        expect(c, `${site.fieldPath} ${edge}`).toBeDefined();
        const text = valueAt(c!.value, site.fieldPath) as string;
        expect([text.length, text.trim().length, edge === 'leading' ? text.startsWith(' ') : text.endsWith(' ')]).toEqual([max + 1, max, true]);
        expect(c!.clause).toMatch(/\/max-length$/);
      }
      const accepted = byName.get(`${site.fieldPath} of exactly ${max} characters with a leading and a trailing space is accepted`);
      if (site.member.required) {
        expect(accepted, site.fieldPath).toBeUndefined();
        continue;
      }
      const text = valueAt(accepted!.value, site.fieldPath) as string;
      expect([text.length, text.startsWith(' '), text.endsWith(' '), text.trim().length]).toEqual([max, true, true, max - 2]);
    }
  });

  it('names say what they show', () => {
    const names = cases.map((c) => c.name);
    expect(names).toContain('CustomerName of exactly 100 characters is accepted');
    expect(names).toContain('CustomerName of 101 characters is rejected');
    expect(names).toContain('CustomerName of 101 characters with a trailing space is rejected');
    expect(names).toContain('DefaultContact.JobTitle of exactly 50 characters with a leading and a trailing space is accepted');
    expect(names).toContain('CustomerName absent is rejected');
    expect(names).toContain('BillingAddress.StateOrProvinceCode "QC" is accepted');
    expect(names).toContain('a customer with a shipping address only is accepted');
    expect(names).toContain('neither a shipping nor a billing address (absent) is rejected');
  });

  it('is the same on every call (deterministic)', () => {
    expect(boundaryCases()).toEqual(cases);
  });
});

describe('every boundary case behaves as labelled on the reference gateway', () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway();
  });
  afterAll(() => gw.close());

  it.each(['xml', 'json'] as const)('sent as %s', async (format) => {
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await sendCustomerCase(gw, c, format);
      const ok = c.expect === 'accepted' ? res.status === 200 : res.status === 400 && namesField(c, res);
      if (!ok) wrong.push(`${c.name}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('edge white space at the maximum length, on a gateway that trims before it measures', () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway({ fault: 'trims-before-measuring' });
  });
  afterAll(() => gw.close());

  it('takes every max+1 case whose extra unit is an edge space (so the suite catches it), and no other max+1 case', async () => {
    const taken: string[] = [];
    for (const c of cases.filter((k) => k.expect === 'rejected' && k.clause.endsWith('/max-length'))) {
      if ((await sendCustomerCase(gw, c)).status === 200) taken.push(c.name);
    }
    const edged = cases.filter((k) => / characters with a (leading|trailing) space is rejected$/.test(k.name)).map((k) => k.name);
    expect(edged.length).toBeGreaterThan(0);
    expect(taken.sort()).toEqual(edged.sort());
  });
});
