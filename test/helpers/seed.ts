/** The XML samples of the seed documents, cut out of contract/seeds/ (the docs are the contract). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const seedPath = (name: string): string => fileURLToPath(new URL(`../../contract/seeds/${name}`, import.meta.url));

export const PUT_CUSTOMER_SEED = readFileSync(seedPath('syntch-PutCustomer.txt'), 'utf8');
export const MARK_SEED = readFileSync(seedPath('ebizcharge-MarkCustomerAsSynchronized.txt'), 'utf8');

function between(text: string, start: string, end: string): string {
  const i = text.indexOf(start);
  const j = text.indexOf(end, i);
  if (i < 0 || j < 0) throw new Error(`seed sample ${start}…${end} not found`);
  return text.slice(i, j + end.length);
}

export const SEED_PUT_CUSTOMER_REQUEST_XML = between(PUT_CUSTOMER_SEED, '<PutCustomer ', '</PutCustomer>');
export const SEED_CUSTOMER_DETAIL_XML = between(PUT_CUSTOMER_SEED, '<CustomerDetail ', '</CustomerDetail>');
export const SEED_SOAP_REQUEST = between(MARK_SEED, '<soapenv:Envelope', '</soapenv:Envelope>');
const responses = MARK_SEED.slice(MARK_SEED.indexOf('Example Response'));
export const SEED_SOAP_RESPONSE = between(responses, '<s:Envelope', '</s:Envelope>');
export const SEED_SOAP_FAULT = between(responses.slice(responses.indexOf('</s:Envelope>') + 1), '<s:Envelope', '</s:Envelope>');

/** The items of an "Allowable Values" list that follows `member` in the seed table. */
export function seedAllowableValues(member: string, nextMember: string): string[] {
  const s = PUT_CUSTOMER_SEED.indexOf(`${member}model`);
  const e = PUT_CUSTOMER_SEED.indexOf(nextMember, s + member.length);
  return [...PUT_CUSTOMER_SEED.slice(s, e).matchAll(/•\s+(\S+)/g)].map((m) => m[1]!);
}
