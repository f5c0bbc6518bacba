/**
 * One generated value, every wire format: PutCustomer as DataContract XML (the seed's member order
 * and namespaces) or ServiceStack JSON (PascalCase), MarkCustomerAsSynchronized as a SOAP 1.1
 * envelope. The formats are the contract's (lib/ codecs read the contract types).
 */
import { SOAP11_CONTENT_TYPE, SOAP_ACTION } from '../contract/mark-customer-as-synchronized.ts';
import { MEDIA_TYPES, TYPES, mediaTypeSpellings } from '../contract/put-customer.ts';
import { writeServiceStackJson } from '../lib/json/servicestack-json.ts';
import { buildMarkRequest, type MarkRequestValue } from '../contract/soap-envelope.ts';
import type { ValueObject } from '../lib/values.ts';
import { type XmlWriteOptions, writeDataContractXml } from '../lib/xml/datacontract.ts';

export type BodyFormat = 'xml' | 'json';

export const REQUEST_CONTENT_TYPES: Readonly<Record<BodyFormat, string>> = { xml: MEDIA_TYPES.xml[0], json: MEDIA_TYPES.json[0] };

export interface SerializedRequest {
  readonly contentType: string;
  readonly body: string;
}

export interface CustomerBodyOptions {
  /** A CustomerKey to write into the body (the sample carries one); default none. */
  readonly bodyKey?: number;
  readonly xml?: XmlWriteOptions;
}

/**
 * A PutCustomer body. A member that is null is sent nil: `i:nil="true"` in XML, an explicit `null`
 * in JSON (docs/INTERPRETING.md §nil), so a required member sent null is probed in both formats.
 */
export function customerBody(value: ValueObject, format: BodyFormat, options: CustomerBodyOptions = {}): SerializedRequest {
  // A frozen value (the boundary catalogue's, frozen whole) is the same bytes every run: written once.
  const stable = options.bodyKey === undefined && options.xml === undefined && Object.isFrozen(value);
  const known = stable ? stableBodies.get(value)?.[format] : undefined;
  if (known) return known;
  const v = options.bodyKey === undefined ? value : { ...value, CustomerKey: options.bodyKey };
  const written: SerializedRequest = {
    contentType: REQUEST_CONTENT_TYPES[format],
    body: format === 'xml' ? writeDataContractXml(TYPES, 'PutCustomer', v, options.xml) : writeServiceStackJson(TYPES, 'PutCustomer', v, { nulls: 'explicit' }),
  };
  if (stable) stableBodies.set(value, { ...stableBodies.get(value), [format]: written });
  return written;
}

/** The bodies of frozen values, by format: a process runs the same catalogue many times (the self-check, the tests). */
const stableBodies = new WeakMap<ValueObject, Partial<Record<BodyFormat, SerializedRequest>>>();

/**
 * The request's media type, spelt one of the ways every correct gateway takes (INTERPRETING.md
 * §negotiation, `negotiation/content-type-parameters`, MUST): bare, `; charset=utf-8` or
 * `;charset=UTF-8`, chosen by the body's length, so valid requests vary and the same request is
 * always spelt the same way (a seed replays it). Spellings only a SHOULD clause covers (another
 * case) are probed on their own, never here.
 */
export function spelledContentType(type: string, body: string): string {
  const spellings = [type, ...mediaTypeSpellings(type).withCharset];
  return spellings[body.length % spellings.length]!;
}

export function soapRequest(value: MarkRequestValue, soapAction: 'quoted' | 'unquoted' = 'quoted', unknownHeaderBlock?: '1' | '0' | 'absent'): SerializedRequest & { readonly soapAction: string } {
  return {
    contentType: `${SOAP11_CONTENT_TYPE}; charset=utf-8`,
    body: buildMarkRequest(value, unknownHeaderBlock !== undefined ? { unknownHeaderBlock } : {}),
    soapAction: soapAction === 'quoted' ? `"${SOAP_ACTION}"` : SOAP_ACTION,
  };
}
