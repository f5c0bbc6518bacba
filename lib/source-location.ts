/**
 * Where a definition lives in the source, as `file:line` relative to the project root, so `trace`
 * can point a reader at the line (docs/ARCHITECTURE.md §trace). A registry entry made by a
 * function (`defineCheck`, `defineSuite`, a clause's constructor) records its caller's line from
 * the stack at the moment it is made; an entry written as a literal in a table is found by its key
 * in the table's module. Nothing here is read by a run: only `trace` asks.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './package-root.ts';

const ROOT = PACKAGE_ROOT;
const WHERE = new WeakMap<object, () => string | undefined>();

/** `file:line` of one stack frame (`    at f (file:///…/x.ts:12:3)` or `    at /…/x.ts:12:3`). */
function frameLocation(frame: string | undefined): string | undefined {
  const m = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):\d+\)?$/.exec(frame?.trim() ?? '');
  if (!m) return undefined;
  const path = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
  return `${relative(ROOT, path).split('\\').join('/')}:${m[2]}`;
}

/**
 * Records where `value` is defined and returns it: the line that calls `defined` (`frame` 0), or the
 * line that calls the function that calls it (`frame` 1: `defineCheck(…)` in a check's module).
 */
export function defined<T extends object>(value: T, frame = 0): T {
  // Stack: the message, this function, its caller, the caller's caller, …
  const location = frameLocation(new Error().stack?.split('\n')[2 + frame]);
  WHERE.set(value, () => location);
  return value;
}

/**
 * The lines of the module at `path`: the file named, or — in the compiled package, where a module
 * named with `.ts` was compiled to `.js` and the sources are not shipped — the `.js` beside it; none
 * when neither can be read (a location is then unknown, never an error).
 */
function sourceLines(path: string): { path: string; lines: string[] } | undefined {
  for (const candidate of [path, path.replace(/\.ts$/, '.js')]) {
    try {
      return { path: candidate, lines: readFileSync(candidate, 'utf8').split('\n') };
    } catch {
      /* the next candidate */
    }
  }
  return undefined;
}

/**
 * Records, for each entry of a table written as literals in the module at `moduleUrl`
 * (`import.meta.url`), the line where its `key` property is written (`name: 'nil-omitted'`).
 */
export function definedInTable<T extends object>(moduleUrl: string, key: keyof T & string, entries: readonly T[]): readonly T[] {
  let source: ReturnType<typeof sourceLines> | null = null;
  const path = fileURLToPath(moduleUrl);
  for (const entry of entries) {
    const value = entry[key];
    WHERE.set(entry, () => {
      if (source === null) source = sourceLines(path);
      if (!source) return undefined;
      const i = source.lines.findIndex((l) => l.includes(`${key}: ${JSON.stringify(value)}`) || l.includes(`${key}: '${String(value)}'`));
      return i < 0 ? undefined : `${relative(ROOT, source.path).split('\\').join('/')}:${i + 1}`;
    });
  }
  return entries;
}

/** The line where the module at `moduleUrl` declares the export `name` (`export function name`, `export const name`). */
export function exportLocation(moduleUrl: string, name: string): string | undefined {
  const source = sourceLines(fileURLToPath(moduleUrl));
  if (!source) return undefined;
  const i = source.lines.findIndex((l) => new RegExp(`^export (?:async )?(?:function\\*? |const |let )${name}\\b`).test(l));
  return i < 0 ? undefined : `${relative(ROOT, source.path).split('\\').join('/')}:${i + 1}`;
}

/** Where `value` was defined (`checks/put-customer/role-required.ts:5`), when it was recorded. */
export function whereDefined(value: object): string | undefined {
  return WHERE.get(value)?.();
}
