/**
 * The PutCustomer contract data against the seed document: every rule of the seed is in the data,
 * and nothing in the data contradicts the seed.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_STATUS_VALUES,
  CAN_PROVINCE_CODES,
  CLAUSES,
  COUNTRY_CODES,
  STATE_OR_PROVINCE_CODES,
  TYPES,
  USA_STATE_CODES,
  allowedValuesOf,
  fieldClauseId,
  typeSpec,
} from '../../contract/put-customer.ts';
import type { MemberSpec } from '../../contract/types.ts';
import { parseXml } from '../../lib/xml/parse.ts';
import { PUT_CUSTOMER_SEED, SEED_CUSTOMER_DETAIL_XML, SEED_PUT_CUSTOMER_REQUEST_XML, seedAllowableValues } from '../helpers/seed.ts';

/** The seed's table sections, by the type they describe. */
const SECTIONS: Record<string, [start: string, end: string]> = {
  PutCustomer: ['PutCustomer Parameters:', 'ActivationStatus Enum:'],
  Contact: ['Contact Parameters:', 'Address Parameters:'],
  Address: ['Address Parameters:', 'CustomerDetail Parameters:'],
  CustomerDetail: ['CustomerDetail Parameters:', 'To override the Content-type'],
};

function section(typeName: string): string {
  const [start, end] = SECTIONS[typeName]!;
  const i = PUT_CUSTOMER_SEED.indexOf(start);
  return PUT_CUSTOMER_SEED.slice(i, PUT_CUSTOMER_SEED.indexOf(end, i));
}

/** The "Data Type" column as the seed writes it for a member. */
function seedDataType(typeName: string, m: MemberSpec): string {
  if (m.kind === 'enum') return `${m.enumName}?`;
  if (m.kind === 'complex') return typeName === 'CustomerDetail' && m.name.endsWith('Address') ? m.name : m.typeName;
  if (m.kind === 'scalar') return { string: 'string', int: m.name === 'MerchantKey' ? 'int?' : 'int', dateTime: 'DateTime' }[m.type];
  return m.kind;
}

describe('contract data matches the seed tables', () => {
  for (const typeName of Object.keys(SECTIONS)) {
    const type = typeSpec(typeName);
    it(`${typeName}: every member has the seed's name, parameter kind, data type, required-ness and description`, () => {
      for (const m of type.members) {
        const parameter = m.boundFrom ?? (m.name.endsWith('Timestamp') ? 'form' : 'model');
        const required = m.required ? 'Yes' : 'No';
        const text = section(typeName);
        // The seed row, e.g. "CustomerNamemodelstringYesThe name of the customer. Cannot exceed 100 characters."
        expect(text, `${typeName}.${m.name}`).toContain(`${m.name}${parameter}${seedDataType(typeName, m)}${required}${m.doc}`);
      }
    });

    it(`${typeName}: the contract has as many members as the seed table has rows`, () => {
      const rows = section(typeName).split('\n').filter((l) => /^[A-Z][A-Za-z0-9]*(model|path|form)[A-Za-z?]+(Yes|No)/.test(l));
      expect(type.members.length).toBe(rows.length);
    });
  }

  it('every maximum length is the number written in the member description', () => {
    let checked = 0;
    for (const typeName of ['PutCustomer', 'Contact', 'Address']) {
      for (const m of typeSpec(typeName).members) {
        const n = /(?:max|Cannot exceed) (\d+)/.exec(m.doc)?.[1];
        const maxLength = m.kind === 'scalar' ? m.maxLength : undefined;
        expect(maxLength, `${typeName}.${m.name}`).toBe(n === undefined ? undefined : Number(n));
        if (n) checked++;
      }
    }
    expect(checked).toBe(2 + 9 + 5);
  });

  it('the 64 state/province codes are the seed list: 51 USA (50 states and DC) and 13 CAN', () => {
    expect(STATE_OR_PROVINCE_CODES).toEqual(seedAllowableValues('StateOrProvinceCode', 'PostalCode'));
    expect(STATE_OR_PROVINCE_CODES).toHaveLength(64);
    expect(new Set(STATE_OR_PROVINCE_CODES).size).toBe(64);
    expect(USA_STATE_CODES).toHaveLength(51);
    expect(CAN_PROVINCE_CODES).toHaveLength(13);
  });

  it('country codes are USA and CAN, as listed', () => {
    expect([...COUNTRY_CODES]).toEqual(seedAllowableValues('CountryCode', 'CustomerDetail Parameters'));
  });

  it('ActivationStatus has the four names of both seed lists', () => {
    expect([...ACTIVATION_STATUS_VALUES]).toEqual(seedAllowableValues('ActivationStatus', 'DefaultContact'));
    const enumList = PUT_CUSTOMER_SEED.slice(PUT_CUSTOMER_SEED.indexOf('ActivationStatus Enum:'), PUT_CUSTOMER_SEED.indexOf('Contact Parameters:'));
    expect(enumList.split('\n').slice(1).map((l) => l.trim()).filter(Boolean)).toEqual([...ACTIVATION_STATUS_VALUES]);
  });
});

