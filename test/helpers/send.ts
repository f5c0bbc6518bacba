/** Sends generated cases to a gateway and reads the answers, for the generators' tests. */
import { TYPES } from '../../contract/put-customer.ts';
import { type BodyFormat, customerBody, soapRequest } from '../../generators/serialize.ts';
import type { CustomerCase } from '../../generators/customer-case.ts';
import type { SoapCase } from '../../generators/soap-case.ts';
import { readDataContractXml } from '../../lib/xml/datacontract.ts';
import { parseXml } from '../../lib/xml/parse.ts';
import type { ReferenceGateway } from '../../reference/server.ts';
import { type HttpResult, http } from './http.ts';

export function sendCustomerCase(gw: ReferenceGateway, c: CustomerCase, format: BodyFormat = 'xml', customerKey = 1): Promise<HttpResult> {
  const { contentType, body } = customerBody(c.value, format, c.bodyKeyDiffers ? { bodyKey: customerKey + 1 } : {});
  const key = c.pathKey !== undefined ? encodeURIComponent(c.pathKey) : String(customerKey);
  return http('PUT', `${gw.restBaseUrl}/customers/${key}`, {
    Authorization: gw.fixtures.rest.users.merchant.authorization,
    'Content-Type': contentType,
    Accept: contentType,
  }, body);
}

/** The FieldNames of an ErrorResponse (XML or JSON). */
export function fieldNamesOf(res: HttpResult): string[] {
  if (res.contentType.startsWith('application/json')) {
    const j = JSON.parse(res.text) as { ResponseStatus?: { Errors?: { FieldName?: string }[] } };
    return (j.ResponseStatus?.Errors ?? []).map((e) => e.FieldName ?? '');
  }
  const v = readDataContractXml(TYPES, parseXml(res.text), 'ErrorResponse') as { ResponseStatus?: { Errors?: { FieldName?: string }[] } };
  return (v.ResponseStatus?.Errors ?? []).map((e) => e.FieldName ?? '');
}

/** True when the answer names the case's member (or it may name none and names none). */
export function namesField(c: CustomerCase, res: HttpResult): boolean {
  const names = fieldNamesOf(res);
  if (names.length === 0) return c.mayLackFieldName === true;
  return [c.fieldPath, ...(c.alsoAcceptedFieldNames ?? [])].some((f) => f !== undefined && names.includes(f));
}

export function sendSoapCase(gw: ReferenceGateway, c: SoapCase): Promise<HttpResult> {
  const { contentType, body, soapAction } = soapRequest(c.value, c.soapAction);
  return http('POST', gw.soapUrl, { 'Content-Type': contentType, SOAPAction: soapAction }, body);
}
