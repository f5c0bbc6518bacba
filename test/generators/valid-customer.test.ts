/**
 * validCustomer() and its parts produce only valid customers, reach every corner the issue names,
 * are reproducible from a seed, and are accepted by the reference gateway in XML and JSON.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION_STATUS_VALUES, STATE_OR_PROVINCE_CODES, countryOfCode, typeSpec } from '../../contract/put-customer.ts';
import { TEXT_POOLS } from '../../generators/bounded-text.ts';
import { MEMBER_SITES } from '../../generators/locations.ts';
import { objectAt } from '../../lib/paths.ts';
import { customerBody } from '../../generators/serialize.ts';
import { validAddress } from '../../generators/valid-address.ts';
import { ADDRESS_LAYOUTS, validCustomer } from '../../generators/valid-customer.ts';
import { type ValueObject, isObject } from '../../lib/values.ts';
import { validatePutCustomer } from '../../reference/rest/validate.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { sendCustomerCase } from '../helpers/send.ts';
import { validateEachAgainst } from '../helpers/xsd.ts';

const SEED = 1;
const sample = fc.sample(validCustomer(), { seed: SEED, numRuns: 3000 });

/** Every string anywhere in a value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (isObject(v)) return Object.values(v).flatMap(strings);
  return [];
}

function addresses(c: ValueObject): ValueObject[] {
  return ['BillingAddress', 'ShippingAddress', 'DefaultContact.BillingAddress', 'DefaultContact.ShippingAddress']
    .map((p) => objectAt(c, p))
    .filter((a): a is ValueObject => a !== undefined);
}

describe('validCustomer produces only valid customers', () => {
  it('every customer passes every field rule and the either-address rule', () => {
    fc.assert(fc.property(validCustomer(), (c) => validatePutCustomer(c).length === 0), { seed: SEED, numRuns: 1000 });
  });

  it('every string is well-formed UTF-16 and within its member maximum', () => {
    for (const c of sample.slice(0, 500)) {
      for (const site of MEMBER_SITES) {
        const v = objectAt(c, site.location.path)?.[site.member.name];
        if (typeof v !== 'string') continue;
        expect(v.isWellFormed()).toBe(true);
        if (site.member.kind === 'scalar' && site.member.maxLength !== undefined) expect(v.length).toBeLessThanOrEqual(site.member.maxLength);
      }
    }
  });

  it('every address has a state/province code of its own country', () => {
    fc.assert(fc.property(validAddress(), (a) => countryOfCode(a.StateOrProvinceCode as string) === a.CountryCode), { seed: SEED, numRuns: 1000 });
  });

  it('required members are never blank and never have edge spaces', () => {
    for (const c of sample.slice(0, 500)) {
      for (const site of MEMBER_SITES.filter((s) => s.member.required && s.member.kind === 'scalar')) {
        const v = objectAt(c, site.location.path)?.[site.member.name];
        if (typeof v === 'string') expect(v.trim()).toBe(v);
      }
    }
  });

  it('carries no CustomerKey: the path carries it', () => {
    expect(sample.every((c) => !('CustomerKey' in c))).toBe(true);
  });
});

describe('validCustomer reaches every corner', () => {
  it('all 64 state/province codes, both countries, every ActivationStatus, every layout', () => {
    const codes = new Set(sample.flatMap(addresses).map((a) => a.StateOrProvinceCode));
    expect([...codes].sort()).toEqual([...STATE_OR_PROVINCE_CODES].sort());
    expect(new Set(sample.map((c) => c.ActivationStatus))).toEqual(new Set(ACTIVATION_STATUS_VALUES));
    const layout = (c: ValueObject) => (c.ShippingAddress ? (c.BillingAddress ? 'both' : 'shipping') : 'billing');
    expect(new Set(sample.map(layout))).toEqual(new Set(ADDRESS_LAYOUTS));
  });

  it('every optional member both present and absent, at every location', () => {
    for (const site of MEMBER_SITES.filter((s) => !s.member.required)) {
      const at = sample.map((c) => objectAt(c, site.location.path)).filter((o): o is ValueObject => o !== undefined);
      expect(at.some((o) => o[site.member.name] !== undefined), `${site.fieldPath} present`).toBe(true);
      expect(at.some((o) => o[site.member.name] === undefined), `${site.fieldPath} absent`).toBe(true);
    }
  });

  it('contacts with and without each nested address, and empty contacts', () => {
    const contacts = sample.map((c) => c.DefaultContact as ValueObject);
    expect(contacts.some((c) => c.BillingAddress && c.ShippingAddress)).toBe(true);
    expect(contacts.some((c) => !c.BillingAddress && !c.ShippingAddress)).toBe(true);
    expect(contacts.some((c) => Object.keys(c).length === 0)).toBe(true);
  });

  it('every string member at exactly its maximum, and empty optional strings', () => {
    for (const site of MEMBER_SITES) {
      if (site.member.kind !== 'scalar' || site.member.maxLength === undefined) continue;
      const values = sample.map((c) => objectAt(c, site.location.path)?.[site.member.name]).filter((v): v is string => typeof v === 'string');
      expect(values.some((v) => v.length === (site.member as { maxLength: number }).maxLength), `${site.fieldPath} at max`).toBe(true);
      if (!site.member.required) expect(values.includes(''), `${site.fieldPath} empty`).toBe(true);
    }
  });

  it('non-ASCII, CJK, XML-special, CDATA-terminator and astral characters, and edge spaces in optional members', () => {
    const all = sample.flatMap(strings).join('\u0000');
    for (const c of ['é', '中', '&', '<', '>', '"', "'", ']]>', ...TEXT_POOLS.astral]) expect(all, c).toContain(c);
    const optional = sample.flatMap((c) => strings(c.DefaultContact));
    expect(optional.some((s) => s.length > 1 && (s.startsWith(' ') || s.endsWith(' ')))).toBe(true);
  });
});

describe('reproducible', () => {
  it('the same seed gives the same customers, another seed others', () => {
    expect(fc.sample(validCustomer(), { seed: 7, numRuns: 20 })).toEqual(fc.sample(validCustomer(), { seed: 7, numRuns: 20 }));
    expect(fc.sample(validCustomer(), { seed: 8, numRuns: 20 })).not.toEqual(fc.sample(validCustomer(), { seed: 7, numRuns: 20 }));
  });

  it('generation at a fixed seed does not drift (NoRegression snapshot)', () => {
    expect(fc.sample(validCustomer(), { seed: 424242, numRuns: 3 })).toMatchSnapshot();
  });
});

describe('against the reference gateway', () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway();
  });
  afterAll(() => gw.close());

  it.each(['xml', 'json'] as const)('every valid customer sent as %s is accepted (200)', async (format) => {
    await fc.assert(
      fc.asyncProperty(validCustomer(), async (value) => {
        const res = await sendCustomerCase(gw, { clause: 'put-customer/response/status-200', description: 'a valid customer', expect: 'accepted', value }, format);
        return res.status === 200;
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('every valid customer serialized as XML validates against the exported XSD', async () => {
    const bodies = sample.slice(0, 40).map((value) => customerBody(value, 'xml').body);
    const results = await validateEachAgainst('bindingModels', bodies);
    expect(results).toHaveLength(40);
    expect(results.map((r, i) => (r.valid ? undefined : { body: bodies[i], errors: r.errors })).filter((r) => r !== undefined)).toEqual([]);
  });

  it('the echo of every valid customer is exactly what was sent', async () => {
    for (const value of sample.slice(0, 60)) {
      const res = await sendCustomerCase(gw, { clause: 'put-customer/response/status-200', description: 'a valid customer', expect: 'accepted', value }, 'json');
      const echoed = JSON.parse(res.text) as ValueObject;
      for (const m of typeSpec('PutCustomer').members) {
        if (m.name === 'CustomerKey' || m.name === 'CustomerId') continue;
        expect(echoed[m.name]).toEqual(value[m.name]);
      }
      expect(echoed.CustomerID).toEqual(value.CustomerId);
    }
  });
});
