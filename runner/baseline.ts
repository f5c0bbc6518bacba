/**
 * The baseline requests (docs/INTERPRETING.md §transport, "refused credentials"): before any suite
 * runs, one valid PutCustomer with the configured `SYNTCH_AUTHORIZATION` and one valid
 * MarkCustomerAsSynchronized with the configured security token. Both are requests the contract
 * says must succeed. When the gateway refuses them outright — 401 or 403, a redirect, an HTML page
 * where an API answer belongs (a login page, a portal) — every clause after them would fail for a
 * reason that is almost always the configuration (a revoked token, an `http://` URL answered with a
 * redirect to `https://`), not the gateway: the run has no verdict (exit 2) and names the setting
 * most likely to blame, instead of a NOT CONFORMANT verdict with dozens of failures.
 *
 * The documented `InvalidCustomerInternalId` fault to the baseline MarkCustomerAsSynchronized says
 * the configured `EBIZ_CUSTOMER_INTERNAL_ID` does not exist: no verdict either. Any other SOAP fault
 * is judged by the suites — the docs define no fault for a bad token, so a fault cannot tell a
 * revoked SecurityId from a gateway that refuses a valid one.
 *
 * One exception keeps a real deviation a verdict: a 403 to the configured Merchant user while the
 * configured Reseller user (`SYNTCH_AUTHORIZATION_RESELLER`) is served shows the gateway works and
 * refuses one documented role — `put-customer/auth/roles-accepted` judges that, so the run goes on.
 */
import { readSoap } from '../checks/soap.ts';
import { FAULT_INVALID_CUSTOMER_INTERNAL_ID } from '../contract/mark-customer-as-synchronized.ts';
import { baselineCustomer } from '../generators/baseline.ts';
import { customerBody, soapRequest } from '../generators/serialize.ts';
import { soapRequestWith } from '../generators/valid-soap-request.ts';
import type { HttpClient, HttpExchange, HttpRequest } from '../lib/http/client.ts';
import { requestUrl } from '../lib/url.ts';
import type { ConformanceConfig, SyntchConfig } from '../config/settings.ts';

/** The valid PutCustomer of the baseline customer, as XML, with `authorization`. */
export function baselinePut(syntch: SyntchConfig, authorization: string): HttpRequest {
  const { contentType, body } = customerBody(baselineCustomer(), 'xml');
  return { method: 'PUT', url: requestUrl(syntch.baseUrl, `/customers/${syntch.customerKey}`), headers: { 'Content-Type': contentType, Accept: contentType, Authorization: authorization }, body };
}

/** The valid MarkCustomerAsSynchronized with the configured token (UserId and Password as configured). */
export function baselineMark(config: NonNullable<ConformanceConfig['ebiz']>): HttpRequest {
  const target = { securityId: config.securityId, customerInternalId: config.customerInternalId, ...(config.userId ? { userId: config.userId } : {}), ...(config.password ? { password: config.password } : {}) };
  const c = soapRequestWith(target, 'configured', 'quoted');
  const { contentType, body, soapAction } = soapRequest(c.value, c.soapAction);
  return { method: 'POST', url: requestUrl(config.soapUrl), headers: { 'Content-Type': contentType, SOAPAction: soapAction }, body };
}

/** How an answer to a baseline request refuses it, in words; undefined when it does not. */
export function refusal(e: HttpExchange): string | undefined {
  if (e.status === 401 || e.status === 403) return `${e.status} ${e.status === 401 ? '(not authenticated)' : '(forbidden)'}`;
  if (e.status >= 300 && e.status < 400) return `a redirect (${e.status}${e.headers.location ? ` to ${e.headers.location}` : ''}); no redirect is followed`;
  if (e.status < 300 && /^\s*text\/html\b/i.test(e.contentType)) return `an HTML page (${e.status}, ${e.contentType}) where an API answer belongs: a login page or a portal`;
  return undefined;
}

/** What to check, by the refusal: the setting that is the likeliest cause. */
function hint(e: HttpExchange, credential: string, urlSetting: string, url: string): string {
  if (e.status === 401) return `check ${credential} (a revoked, expired or mistyped credential?)`;
  if (e.status === 403) return `check ${credential}: it must be a user the operation serves`;
  if (e.status >= 300 && e.status < 400) {
    const https = url.startsWith('http://') && (e.headers.location ?? '').startsWith('https://');
    return `check ${urlSetting}: ${https ? 'it says http:// and the gateway redirects to https://, so configure the https:// URL' : 'if the gateway moved, configure the URL it points to'}`;
  }
  return `check ${urlSetting} and ${credential}: a login page means the request did not reach the API as an authenticated client`;
}

/**
 * Sends the baseline requests of the configured APIs; returns one problem per refused request,
 * naming the setting to check. Transport failures propagate (the preflight has judged reachability).
 */
export async function baselineRefusals(client: HttpClient, config: ConformanceConfig): Promise<string[]> {
  // Both APIs at once (one round trip before the suites start, not two); problems in API order.
  const [syntch, ebiz] = await Promise.all([syntchRefusal(client, config.syntch), ebizRefusal(client, config.ebiz)]);
  return [...syntch, ...ebiz];
}

async function syntchRefusal(client: HttpClient, s: ConformanceConfig['syntch']): Promise<string[]> {
  if (!s) return [];
  const put = (authorization: string) => client.send(baselinePut(s, authorization), { retries: 1 });
  const e = await put(s.authorization);
  const why = refusal(e);
  const servedAsReseller = why !== undefined && e.status === 403 && s.authorizationReseller !== undefined && (await put(s.authorizationReseller)).status === 200;
  if (why === undefined || servedAsReseller) return [];
  return [`a valid PutCustomer with the configured SYNTCH_AUTHORIZATION was refused with ${why}; ${hint(e, 'SYNTCH_AUTHORIZATION', 'SYNTCH_BASE_URL', s.baseUrl)}. No verdict is given when the baseline request is refused`];
}

async function ebizRefusal(client: HttpClient, ebiz: ConformanceConfig['ebiz']): Promise<string[]> {
  if (!ebiz) return [];
  const e = await client.send(baselineMark(ebiz), { retries: 1 });
  const why = refusal(e);
  if (why === undefined && readSoap(e.text).fault?.codeLocal === FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName) {
    // The documented fault for an id the gateway does not know: the configured test customer is missing.
    return [`EBIZ_CUSTOMER_INTERNAL_ID: a valid MarkCustomerAsSynchronized for the configured id was answered with the documented ${FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName} fault; set it to the customerInternalId of an existing test customer. No verdict is given when the baseline request is refused`];
  }
  if (why === undefined) return [];
  return [`a valid MarkCustomerAsSynchronized with the configured EBIZ_SECURITY_ID was refused with ${why}; ${hint(e, 'EBIZ_SECURITY_ID (and EBIZ_USER_ID, EBIZ_PASSWORD)', 'EBIZ_SOAP_URL', ebiz.soapUrl)}. No verdict is given when the baseline request is refused`];
}
