/**
 * `gateway-conformance verify DIR`: checks the certificate a certifying run wrote into DIR against
 * its conformance.json and the installed suite's contract (reporting/verify.ts). Exit 0 when they
 * match, 1 when they do not (each disagreement printed), 2 when there is nothing to check (no
 * certificate, an unreadable file) or the command line cannot be read.
 */
import { guardLines } from '../lib/untrusted-text.ts';
import { COMMON_OPTIONS, PROGRAM, isEntry, readCommandLine, usageError, writeThenExit, asText } from './support.ts';

const COMMAND = `${PROGRAM} verify`;
export const VERIFY_USAGE = `usage: ${COMMAND} DIR
  checks DIR/certificate.json against DIR/conformance.json (its SHA-256 and every fact it states),
  the report against itself, and the contract hash against this installed suite's.
  Exit 0: they match; 1: they do not (each difference printed); 2: nothing to check.
  --help, -h     this text        --version     the suite's version`;

export async function main(argv: readonly string[]): Promise<void> {
  const { positionals } = await readCommandLine(COMMAND, { args: [...argv], options: COMMON_OPTIONS, allowPositionals: true }, VERIFY_USAGE);
  if (positionals.length !== 1) usageError(COMMAND, 'name one report directory', VERIFY_USAGE);
  const { verifyCertificate } = await import('../reporting/verify.ts');
  const dir = positionals[0]!;
  const result = verifyCertificate(dir);
  const say = (lines: readonly string[], code: number) => writeThenExit(asText(lines.flatMap((line) => guardLines(line))), code);
  if (result.unreadable !== undefined) return say([`verify: nothing to check: ${result.unreadable}`], 2);
  const c = result.certificate!;
  if (result.problems.length > 0) {
    return say([...result.problems.map((p) => `verify: MISMATCH: ${p}`), `verify: FAILED — ${dir} does not hold a valid certificate (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`], 1);
  }
  return say([`verify: OK — ${c.verdict.toUpperCase()}, ${c.suite.name} ${c.suite.version}, contract ${c.contract.hash.slice(0, 12)}…, seed ${c.seed}, ${c.date}; ${c.report.file} SHA-256 ${c.report.sha256}`], 0);
}

if (isEntry(import.meta.url)) await main(process.argv.slice(2));
