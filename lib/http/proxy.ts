/**
 * The proxies a run uses (docs/INTERPRETING.md §transport): HTTP_PROXY for http:// targets,
 * HTTPS_PROXY for https:// ones (HTTP_PROXY when it is unset), NO_PROXY for the hosts reached
 * directly — each also in lower case, which wins, as curl and undici read them. They are read from
 * the run's environment (RunOptions.env: the process environment over `.env`), never from
 * `process.env` behind its back. A proxy URL may carry credentials (`http://user:pw@proxy:3128`):
 * they are sent to the proxy only, and no message ever shows them — a proxy is named by its
 * variable and origin.
 */
/** The run's settings, as read (the process environment over `.env`). */
type Env = Readonly<Record<string, string | undefined>>;

export interface ProxySettings {
  /** Proxy URL for http:// targets ('' or undefined: none). */
  readonly http?: string;
  /** Proxy URL for https:// targets. */
  readonly https?: string;
  /** Hosts reached without a proxy: comma- or space-separated names, `.suffix`, `*.suffix`, `host:port`, or `*`. */
  readonly noProxy?: string;
  /** The variables the values came from, for messages. */
  readonly from: { readonly http?: string; readonly https?: string };
}

/** The variable of `name` that is set, the lower-case form first; undefined when neither is or both are empty. */
function pick(env: Env, name: string): [variable: string, value: string] | undefined {
  for (const variable of [name.toLowerCase(), name]) {
    const value = env[variable]?.trim();
    if (value) return [variable, value];
  }
  return undefined;
}

/**
 * The proxy settings of `env`, or the problems with them: a proxy URL must be http:// or https://
 * with a host (a bare `host:port` is read as `http://host:port`, as curl reads it).
 */
export function proxySettings(env: Env): { settings: ProxySettings; problems: string[] } {
  const problems: string[] = [];
  const read = (name: string): [string, string] | undefined => {
    const found = pick(env, name);
    if (!found) return undefined;
    const [variable, value] = found;
    const url = parseProxyUrl(value);
    if (!url) {
      problems.push(`${variable}: not a proxy URL (expected http://host:port, optionally with user:password@)`);
      return undefined;
    }
    return [variable, url];
  };
  const http = read('HTTP_PROXY');
  const https = read('HTTPS_PROXY') ?? http;
  const noProxy = pick(env, 'NO_PROXY')?.[1];
  return {
    settings: {
      ...(http ? { http: http[1] } : {}),
      ...(https ? { https: https[1] } : {}),
      ...(noProxy ? { noProxy } : {}),
      from: { ...(http ? { http: http[0] } : {}), ...(https ? { https: https[0] } : {}) },
    },
    problems,
  };
}

function parseProxyUrl(value: string): string | undefined {
  for (const candidate of /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? [value] : [`http://${value}`]) {
    try {
      const url = new URL(candidate);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url.href;
    } catch {
      /* the next form */
    }
  }
  return undefined;
}

/** A proxy URL as messages show it: its origin, never its credentials. */
export function proxyOrigin(proxyUrl: string): string {
  return new URL(proxyUrl).origin;
}

/**
 * The proxy a request to `url` goes through, in words (`HTTPS_PROXY (http://127.0.0.1:3128)`), or
 * '' when it goes directly: no proxy for its scheme, or NO_PROXY names its host. NO_PROXY is
 * matched as undici matches it: a host equal to an entry or below it (`.example.com` and
 * `example.com` both take `api.example.com`), an entry's port when it has one, `*` for every host.
 */
export function proxyNote(proxy: ProxySettings | undefined, url: string): string {
  if (!proxy) return '';
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const proxyUrl = https ? proxy.https : proxy.http;
  if (!proxyUrl || bypassed(proxy.noProxy ?? '', target)) return '';
  return `${(https ? proxy.from.https : proxy.from.http) ?? (https ? 'HTTPS_PROXY' : 'HTTP_PROXY')} (${proxyOrigin(proxyUrl)})`;
}

function bypassed(noProxy: string, target: URL): boolean {
  const entries = noProxy.split(/[,\s]/).filter((e) => e !== '');
  if (entries.length === 0) return false;
  if (noProxy.trim() === '*') return true;
  const host = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return entries.some((entry) => {
    const m = /^(.+):(\d+)$/.exec(entry);
    const name = (m ? m[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (m && Number(m[2]) !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}