describe('member order and namespaces match the seed samples', () => {
  const samples: [string, string][] = [
    ['PutCustomer', SEED_PUT_CUSTOMER_REQUEST_XML],
    ['CustomerDetail', SEED_CUSTOMER_DETAIL_XML],
  ];
  for (const [rootType, xml] of samples) {
    it(`${rootType} sample: every element is the contract's member, in the contract's order and namespace`, () => {
      const walk = (el: ReturnType<typeof parseXml>, typeName: string): void => {
        const type = typeSpec(typeName);
        const present = type.members.filter((m) => el.children.some((c) => c.local === m.name));
        expect(el.children.map((c) => c.local), typeName).toEqual(present.map((m) => m.name));
        for (const c of el.children) {
          expect(c.ns, `${typeName}.${c.local}`).toBe(type.namespace);
          const m = type.members.find((x) => x.name === c.local)!;
          if (m.kind === 'complex') walk(c, m.typeName);
        }
      };
      const root = parseXml(xml);
      expect(root.local).toBe(rootType);
      expect(root.ns).toBe(typeSpec(rootType).namespace);
      walk(root, rootType);
    });
  }

  it('the samples show every member of PutCustomer and CustomerDetail', () => {
    expect(parseXml(SEED_PUT_CUSTOMER_REQUEST_XML).children).toHaveLength(typeSpec('PutCustomer').members.length);
    expect(parseXml(SEED_CUSTOMER_DETAIL_XML).children).toHaveLength(typeSpec('CustomerDetail').members.length);
  });
});

describe('field clauses are derived from every request member', () => {
  const ids = new Set(CLAUSES.map((c) => c.id));
  for (const typeName of ['PutCustomer', 'Contact', 'Address']) {
    for (const m of typeSpec(typeName).members) {
      if (m.boundFrom === 'path') continue;
      it(`${typeName}.${m.name} has its clauses`, () => {
        expect(ids.has(fieldClauseId(typeName, m.name, m.required ? 'required' : 'optional'))).toBe(true);
        if (m.kind === 'scalar' && m.maxLength !== undefined) expect(ids.has(fieldClauseId(typeName, m.name, 'max-length'))).toBe(true);
        if (allowedValuesOf(m)) expect(ids.has(fieldClauseId(typeName, m.name, 'allowed-values'))).toBe(true);
      });
    }
  }

  it('the either-address rule and the path key are clauses', () => {
    expect(ids.has('put-customer/either-address')).toBe(true);
    expect(ids.has('put-customer/customer-key/int32')).toBe(true);
  });

  it('contract types reference only types and enums that exist', () => {
    for (const type of Object.values(TYPES.types)) {
      for (const m of type.members) {
        if (m.kind === 'complex') expect(TYPES.types[m.typeName], `${type.name}.${m.name}`).toBeDefined();
        if (m.kind === 'list') expect(TYPES.types[m.itemTypeName], `${type.name}.${m.name}`).toBeDefined();
        if (m.kind === 'enum') expect(TYPES.enums[m.enumName], `${type.name}.${m.name}`).toBeDefined();
      }
    }
  });
});
