/**
 * The layers of the source tree and the imports between them (docs/ARCHITECTURE.md §layers), read
 * with TypeScript's own pre-parser: static imports, re-exports, `import type` and `import()` alike.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

/**
 * Bottom to top: a folder may import its own files and the folders of the layers below it, never a
 * layer above, and never a sibling of its own layer (runner and reference know nothing of each other).
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['lib'],
  ['contract', 'config'],
  ['generators'],
  ['checks'],
  ['suites'],
  ['runner', 'reference'],
  ['reporting'],
  ['self-check', 'export'],
  ['cli'],
  ['bin', 'bench'],
];

export interface Import {
  /** Repository-relative paths, `/`-separated. */
  readonly from: string;
  readonly to: string;
}

/** Every relative import of every source file under `root` (test/ and node_modules/ left out). */
export function importGraph(root: string): Import[] {
  const folders = LAYERS.flat();
  const files = folders.flatMap((folder) => {
    try {
      return (readdirSync(join(root, folder), { recursive: true }) as string[]).map((f) => posix.join(folder, f.split('\\').join('/')));
    } catch {
      return [];
    }
  });
  return files
    .filter((f) => /\.(ts|js)$/.test(f))
    .flatMap((from) =>
      ts
        .preProcessFile(readFileSync(join(root, from), 'utf8'), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => ({ from, to: relative(root, join(root, dirname(from), spec)).split('\\').join('/') })),
    );
}

const folderOf = (path: string): string => path.split('/')[0]!;

/** The layer of a repository path; undefined outside the layers (package.json, the WSDL file, …). */
export function layerOf(path: string): number | undefined {
  const i = LAYERS.findIndex((layer) => layer.includes(folderOf(path)));
  return i < 0 ? undefined : i;
}

/** Imports that point up a layer, or across to a sibling folder of the same layer, in words. */
export function layerViolations(graph: readonly Import[]): string[] {
  const out: string[] = [];
  for (const { from, to } of graph) {
    const [a, b] = [layerOf(from), layerOf(to)];
    if (a === undefined || b === undefined || folderOf(from) === folderOf(to)) continue;
    if (b > a) out.push(`${from} imports ${to}: ${folderOf(to)}/ is a layer above ${folderOf(from)}/`);
    else if (b === a) out.push(`${from} imports ${to}: ${folderOf(from)}/ and ${folderOf(to)}/ are siblings of one layer`);
  }
  return out;
}

/** The import cycles between files, each as the files on it (Tarjan's strongly connected components). */
export function importCycles(graph: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of graph) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
