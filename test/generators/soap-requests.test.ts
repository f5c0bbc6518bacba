/** validSoapRequest() and violatingSoapRequest(): right by construction, and right on the reference. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClauseId } from '../../contract/index.ts';
import { FAULT_INVALID_CUSTOMER_INTERNAL_ID, NS } from '../../contract/mark-customer-as-synchronized.ts';
import type { SoapTarget } from '../../generators/soap-case.ts';
import { credentialVariants, validSoapRequest } from '../../generators/valid-soap-request.ts';
import { OVERSIZED_ID_LENGTH, violatingSoapRequest } from '../../generators/violating-soap-request.ts';
import { child, parseXml } from '../../lib/xml/parse.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { sendSoapCase } from '../helpers/send.ts';

let gw: ReferenceGateway;
let target: SoapTarget;
beforeAll(async () => {
  gw = await startReferenceGateway();
  target = { securityId: gw.fixtures.soap.securityId, customerInternalId: gw.fixtures.soap.customers[0]!.customerInternalId };
});
afterAll(() => gw.close());

function faultCode(text: string): { ns: string | undefined; local: string } | undefined {
  const fault = child(child(parseXml(text), NS.soapEnv, 'Body')!, NS.soapEnv, 'Fault');
  if (!fault) return undefined;
  const [prefix, local] = child(fault, '', 'faultcode')!.text.split(':') as [string, string];
  return { ns: fault.scope.get(prefix), local };
}

describe('validSoapRequest', () => {
  it('offers configured credentials only when some are configured', () => {
    expect(credentialVariants({ securityId: 's', customerInternalId: 'c' })).toEqual(['empty', 'absent']);
    expect(credentialVariants({ securityId: 's', customerInternalId: 'c', userId: 'u' })).toEqual(['empty', 'absent', 'configured']);
  });

  it('every request is a success on the reference, for every token and SOAPAction variant', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(validSoapRequest({ ...target, userId: 'merchant1', password: 'merchant1' }), async (c) => {
        seen.add(c.description);
        const res = await sendSoapCase(gw, c);
        return isClauseId(c.clause) && c.expect === 'success' && res.status === 200 && res.text.includes('<Status>Success</Status>');
      }),
      { seed: 3, numRuns: 60 },
    );
    expect(seen.size).toBe(6);
  });
});

describe('violatingSoapRequest', () => {
  it('every request gets a fault (HTTP 500), the documented one where labelled, never Success', async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(violatingSoapRequest(target), async (c) => {
        kinds.add(c.description.replace(/ [0-9a-f-]{36}$/, '').replace(/ ".*"$/, ''));
        const res = await sendSoapCase(gw, c);
        const code = faultCode(res.text);
        if (!isClauseId(c.clause) || res.status !== 500 || !code) return false;
        return !c.documentedFault || (code.ns === FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeNamespace && code.local === FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName);
      }),
      { seed: 4, numRuns: 150 },
    );
    expect([...kinds].sort()).toEqual([
      `a customerInternalId of ${OVERSIZED_ID_LENGTH} characters`,
      'a malformed customerInternalId',
      'an empty SecurityId',
      'an empty customerInternalId',
      'an unknown SecurityId',
      'an unknown customerInternalId',
      'no securityToken',
    ]);
  });

  it('never produces the configured id or SecurityId as the "bad" one', () => {
    fc.assert(
      fc.property(violatingSoapRequest(target), (c) =>
        c.clause.endsWith('invalid-security-id')
          ? c.value.securityToken?.SecurityId?.toLowerCase() !== target.securityId.toLowerCase()
          : c.value.customerInternalId?.toLowerCase() !== target.customerInternalId.toLowerCase()),
      { seed: 5, numRuns: 1000 },
    );
  });

  it('is reproducible from a seed', () => {
    expect(fc.sample(violatingSoapRequest(target), { seed: 6, numRuns: 20 })).toEqual(fc.sample(violatingSoapRequest(target), { seed: 6, numRuns: 20 }));
  });
});
