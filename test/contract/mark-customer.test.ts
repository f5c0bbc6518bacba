/** The MarkCustomerAsSynchronized contract data against the seed's examples. */
import { describe, expect, it } from 'vitest';
import {
  FAULT_INVALID_CUSTOMER_INTERNAL_ID,
  NS,
  OPERATION_NAME,
  SUCCESS,
  soapTypeSpec,
} from '../../contract/mark-customer-as-synchronized.ts';
import { XML_NS, attr, child, parseXml } from '../../lib/xml/parse.ts';
import { MARK_SEED, SEED_SOAP_FAULT, SEED_SOAP_REQUEST, SEED_SOAP_RESPONSE } from '../helpers/seed.ts';

describe('MarkCustomerAsSynchronized contract matches the seed', () => {
  it('the request wrapper and SecurityToken have the members of the example request, in order', () => {
    const op = child(child(parseXml(SEED_SOAP_REQUEST), NS.soapEnv, 'Body')!, NS.service, OPERATION_NAME)!;
    expect(op.children.map((c) => c.local)).toEqual(soapTypeSpec(OPERATION_NAME).members.map((m) => m.name));
    const token = child(op, NS.service, 'securityToken')!;
    expect(token.children.map((c) => c.local)).toEqual(soapTypeSpec('SecurityToken').members.map((m) => m.name));
    expect(token.children.every((c) => c.ns === NS.service)).toBe(true);
  });

  it('the Syntax line names the same arguments', () => {
    expect(MARK_SEED).toContain(`CustomerResponse ${OPERATION_NAME}(SecurityToken securityToken, string customerInternalId)`);
  });

  it('CustomerResponse members are those of the example response, in order, in the service namespace', () => {
    const body = child(parseXml(SEED_SOAP_RESPONSE), NS.soapEnv, 'Body')!;
    const result = child(child(body, NS.service, `${OPERATION_NAME}Response`)!, NS.service, `${OPERATION_NAME}Result`)!;
    expect(result.children.map((c) => c.local)).toEqual(soapTypeSpec('CustomerResponse').members.map((m) => m.name));
    expect(result.children.every((c) => c.ns === NS.service)).toBe(true);
    const value = (name: string) => child(result, NS.service, name)!.text;
    expect({ Status: value('Status'), StatusCode: Number(value('StatusCode')), ErrorCode: Number(value('ErrorCode')) }).toEqual(SUCCESS);
  });

  it('the documented fault is InvalidCustomerInternalId in the envelope namespace, with its string and language', () => {
    const fault = child(child(parseXml(SEED_SOAP_FAULT), NS.soapEnv, 'Body')!, NS.soapEnv, 'Fault')!;
    const code = child(fault, '', 'faultcode')!;
    const [prefix, local] = code.text.split(':');
    expect(code.scope.get(prefix!)).toBe(FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeNamespace);
    expect(local).toBe(FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName);
    const str = child(fault, '', 'faultstring')!;
    expect(str.text).toBe(FAULT_INVALID_CUSTOMER_INTERNAL_ID.faultString);
    expect(attr(str, XML_NS, 'lang')).toBe(FAULT_INVALID_CUSTOMER_INTERNAL_ID.lang);
  });
});
