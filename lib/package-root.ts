/**
 * The package's root directory — where package.json, the WSDL and the project's `.env` live — for
 * the sources (run through tsx in a clone) and the compiled JavaScript (`dist/`, in the installed
 * package) alike: the first directory above this module that holds a package.json. A module finds
 * a file of the package with {@link packagePath}, never by counting `..` from its own place, so
 * the same code runs from `lib/` and from `dist/lib/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The package's root directory (absolute). */
export const PACKAGE_ROOT: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The absolute path of `relative` (a path with `/`, as package.json's `files` names it) inside the package. */
export function packagePath(relative: string): string {
  return join(PACKAGE_ROOT, ...relative.split('/'));
}

/** package.json's name and version: the version every report and `--version` print. */
export const PACKAGE: { readonly name: string; readonly version: string } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string; version: string };
