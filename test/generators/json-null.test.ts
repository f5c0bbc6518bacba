/**
 * A JSON body carries an explicit `null` where a case sends a member nil (the XML `i:nil="true"`),
 * so a required member sent `null` is probed in JSON too, and is rejected (docs/INTERPRETING.md
 * §nil: MUST, as `i:nil` is). An optional member sent `null` is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryCases } from '../../generators/boundary-cases.ts';
import { customerBody } from '../../generators/serialize.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { sendCustomerCase } from '../helpers/send.ts';

const nilCases = boundaryCases().filter((c) => / nil$/.test(c.description));
const required = nilCases.filter((c) => c.clause.endsWith('/required'));
const optional = nilCases.filter((c) => c.clause.endsWith('/optional'));
const lastSegment = (fieldPath: string) => fieldPath.split('.').pop()!;

let gw: ReferenceGateway;
beforeAll(async () => {
  gw = await startReferenceGateway({});
});
afterAll(() => gw.close());

describe('explicit JSON null', () => {
  it('every required member at every location (top level, DefaultContact, each address, the complex members) is sent null in JSON', () => {
    expect(required.length).toBeGreaterThan(15);
    for (const fp of ['CustomerName', 'DefaultContact', 'DefaultContact.BillingAddress.PostalCode', 'ActivationStatus', 'BillingAddress.StreetAddress1', 'ShippingAddress.CountryCode']) {
      expect(required.some((c) => c.fieldPath === fp), fp).toBe(true);
    }
    for (const c of required) {
      const body = customerBody(c.value, 'json').body;
      expect(body, c.name).toContain(`"${lastSegment(c.fieldPath ?? '')}":null`);
    }
  });

  it('the reference rejects each required null and accepts each optional one', async () => {
    for (const c of required) expect((await sendCustomerCase(gw, c, 'json')).status, c.name).toBe(400);
    for (const c of optional) expect((await sendCustomerCase(gw, c, 'json')).status, c.name).toBe(200);
  });
});
