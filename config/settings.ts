/**
 * The run's configuration, from the merged settings (config/environment.ts: the process
 * environment over `.env` files). Every setting is described once, in {@link SETTINGS}; the
 * checks, the secret list and `.env.example` (a test compares them) all follow from it. Every
 * problem is reported at once, with what to set, before any request is sent
 * (docs/INTERPRETING.md §exit-codes, §configuration: a configuration problem is exit 2, never a
 * verdict).
 */
import { type SecretPair, secretPairs } from '../lib/secrets.ts';
import { URL_PROBLEMS, baseUrlProblem, redactUrl, urlSecrets } from '../lib/url.ts';
import { INT32_MAX, INT32_MIN } from '../lib/values.ts';
import { distance } from '../lib/did-you-mean.ts';

export interface SyntchConfig {
  /** Base URL the documented routes are relative to, without a trailing slash. */
  readonly baseUrl: string;
  readonly authorization: string;
  readonly authorizationNoRole?: string;
  /** A user with the Reseller role (enables `auth/reseller-accepted`). */
  readonly authorizationReseller?: string;
  /** A Merchant user of a merchant the test customer does not belong to (enables `auth/other-merchant-refused`). */
  readonly authorizationOtherMerchant?: string;
  readonly customerKey: number;
  readonly missingCustomerKey?: number;
}

export interface EbizConfig {
  readonly soapUrl: string;
  readonly securityId: string;
  readonly userId?: string;
  readonly password?: string;
  readonly customerInternalId: string;
  /** A SecurityId of another merchant (enables the SOAP other-merchant check). */
  readonly securityIdOtherMerchant?: string;
}

