/**
 * Numbers for an enum (docs/INTERPRETING.md §enum-case): DataContractSerializer reads enum names
 * only, so an XML `<ActivationStatus>1</ActivationStatus>` or `7` is rejected — MUST
 * (`activation-status/allowed-values`); these cases are XML only, since ServiceStack.Text may read
 * a number in JSON. Every answer's ActivationStatus is one of the four names (`response/member-types`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryCases } from '../../generators/boundary-cases.ts';
import { customerBody } from '../../generators/serialize.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { sendCustomerCase } from '../helpers/send.ts';

const numbers = boundaryCases().filter((c) => c.fieldPath === 'ActivationStatus' && /a number/.test(c.description));

let gw: ReferenceGateway;
beforeAll(async () => {
  gw = await startReferenceGateway({});
});
afterAll(() => gw.close());

describe('numbers for ActivationStatus', () => {
  it('the catalogue sends 1 and 7 in XML only, as the element text, expecting a rejection under allowed-values', () => {
    expect(numbers.map((c) => [c.value.ActivationStatus, c.onlyIn, c.expect, c.clause])).toEqual([
      ['1', 'xml', 'rejected', 'put-customer/activation-status/allowed-values'],
      ['7', 'xml', 'rejected', 'put-customer/activation-status/allowed-values'],
    ]);
    expect(customerBody(numbers[0]!.value, 'xml').body).toContain('<ActivationStatus>1</ActivationStatus>');
  });

  it('the reference rejects each with 400', async () => {
    for (const c of numbers) expect((await sendCustomerCase(gw, c, 'xml')).status, c.name).toBe(400);
  });
});
