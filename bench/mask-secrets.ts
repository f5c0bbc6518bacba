/**
 * `npx tsx bench/mask-secrets.ts`: how long masking takes on a large answer (2.6 MB: two million
 * plain characters, 100,000 escaped ones, then the secret), the median of 5 runs. A measure, not a
 * test (test/lib/secrets.test.ts checks the result on the same text): masking is one pass of one
 * regular expression, so it should stay well under a second on any machine.
 */
import { maskSecrets } from '../lib/secrets.ts';

const AUTH = 'Bearer t0k"en <x&y> z\'q';
const secrets: [string, string][] = [[AUTH, 'SYNTCH_AUTHORIZATION']];
const big = `${'a'.repeat(2_000_000)}${' <&"> '.repeat(100_000)}${AUTH}`;
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  if (!maskSecrets(big, secrets).endsWith('$SYNTCH_AUTHORIZATION')) throw new Error('the secret at the end was not masked');
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`maskSecrets on ${(big.length / 1e6).toFixed(1)} M characters: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})`);