export interface RunSettings {
  readonly seed: number;
  readonly runs: number;
  readonly concurrency: number;
  /** Requests per second at most; undefined (the default): no fixed rate. */
  readonly rateLimit?: number;
  readonly timeoutMs: number;
  /** Extra attempts after a transport failure (no answer at all), 0–10. */
  readonly retries: number;
  /** Largest response body read, in bytes. */
  readonly maxResponseBytes: number;
  /** Only these checks (names as given, not yet validated); empty: every check. */
  readonly checks: readonly string[];
  /** Checks left out (names as given, not yet validated). */
  readonly excludeChecks: readonly string[];
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

/** One known setting. */
export interface Setting {
  readonly name: string;
  /** What it configures: one of the two APIs, the run, or `npm run reference`. */
  readonly api: 'syntch' | 'ebiz' | 'run' | 'reference';
  /** What it is (a problem message quotes it). */
  readonly what: string;
  /** Masked in every output and report. */
  readonly secret: boolean;
  /**
   * How its value is read: `url` an http(s) URL; `text` any text; `int` a whole number from
   * `min` to `max`; `number` a positive number; `flag` 0/1 (true/false, yes/no); `list`
   * comma-separated names.
   */
  readonly type: 'url' | 'text' | 'int' | 'number' | 'flag' | 'list';
  /** Needed whenever its API is configured. */
  readonly required?: boolean;
  /** The value when unset, written as it would be set; none: see `what`. */
  readonly default?: string;
  readonly min?: number;
  readonly max?: number;
  /** An example value (URLs). */
  readonly example?: string;
}

/** Every setting the suite knows, in the order `.env.example` documents them. */
export const SETTINGS = [
  { name: 'SYNTCH_BASE_URL', api: 'syntch', secret: false, type: 'url', example: 'https://syntch-sandbox.simpay.net/api', what: 'the base URL the documented routes are relative to' },
  { name: 'SYNTCH_AUTHORIZATION', api: 'syntch', secret: true, type: 'text', required: true, what: "the full Authorization header value of a Merchant user of the test customer's merchant (or of a Reseller user)" },
  { name: 'SYNTCH_AUTHORIZATION_NO_ROLE', api: 'syntch', secret: true, type: 'text', what: 'the Authorization header value of an authenticated user with neither role (enables the 403 check)' },
  { name: 'SYNTCH_AUTHORIZATION_RESELLER', api: 'syntch', secret: true, type: 'text', what: 'the Authorization header value of a user with the Reseller role (enables the reseller check)' },
  { name: 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT', api: 'syntch', secret: true, type: 'text', what: "the Authorization header value of a Merchant user of another merchant than the test customer's (enables the other-merchant check)" },
  { name: 'SYNTCH_CUSTOMER_KEY', api: 'syntch', secret: false, type: 'int', min: INT32_MIN, max: INT32_MAX, required: true, what: 'the key of an existing test customer the suite may overwrite' },
  { name: 'SYNTCH_MISSING_CUSTOMER_KEY', api: 'syntch', secret: false, type: 'int', min: INT32_MIN, max: INT32_MAX, what: 'a key no customer has (enables the unknown-key check)' },
  { name: 'EBIZ_SOAP_URL', api: 'ebiz', secret: false, type: 'url', example: 'https://soap.ebizcharge.net/eBizService.svc', what: 'the SOAP 1.1 endpoint' },
  { name: 'EBIZ_SECURITY_ID', api: 'ebiz', secret: true, type: 'text', required: true, what: 'the SecurityId of the merchant' },
  { name: 'EBIZ_USER_ID', api: 'ebiz', secret: true, type: 'text', what: 'the UserId of the security token (may be left unset)' },
  { name: 'EBIZ_PASSWORD', api: 'ebiz', secret: true, type: 'text', what: 'the Password of the security token (may be left unset)' },
  { name: 'EBIZ_SECURITY_ID_OTHER_MERCHANT', api: 'ebiz', secret: true, type: 'text', what: "the SecurityId of another merchant than the test customer's (enables the SOAP other-merchant check)" },
  { name: 'EBIZ_CUSTOMER_INTERNAL_ID', api: 'ebiz', secret: false, type: 'text', required: true, what: 'the customerInternalId of an existing test customer' },
  { name: 'CONFORMANCE_SEED', api: 'run', secret: false, type: 'int', min: INT32_MIN, max: INT32_MAX, what: 'the seed of the property runs (default: a random one, printed)' },
  { name: 'CONFORMANCE_RUNS', api: 'run', secret: false, type: 'int', min: 1, max: 100000, default: '100', what: 'property runs per property' },
  { name: 'CONFORMANCE_CONCURRENCY', api: 'run', secret: false, type: 'int', min: 1, max: 256, default: '256', what: 'requests in flight at most (the ceiling of the adaptive window, which starts at 8)' },
  { name: 'CONFORMANCE_RATE_LIMIT', api: 'run', secret: false, type: 'number', what: 'requests per second at most (default: no fixed rate)' },
  { name: 'CONFORMANCE_TIMEOUT_MS', api: 'run', secret: false, type: 'int', min: 100, max: 600000, default: '10000', what: 'the timeout of one request in milliseconds' },
  { name: 'CONFORMANCE_RETRIES', api: 'run', secret: false, type: 'int', min: 0, max: 10, default: '2', what: 'extra attempts after a transport failure' },
  { name: 'CONFORMANCE_MAX_RESPONSE_BYTES', api: 'run', secret: false, type: 'int', min: 1024, max: 268435456, default: '4194304', what: 'the largest response body read, in bytes' },
  { name: 'CONFORMANCE_CHECKS', api: 'run', secret: false, type: 'list', default: '', what: 'only these checks, comma-separated (default: every check)' },
  { name: 'CONFORMANCE_EXCLUDE_CHECKS', api: 'run', secret: false, type: 'list', default: '', what: 'checks to leave out, comma-separated' },
  { name: 'CONFORMANCE_REPORT_DIR', api: 'run', secret: false, type: 'text', default: 'reports', what: 'where the JSON, HTML and JUnit reports go' },
  { name: 'CONFORMANCE_STRICT', api: 'run', secret: false, type: 'flag', default: '0', what: '1: SHOULD failures fail the run too' },
  { name: 'CONFORMANCE_BASELINE', api: 'run', secret: false, type: 'text', what: 'an expected-failures baseline file (YAML or JSON): the failures it lists are reported expected, not failed (--baseline)' },
  { name: 'REFERENCE_PORT', api: 'reference', secret: false, type: 'int', min: 0, max: 65535, default: '8080', what: 'the port of `npm run reference`' },
] as const satisfies readonly Setting[];

export type SettingName = (typeof SETTINGS)[number]['name'];

/**
 * The command-line flag of a setting: its name in lower case with `-` for `_`
 * (`SYNTCH_BASE_URL` → `--syntch-base-url`). The CLI derives every setting flag from
 * {@link SETTINGS} with this, so a setting added to the table has its flag at once.
 */
export function flagOf(setting: Pick<Setting, 'name'> | SettingName): string {
  const name = typeof setting === 'string' ? setting : setting.name;
  return `--${name.toLowerCase().replace(/_/g, '-')}`;
}

/** Environment variables whose values are secrets: masked in every output. */
export const SECRET_VARIABLES: readonly SettingName[] = SETTINGS.filter((s) => s.secret).map((s) => s.name);

/** Names starting with one of these are the suite's: an unknown one is a typo, not someone else's variable. */
export const SETTING_PREFIXES = ['SYNTCH_', 'EBIZ_', 'CONFORMANCE_'] as const;

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Parsed = string | number | boolean | readonly string[];

/**
 * What a URL setting's user name and password would be for, and where that credential goes
 * instead: a configured URL's userinfo is refused (docs/INTERPRETING.md §configuration).
 */
const USERINFO_INSTEAD: Readonly<Record<string, string>> = {
  SYNTCH_BASE_URL: 'give the credential as SYNTCH_AUTHORIZATION, the whole Authorization header value (Basic <base64 of user:password>, or Bearer <token>)',
  EBIZ_SOAP_URL: 'the eBizCharge API authenticates by the SecurityToken in the body: EBIZ_SECURITY_ID, EBIZ_USER_ID, EBIZ_PASSWORD',
};

/**
 * A set value read as its setting says, or a problem (without the value when it is a secret; a URL
 * without its user name, password, query and fragment, which may hold a key).
 */
export function parseSetting(setting: Setting, value: string): { value: Parsed } | { problem: string } {
  const shown = setting.secret ? '(secret)' : `'${value}'`;
  switch (setting.type) {
    case 'url': {
      const problem = baseUrlProblem(value);
      if (problem === undefined) {
        // The path without its trailing slash (routes are joined with one), the query as configured.
        const u = new URL(value);
        return { value: `${u.origin}${u.pathname.replace(/\/+$/, '')}${u.search}` };
      }
      const hint = {
        userinfo: `: remove it, it is never sent (${USERINFO_INSTEAD[setting.name] ?? 'the credentials have their own settings'})`,
        fragment: ': remove the #… part, a fragment is never sent',
        'not-http': setting.example ? ` (e.g. ${setting.example})` : '',
      }[problem];
      return { problem: `${setting.name} ${URL_PROBLEMS[problem]}: '${redactUrl(value)}'${hint}` };
    }
    case 'int': {
      const n = Number(value);
      if (/^[+-]?\d+$/.test(value) && n >= setting.min! && n <= setting.max!) return { value: n };
      return { problem: `${setting.name} must be a whole number from ${setting.min} to ${setting.max}, got ${shown}` };
    }
    case 'number': {
      const n = Number(value);
      if (Number.isFinite(n) && n > 0) return { value: n };
      return { problem: `${setting.name} must be a positive number, got ${shown}` };
    }
    case 'flag': {
      const v = value.toLowerCase();
      if (['1', 'true', 'yes'].includes(v)) return { value: true };
      if (['0', 'false', 'no'].includes(v)) return { value: false };
      return { problem: `${setting.name} must be 0 or 1, got ${shown}` };
    }
    case 'list':
      return { value: [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))] };
    case 'text':
      return { value };
  }
}

