/**
 * Request URLs from a configured URL (docs/INTERPRETING.md §configuration). Every request the suite
 * sends is {@link requestUrl}: the configured base URL and a route joined by the WHATWG URL API,
 * never as text, so a base URL with a query (`https://fn.example/api?code=…`, how Azure Functions
 * and API Management pass keys) keeps its query on every request instead of having the route
 * appended to the key. {@link baseUrlProblem} says what the suite refuses in a configured URL;
 * {@link redactUrl} is how a problem message shows one, {@link urlSecrets} the secrets one holds.
 */
import type { SecretPair } from './secrets.ts';

/**
 * `base` with `route` joined: the route's path after the base path with exactly one `/` between
 * them, and the query of the base first, then the route's own (`?format=json`), joined by `&`
 * exactly as written (a key is never decoded and encoded again). A route segment that is already
 * percent-encoded (`%ZZ`) goes on the wire as written. No route (the SOAP endpoint): the base
 * itself. `base` is a URL {@link baseUrlProblem} accepts (no fragment, no userinfo).
 */
export function requestUrl(base: string, route = ''): string {
  const url = new URL(base);
  const at = route.indexOf('?');
  const [path, query] = at < 0 ? [route, ''] : [route.slice(0, at), route.slice(at + 1)];
  if (path !== '') url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const search = [url.search.slice(1), query].filter((q) => q !== '').join('&');
  url.search = search;
  return url.href;
}

/** What the suite refuses in a configured endpoint (docs/INTERPRETING.md §configuration). */
export type UrlProblem = 'not-http' | 'userinfo' | 'fragment';

/** Each {@link UrlProblem} in words, after the setting's name. */
export const URL_PROBLEMS: Readonly<Record<UrlProblem, string>> = {
  'not-http': 'is not an http(s) URL',
  userinfo: 'has a user name or password',
  fragment: 'has a fragment',
};

/**
 * Why `value` cannot be a configured endpoint, or undefined when it can: not an http(s) URL; a user
 * name or password (`http://user:pass@host/`: the credentials have their own settings); a fragment
 * (never sent, so whatever it was meant to carry would silently be lost).
 */
export function baseUrlProblem(value: string): UrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not-http';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not-http';
  if (url.username !== '' || url.password !== '') return 'userinfo';
  if (url.hash !== '' || value.includes('#')) return 'fragment';
  return undefined;
}

/**
 * `value` as a message may show it: the userinfo, the query and the fragment each replaced by `…`
 * (they may hold a key or a password), the scheme, host and path kept. Works on any text, a URL
 * or not, so a malformed URL is shown without its secrets too.
 */
export function redactUrl(value: string): string {
  const authorityStart = value.indexOf('//') >= 0 ? value.indexOf('//') + 2 : 0;
  const rest = value.slice(authorityStart);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  const shown = `${value.slice(0, authorityStart)}${at >= 0 ? `…${authority.slice(at)}` : authority}${authorityEnd < 0 ? '' : rest.slice(authorityEnd)}`;
  return shown.replace(/\?.*$/s, '?…').replace(/#.*$/s, '#…');
}

/**
 * The secrets a configured URL holds (docs/INTERPRETING.md §secrets): every query value and the
 * user name and password, each as written and, when it differs, decoded; each a
 * {@link SecretPart} of `variable` whose shell expression yields the value as written. Values of
 * no length are left out; a URL without any gives none. Works on the text as configured, so a URL
 * that does not parse still has its user name and password found.
 */
export function urlSecrets(value: string, variable: string): SecretPair[] {
  const out: SecretPair[] = [];
  const add = (raw: string, part: string, shell: string, plusIsSpace: boolean) => {
    if (raw === '') return;
    for (const v of new Set([raw, decoded(raw, plusIsSpace)])) out.push([v, variable, { part, shell, url: value }]);
  };
  const queryStart = value.indexOf('?');
  if (queryStart >= 0) {
    const query = value.slice(queryStart + 1).replace(/#.*$/s, '');
    query.split('&').forEach((pair, i) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return;
      const name = decoded(pair.slice(0, eq), true);
      const part = /^[A-Za-z0-9_.~-]{1,40}$/.test(name) ? name : 'query value';
      add(pair.slice(eq + 1), part, `"$(printf %s "$${variable}" | cut -d'?' -f2- | cut -d'#' -f1 | tr '&' '\\n' | sed -n '${i + 1}p' | cut -d= -f2-)"`, true);
    });
  }
  const authorityStart = value.indexOf('//');
  if (authorityStart >= 0) {
    const rest = value.slice(authorityStart + 2);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      const userinfoOf = `printf %s "$${variable}" | sed -e 's|^[^/]*//||' -e 's|[/?#].*||' -e 's|@[^@]*$||'`;
      add(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user', `"$(${userinfoOf} | cut -d: -f1)"`, false);
      if (colon >= 0) add(userinfo.slice(colon + 1), 'password', `"$(${userinfoOf} | cut -d: -f2-)"`, false);
    }
  }
  return out;
}

/** A URL component percent-decoded (in a query `+` is a space), or as it is when it is not well-formed. */
function decoded(text: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}
