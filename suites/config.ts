/**
 * The run's configuration, from the environment (and `.env` through dotenv). Every problem is
 * reported at once, with what to set, before any request is sent (docs/INTERPRETING.md
 * §exit-codes: a configuration problem is exit 2, never a verdict).
 */
import { INT32_MAX, INT32_MIN } from '../lib/values.ts';

export interface SyntchConfig {
  /** Base URL the documented routes are relative to, without a trailing slash. */
  readonly baseUrl: string;
  readonly authorization: string;
  readonly authorizationNoRole?: string;
  readonly customerKey: number;
  readonly missingCustomerKey?: number;
}

export interface EbizConfig {
  readonly soapUrl: string;
  readonly securityId: string;
  readonly userId?: string;
  readonly password?: string;
  readonly customerInternalId: string;
}

export interface RunSettings {
  readonly seed: number;
  readonly runs: number;
  readonly concurrency: number;
  /** Requests per second; undefined: unlimited. */
  readonly rateLimit?: number;
  readonly timeoutMs: number;
  readonly reportDir: string;
  readonly strict: boolean;
}

export interface ConformanceConfig {
  /** No endpoint configured: the embedded reference gateway is the target. */
  readonly embedded: boolean;
  readonly syntch?: SyntchConfig;
  readonly ebiz?: EbizConfig;
  /** Why an API is not tested, when it is not. */
  readonly notTested: { readonly syntch?: string; readonly ebiz?: string };
  readonly run: RunSettings;
}

/** Environment variables whose values are secrets: masked in every output. */
export const SECRET_VARIABLES = ['SYNTCH_AUTHORIZATION', 'SYNTCH_AUTHORIZATION_NO_ROLE', 'EBIZ_SECURITY_ID', 'EBIZ_USER_ID', 'EBIZ_PASSWORD'] as const;

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env): ConformanceConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const required = (name: string, what: string): string => {
    const v = get(name);
    if (v === undefined) problems.push(`${name} is not set: ${what}`);
    return v ?? '';
  };
  const url = (name: string, value: string, example: string): string => {
    try {
      const u = new URL(value);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
      return value.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} is not an http(s) URL: '${value}' (e.g. ${example})`);
      return value;
    }
  };
  const int = (name: string, value: string | undefined, min: number, max: number, fallback: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^[+-]?\d+$/.test(value) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
      return fallback;
    }
    return n;
  };

  const syntchUrl = get('SYNTCH_BASE_URL');
  const ebizUrl = get('EBIZ_SOAP_URL');
  const embedded = syntchUrl === undefined && ebizUrl === undefined;
  const notTested: { syntch?: string; ebiz?: string } = {};

  let syntch: SyntchConfig | undefined;
  if (syntchUrl !== undefined) {
    const baseUrl = url('SYNTCH_BASE_URL', syntchUrl, 'https://syntch-sandbox.simpay.net/api');
    const authorization = required('SYNTCH_AUTHORIZATION', 'the full Authorization header value of a Merchant or Reseller user');
    const keyText = required('SYNTCH_CUSTOMER_KEY', 'the key of an existing test customer the suite may overwrite');
    const customerKey = int('SYNTCH_CUSTOMER_KEY', keyText || undefined, INT32_MIN, INT32_MAX, 0);
    const missing = get('SYNTCH_MISSING_CUSTOMER_KEY');
    syntch = {
      baseUrl,
      authorization,
      customerKey,
      ...(get('SYNTCH_AUTHORIZATION_NO_ROLE') ? { authorizationNoRole: get('SYNTCH_AUTHORIZATION_NO_ROLE') } : {}),
      ...(missing !== undefined ? { missingCustomerKey: int('SYNTCH_MISSING_CUSTOMER_KEY', missing, INT32_MIN, INT32_MAX, 0) } : {}),
    };
    if (syntch.missingCustomerKey !== undefined && syntch.missingCustomerKey === customerKey) {
      problems.push('SYNTCH_MISSING_CUSTOMER_KEY must differ from SYNTCH_CUSTOMER_KEY');
    }
  } else if (!embedded) {
    notTested.syntch = 'SYNTCH_BASE_URL not set';
  }

  let ebiz: EbizConfig | undefined;
  if (ebizUrl !== undefined) {
    ebiz = {
      soapUrl: url('EBIZ_SOAP_URL', ebizUrl, 'https://soap.ebizcharge.net/eBizService.svc'),
      securityId: required('EBIZ_SECURITY_ID', 'the SecurityId of the merchant'),
      customerInternalId: required('EBIZ_CUSTOMER_INTERNAL_ID', 'the customerInternalId of an existing test customer'),
      ...(get('EBIZ_USER_ID') ? { userId: get('EBIZ_USER_ID') } : {}),
      ...(get('EBIZ_PASSWORD') ? { password: get('EBIZ_PASSWORD') } : {}),
    };
  } else if (!embedded) {
    notTested.ebiz = 'EBIZ_SOAP_URL not set';
  }

  const seedText = get('CONFORMANCE_SEED');
  const rateText = get('CONFORMANCE_RATE_LIMIT');
  let rateLimit: number | undefined;
  if (rateText !== undefined) {
    const r = Number(rateText);
    if (!Number.isFinite(r) || r <= 0) problems.push(`CONFORMANCE_RATE_LIMIT must be a positive number of requests per second, got '${rateText}'`);
    else rateLimit = r;
  } else if (!embedded) {
    rateLimit = 10;
  }
  const strictText = get('CONFORMANCE_STRICT')?.toLowerCase();
  if (strictText !== undefined && !['0', '1', 'true', 'false', 'yes', 'no'].includes(strictText)) {
    problems.push(`CONFORMANCE_STRICT must be 0 or 1, got '${strictText}'`);
  }
  const run: RunSettings = {
    seed: int('CONFORMANCE_SEED', seedText, -2147483648, 2147483647, randomSeed()),
    runs: int('CONFORMANCE_RUNS', get('CONFORMANCE_RUNS'), 1, 100000, 100),
    concurrency: int('CONFORMANCE_CONCURRENCY', get('CONFORMANCE_CONCURRENCY'), 1, 64, 4),
    timeoutMs: int('CONFORMANCE_TIMEOUT_MS', get('CONFORMANCE_TIMEOUT_MS'), 100, 600000, 10000),
    reportDir: get('CONFORMANCE_REPORT_DIR') ?? 'reports',
    strict: strictText === '1' || strictText === 'true' || strictText === 'yes',
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return { embedded, ...(syntch ? { syntch } : {}), ...(ebiz ? { ebiz } : {}), notTested, run };
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** Secret values with the variable that holds each, longest first (so a secret inside another is masked as the outer). */
export function secretsOf(env: Env): [value: string, variable: string][] {
  const out: [string, string][] = [];
  for (const name of SECRET_VARIABLES) {
    const v = env[name]?.trim();
    if (v) out.push([v, name]);
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

/** `text` with every configured secret replaced by `$VARIABLE`. */
export function maskSecrets(text: string, secrets: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [value, name] of secrets) out = out.split(value).join(`$${name}`);
  return out;
}