/**
 * Reads the configuration from the merged settings (config/environment.ts); throws
 * {@link ConfigError} listing every problem: unknown `SYNTCH_*`/`EBIZ_*`/`CONFORMANCE_*` names
 * (with the known name meant), credentials for an API whose URL is missing, required settings
 * missing, values out of range.
 */
export function loadConfig(env: Env): ConformanceConfig {
  const problems: string[] = unknownSettings(env);
  const empty = emptySettings(env);
  if (empty.length > 0) problems.push(emptyProblem(empty));
  const get = (name: SettingName): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const url = { syntch: get('SYNTCH_BASE_URL'), ebiz: get('EBIZ_SOAP_URL') };
  const embedded = url.syntch === undefined && url.ebiz === undefined;

  // Every known setting in table order, so the problems read like .env.example.
  const values = new Map<SettingName, Parsed>();
  for (const s of SETTINGS) {
    if (s.api === 'reference') continue;
    const raw = get(s.name);
    if (s.type === 'url' && raw === undefined && !empty.includes(s.name)) {
      const orphans = SETTINGS.filter((o) => o.api === s.api && o.name !== s.name && get(o.name) !== undefined).map((o) => o.name);
      if (orphans.length > 0) {
        problems.push(
          `${s.name} is not set, but ${list(orphans)} ${orphans.length === 1 ? 'is' : 'are'}: set ${s.name} to ${s.what} (e.g. ${s.example}), ` +
            `or remove ${orphans.length === 1 ? 'it' : 'them'} (unused without ${s.name})`,
        );
      }
    }
    const text = raw ?? (s.api === 'run' && 'default' in s ? s.default : undefined);
    if (text === undefined) {
      if ('required' in s && s.required && (s.api === 'syntch' || s.api === 'ebiz') && url[s.api] !== undefined && !empty.includes(s.name)) problems.push(`${s.name} is not set: ${s.what}`);
      continue;
    }
    const parsed = parseSetting(s, text);
    if ('problem' in parsed) problems.push(parsed.problem);
    else values.set(s.name, parsed.value);
  }
  const str = (name: SettingName) => values.get(name) as string | undefined;
  const num = (name: SettingName) => values.get(name) as number | undefined;

  const notTested: { syntch?: string; ebiz?: string } = {};
  let syntch: SyntchConfig | undefined;
  if (url.syntch !== undefined) {
    const customerKey = num('SYNTCH_CUSTOMER_KEY') ?? 0;
    const missingCustomerKey = num('SYNTCH_MISSING_CUSTOMER_KEY');
    const authorizationNoRole = str('SYNTCH_AUTHORIZATION_NO_ROLE');
    const authorizationReseller = str('SYNTCH_AUTHORIZATION_RESELLER');
    const authorizationOtherMerchant = str('SYNTCH_AUTHORIZATION_OTHER_MERCHANT');
    syntch = {
      baseUrl: str('SYNTCH_BASE_URL') ?? url.syntch,
      authorization: str('SYNTCH_AUTHORIZATION') ?? '',
      customerKey,
      ...(authorizationNoRole !== undefined ? { authorizationNoRole } : {}),
      ...(authorizationReseller !== undefined ? { authorizationReseller } : {}),
      ...(authorizationOtherMerchant !== undefined ? { authorizationOtherMerchant } : {}),
      ...(missingCustomerKey !== undefined ? { missingCustomerKey } : {}),
    };
    if (missingCustomerKey !== undefined && num('SYNTCH_CUSTOMER_KEY') === missingCustomerKey) {
      problems.push('SYNTCH_MISSING_CUSTOMER_KEY must differ from SYNTCH_CUSTOMER_KEY');
    }
    // The same credential twice would test nothing: the check would send the configured user again.
    for (const name of ['SYNTCH_AUTHORIZATION_RESELLER', 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT'] as const) {
      if (str(name) !== undefined && str(name) === str('SYNTCH_AUTHORIZATION')) problems.push(`${name} must be another user than SYNTCH_AUTHORIZATION (it has the same value)`);
    }
  } else if (!embedded) {
    notTested.syntch = 'SYNTCH_BASE_URL not set';
  }

  let ebiz: EbizConfig | undefined;
  if (url.ebiz !== undefined) {
    const userId = str('EBIZ_USER_ID');
    const password = str('EBIZ_PASSWORD');
    const securityIdOtherMerchant = str('EBIZ_SECURITY_ID_OTHER_MERCHANT');
    if (securityIdOtherMerchant !== undefined && securityIdOtherMerchant === str('EBIZ_SECURITY_ID')) problems.push('EBIZ_SECURITY_ID_OTHER_MERCHANT must be another merchant\'s SecurityId than EBIZ_SECURITY_ID (it has the same value)');
    ebiz = {
      soapUrl: str('EBIZ_SOAP_URL') ?? url.ebiz,
      securityId: str('EBIZ_SECURITY_ID') ?? '',
      customerInternalId: str('EBIZ_CUSTOMER_INTERNAL_ID') ?? '',
      ...(userId !== undefined ? { userId } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(securityIdOtherMerchant !== undefined ? { securityIdOtherMerchant } : {}),
    };
  } else if (!embedded) {
    notTested.ebiz = 'EBIZ_SOAP_URL not set';
  }

  const rateLimit = num('CONFORMANCE_RATE_LIMIT');
  const run: RunSettings = {
    seed: num('CONFORMANCE_SEED') ?? randomSeed(),
    runs: num('CONFORMANCE_RUNS')!,
    concurrency: num('CONFORMANCE_CONCURRENCY')!,
    timeoutMs: num('CONFORMANCE_TIMEOUT_MS')!,
    retries: num('CONFORMANCE_RETRIES')!,
    maxResponseBytes: num('CONFORMANCE_MAX_RESPONSE_BYTES')!,
    checks: (values.get('CONFORMANCE_CHECKS') as readonly string[] | undefined) ?? [],
    excludeChecks: (values.get('CONFORMANCE_EXCLUDE_CHECKS') as readonly string[] | undefined) ?? [],
    reportDir: str('CONFORMANCE_REPORT_DIR')!,
    strict: values.get('CONFORMANCE_STRICT') === true,
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return { embedded, ...(syntch ? { syntch } : {}), ...(ebiz ? { ebiz } : {}), notTested, run };
}

/**
 * The settings a run reads that are present but empty or only white space — in CI, a secret that
 * is not defined is passed as an empty string — and `DOTENV_CONFIG_PATH` when it is (it would name
 * no file). Each is a configuration problem, never "not set": an empty URL must not turn a run
 * into the self-test of the embedded reference (docs/INTERPRETING.md §configuration). A flag
 * given empty (`--name=`) unsets its variable before this is read (cli/main.ts).
 */
export function emptySettings(env: Env): string[] {
  const names = [...SETTINGS.filter((s) => s.api !== 'reference').map((s) => s.name), ENV_FILE_VARIABLE];
  return names.filter((name) => env[name] !== undefined && env[name]!.trim() === '');
}

/** One message for every empty setting, naming each. */
export function emptyProblem(names: readonly string[]): string {
  const one = names.length === 1;
  return (
    `${list(names)} ${one ? 'is' : 'are'} set but empty: give ${one ? 'it a value or unset it' : 'each a value or unset it'} ` +
    '(in CI a secret or variable that is not defined arrives as an empty string; in .env delete the line or comment it out)'
  );
}

/** The variable that names the one `.env` file to read (config/environment.ts). */
export const ENV_FILE_VARIABLE = 'DOTENV_CONFIG_PATH';

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

const bare = (s: string): string => s.replace(/_/g, '');

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Problems for names that look like the suite's but are not known: every `SYNTCH_*`, `EBIZ_*`
 * or `CONFORMANCE_*` name (any case) that is not a setting, and any other name one edit away
 * from a setting (`SYNCH_BASE_URL`). Values are never shown (a misspelt secret is still a secret).
 */
export function unknownSettings(env: Env): string[] {
  const known = new Set<string>(SETTINGS.map((s) => s.name));
  const candidates = SETTINGS.filter((s) => s.api !== 'reference').map((s) => s.name);
  const problems: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (known.has(name) || env[name] === undefined) continue;
    const upper = name.toUpperCase();
    const ours = SETTING_PREFIXES.some((p) => upper.startsWith(p));
    if (ours) {
      const meant = suggestSetting(name, candidates);
      const caseOnly = meant.includes(upper) ? ' (names are case-sensitive)' : '';
      problems.push(`${name} is not a known setting${meant.length ? `: did you mean ${meant.join(' or ')}?${caseOnly}` : ''}`);
    } else if (name.length >= 10) {
      // Someone else's variable unless it is one edit from ours (a length two apart is two edits at
      // least: no distance is computed for it, and a CI job's environment has a hundred names).
      const meant = candidates.filter((c) => (Math.abs(upper.length - c.length) <= 1 && distance(upper, c) <= 1) || bare(upper) === bare(c));
      if (meant.length) problems.push(`${name} is not a known setting: did you mean ${meant.join(' or ')}?`);
    }
  }
  return problems;
}

/**
 * The known names `name` most likely misspells, closest first (ties all returned): by
 * Damerau-Levenshtein distance (adjacent transpositions count one edit), case-insensitively, and
 * also with every `_` ignored (`SYNTCH_BASEURL` is `SYNTCH_BASE_URL`). Close enough means at most
 * about a third of the known name after its prefix, or the same words with some left out
 * (`EBIZ_URL` → `EBIZ_SOAP_URL`, `CONFORMANCE_STRICT_MODE` → `CONFORMANCE_STRICT`). Empty when
 * nothing is close.
 */
export function suggestSetting(name: string, candidates: readonly string[] = SETTINGS.map((s) => s.name)): string[] {
  const upper = name.toUpperCase();
  const afterPrefix = (s: string) => bare(s.slice(s.indexOf('_') + 1));
  let best = Infinity;
  let found: string[] = [];
  for (const candidate of candidates) {
    const d = Math.min(distance(upper, candidate), distance(bare(upper), bare(candidate)));
    const close = d <= Math.floor((afterPrefix(candidate).length + 2) / 3) || sameWords(upper, candidate);
    if (!close) continue;
    if (d < best) {
      best = d;
      found = [candidate];
    } else if (d === best) {
      found.push(candidate);
    }
  }
  return found;
}

/** Same prefix, and the words after it of one are the other's with words left out (`EBIZ_CUSTOMER_ID`, `EBIZ_CUSTOMER_INTERNAL_ID`). */
function sameWords(a: string, b: string): boolean {
  const [prefixA, ...wordsA] = a.split('_').filter((w) => w !== '');
  const [prefixB, ...wordsB] = b.split('_').filter((w) => w !== '');
  if (prefixA !== prefixB || wordsA.length === 0 || wordsB.length === 0) return false;
  const within = (few: string[], many: string[]) => {
    let i = 0;
    for (const w of many) if (w === few[i]) i++;
    return i === few.length;
  };
  return within(wordsA, wordsB) || within(wordsB, wordsA);
}


/**
 * Secret values with the variable that holds each, longest first (so a secret inside another is
 * masked as the outer): the secret settings, and the query values and the user name and password
 * of the URL settings, each a part of its variable (`[code in SYNTCH_BASE_URL]`; lib/url.ts).
 */
export function secretsOf(env: Env): SecretPair[] {
  const parts = SETTINGS.filter((s) => s.type === 'url').flatMap((s) => {
    const value = env[s.name]?.trim();
    return value ? urlSecrets(value, s.name) : [];
  });
  return [...secretPairs(env, SECRET_VARIABLES), ...parts].sort((a, b) => b[0].length - a[0].length);
}

/** `text` with every configured secret, in every form it can take in output, replaced by `$VARIABLE` (lib/secrets.ts). */
export { maskSecrets } from '../lib/secrets.ts';
